# customers.tfquery.hcl -- Terraform 1.14 and later:
#   terraform query -generate-config-out=customers.tf
# writes an import block and a resource block for every listed customer;
# `terraform plan` then plans imports only.
list "dealpos_customer" "all" {
  provider = dealpos

  # Terraform stops after `limit` results, 100 unless set: set it above the
  # number of customers to adopt (the dealpos_customers data source's
  # total_count tells), or a larger tenant is adopted only in part.
  limit = 5000

  # Full records, for the generated configuration: one more request per
  # customer (at 50 requests per 180 s, about an hour per 1,000).
  include_resource = true

  # Optional filters, here left out to list the whole tenant. To adopt only
  # part of it, name a signup outlet and a join date range:
  # config {
  #   outlet    = "Main Outlet"
  #   join_from = "2024-01-01"
  # }
}
