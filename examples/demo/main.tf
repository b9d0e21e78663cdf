# Seeds DealPOS customers from customers.csv, one dealpos_customer per row,
# and a small catalog: categories, products with variants, outlet prices.
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
  # One object per row, keyed by code (stable: a key is the resource's
  # address, so changing a code in the CSV needs a `moved` block). A blank
  # cell is null, "not set", in every column: the provider then leaves the
  # attribute to DealPOS instead of receiving an empty string.
  customers = {
    for row in csvdecode(file("${path.module}/customers.csv")) :
    row.code => { for column, cell in row : column => trimspace(cell) == "" ? null : trimspace(cell) }
  }
}

resource "dealpos_customer" "seed" {
  for_each = local.customers

  code       = each.value.code
  name       = each.value.name
  email      = each.value.email
  mobile     = each.value.mobile
  gender     = each.value.gender
  birth_date = each.value.birth_date
  group      = each.value.group
  # Blank: the till owns the balance (read, never a diff).
  loyalty_point = each.value.loyalty_point == null ? null : tonumber(each.value.loyalty_point)
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

# Outputs are printed and kept in state in clear text: no email or mobile
# number here, and only the seeded customers, not the whole tenant.
output "listed_customers" {
  description = "The seeded customers, as the dealpos_customers data source lists them."
  value = [
    for c in data.dealpos_customers.seeded.customers : "${c.code} joined ${c.join_date}"
    if contains(keys(local.customers), c.code)
  ]
}

# ---- A small catalog ----

# A managed parent category and a child that refers to it by name, so
# Terraform creates the parent first.
resource "dealpos_category" "apparel" {
  name = "Apparel"
}

resource "dealpos_category" "tees" {
  name = "${dealpos_category.apparel.name}/Tees"
}

locals {
  products = {
    "TEE-CAP" = {
      name = "Captain T-Shirt"
      variants = {
        "TEE-CAP-S" = { model = "Small", unit_cost = 100000, unit_price = 150000 }
        "TEE-CAP-M" = { model = "Medium", unit_cost = 100000, unit_price = 155000 }
      }
    }
    "TEE-IRON" = {
      name = "Iron T-Shirt"
      variants = {
        "TEE-IRON-S" = { model = "Small", unit_cost = 90000, unit_price = 140000 }
        "TEE-IRON-M" = { model = "Medium", unit_cost = 90000, unit_price = 145000 }
      }
    }
  }
}

resource "dealpos_product" "tee" {
  for_each = local.products

  code      = each.key
  name      = each.value.name
  category  = dealpos_category.tees.name
  brand     = "Demo Brand"
  image_url = "https://images.example.com/${lower(each.key)}.jpg"
  variants  = each.value.variants
}

# The outlets the simulator seeds (the provider reads outlets, never creates them).
data "dealpos_outlets" "active" {
  suspended = false
}

# One variant priced per outlet: 5% more in every outlet after the first.
resource "dealpos_outlet_price" "tee_cap_small" {
  variant_code = "TEE-CAP-S"
  depends_on   = [dealpos_product.tee]

  prices = {
    for i, o in data.dealpos_outlets.active.outlets : o.name => {
      unit_price = i == 0 ? 150000 : 157500
      extra_cost = 0
    }
  }
}

output "product_variant_ids" {
  description = "DealPOS variant ID of each seeded variant code."
  value       = merge([for p in dealpos_product.tee : { for code, v in p.variants : code => v.id }]...)
}

output "outlet_prices" {
  description = "Unit price of TEE-CAP-S in each outlet."
  value       = { for outlet, p in dealpos_outlet_price.tee_cap_small.prices : outlet => p.unit_price }
}
