# Terraform 1.12 and later: import by resource identity, the category ID.
import {
  to = dealpos_category.snack
  identity = {
    id = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"
  }
}
