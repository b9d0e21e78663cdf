package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const productAddr = "dealpos_product.test"

// productVariantHCL is one element of a variants map.
type productVariantHCL struct {
	code, model string
	extra       []string
}

// productHCL renders a dealpos_product "test" block: the product's
// attribute lines, then its variants.
func productHCL(attrs []string, variants ...productVariantHCL) string {
	var b strings.Builder
	b.WriteString("resource \"dealpos_product\" \"test\" {\n  " + strings.Join(attrs, "\n  ") + "\n  variants = {\n")
	for _, v := range variants {
		fmt.Fprintf(&b, "    %q = {\n      model = %q\n", v.code, v.model)
		for _, line := range v.extra {
			b.WriteString("      " + line + "\n")
		}
		b.WriteString("    }\n")
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

var baseProduct = []string{
	`code      = "P001"`,
	`name      = "Captain Tee"`,
	`category  = "Apparel/Tees"`,
	`brand     = "Marvel"`,
	`image_url = "https://img.example.com/p001.jpg"`,
}

var (
	variantS = productVariantHCL{"P001-S", "Small", []string{"unit_cost = 100000", "unit_price = 150000"}}
	variantM = productVariantHCL{"P001-M", "Medium", []string{"unit_cost = 110000", "unit_price = 160000", `description = "Regular fit"`}}
	variantL = productVariantHCL{"P001-L", "Large", []string{"unit_price = 170000", `type = "NonInventory"`}}
)

// simClient is a DealPOS client for the simulator, to change records
// outside Terraform.
func simClient(t *testing.T, sim *testSim) *dealpos.Client {
	t.Helper()
	c, err := dealpos.New(dealpos.Config{BaseURL: sim.URL, Token: testToken, RequestTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// simProduct is the simulator's stored product with that code.
func simProduct(sim *testSim, code string) (simulator.Product, bool) {
	for _, p := range sim.Products() {
		if p.Code == code {
			return p, true
		}
	}
	return simulator.Product{}, false
}

func variantOf(p simulator.Product, code string) (simulator.Variant, bool) {
	for _, v := range p.Variants {
		if v.Code == code {
			return v, true
		}
	}
	return simulator.Variant{}, false
}

// checkProduct asserts on the simulator's stored product.
func checkProduct(sim *testSim, code string, check func(p simulator.Product) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, ok := simProduct(sim, code)
		if !ok {
			return fmt.Errorf("product %s is not in the simulator", code)
		}
		return check(p)
	}
}

// checkWrites asserts the write requests the simulator saw since the last
// ResetStats: exactly these counts of these endpoints, and no other write.
func checkWrites(sim *testSim, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := map[string]int{}
		for k, n := range sim.Stats().Requests {
			if !strings.HasPrefix(k, "GET ") && !strings.HasSuffix(k, "/p") && !strings.HasSuffix(k, "/Category/ID") {
				got[k] = n
			}
		}
		for k, n := range want {
			if got[k] != n {
				return fmt.Errorf("%s was called %d times, want %d (writes seen: %v)", k, got[k], n, got)
			}
			delete(got, k)
		}
		if len(got) > 0 {
			return fmt.Errorf("unexpected writes: %v", got)
		}
		return nil
	}
}

func TestAccProduct_lifecycle(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	client := simClient(t, sim)
	var id string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	config := func(attrs []string, vs ...productVariantHCL) string {
		return sim.providerHCL() + productHCL(attrs, vs...)
	}
	renamed := replace(baseProduct, map[string]string{"name": `name = "Captain Tee v2"`})
	mPriced := productVariantHCL{"P001-M", "Medium", []string{"unit_cost = 110000", "unit_price = 165000", `description = "Regular fit"`}}
	mChanged := productVariantHCL{"P001-M", "Medium Fit", []string{"unit_cost = 110000", "unit_price = 165000", `type = "MultipleUOM"`}}
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate)}}

	steps := []resource.TestStep{
		{
			// Create: one POST /Product carrying both variants.
			Config: config(baseProduct, variantS, variantM),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrWith(productAddr, "id", func(v string) error { id = v; return nil }),
				checkProduct(sim, "P001", func(p simulator.Product) error {
					s, okS := variantOf(p, "P001-S")
					m, okM := variantOf(p, "P001-M")
					if p.Name != "Captain Tee" || p.Category != "Apparel/Tees" || p.Brand != "Marvel" || len(p.Variants) != 2 ||
						!okS || !okM || s.UnitPrice != 150000 || s.UnitCost != 100000 || m.Description != "Regular fit" || m.Type != "Standard" {
						return fmt.Errorf("stored product does not match the configuration: %+v", p)
					}
					return nil
				}),
				func(*terraform.State) error {
					if n := sim.Stats().Requests["POST /Product"]; n != 1 {
						return fmt.Errorf("POST /Product called %d times, want 1", n)
					}
					return nil
				},
			),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(productAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants").AtMapKey("P001-S").AtMapKey("id"), knownvalue.StringRegexp(guidPattern)),
				statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants").AtMapKey("P001-S").AtMapKey("type"), knownvalue.StringExact("Standard")),
				statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("extra_image_urls"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("discontinued"), knownvalue.Bool(false)),
			},
		},
		{Config: config(baseProduct, variantS, variantM), ConfigPlanChecks: empty},
		// The variants written in another order: no change.
		{Config: config(baseProduct, variantM, variantS), ConfigPlanChecks: empty},
		{
			// Name and a price change in place: PUT /Product without
			// variants, PUT /Variant for the one variant.
			PreConfig:        sim.ResetStats,
			Config:           config(renamed, variantS, mPriced),
			ConfigPlanChecks: update,
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(productAddr, tfjsonpath.New("id")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkWrites(sim, map[string]int{"PUT /Product": 1, "PUT /Variant": 1}),
				checkProduct(sim, "P001", func(p simulator.Product) error {
					m, _ := variantOf(p, "P001-M")
					if p.ID != id || p.Name != "Captain Tee v2" || m.UnitPrice != 165000 || len(p.Variants) != 2 {
						return fmt.Errorf("update not applied in place: %+v", p)
					}
					return nil
				}),
			),
		},
		{
			// A variant added: only POST /Variant/Add; the others untouched.
			PreConfig:        sim.ResetStats,
			Config:           config(renamed, variantS, mPriced, variantL),
			ConfigPlanChecks: update,
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(productAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants").AtMapKey("P001-L").AtMapKey("id"), knownvalue.StringRegexp(guidPattern)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkWrites(sim, map[string]int{"POST /Variant/Add": 1}),
				checkProduct(sim, "P001", func(p simulator.Product) error {
					l, ok := variantOf(p, "P001-L")
					if len(p.Variants) != 3 || !ok || l.Type != "NonInventory" || l.UnitPrice != 170000 {
						return fmt.Errorf("variant not added as configured: %+v", p)
					}
					return nil
				}),
			),
		},
		{Config: config(renamed, variantS, mPriced, variantL), ConfigPlanChecks: empty},
		{
			// A variant changed (model, type, description removed) and one
			// removed: PUT /Variant and DELETE /Variant, no product write.
			PreConfig:        sim.ResetStats,
			Config:           config(renamed, mChanged, variantL),
			ConfigPlanChecks: update,
			Check: resource.ComposeAggregateTestCheckFunc(
				checkWrites(sim, map[string]int{"PUT /Variant": 1, "DELETE /Variant": 1}),
				checkProduct(sim, "P001", func(p simulator.Product) error {
					m, _ := variantOf(p, "P001-M")
					_, hasS := variantOf(p, "P001-S")
					if hasS || len(p.Variants) != 2 || m.Model != "Medium Fit" || m.Type != "MultipleUOM" || m.Description != "" {
						return fmt.Errorf("variant change or removal not applied: %+v", p)
					}
					return nil
				}),
			),
		},
		{
			// Drift: a price and the name changed outside Terraform are seen
			// and reverted.
			PreConfig: func() {
				price := int64(999)
				if err := client.UpdateVariant(context.Background(), dealpos.VariantUpdate{Code: "P001-L", UnitPrice: &price}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config(renamed, mChanged, variantL),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants").AtMapKey("P001-L").AtMapKey("unit_price"), knownvalue.Int64Exact(170000)),
			}},
			Check: checkProduct(sim, "P001", func(p simulator.Product) error {
				if l, _ := variantOf(p, "P001-L"); l.UnitPrice != 170000 {
					return fmt.Errorf("drift not reverted: %+v", l)
				}
				return nil
			}),
		},
		{
			// A variant added outside Terraform is planned for removal.
			PreConfig: func() {
				if _, err := client.AddVariants(context.Background(), "P001", []dealpos.VariantInput{{Code: "P001-XL", Model: "XL"}}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config(renamed, mChanged, variantL),
			ConfigPlanChecks: update,
			Check: checkProduct(sim, "P001", func(p simulator.Product) error {
				if _, ok := variantOf(p, "P001-XL"); ok || len(p.Variants) != 2 {
					return fmt.Errorf("unmanaged variant not removed: %+v", p)
				}
				return nil
			}),
		},
	}
	// Import by ID, by code, with and without prefix: the same state.
	for _, form := range []func() string{
		func() string { return id },
		func() string { return "id:" + id },
		func() string { return "code:P001" },
		func() string { return "P001" },
	} {
		steps = append(steps, resource.TestStep{
			ResourceName:            productAddr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"timeouts"},
			ImportStateIdFunc:       func(*terraform.State) (string, error) { return form(), nil },
		})
	}
	steps = append(steps,
		resource.TestStep{
			// An import block with a matching configuration plans no change.
			ResourceName:      productAddr,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return "code:P001", nil },
		},
		resource.TestStep{
			// Deleted outside Terraform: the next apply creates it again.
			PreConfig: func() {
				if err := client.DeleteProduct(context.Background(), "P001", id); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config(renamed, mChanged, variantL),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionCreate)}},
			Check: resource.TestCheckResourceAttrWith(productAddr, "id", func(v string) error {
				if v == id {
					return fmt.Errorf("expected a new ID after re-creation, got the old one")
				}
				return nil
			}),
		},
		resource.TestStep{
			// A new code replaces the product.
			Config: config(replace(renamed, map[string]string{"code": `code = "P002"`}), mChanged, variantL),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error {
					if _, ok := simProduct(sim, "P001"); ok {
						return fmt.Errorf("the product of the old code is still there")
					}
					return nil
				},
				checkProduct(sim, "P002", func(p simulator.Product) error {
					if len(p.Variants) != 2 || p.Name != "Captain Tee v2" {
						return fmt.Errorf("product of the new code: %+v", p)
					}
					return nil
				}),
			),
		},
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			if n := len(sim.Products()); n != 0 {
				return fmt.Errorf("after destroy the simulator holds %d products", n)
			}
			return nil
		},
	})
}

