# Terraform 1.5 and later: an import block, planned and applied like any
# change. It adopts the customer of the example above, found by its code.
# The same customer can be named by any of its unique keys:
#   id = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"  (a bare GUID, or id:GUID)
#   id = "email:hana.wijaya@example.com"        (or a bare value with an @)
#   id = "mobile:+6281234567890"                 (the prefix is required)
# Without a resource block, `terraform plan -generate-config-out=generated.tf`
# writes one.
import {
  to = dealpos_customer.hw001
  id = "code:HW001"
}
