# Terraform 1.12 and later: import by resource identity, the customer ID.
import {
  to = dealpos_customer.hw001
  identity = {
    id = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"
  }
}
