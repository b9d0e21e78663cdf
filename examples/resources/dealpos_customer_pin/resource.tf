resource "dealpos_customer" "dewi" {
  code   = "DP030"
  name   = "Dewi Pratama"
  email  = "dewi.pratama@example.com"
  mobile = "+6281311122233"
}

variable "redemption_pin" {
  description = "PIN Dewi uses to redeem loyalty points."
  type        = string
  sensitive   = true
  ephemeral   = true
}

# Recommended: a write-only PIN (Terraform 1.11+), never stored in plan or
# state. Bump pin_wo_version to send a new one.
resource "dealpos_customer_pin" "dewi" {
  customer_id    = dealpos_customer.dewi.id
  pin_wo         = var.redemption_pin
  pin_wo_version = 1
}

# Alternative: a sensitive PIN kept in state (so a change made outside
# Terraform shows up as a diff). Never write the PIN itself into the
# configuration: pass it in, for example as TF_VAR_counter_pin.
variable "counter_pin" {
  description = "PIN of the shared counter account."
  type        = string
  sensitive   = true
}

resource "dealpos_customer_pin" "shared_counter" {
  customer_id = "2ce78ff3-a07d-4205-ba93-1a9d22172985"
  pin         = var.counter_pin
}
