data "dealpos_customer" "primary" {
  code = "BS021"
}

data "dealpos_customer" "duplicate" {
  email = "budi.santoso.work@example.com"
}

# Read one customer's current PIN without persisting it anywhere, and give a
# second record of the same person the same PIN through a write-only argument.
ephemeral "dealpos_customer_pin" "primary" {
  customer_id = data.dealpos_customer.primary.id
}

resource "dealpos_customer_pin" "duplicate" {
  customer_id    = data.dealpos_customer.duplicate.id
  pin_wo         = ephemeral.dealpos_customer_pin.primary.pin
  pin_wo_version = 1
}
