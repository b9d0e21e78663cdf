# Terraform 1.5 and later.
import {
  to = dealpos_outlet_price.captain_tee_small
  id = "1003S"
}
