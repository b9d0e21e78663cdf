package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Tests of the catalog under the readings of the API the reference leaves
// open, through the terraform CLI: state stays true to what DealPOS holds.

// catalogSet is a category, a product and an outlet price of one variant.
func catalogSet(sim *testSim) string {
	return sim.providerHCL() + categoryHCL("snack", `name = "Food/Snack"`) +
		productHCL(baseProduct, variantS) +
		outletPriceHCL(`"Main Outlet" = { unit_price = 155000 }`)
}

// expectCatalogHolds checks what DealPOS holds of catalogSet.
func expectCatalogHolds(sim *testSim, categories, products int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var leaves int
		for _, c := range sim.Categories() {
			if c.Name == "Food/Snack" {
				leaves++
			}
		}
		if leaves != categories || len(sim.Products()) != products {
			return fmt.Errorf("DealPOS holds %d Food/Snack and %d products, want %d and %d", leaves, len(sim.Products()), categories, products)
		}
		return nil
	}
}

// TestAccCatalog_productsOnlyToken: a token with the Products role alone
// (a catalog integration) plans, refreshes, imports and destroys every
// catalog resource. A category deleted in DealPOS is planned for
// re-creation: the base URL is checked on the catalog's own list, never on
// a customer endpoint the token may not read, and once per provider.
func TestAccCatalog_productsOnlyToken(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{TokenModules: map[string][]string{testToken: {"Products"}}})
	client := simClient(t, sim)
	var categoryID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: catalogSet(sim), Check: resource.TestCheckResourceAttrWith(snackAddr, "id", func(v string) error { categoryID = v; return nil })},
			{
				PreConfig: func() {
					if err := client.DeleteCategory(context.Background(), "Food/Snack", categoryID); err != nil {
						t.Fatal(err)
					}
					sim.ResetStats()
				},
				Config: catalogSet(sim),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(snackAddr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					st := sim.Stats()
					if st.Status[403] != 0 || st.Requests["GET /Customer/NewCode"] != 0 || st.Requests["POST /Customer/p"] != 0 {
						return fmt.Errorf("the catalog asked a customer endpoint: %v, statuses %v", st.Requests, st.Status)
					}
					return nil
				},
			},
			{ResourceName: productAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: func(*terraform.State) (string, error) { return "code:P001", nil }},
		},
		CheckDestroy: expectCatalogHolds(sim, 0, 0),
	})
}

// TestAccCatalog_deleteNotCarriedOut: a delete that DealPOS answers with
// its not-found while the record stays (another reading of deletes the
// reference cuts short), or with success where the request's form is a
// guess (DELETE /Product, /OutletPrice), fails the destroy, naming the
// record and the request, and the record stays in state: once DealPOS
// deletes again, the same configuration plans nothing for it. A success
// answered to a documented form (DELETE /Category) is believed.
func TestAccCatalog_deleteNotCarriedOut(t *testing.T) {
	t.Parallel()
	for keeps, category := range map[string]plancheck.ResourceActionType{
		simulator.DeleteKeeps404: plancheck.ResourceActionNoop,
		simulator.DeleteKeepsOK:  plancheck.ResourceActionCreate,
	} {
		t.Run("answered "+keeps, func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{})
			want := `(?s)DealPOS still holds\s+(category\s+Food/Snack|product\s+P001|the\s+prices\s+of\s+variant\s+P001-S).*DELETE\s+/(Category|Product|OutletPrice).*stays\s+in\s+the\s+Terraform\s+state`
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: catalogSet(sim)},
					{
						PreConfig:   func() { sim.SetFaults(simulator.Faults{DeleteKeeps: keeps}) },
						Config:      catalogSet(sim),
						Destroy:     true,
						ExpectError: regexp.MustCompile(want),
					},
					{
						PreConfig: func() { sim.SetFaults(simulator.Faults{}) },
						Config:    catalogSet(sim),
						Check:     expectCatalogHolds(sim, 1, 1),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(snackAddr, category),
							plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(outletPriceAddr, plancheck.ResourceActionNoop),
						}},
					},
				},
				CheckDestroy: expectCatalogHolds(sim, 0, 0),
			})
		})
	}
}

