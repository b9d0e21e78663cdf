# A product can be imported by ID or by code.

# By ID (a GUID).
terraform import dealpos_product.captain_tee 7d3c2a1b-4e5f-4a6b-8c7d-9e0f1a2b3c4d
terraform import dealpos_product.captain_tee id:7d3c2a1b-4e5f-4a6b-8c7d-9e0f1a2b3c4d

# By product code: code:X, or a bare value that is not a GUID.
terraform import dealpos_product.captain_tee code:1003
terraform import dealpos_product.captain_tee 1003
