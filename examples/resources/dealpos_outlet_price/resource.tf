resource "dealpos_product" "captain_tee" {
  code      = "1003"
  name      = "Captain America T-Shirt"
  category  = "Apparel/Tees"
  brand     = "Marvel"
  image_url = "https://images.example.com/1003.jpg"

  variants = {
    "1003S" = { model = "Small", unit_price = 150000 }
  }
}

# Outlet names as DealPOS knows them.
data "dealpos_outlets" "active" {
  suspended = false
}

resource "dealpos_outlet_price" "captain_tee_small" {
  variant_code = "1003S"

  # The variant must exist before its prices are set.
  depends_on = [dealpos_product.captain_tee]

  # Keyed by outlet name: here the same price in every active outlet, with
  # an extra cost in the first one.
  prices = {
    for i, o in data.dealpos_outlets.active.outlets : o.name => {
      unit_price = 155000
      extra_cost = i == 0 ? 5000 : 0
    }
  }
}
