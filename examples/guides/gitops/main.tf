# A configuration run by a GitOps pipeline. The pipeline sets
# DEALPOS_SUBDOMAIN, DEALPOS_CLIENT_ID and DEALPOS_CLIENT_SECRET from its
# secret store; nothing secret is in this file. The backend is in backend.tf.
terraform {
  required_version = ">= 1.7"

  required_providers {
    dealpos = {
      source  = "dealpos/dealpos"
      version = "~> 0.1.0" # 0.1.x only: read the CHANGELOG before moving to 0.2
    }
  }
}

variable "bulk_refresh" {
  description = "true for pull-request plans (a few requests per 1,000 records, from the API's lists); false for the nightly drift check."
  type        = bool
  default     = false
}

provider "dealpos" {
  bulk_refresh = var.bulk_refresh
}

resource "dealpos_customer" "vip" {
  code   = "VIP-001"
  name   = "Maya Anggraini"
  email  = "maya.anggraini@example.com"
  mobile = "+6281299900001"
  group  = "Platinum"

  # A plan that would delete this customer (and its purchase history) fails.
  lifecycle {
    prevent_destroy = true
  }
}

# The catalog: a category, a product with its variants, and the price of one
# variant in one outlet. A bulk refresh reads them from the category list,
# the product list and the outlet prices of the listed products.
resource "dealpos_category" "shirts" {
  name = "Apparel/Shirts"
}

resource "dealpos_product" "tee" {
  code      = "TS-001"
  name      = "Classic Tee"
  category  = dealpos_category.shirts.name
  brand     = "House Brand"
  image_url = "https://images.example.com/ts-001.jpg"

  variants = {
    "TS-001-S" = { model = "Small", unit_cost = 40000, unit_price = 99000 }
    "TS-001-M" = { model = "Medium", unit_cost = 40000, unit_price = 99000 }
  }
}

resource "dealpos_outlet_price" "tee_small" {
  variant_code = "${dealpos_product.tee.code}-S"
  prices = {
    "Main Outlet" = { unit_price = 89000 }
  }
}

# A customer removed from the configuration is deleted from DealPOS. To stop
# managing one without deleting it, replace its resource block with:
removed {
  from = dealpos_customer.former_vip

  lifecycle {
    destroy = false
  }
}
