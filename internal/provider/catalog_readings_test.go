package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// The catalog through the real CLI under the readings of the API that the
// reference leaves open, each produced by a simulator switch.

// TestAccOutletPrice_priceNamedPrice: an API that names an outlet's price
// Price (as Update Variant's items do) rather than UnitPrice plans no
// change after the create; an entry with neither, or a list under another
// name, fails the refresh and keeps the prices in state.
func TestAccOutletPrice_priceNamedPrice(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{OutletPriceRead: simulator.OutletPricePrice})
	config := sim.providerHCL() + productHCL(baseProduct, variantS) + outletPriceHCL(`"Main Outlet" = { unit_price = 155000, extra_cost = 5000 }`)
	reading := func(mode string) func() { return func() { sim.SetFaults(simulator.Faults{OutletPriceRead: mode}) } }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(outletPriceAddr, tfjsonpath.New("prices").AtMapKey("Main Outlet").AtMapKey("unit_price"), knownvalue.Int64Exact(155000)),
				},
			},
			{Config: config, ConfigPlanChecks: emptyPlan},
			{PreConfig: reading(simulator.OutletPriceBare), Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(`neither UnitPrice nor Price`)},
			{PreConfig: reading(simulator.OutletPriceRenamed), Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(`without an Outlets list`)},
			{
				// Neither failed refresh dropped or zeroed the prices.
				PreConfig: reading(""), Config: config, ConfigPlanChecks: emptyPlan,
				Check: checkOutletPrices(sim, simulator.OutletPrice{Outlet: "Main Outlet", UnitPrice: 155000, ExtraCost: 5000}),
			},
		},
	})
}

// TestAccCategory_lastLevelName: an API whose read by ID answers the
// last level only ("Snack" for Food/Snack) creates, refreshes and imports
// categories by their full path with no diff, and a rename done elsewhere
// is still planned back; a read without an ID is an error, not a category
// gone.
func TestAccCategory_lastLevelName(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{CategoryRead: simulator.CategoryLastLevel})
	config := sim.providerHCL() + categoryHCL("food", `name = "Food"`) + categoryHCL("snack", `name = "${dealpos_category.food.name}/Snack"`)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  resource.TestCheckResourceAttrWith(snackAddr, "id", func(v string) error { id = v; return nil }),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(snackAddr, tfjsonpath.New("name"), knownvalue.StringExact("Food/Snack")),
				},
			},
			{
				// A refresh costs one read per category: the known path
				// completes the last level.
				PreConfig: sim.ResetStats, Config: config, ConfigPlanChecks: emptyPlan,
				Check: expectRequests(sim, map[string]int{"POST /Category/ID": 2}),
			},
			{ResourceName: snackAddr, ImportState: true, ImportStateVerify: true},
			{
				PreConfig: func() {
					simCategoryCall(t, sim, "PUT", map[string]any{"Name": "Food/Snack", "Rename": "Food/Chips", "Discontinued": false})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(snackAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(snackAddr, tfjsonpath.New("name"), knownvalue.StringExact("Food/Snack")),
				}},
				Check: checkCategory(sim, &id, func(c simulator.Category) error {
					if c.Name != "Food/Snack" {
						return fmt.Errorf("the rename elsewhere was not reverted: %q", c.Name)
					}
					return nil
				}),
			},
			{Config: config, ConfigPlanChecks: emptyPlan},
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{CategoryRead: simulator.CategoryNoID}) },
				Config:    config, PlanOnly: true, ExpectError: regexp.MustCompile(`without its ID`),
			},
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{CategoryRead: simulator.CategoryLastLevel}) },
				Config:    config, ConfigPlanChecks: emptyPlan,
				Check: func(*terraform.State) error {
					if n := len(sim.Categories()); n != 2 {
						return fmt.Errorf("the simulator holds %d categories, want 2", n)
					}
					return nil
				},
			},
		},
	})
}

