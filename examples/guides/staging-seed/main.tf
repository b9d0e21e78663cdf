# Seeds a staging tenant from customers.csv: one dealpos_customer per row,
# keyed by code. Connection and credentials come from the environment
# (DEALPOS_BASE_URL or DEALPOS_SUBDOMAIN, DEALPOS_TOKEN or DEALPOS_CLIENT_ID
# and DEALPOS_CLIENT_SECRET).
terraform {
  required_providers {
    dealpos = {
      source = "dealpos/dealpos"
    }
  }
}

provider "dealpos" {}

locals {
  # A blank cell is null ("not set") in every column, so an optional column
  # left empty is left to DealPOS rather than sent as an empty string. Two
  # rows with the same code fail the plan with "Duplicate object key".
  customers = {
    for row in csvdecode(file("${path.module}/customers.csv")) :
    row.code => { for column, cell in row : column => trimspace(cell) == "" ? null : trimspace(cell) }
  }
}

resource "dealpos_customer" "seed" {
  for_each = local.customers

  code          = each.key
  name          = each.value.name
  email         = each.value.email
  mobile        = each.value.mobile
  first_name    = each.value.first_name
  last_name     = each.value.last_name
  phone         = each.value.phone
  address       = each.value.address
  gender        = each.value.gender
  birth_date    = each.value.birth_date
  group         = each.value.group
  expired_group = each.value.expired_group
  loyalty_point = each.value.loyalty_point == null ? null : tonumber(each.value.loyalty_point)
  signup_outlet = each.value.signup_outlet
}

# A code changed in the CSV changes the resource's key. Tell Terraform, and
# the customer is updated in place instead of deleted and created again:
# moved {
#   from = dealpos_customer.seed["STG-002"]
#   to   = dealpos_customer.seed["STG-102"]
# }

output "seeded_count" {
  value = length(dealpos_customer.seed)
}

# Contact details are personal data: sensitive keeps them out of the plan
# and apply output (they are still in the state, in clear text).
output "seeded_contacts" {
  sensitive = true
  value     = { for code, c in dealpos_customer.seed : code => { email = c.email, mobile = c.mobile } }
}
