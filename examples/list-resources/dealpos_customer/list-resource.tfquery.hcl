# customers.tfquery.hcl -- Terraform 1.14 and later:
#   terraform query -generate-config-out=customers.tf
# writes an import block and a resource block for every listed customer;
# `terraform plan` then plans imports only.
list "dealpos_customer" "north" {
  provider = dealpos

  config {
    outlet    = "North"
    join_from = "2024-01-01"
  }
}
