# Outlets are read only: create them in the DealPOS back office.
data "dealpos_outlets" "active" {
  suspended = false
}

data "dealpos_outlets" "main" {
  name = "Main Outlet"
}

output "active_outlet_names" {
  value = data.dealpos_outlets.active.outlets[*].name
}

output "main_outlet_id" {
  value = one(data.dealpos_outlets.main.outlets).id
}
