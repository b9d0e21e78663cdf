# A customer can be imported by any of its unique keys.

# By ID (a GUID).
terraform import dealpos_customer.hw001 3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10
terraform import dealpos_customer.hw001 id:3f2c8a9e-5b7d-4c1e-9a6f-0d8e2b4c6a10

# By code: code:X, or a bare value that is neither a GUID nor contains an @.
terraform import dealpos_customer.hw001 code:HW001
terraform import dealpos_customer.hw001 HW001

# By email: email:X, or a bare value containing an @.
terraform import dealpos_customer.hw001 email:hana.wijaya@example.com
terraform import dealpos_customer.hw001 hana.wijaya@example.com

# By mobile number (only with the prefix).
terraform import dealpos_customer.hw001 mobile:+6281234567890
