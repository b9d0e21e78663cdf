package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"
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

// The tests of skip_create_read_back: a create is one request, what only
// DealPOS knows is null until the next refresh, and neither the plan right
// after the apply, nor the plan after a refresh that fills those values,
// shows a change. (Every Config step of terraform-plugin-testing plans once
// without and once with a refresh after its apply, and fails on a
// non-empty plan.)

// skipReadBackHCL is a provider block for sim with skip_create_read_back,
// plus extra lines.
func skipReadBackHCL(sim *testSim, extra ...string) string {
	return fmt.Sprintf(`
provider "dealpos" {
  base_url              = %q
  token                 = %q
  skip_create_read_back = true
  %s
}
`, sim.URL, testToken, strings.Join(extra, "\n  "))
}

// expectRequests checks the requests the simulator saw since the last
// ResetStats: exactly these counts by endpoint, and nothing else.
func expectRequests(sim *testSim, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := sim.Stats().Requests
		for k, n := range got {
			if n == 0 {
				delete(got, k)
			}
		}
		if !maps.Equal(got, want) {
			return fmt.Errorf("requests by endpoint: got %v, want %v", got, want)
		}
		return nil
	}
}

// emptyPlan plans no change before the step's apply.
var emptyPlan = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// TestAccCreateReadBack_customer: a customer with every optional attribute
// unset and one with all of them set, each created with one request; what
// only DealPOS knows is null after the apply, filled by a refresh, and no
// plan along the way shows a change.
func TestAccCreateReadBack_customer(t *testing.T) {
	t.Parallel()
	// Gender answered as a boolean: an unset gender reads back as Male, a
	// value the server chose.
	sim := newTestSim(t, simulator.Options{GenderAsBool: true})
	referrerID := sim.Seed(simulator.Customer{Code: "REF001", Name: "Referrer", Email: "ref@example.com", Mobile: "0800", Status: "Active"})
	full := strings.Replace(customerHCL(fullCustomer...), `"test"`, `"full"`, 1)
	config := skipReadBackHCL(sim) + customerHCL(`code = "MIN1"`, `name = "Minimal"`, `email = "Min@Example.com"`, `mobile = "0811"`) + full
	const minimal, all = customerAddr, "dealpos_customer.full"
	isNull := func(addr string, attrs ...string) []statecheck.StateCheck {
		var out []statecheck.StateCheck
		for _, a := range attrs {
			out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New(a), knownvalue.Null()))
		}
		return out
	}
	date := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sim.ResetStats,
				Config:    config,
				// One POST per customer, no read.
				Check: expectRequests(sim, map[string]int{"POST /Customer": 2}),
				ConfigStateChecks: append(append(
					isNull(minimal, "join_date", "referred_by_id", "gender", "loyalty_point", "signup_outlet", "birth_date", "expired_group", "referral_code"),
					isNull(all, "join_date", "referred_by_id")...),
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("id"), knownvalue.StringRegexp(guidPattern)),
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("email"), knownvalue.StringExact("Min@Example.com")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("gender"), knownvalue.StringExact("Female")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("loyalty_point"), knownvalue.Int64Exact(88)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("referral_code"), knownvalue.StringExact("REF001")),
				),
			},
			// terraform refresh writes what DealPOS knows into the state ...
			{RefreshState: true},
			// ... and the plan over it is empty.
			{
				PreConfig:        sim.ResetStats,
				Config:           config,
				ConfigPlanChecks: emptyPlan,
				Check:            expectRequests(sim, map[string]int{"GET /Customer/id/{id}": 2}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("join_date"), date),
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("gender"), knownvalue.StringExact("Male")),
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("loyalty_point"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(minimal, tfjsonpath.New("referred_by_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("join_date"), date),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("referred_by_id"), knownvalue.StringExact(referrerID)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("email"), knownvalue.StringExact("Hendry@Example.com")),
				},
			},
			// An in-place update afterwards is a read and the write, as without the option
			// (the plan's refresh reads both customers).
			{
				PreConfig: sim.ResetStats,
				Config:    strings.Replace(config, `name = "Minimal"`, `name = "Minimal 2"`, 1),
				Check:     expectRequests(sim, map[string]int{"GET /Customer/id/{id}": 3, "PUT /Customer/ByID": 1}),
			},
		},
	})
}

