# products.tfquery.hcl -- Terraform 1.14 and later:
#   terraform query -generate-config-out=products.tf
# writes an import block and a resource block (variants included) for every
# listed product; `terraform plan` then plans imports only.
list "dealpos_product" "tees" {
  provider = dealpos

  # Terraform stops after `limit` results, 100 unless set.
  limit = 2000

  # Full objects for the generated configuration: one more request per variant.
  include_resource = true

  config {
    category     = "Apparel/Tees"
    discontinued = false
  }
}
