# Terraform 1.5 and later: import blocks, planned and applied like any change.
# `terraform plan -generate-config-out=generated.tf` writes the matching
# resource blocks.

import {
  to = dealpos_customer.by_id
  id = "3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10"
}

import {
  to = dealpos_customer.hw001
  id = "code:HW001"
}

import {
  to = dealpos_customer.by_email
  id = "email:hana.wijaya@example.com"
}

import {
  to = dealpos_customer.by_mobile
  id = "mobile:+6281234567890"
}