// TestAccProduct_discontinueOnDestroy: destroy marks the product
// discontinued and leaves it in DealPOS.
func TestAccProduct_discontinueOnDestroy(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	attrs := append(append([]string(nil), baseProduct...), "discontinue_on_destroy = true")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: sim.providerHCL() + productHCL(attrs, variantS)}},
		CheckDestroy: func(*terraform.State) error {
			p, ok := simProduct(sim, "P001")
			if !ok || !p.Discontinued || len(p.Variants) != 1 {
				return fmt.Errorf("want the product kept and discontinued, got %+v (found %v)", p, ok)
			}
			if n := sim.Stats().Requests["DELETE /Product"]; n != 0 {
				return fmt.Errorf("DELETE /Product was called %d times", n)
			}
			return nil
		},
	})
}

// TestAccProduct_imageRewritten: DealPOS may store an image as a CDN copy
// and answer that URL instead (the simulator's ImageURLRewrite fault): the
// URL Terraform wrote stays in state and plans nothing; one changed outside
// Terraform is drift, and reverted.
func TestAccProduct_imageRewritten(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{ImageURLRewrite: simulator.ImageRewriteCDN})
	client := simClient(t, sim)
	attrs := append(slices.Clone(baseProduct), `extra_image_urls = ["https://img.example.com/p001-back.jpg"]`)
	config := sim.providerHCL() + productHCL(attrs, variantS)
	stored := func(want string) resource.TestCheckFunc {
		return checkProduct(sim, "P001", func(p simulator.Product) error {
			if p.ImageURL != want {
				return fmt.Errorf("DealPOS stores the image URL %s, want %s", p.ImageURL, want)
			}
			if extra := simulator.CDNImagePrefix + "p001-back.jpg"; !slices.Equal(p.ExtraImagesURL, []string{extra}) {
				return fmt.Errorf("DealPOS stores the extra image URLs %v, want [%s]", p.ExtraImagesURL, extra)
			}
			return nil
		})
	}
	cdnCopy := simulator.CDNImagePrefix + "p001.jpg"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("image_url"), knownvalue.StringExact("https://img.example.com/p001.jpg")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("extra_image_urls"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("https://img.example.com/p001-back.jpg")})),
				},
				Check: stored(cdnCopy), // the API answers another URL than the one written
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				// Changed elsewhere to an image of its own: drift, reverted.
				PreConfig: func() {
					in := dealpos.ProductInput{Code: "P001", Name: "Captain Tee", Category: "Apparel/Tees", ImageURL: "https://other.example.org/x.jpg"}
					if _, err := client.UpdateProduct(context.Background(), in); err != nil {
						t.Fatal(err)
					}
					if p, _ := simProduct(sim, "P001"); p.ImageURL != simulator.CDNImagePrefix+"x.jpg" {
						t.Fatalf("the change elsewhere stored %s", p.ImageURL)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
				}},
				Check: stored(cdnCopy),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

