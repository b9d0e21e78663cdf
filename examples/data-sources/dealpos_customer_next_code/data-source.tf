# The code the tenant's Customer Code Generator would assign next.
data "dealpos_customer_next_code" "next" {}

resource "dealpos_customer" "walk_in" {
  code   = data.dealpos_customer_next_code.next.code
  name   = "Walk-in customer"
  email  = "walk-in@example.com"
  mobile = "0800000001"

  # The next code changes once this customer exists; keep the one it got.
  lifecycle {
    ignore_changes = [code]
  }
}
