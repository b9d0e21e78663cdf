# Terraform 1.5 and later: import by customer ID.
import {
  to = dealpos_customer_pin.shared_counter
  id = "2ce78ff3-a07d-4205-ba93-1a9d22172985"
}
