# A managed category, so the product's category is created first and is not
# left behind as an unmanaged category DealPOS creates on its own.
resource "dealpos_category" "tees" {
  name = "Apparel/Tees"
}

resource "dealpos_product" "captain_tee" {
  code        = "1003"
  name        = "Captain America T-Shirt"
  category    = dealpos_category.tees.name
  brand       = "Marvel"
  description = "New Arrival"
  image_url   = "https://images.example.com/1003.jpg"
  extra_image_urls = [
    "https://images.example.com/1003-back.jpg",
  ]

  # Keyed by variant code (SKU): reordering changes nothing, and each
  # variant's change shows on its own in a plan.
  variants = {
    "1003S" = {
      model      = "Small"
      unit_cost  = 100000
      unit_price = 150000
    }
    "1003M" = {
      model       = "Medium"
      unit_cost   = 100000
      unit_price  = 155000
      description = "Regular fit"
    }
  }

  # Destroy (or a code change) discontinues the product instead of deleting
  # it, for tenants that refuse to delete products with sales history.
  discontinue_on_destroy = true
}
