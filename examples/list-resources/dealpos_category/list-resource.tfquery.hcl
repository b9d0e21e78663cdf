# categories.tfquery.hcl -- Terraform 1.14 and later:
#   terraform query -generate-config-out=categories.tf
# writes an import block and a resource block for every listed category
# (every level of a path is its own category); `terraform plan` then plans
# imports only.
list "dealpos_category" "in_use" {
  provider = dealpos

  # Terraform stops after `limit` results, 100 unless set.
  limit = 1000

  # Full objects for the generated configuration: one more request per category.
  include_resource = true

  config {
    discontinued = false
  }
}