// seedSerialized creates product S001 with a Standard variant S001-A and a
// variant S001-SN that DealPOS holds as Serialized (no write takes it).
func seedSerialized(t *testing.T, sim *testSim) {
	t.Helper()
	_, err := simClient(t, sim).CreateProduct(context.Background(), dealpos.ProductInput{
		Code: "S001", Name: "Phone", Category: "Gadgets", Brand: "Acme", ImageURL: "https://img.example.com/s001.jpg",
		Variants: []dealpos.VariantInput{{Code: "S001-A", Model: "Case", UnitPrice: 100}, {Code: "S001-SN", Model: "Handset", UnitPrice: 5000}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.SetVariantType("S001-SN", dealpos.VariantSerialized); err != nil {
		t.Fatal(err)
	}
}

// serializedHCL imports S001 and describes it; snType is the type line of
// the Serialized variant ("" leaves it unset), price its unit_price.
func serializedHCL(sim *testSim, snType string, price int, extra ...productVariantHCL) string {
	attrs := []string{`code = "S001"`, `name = "Phone"`, `category = "Gadgets"`, `brand = "Acme"`, `image_url = "https://img.example.com/s001.jpg"`}
	sn := productVariantHCL{"S001-SN", "Handset", []string{fmt.Sprintf("unit_price = %d", price)}}
	if snType != "" {
		sn.extra = append(sn.extra, snType)
	}
	vs := append([]productVariantHCL{{"S001-A", "Case", []string{"unit_price = 100"}}, sn}, extra...)
	return sim.providerHCL() + "import {\n  to = dealpos_product.test\n  id = \"code:S001\"\n}\n" + productHCL(attrs, vs...)
}

// TestAccProduct_serializedVariant: a product with a variant DealPOS holds
// as Serialized is imported and described, its other attributes managed;
// a change to or from Serialized is refused at plan time, and leaving
// type out plans no write.
func TestAccProduct_serializedVariant(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	seedSerialized(t, sim)
	snType := tfjsonpath.New("variants").AtMapKey("S001-SN").AtMapKey("type")
	serialized := checkProduct(sim, "S001", func(p simulator.Product) error {
		if v, _ := variantOf(p, "S001-SN"); v.Type != dealpos.VariantSerialized {
			return fmt.Errorf("the variant's type became %q", v.Type)
		}
		return nil
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Imported with its type written out: no change.
				Config: serializedHCL(sim, `type = "Serialized"`, 5000),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(productAddr, snType, knownvalue.StringExact("Serialized"))},
			},
			{
				// Its price managed: PUT /Variant without a type.
				PreConfig: sim.ResetStats,
				Config:    serializedHCL(sim, `type = "Serialized"`, 5500),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkWrites(sim, map[string]int{"PUT /Variant": 1}),
					serialized,
					checkProduct(sim, "S001", func(p simulator.Product) error {
						if v, _ := variantOf(p, "S001-SN"); v.UnitPrice != 5500 {
							return fmt.Errorf("unit price %d, want 5500", v.UnitPrice)
						}
						return nil
					}),
				),
			},
			// type left out: the type DealPOS holds stays, for both variants.
			{Config: serializedHCL(sim, "", 5500), ConfigPlanChecks: emptyPlan},
			{
				Config: serializedHCL(sim, `type = "Standard"`, 5500), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Cannot write variant type Serialized.*from "Serialized" to\s+"Standard"`),
			},
			{
				Config: serializedHCL(sim, "", 5500, productVariantHCL{"S001-NEW", "New", []string{`type = "Serialized"`}}), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Cannot write variant type Serialized.*a new variant`),
			},
			{Config: serializedHCL(sim, "", 5500), ConfigPlanChecks: emptyPlan, Check: serialized},
		},
	})
}

