resource "dealpos_customer" "hw001" {
  code   = "HW001"
  name   = "Hana Wijaya"
  email  = "hana.wijaya@example.com"
  mobile = "+6281234567890"
  status = "Active"

  first_name = "Hana"
  last_name  = "Wijaya"
  phone      = "+62215550123"
  address    = "Jl. Sudirman No. 1, Jakarta"
  image_url  = "https://example.com/photos/hw001.jpg"
  gender     = "Female"
  birth_date = "1994-03-18"

  group         = "Gold"
  expired_group = "2026-12-31"

  # Omit loyalty_point to let the till own the balance.
  loyalty_point = 120

  # Taken only at create: a later change is refused at plan time.
  signup_outlet = "Jakarta Central"
  referral_code = "AB002"

  timeouts {
    create = "30m"
  }
}