// TestAccCreateReadBack_updateBeforeRefresh: an update applied without a
// refresh right after such a create (the state still holds the nulls) plans
// and applies cleanly, for a customer and a product, and a later refresh
// fills the values with no change planned.
func TestAccCreateReadBack_updateBeforeRefresh(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	attrs := []string{`code = "U1"`, `name = "Before"`, `email = "u1@example.com"`, `mobile = "0821"`}
	before := skipReadBackHCL(sim) + customerHCL(attrs...) + productHCL(baseProduct, variantS)
	after := skipReadBackHCL(sim) + customerHCL(replace(attrs, map[string]string{"name": `name = "After"`})...) +
		productHCL(replace(baseProduct, map[string]string{"name": `name = "Captain Tee v2"`}), variantS)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		AdditionalCLIOptions:     &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{Config: before},
			{
				Config: after,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("join_date"), knownvalue.Null()),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("extra_image_urls"), knownvalue.Null()),
				},
			},
			{RefreshState: true},
			{
				Config:           after,
				ConfigPlanChecks: emptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("join_date"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("loyalty_point"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("extra_image_urls"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

// TestAccCreateReadBack_customerBulkRefresh: with bulk_refresh as well, a
// customer created without a read-back is read in full by its first
// refresh (the list lacks gender, loyalty points, sign-up outlet and
// referrer); once that refresh is in the state, the list alone serves.
func TestAccCreateReadBack_customerBulkRefresh(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{GenderAsBool: true})
	config := skipReadBackHCL(sim, "bulk_refresh = true") + bulkHCL(3)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sim.ResetStats,
				Config:    config,
				Check:     expectRequests(sim, map[string]int{"POST /Customer": 3}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dealpos_customer.bulk[0]", tfjsonpath.New("gender"), knownvalue.Null()),
				},
			},
			{
				// The refresh reads each customer in full.
				PreConfig:    sim.ResetStats,
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					expectRequests(sim, map[string]int{"GET /Customer/id/{id}": 3}),
					resource.TestCheckResourceAttr("dealpos_customer.bulk.0", "gender", "Male"),
					resource.TestCheckResourceAttr("dealpos_customer.bulk.0", "loyalty_point", "0"),
				),
			},
			{
				// Then the list serves the refresh.
				PreConfig:        sim.ResetStats,
				Config:           config,
				ConfigPlanChecks: emptyPlan,
				Check:            expectRequests(sim, map[string]int{"POST /Customer/WithTotalCount": 1}),
			},
		},
	})
}

// catalogHCL is a category with every optional attribute unset and one with
// all of them set, and a product of each kind.
func catalogHCL() string {
	return categoryHCL("plain", `name = "Apparel"`) +
		categoryHCL("full", `name = "Gifts"`, `code = "GF"`, `discontinued = true`) +
		productHCL(append([]string{`category = dealpos_category.plain.name`}, replace(baseProduct, map[string]string{"category": ""})...),
			productVariantHCL{"P001-S", "Small", nil}) +
		strings.Replace(productHCL([]string{
			`code             = "P002"`,
			`name             = "Gift Box"`,
			`category         = dealpos_category.full.name`,
			`brand            = "Acme"`,
			`description      = "A box"`,
			`discontinued     = true`,
			`image_url        = "https://img.example.com/p002.jpg"`,
			`extra_image_urls = ["https://static.example.org/p002-a.jpg", "https://static.example.org/p002-b.jpg"]`,
			`discontinue_on_destroy = false`,
		},
			productVariantHCL{"P002-A", "Alpha", []string{"unit_cost = 1000", "unit_price = 2000", "discontinued = true", `description = "First"`, `type = "NonInventory"`}},
			productVariantHCL{"P002-B", "Beta", []string{"unit_cost = 0", "unit_price = 0", "discontinued = false", `description = "Second"`, `type = "Standard"`}},
		), `"test"`, `"full"`, 1)
}

