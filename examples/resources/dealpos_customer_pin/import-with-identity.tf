# Terraform 1.12 and later: import by resource identity, the customer ID.
import {
  to = dealpos_customer_pin.shared_counter
  identity = {
    id = "2ce78ff3-a07d-4205-ba93-1a9d22172985"
  }
}
