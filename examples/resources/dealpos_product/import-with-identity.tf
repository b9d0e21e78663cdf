# Terraform 1.12 and later: import by resource identity, the product ID.
import {
  to = dealpos_product.captain_tee
  identity = {
    id = "7d3c2a1b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
  }
}
