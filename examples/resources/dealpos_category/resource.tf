# A managed parent, and a child that refers to it: Terraform creates the
# parent first, and renaming the parent renames the child in place.
resource "dealpos_category" "food" {
  name = "Food"
  code = "FD" # taken only at create: a later change is refused at plan time
}

resource "dealpos_category" "snack" {
  name = "${dealpos_category.food.name}/Snack"
}

resource "dealpos_category" "pastries" {
  name         = "${dealpos_category.snack.name}/Pastries"
  discontinued = true
}

# DealPOS creates the missing parent "Drinks" itself. That parent is not
# managed: Terraform neither changes nor deletes it.
resource "dealpos_category" "tea" {
  name = "Drinks/Tea"
}
