# A category can be imported by its ID or by its name (the full path).

# By ID (a GUID).
terraform import dealpos_category.snack 3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10
terraform import dealpos_category.snack id:3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10

# By name: name:X, or a bare value that is not a GUID.
terraform import dealpos_category.snack name:Food/Snack
terraform import dealpos_category.snack Food/Snack
