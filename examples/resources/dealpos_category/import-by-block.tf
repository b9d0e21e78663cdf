# Terraform 1.5 and later: import blocks, planned and applied like any change.
# `terraform plan -generate-config-out=generated.tf` writes the matching
# resource blocks.

import {
  to = dealpos_category.food
  id = "name:Food"
}

import {
  to = dealpos_category.snack
  id = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"
}
