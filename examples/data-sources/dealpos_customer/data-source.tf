# Exactly one of id, code, email and mobile selects the customer.
data "dealpos_customer" "by_code" {
  code = "HW001"
}

data "dealpos_customer" "by_email" {
  email = "hendry@example.com"
}

output "hendry_group" {
  value = data.dealpos_customer.by_code.group
}
