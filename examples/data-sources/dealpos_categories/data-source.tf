data "dealpos_categories" "all" {}

data "dealpos_categories" "discontinued" {
  discontinued = true
}

output "category_names" {
  value = data.dealpos_categories.all.categories[*].name
}
