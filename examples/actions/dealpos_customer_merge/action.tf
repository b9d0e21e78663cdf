# Merge two duplicates into the customer HW001:
#   terraform apply -invoke=action.dealpos_customer_merge.hana
# Each customer is named as an import ID: an ID, a code, an email, or
# id:X, code:X, email:X, mobile:X.
action "dealpos_customer_merge" "hana" {
  config {
    target     = "code:HW001"
    duplicates = ["code:HW001-2", "email:hana.w@example.com"]
  }
}
