# Seeds DealPOS customers from customers.csv, one dealpos_customer per row.
#
# `make demo` runs this against the bundled simulator. To run it by hand,
# start the simulator (go run ./internal/simulator/cmd/dealpos-sim) and export
# the DEALPOS_BASE_URL and DEALPOS_TOKEN it prints.

terraform {
  required_providers {
    dealpos = {
      source = "dealpos/dealpos"
    }
  }
}

# Configured from DEALPOS_BASE_URL and DEALPOS_TOKEN.
provider "dealpos" {}

locals {
  customers = { for row in csvdecode(file("${path.module}/customers.csv")) : row.code => row }
}

resource "dealpos_customer" "seed" {
  for_each = local.customers

  code       = each.value.code
  name       = each.value.name
  email      = each.value.email
  mobile     = each.value.mobile
  gender     = each.value.gender
  birth_date = each.value.birth_date
  # Empty CSV cells mean "not set".
  group         = each.value.group != "" ? each.value.group : null
  loyalty_point = tonumber(each.value.loyalty_point)
}

output "customer_ids" {
  description = "DealPOS customer ID of each seeded code."
  value       = { for code, c in dealpos_customer.seed : code => c.id }
}

output "join_dates" {
  description = "Join date DealPOS assigned to each seeded customer."
  value       = { for code, c in dealpos_customer.seed : code => c.join_date }
}

# Read the seeded customers back through the list endpoint.
data "dealpos_customers" "seeded" {
  depends_on = [dealpos_customer.seed]
}

output "listed_customers" {
  description = "Every customer in the tenant, as the dealpos_customers data source lists them."
  value       = [for c in data.dealpos_customers.seeded.customers : "${c.code} ${c.name} <${c.email}> joined ${c.join_date}"]
}
