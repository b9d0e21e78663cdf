# Every customer of the tenant.
data "dealpos_customers" "all" {}

# Customers of one outlet who joined in January 2024.
data "dealpos_customers" "north_january" {
  outlet    = "North"
  join_from = "2024-01-01"
  join_to   = "2024-01-31"
}

# The first 50 customers whose name matches.
data "dealpos_customers" "wijaya" {
  name        = "Wijaya"
  max_results = 50
}

output "customer_count" {
  value = data.dealpos_customers.all.total_count
}

output "north_january_codes" {
  value = [for c in data.dealpos_customers.north_january.customers : c.code]
}