// TestAccCreateReadBack_catalog: categories and products, with every
// optional attribute unset and with all set, created with one request each
// (a category created discontinued takes its update as ever), with image
// URLs stored as a CDN copy's (the ImageURLRewrite fault): the URLs are
// recorded by the first refresh, so they are no diff, and a change made
// elsewhere afterwards still is.
func TestAccCreateReadBack_catalog(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{ImageURLRewrite: simulator.ImageRewriteCDN})
	config := skipReadBackHCL(sim) + catalogHCL()
	const fullProduct = "dealpos_product.full"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sim.ResetStats,
				Config:    config,
				Check: expectRequests(sim, map[string]int{
					"POST /Category": 2, "PUT /Category": 1, // the update marks "Gifts" discontinued
					"POST /Product": 2,
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dealpos_category.plain", tfjsonpath.New("code"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dealpos_category.full", tfjsonpath.New("code"), knownvalue.StringExact("GF")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("extra_image_urls"), knownvalue.Null()),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("image_url"), knownvalue.StringExact("https://img.example.com/p001.jpg")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("variants").AtMapKey("P001-S").AtMapKey("id"), knownvalue.StringRegexp(guidPattern)),
					statecheck.ExpectKnownValue(fullProduct, tfjsonpath.New("variants").AtMapKey("P002-A").AtMapKey("id"), knownvalue.StringRegexp(guidPattern)),
					statecheck.ExpectKnownValue(fullProduct, tfjsonpath.New("extra_image_urls"), knownvalue.ListSizeExact(2)),
				},
			},
			{RefreshState: true},
			{
				PreConfig:        sim.ResetStats,
				Config:           config,
				ConfigPlanChecks: emptyPlan,
				Check:            expectRequests(sim, map[string]int{"POST /Category/ID": 2, "GET /Product/ID": 2}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("extra_image_urls"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("image_url"), knownvalue.StringExact("https://img.example.com/p001.jpg")),
				},
			},
			{
				// An image changed elsewhere after that refresh is drift.
				PreConfig: func() {
					in := dealpos.ProductInput{Code: "P001", Name: "Captain Tee", Category: "Apparel", ImageURL: "https://other.example.org/x.jpg"}
					if _, err := simClient(t, sim).UpdateProduct(context.Background(), in); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

// TestAccCreateReadBack_catalogBulkRefresh: with bulk_refresh as well, a
// category created without a read-back and without a code is read whole by
// its first refresh (the category list answers no code), then from the
// list like the rest of the catalog; an import reads the category whole.
func TestAccCreateReadBack_catalogBulkRefresh(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	config := skipReadBackHCL(sim, "bulk_refresh = true") + catalogHCL()
	refresh := func(categoryReads int) resource.TestStep {
		return resource.TestStep{
			PreConfig: sim.ResetStats,
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
				servedRequests{sim, map[string]int{"POST /Category/ID": categoryReads, "GET /Product/ID": 0, "POST /Category/p": 1}},
			}},
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			refresh(1), // "Apparel", created without a code
			refresh(0),
			{
				Config:            config,
				ResourceName:      "dealpos_category.full",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

// TestAccCreateReadBack_lostCreateAnswers: with the option on, creates of
// customers, categories and products whose answers are lost (stored, then a
// 502 or a dropped connection) are still adopted, never duplicated, and
// nothing is read back.
func TestAccCreateReadBack_lostCreateAnswers(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{simulator.LostCreate502, simulator.LostCreateDrop} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{Seed: 3})
			sim.SetFaults(simulator.Faults{PLostCreate: 0.3, LostCreateMode: mode})
			const customers, categories, products = 30, 4, 8
			config := skipReadBackHCL(sim) + bulkHCL(customers) + fmt.Sprintf(`
resource "dealpos_category" "lost" {
  count = %d
  name  = "Lost ${count.index}"
}

resource "dealpos_product" "lost" {
  count     = %d
  code      = "LP${count.index}"
  name      = "Lost product ${count.index}"
  category  = dealpos_category.lost[count.index %% %d].name
  brand     = "Acme"
  image_url = "https://img.example.com/lp${count.index}.jpg"
  variants = {
    "LP${count.index}-1" = { model = "One" }
    "LP${count.index}-2" = { model = "Two" }
  }
}
`, categories, products, categories)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: sim.ResetStats,
					Config:    config,
					Check: resource.ComposeAggregateTestCheckFunc(
						expectExactlyManaged(sim, customers),
						func(*terraform.State) error {
							stats := sim.Stats()
							for _, read := range []string{"GET /Customer/id/{id}", "GET /Product/ID", "POST /Category/ID"} {
								if n := stats.Requests[read]; n != 0 {
									return fmt.Errorf("%s was called %d times during the apply; want no read-back", read, n)
								}
							}
							if stats.Requests["POST /Customer/Code"] == 0 {
								return fmt.Errorf("no customer create answer was lost (requests %v): the test proves nothing", stats.Requests)
							}
							t.Logf("requests during the apply: %v", stats.Requests)
							if n := len(sim.Categories()); n != categories {
								return fmt.Errorf("DealPOS holds %d categories, want exactly %d", n, categories)
							}
							if n := len(sim.Products()); n != products {
								return fmt.Errorf("DealPOS holds %d products, want exactly %d", n, products)
							}
							return nil
						},
					),
				}},
				CheckDestroy: func(s *terraform.State) error {
					if err := expectSimEmpty(sim)(s); err != nil {
						return err
					}
					if n := len(sim.Products()) + len(sim.Categories()); n != 0 {
						return fmt.Errorf("after destroy DealPOS still holds %d products and categories", n)
					}
					return nil
				},
			})
		})
	}
}
