# Exactly one of id, code, email and mobile selects the customer.
data "dealpos_customer" "by_code" {
  code = "AL014"
}

data "dealpos_customer" "by_email" {
  email = "rina.susanti@example.com"
}

output "al014_group" {
  value = data.dealpos_customer.by_code.group
}

# The read-only extras DealPOS keeps (title, city, nationality, fax,
# identification) are on the data source only.
output "rina_city" {
  value = data.dealpos_customer.by_email.city
}