// TestAccProduct_readCostsOneRequestWhateverItsVariants: a product of 30
// variants is refreshed by the resource and read by the data source in one
// request each; only the import reads each variant's type, once.
func TestAccProduct_readCostsOneRequestWhateverItsVariants(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	in := dealpos.ProductInput{Code: "BIG", Name: "Big", Category: "Bulk", Brand: "Acme", ImageURL: "https://img.example.com/big.jpg"}
	var vs []productVariantHCL
	for i := range 30 {
		code := fmt.Sprintf("BIG-%02d", i)
		in.Variants = append(in.Variants, dealpos.VariantInput{Code: code, Model: code, UnitPrice: 10})
		vs = append(vs, productVariantHCL{code, code, []string{"unit_price = 10"}})
	}
	if _, err := simClient(t, sim).CreateProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	attrs := []string{`code = "BIG"`, `name = "Big"`, `category = "Bulk"`, `brand = "Acme"`, `image_url = "https://img.example.com/big.jpg"`}
	config := sim.providerHCL() + "import {\n  to = dealpos_product.test\n  id = \"code:BIG\"\n}\n" + productHCL(attrs, vs...) +
		"data \"dealpos_product\" \"big\" {\n  code = \"BIG\"\n}\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sim.ResetStats,
				Config:    config,
				Check: func(*terraform.State) error {
					n := sim.Stats().Requests["GET /Variant/Detail"]
					t.Logf("import and apply read %d variant details", n)
					if n != 30 {
						return fmt.Errorf("the import read %d variant types, want 30 (once each)", n)
					}
					return nil
				},
			},
			{
				PreConfig: sim.ResetStats, Config: config, ConfigPlanChecks: emptyPlan,
				Check: expectRequests(sim, map[string]int{"GET /Product/ID": 1, "GET /Product/Detail": 1}),
			},
		},
	})
}

// TestAccProduct_variantReadings: a product's update keeps every variant
// and state stays what DealPOS holds whether PUT /Product merges or
// replaces the variants it is sent and whether DELETE /Variant refuses a
// product's last variant; replacing every variant in one apply works under
// each (it fails if the removals ever run before the additions, since
// DealPOS refuses to leave a product without variants).
func TestAccProduct_variantReadings(t *testing.T) {
	t.Parallel()
	for _, products := range []string{simulator.VariantsMerge, simulator.VariantsReplace} {
		for _, lastVariant := range []string{simulator.LastVariantRefuse, simulator.LastVariantAllow} {
			t.Run(products+"/"+lastVariant, func(t *testing.T) {
				t.Parallel()
				sim := newTestSim(t, simulator.Options{})
				sim.SetFaults(simulator.Faults{ProductVariants: products, LastVariantDelete: lastVariant})
				config := func(attrs []string, vs ...productVariantHCL) string {
					return sim.providerHCL() + productHCL(attrs, vs...)
				}
				renamed := replace(baseProduct, map[string]string{"name": `name = "Captain Tee v2"`})
				mPriced := productVariantHCL{"P001-M", "Medium", []string{"unit_cost = 110000", "unit_price = 165000", `description = "Regular fit"`}}
				newA := productVariantHCL{"P001-A", "Alpha", []string{"unit_price = 1"}}
				newB := productVariantHCL{"P001-B", "Beta", []string{"unit_price = 2", `type = "NonInventory"`}}
				holds := func(want ...string) resource.TestCheckFunc {
					return checkProduct(sim, "P001", func(p simulator.Product) error {
						var got []string
						for _, v := range p.Variants {
							got = append(got, v.Code)
						}
						slices.Sort(got)
						slices.Sort(want)
						if !slices.Equal(got, want) {
							return fmt.Errorf("DealPOS holds variants %v, want %v", got, want)
						}
						return nil
					})
				}
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{
						{Config: config(baseProduct, variantS, variantM), Check: holds("P001-S", "P001-M")},
						{
							// The product's fields, a variant changed and one added in one apply.
							Config: config(renamed, variantS, mPriced, variantL),
							Check: resource.ComposeAggregateTestCheckFunc(
								holds("P001-S", "P001-M", "P001-L"),
								checkProduct(sim, "P001", func(p simulator.Product) error {
									if m, _ := variantOf(p, "P001-M"); p.Name != "Captain Tee v2" || m.UnitPrice != 165000 {
										return fmt.Errorf("update not applied: %+v", p)
									}
									return nil
								}),
							),
						},
						{Config: config(renamed, variantS, mPriced, variantL), ConfigPlanChecks: emptyPlan},
						{
							// Every variant replaced in one apply.
							Config: config(renamed, newA, newB),
							Check:  holds("P001-A", "P001-B"),
							ConfigStateChecks: []statecheck.StateCheck{
								statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants"), knownvalue.MapSizeExact(2)),
								statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants").AtMapKey("P001-B").AtMapKey("id"), knownvalue.StringRegexp(guidPattern)),
							},
						},
						{Config: config(renamed, newA, newB), ConfigPlanChecks: emptyPlan},
					},
				})
			})
		}
	}
}
