# Exactly one of id and name selects the category.
data "dealpos_category" "snack" {
  name = "Food/Snack"
}

data "dealpos_category" "by_id" {
  id = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"
}

output "snack_code" {
  value = data.dealpos_category.snack.code
}
