# By code (or by id).
data "dealpos_product" "captain_tee" {
  code = "1003"
}

output "captain_tee_variant_prices" {
  description = "Unit price of each variant, by variant code."
  value       = { for code, v in data.dealpos_product.captain_tee.variants : code => v.unit_price }
}