func TestAccProduct_validation(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	cases := []struct {
		attrs    []string
		variants []productVariantHCL
		want     string
	}{
		{baseProduct, []productVariantHCL{{"V1", "One", []string{"unit_price = -1"}}}, `unit_price value must be at least 0`},
		{baseProduct, []productVariantHCL{{"V1", "One", []string{"unit_cost = -5"}}}, `unit_cost value must be at least 0`},
		{baseProduct, []productVariantHCL{{"V1", "One", []string{`type = "Bespoke"`}}}, `value must be one of`},
		{baseProduct, []productVariantHCL{{"V1", "One", []string{`type = "Serialized"`}}}, `Cannot write variant type Serialized`},
		{baseProduct, []productVariantHCL{{" ", "One", nil}}, `must not be empty`},
		{baseProduct, []productVariantHCL{{"V1", "", nil}}, `model must not be empty`},
		{baseProduct, nil, `map must contain at least 1 elements`},
		{replace(baseProduct, map[string]string{"code": `code = ""`}), []productVariantHCL{{"V1", "One", nil}}, `code must not be empty`},
		{replace(baseProduct, map[string]string{"name": `name = "  "`}), []productVariantHCL{{"V1", "One", nil}}, `name must not be empty`},
		{replace(baseProduct, map[string]string{"category": `category = "Apparel//Tees"`}), []productVariantHCL{{"V1", "One", nil}}, `empty level`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      sim.providerHCL() + productHCL(tc.attrs, tc.variants...),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	if n := sim.Stats().Total; n != 0 {
		t.Errorf("validation errors must come before any API call; the simulator saw %d requests", n)
	}
}

func TestAccProductDataSource(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	config := sim.providerHCL() + productHCL(baseProduct, variantS, variantL) + `
data "dealpos_product" "by_code" {
  code               = dealpos_product.test.code
  read_variant_types = true
}
data "dealpos_product" "by_id" {
  id                 = dealpos_product.test.id
  read_variant_types = true
}
data "dealpos_product" "without_types" {
  code = dealpos_product.test.code
}
`
	ds := func(name string) string { return "data.dealpos_product." + name }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds("by_code"), tfjsonpath.New("name"), knownvalue.StringExact("Captain Tee")),
				statecheck.ExpectKnownValue(ds("by_code"), tfjsonpath.New("category"), knownvalue.StringExact("Apparel/Tees")),
				statecheck.ExpectKnownValue(ds("by_code"), tfjsonpath.New("variants").AtMapKey("P001-L").AtMapKey("type"), knownvalue.StringExact("NonInventory")),
				statecheck.ExpectKnownValue(ds("by_code"), tfjsonpath.New("variants").AtMapKey("P001-S").AtMapKey("unit_price"), knownvalue.Int64Exact(150000)),
				statecheck.ExpectKnownValue(ds("by_id"), tfjsonpath.New("code"), knownvalue.StringExact("P001")),
				statecheck.CompareValuePairs(ds("by_id"), tfjsonpath.New("variants"), productAddr, tfjsonpath.New("variants"), compare.ValuesSame()),
				statecheck.ExpectKnownValue(ds("without_types"), tfjsonpath.New("variants").AtMapKey("P001-L").AtMapKey("type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("without_types"), tfjsonpath.New("variants").AtMapKey("P001-L").AtMapKey("unit_price"), knownvalue.Int64Exact(170000)),
			},
		}},
	})
}
