# Outlet prices are imported by variant code.
terraform import dealpos_outlet_price.captain_tee_small 1003S
