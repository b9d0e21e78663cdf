resource "dealpos_customer" "hendry" {
  code   = "HW001"
  name   = "Hendry Wijaya"
  email  = "hendry@example.com"
  mobile = "08569314515"
}

variable "redemption_pin" {
  description = "PIN the customer uses to redeem loyalty points."
  type        = string
  sensitive   = true
  ephemeral   = true
}

# Recommended: a write-only PIN (Terraform 1.11+), never stored in plan or
# state. Bump pin_wo_version to send a new one.
resource "dealpos_customer_pin" "hendry" {
  customer_id    = dealpos_customer.hendry.id
  pin_wo         = var.redemption_pin
  pin_wo_version = 1
}

# Alternative: a sensitive PIN kept in state, where a change made outside
# Terraform shows up as a diff.
resource "dealpos_customer_pin" "shared_counter" {
  customer_id = "2ce78ff3-a07d-4205-ba93-1a9d22172985"
  pin         = "482913"
}
