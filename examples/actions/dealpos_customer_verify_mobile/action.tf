# Mark a mobile number unverified, on demand:
#   terraform apply -invoke=action.dealpos_customer_verify_mobile.hw001
action "dealpos_customer_verify_mobile" "hw001" {
  config {
    mobile   = "+6281234567890"
    verified = false
  }
}
