# After the merge: the customer kept is still managed, the duplicates'
# resource blocks are gone, and removed blocks forget them without a
# delete. Merge with:
#   terraform apply -invoke=action.dealpos_customer_merge.hana
# then run terraform apply once to drop the duplicates from the state.
resource "dealpos_customer" "hana" {
  code   = "HW001"
  name   = "Hana Wijaya"
  email  = "hana.wijaya@example.com"
  mobile = "+6281234567890"
}

action "dealpos_customer_merge" "hana" {
  config {
    target     = "code:${dealpos_customer.hana.code}"
    duplicates = ["code:HW001-2", "email:hana.w@example.com"]
  }
}

removed {
  from = dealpos_customer.hana_2
  lifecycle {
    destroy = false
  }
}

removed {
  from = dealpos_customer.hana_3
  lifecycle {
    destroy = false
  }
}