// TestAccCatalog_replaceDiscontinuedProductRefused: changing the code of a
// product discontinued on destroy while its variants keep their codes is
// refused at plan time, before any write; with new variant codes it is
// planned as a replacement.
func TestAccCatalog_replaceDiscontinuedProductRefused(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	attrs := func(code string) []string {
		return append([]string{fmt.Sprintf("code = %q", code), "discontinue_on_destroy = true"}, baseProduct[1:]...)
	}
	renamedVariant := productVariantHCL{"P002-S", "Small", variantS.extra}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() + productHCL(attrs("P001"), variantS)},
			{
				PreConfig:   sim.ResetStats,
				Config:      sim.providerHCL() + productHCL(attrs("P002"), variantS),
				ExpectError: regexp.MustCompile(`(?s)Cannot replace DealPOS product P001.*P001-S.*new\s+codes.*discontinue_on_destroy\s+=\s+false`),
			},
			{
				PreConfig: func() {
					for k, n := range sim.Stats().Requests {
						if !strings.HasPrefix(k, "GET ") && !strings.HasSuffix(k, "/p") && !strings.HasSuffix(k, "/ID") {
							t.Errorf("the refused plan wrote: %s %d times", k, n)
						}
					}
				},
				Config:             sim.providerHCL() + productHCL(attrs("P002"), renamedVariant),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestAccCatalog_outletPriceRemovalKeepsOthers: removing one outlet's price
// keeps the others whether DELETE /OutletPrice clears only the outlets it
// names or every outlet of the variant, and the second plan is empty.
func TestAccCatalog_outletPriceRemovalKeepsOthers(t *testing.T) {
	t.Parallel()
	for _, clearsAll := range []bool{false, true} {
		t.Run(fmt.Sprintf("delete clears all: %v", clearsAll), func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{})
			sim.SetFaults(simulator.Faults{OutletPriceDeleteAll: clearsAll})
			product := sim.providerHCL() + productHCL(baseProduct, variantS)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: product + outletPriceHCL(`"Main Outlet" = { unit_price = 155000 }`, `"Second Outlet" = { unit_price = 152000 }`)},
					{
						Config: product + outletPriceHCL(`"Main Outlet" = { unit_price = 156000 }`),
						Check:  checkOutletPrices(sim, simulator.OutletPrice{Outlet: "Main Outlet", UnitPrice: 156000}),
					},
					{Config: product + outletPriceHCL(`"Main Outlet" = { unit_price = 156000 }`), PlanOnly: true},
				},
			})
		})
	}
}

// TestAccCatalog_dayLongRetryAfter: a 429 asking to wait a day ends a plan
// over a category (default read timeout) and a catalog data source (no
// timeouts block) at once, with an error naming the wait.
func TestAccCatalog_dayLongRetryAfter(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	config := sim.providerHCL() + categoryHCL("snack", `name = "Food/Snack"`)
	withDataSource := config + "data \"dealpos_categories\" \"all\" {\n  depends_on = [dealpos_category.snack]\n}\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: withDataSource},
			{
				PreConfig:   func() { sim.SetFaults(simulator.Faults{RetryAfter: 24 * time.Hour}) },
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)wait of 24h0m0s.*timeouts`),
			},
			{
				Config:      withDataSource,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)wait of 24h0m0s`),
			},
			{PreConfig: func() { sim.SetFaults(simulator.Faults{}) }, Config: withDataSource, PlanOnly: true},
		},
	})
}

// TestAccCatalog_variantCodeTakenHintsNoImport: a new product refused
// because another product holds one of its variant codes says so, and does
// not suggest importing the new product's code, which names nothing.
func TestAccCatalog_variantCodeTakenHintsNoImport(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	client := simClient(t, sim)
	other := productHCL(append([]string{`code = "P002"`}, baseProduct[1:]...), variantS)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				if _, err := client.CreateProduct(context.Background(), dealpos.ProductInput{
					Category: "Apparel/Tees", Name: "Old Tee", Brand: "Marvel", Code: "P001", ImageURL: "https://img.example.com/p001.jpg",
					Variants: []dealpos.VariantInput{{Model: "Small", Code: "P001-S", Type: dealpos.VariantStandard}},
				}); err != nil {
					t.Fatal(err)
				}
			},
			Config:      sim.providerHCL() + other,
			ExpectError: regexp.MustCompile(`(?s)reuses a variant code.*No product has code P002.*other\s+codes`),
		}},
	})
}
