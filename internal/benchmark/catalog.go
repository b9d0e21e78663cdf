package main

import (
	"fmt"
	"strings"
)

// catalogCategories is the number of categories the products are spread over.
const catalogCategories = 5

// catalog is one version of the catalog configuration: categories
// categories (catalogCategories when 0), products products of two variants
// (-S and -M; -L too with large), and one outlet price per product, for its
// -S variant.
type catalog struct {
	categories  int
	products    int
	nameSuffix  string // appended to every product name
	mediumPrice int    // unit_price of every -M variant
	large       bool   // every product has a third variant, -L
	outletPrice int    // unit_price of every -S variant in the outlet
}

// hcl is the configuration: the default provider block and the catalog.
func (c catalog) hcl() string {
	return providerBlock + c.resourcesHCL()
}

// resourcesHCL is the catalog's resource blocks.
func (c catalog) resourcesHCL() string {
	categories := c.categories
	if categories == 0 {
		categories = catalogCategories
	}
	var large string
	if c.large {
		large = `
    (format("BP%05d-L", count.index)) = { model = "Large", unit_cost = 100000, unit_price = 160000 }`
	}
	return fmt.Sprintf(`
resource "dealpos_category" "c" {
  count = %d
  name  = format("BenchCategory%%02d", count.index)
}

resource "dealpos_product" "p" {
  count     = %d
  code      = format("BP%%05d", count.index)
  name      = "Bench product ${count.index}%s"
  category  = dealpos_category.c[count.index %% %d].name
  brand     = "Bench"
  image_url = format("https://images.example.com/bp%%05d.jpg", count.index)
  variants = {
    (format("BP%%05d-S", count.index)) = { model = "Small", unit_cost = 100000, unit_price = 150000 }
    (format("BP%%05d-M", count.index)) = { model = "Medium", unit_cost = 100000, unit_price = %d }%s
  }
}

# The reference to the product's code orders each outlet price after its
# product (and before it on destroy).
resource "dealpos_outlet_price" "p" {
  count        = %d
  variant_code = "${dealpos_product.p[count.index].code}-S"
  prices = {
    "Main Outlet" = { unit_price = %d }
  }
}
`, categories, c.products, c.nameSuffix, categories, c.mediumPrice, large, c.products, c.outletPrice)
}

// catalogRequests measures requests per record for the catalog resources:
// every operation is one terraform command over the whole catalog, and a
// record is one resource instance the command creates, reads, changes or
// destroys.
func (b *bench) catalogRequests(out *strings.Builder, n int) error {
	c := catalog{products: n, mediumPrice: 155000, outletPrice: 155000}
	ws, err := b.workspace("catalog", c.hcl())
	if err != nil {
		return err
	}
	t := &opTable{b: b, ws: ws}
	all := catalogCategories + 2*n // categories, products, outlet prices
	apply := []string{"apply", "-auto-approve", "-refresh=false"}
	if err := t.step("create (categories, products, outlet prices)", "terraform apply", all, "apply", "-auto-approve"); err != nil {
		return err
	}
	if err := t.step("refresh (plan)", "terraform plan", all, "plan"); err != nil {
		return err
	}
	c.nameSuffix = " (renamed)"
	if err := t.configStep(c.hcl(), "product field update (name)", "terraform apply -refresh=false", n, apply...); err != nil {
		return err
	}
	c.mediumPrice = 165000
	if err := t.configStep(c.hcl(), "variant price change (one variant per product)", "terraform apply -refresh=false", n, apply...); err != nil {
		return err
	}
	c.large = true
	if err := t.configStep(c.hcl(), "variant added (one per product)", "terraform apply -refresh=false", n, apply...); err != nil {
		return err
	}
	c.large = false
	if err := t.configStep(c.hcl(), "variant removed (one per product)", "terraform apply -refresh=false", n, apply...); err != nil {
		return err
	}
	c.outletPrice = 160000
	if err := t.configStep(c.hcl(), "outlet price change", "terraform apply -refresh=false", n, apply...); err != nil {
		return err
	}
	if err := t.step("destroy", "terraform destroy -refresh=false", all, "destroy", "-auto-approve", "-refresh=false"); err != nil {
		return err
	}
	t.write(out, fmt.Sprintf("#### Catalog: requests per record (%d products of 2 variants in %d categories, one outlet price per product, no quota)",
		n, catalogCategories), "Requests per record", true)
	return nil
}
