# Mark a customer's email verified right after Terraform creates it.
resource "dealpos_customer" "hw001" {
  code   = "HW001"
  name   = "Hana Wijaya"
  email  = "hana.wijaya@example.com"
  mobile = "+6281234567890"

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.dealpos_customer_verify_email.hw001]
    }
  }
}

action "dealpos_customer_verify_email" "hw001" {
  config {
    email    = dealpos_customer.hw001.email
    verified = true
  }
}
