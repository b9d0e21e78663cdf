# Terraform 1.5 and later: an import block, planned and applied like any
# change. It adopts the product of the example above, variants included,
# found by its code; by ID it is id = "7d3c2a1b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
# (a bare GUID, or id:GUID). Without a resource block,
# `terraform plan -generate-config-out=generated.tf` writes one.
import {
  to = dealpos_product.captain_tee
  id = "code:1003"
}
