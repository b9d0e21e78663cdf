package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccCustomer_bulkRefresh: with bulk_refresh, a deletion and an edit of
// a listed field are caught, an edit of an unlisted field is not, and the
// refresh reads the list instead of every customer.
func TestAccCustomer_bulkRefresh(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SeedSample(50) // unmanaged customers share the tenant
	config := fmt.Sprintf(`
provider "dealpos" {
  base_url     = %q
  token        = %q
  bulk_refresh = true
}
`, sim.URL, testToken) + bulkHCL(10)
	ids := map[int]string{}
	capture := func(s *terraform.State) error {
		for i := range 10 {
			rs, ok := s.RootModule().Resources[fmt.Sprintf("dealpos_customer.bulk.%d", i)]
			if !ok {
				return fmt.Errorf("dealpos_customer.bulk[%d] not in state", i)
			}
			ids[i] = rs.Primary.ID
		}
		return nil
	}
	addr := func(i int) string { return fmt.Sprintf("dealpos_customer.bulk[%d]", i) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: capture},
			{
				PreConfig: func() {
					sim.Delete(ids[3])
					sim.Update(ids[5], func(c *simulator.Customer) { c.Name = "Renamed elsewhere" })
					sim.Update(ids[7], func(c *simulator.Customer) { c.Group = "Silver" })
					sim.ResetStats()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr(3), plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(addr(5), plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(addr(7), plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					c, _ := sim.Get(ids[7])
					if c.Group != "Silver" {
						return fmt.Errorf("the unlisted edit was reverted: group %q", c.Group)
					}
					stats := sim.Stats()
					// Without bulk refresh each of the refreshes in this step
					// would read all 10 customers one by one.
					gets, lists := stats.Requests["GET /Customer/id/{id}"], stats.Requests["POST /Customer/WithTotalCount"]
					if lists == 0 || gets > 5 {
						return fmt.Errorf("bulk refresh took %d list requests and %d single reads", lists, gets)
					}
					return nil
				},
			},
		},
	})
}

// bulkCatalogHCL is a catalog of 2 categories, 3 products of 3 variants and
// the outlet prices of each product's -S variant in two outlets, refreshed
// with bulk_refresh.
func bulkCatalogHCL(sim *testSim) string {
	return bulkProviderHCL(sim) + `
resource "dealpos_category" "c" {
  count = 2
  name  = "Bulk${count.index}"
}

resource "dealpos_product" "p" {
  count     = 3
  code      = "BK${count.index}"
  name      = "Bulk product ${count.index}"
  category  = dealpos_category.c[count.index % 2].name
  brand     = "Acme"
  image_url = "https://img.example.com/bk${count.index}.jpg"
  variants = {
    "BK${count.index}-S" = { model = "Small", unit_price = 1000 }
    "BK${count.index}-M" = { model = "Medium", unit_price = 2000 }
    "BK${count.index}-L" = { model = "Large", unit_price = 3000 }
  }
}

resource "dealpos_outlet_price" "p" {
  count        = 3
  variant_code = "${dealpos_product.p[count.index].code}-S"
  prices = {
    "Main Outlet"   = { unit_price = 1100 }
    "Second Outlet" = { unit_price = 1200, extra_cost = 50 }
  }
}
`
}

// servedRequests is a plan check on the requests the simulator served since
// its stats were last reset: exactly want of each endpoint named (others
// may have any count).
type servedRequests struct {
	sim  *testSim
	want map[string]int
}

func (e servedRequests) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	got := e.sim.Stats().Requests
	var wrong []string
	for endpoint, n := range e.want {
		if got[endpoint] != n {
			wrong = append(wrong, fmt.Sprintf("%s: %d, want %d", endpoint, got[endpoint], n))
		}
	}
	if len(wrong) > 0 {
		sort.Strings(wrong)
		resp.Error = fmt.Errorf("requests: %s (all: %v)", strings.Join(wrong, "; "), got)
	}
}

// TestAccCatalog_bulkRefreshSeesChangesMadeElsewhere: with bulk_refresh, a
// product renamed, a variant's price changed, a variant deleted, an outlet
// price removed and a category renamed outside Terraform are each planned
// back, from the lists alone but for the variant left without outlet
// prices, which only its own read may say.
func TestAccCatalog_bulkRefreshSeesChangesMadeElsewhere(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	seedProducts(t, sim, 120) // unmanaged products: the list has two pages
	client := simClient(t, sim)
	ctx := context.Background()
	config := bulkCatalogHCL(sim)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	action := func(addr string, a plancheck.ResourceActionType) plancheck.PlanCheck {
		return plancheck.ExpectResourceAction(addr, a)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					_, err := client.UpdateProduct(ctx, dealpos.ProductInput{Code: "BK0", Name: "Renamed elsewhere", Category: "Bulk0", Brand: "Acme",
						ImageURL: "https://img.example.com/bk0.jpg"})
					must(err)
					price := int64(2500)
					must(client.UpdateVariant(ctx, dealpos.VariantUpdate{Code: "BK1-M", UnitPrice: &price}))
					must(client.DeleteVariant(ctx, "BK2-L"))
					must(client.DeleteOutletPrices(ctx, "BK1-S", "Second Outlet"))
					must(client.DeleteOutletPrices(ctx, "BK2-S", "Main Outlet", "Second Outlet"))
					must(client.UpdateCategory(ctx, "Bulk1", "Bulk1 elsewhere", false))
					sim.ResetStats()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					action("dealpos_category.c[0]", plancheck.ResourceActionNoop),
					action("dealpos_category.c[1]", plancheck.ResourceActionUpdate),
					action("dealpos_product.p[0]", plancheck.ResourceActionUpdate),
					action("dealpos_product.p[1]", plancheck.ResourceActionUpdate),
					action("dealpos_product.p[2]", plancheck.ResourceActionUpdate),
					action("dealpos_outlet_price.p[0]", plancheck.ResourceActionNoop),
					action("dealpos_outlet_price.p[1]", plancheck.ResourceActionUpdate),
					action("dealpos_outlet_price.p[2]", plancheck.ResourceActionCreate),
					servedRequests{sim, map[string]int{
						"POST /Category/p": 1, "POST /Category/ID": 0,
						"POST /Product/p": 2, "GET /Product/ID": 0,
						"POST /Product/WithOutletPriceByListID": 1, "GET /OutletPrice": 1,
					}},
				}},
			},
		},
	})
}

// TestAccCatalog_bulkRefreshFallsBackToEachRead: under every other reading
// of the lists the reference names only or cuts short (not served, items of
// another shape, variants without outlet prices, records left out, the
// amount named Price, the list named Outlets), a bulk plan plans no change,
// reads on its own each record no list carries whole, and tries a list the
// API does not serve once.
func TestAccCatalog_bulkRefreshFallsBackToEachRead(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	seedProducts(t, sim, 5)
	config := bulkCatalogHCL(sim)
	reading := func(f simulator.Faults, want map[string]int) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				sim.SetFaults(f)
				sim.ResetStats()
			},
			Config:   config,
			PlanOnly: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
				servedRequests{sim, want},
			}},
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			// The lists the reference names only answer the unknown-route
			// 404: the product list is tried once, and without it no
			// product IDs to ask outlet prices for.
			reading(simulator.Faults{NameOnlyLists: simulator.NameOnlyListsRoute}, map[string]int{
				"POST /Product/p": 1, "GET /Product/ID": 3, "POST /Product/WithOutletPriceByListID": 0, "GET /OutletPrice": 3,
				"POST /Category/p": 1, "POST /Category/ID": 0,
			}),
			// Product items in the price book list's shape (no brand, cost,
			// flags or extra images): each product is read on its own.
			reading(simulator.Faults{ListShape: simulator.ListShapeSummary}, map[string]int{
				"POST /Product/p": 1, "GET /Product/ID": 3, "POST /Product/WithOutletPriceByListID": 0, "GET /OutletPrice": 3,
			}),
			// Variants without a list of outlet prices say nothing of them.
			reading(simulator.Faults{ListShape: simulator.ListShapeNoPrices}, map[string]int{
				"POST /Product/p": 2, "GET /Product/ID": 0, "POST /Product/WithOutletPriceByListID": 1, "GET /OutletPrice": 3,
			}),
			// Lists that leave records out: those are read on their own,
			// and none is taken for gone.
			reading(simulator.Faults{ListShape: simulator.ListShapeSparse}, map[string]int{
				"POST /Category/p": 1, "POST /Category/ID": 1, "POST /Product/WithOutletPriceByListID": 1,
			}),
			reading(simulator.Faults{OutletPriceRead: simulator.OutletPricePrice}, map[string]int{
				"POST /Product/WithOutletPriceByListID": 1, "GET /OutletPrice": 0,
			}),
			reading(simulator.Faults{OutletPriceRead: simulator.OutletPriceRenamed}, map[string]int{
				"POST /Product/WithOutletPriceByListID": 1, "GET /OutletPrice": 0,
			}),
			// The default reading last, so the destroy meets no fault: every
			// record from the lists.
			reading(simulator.Faults{}, map[string]int{
				"POST /Category/p": 1, "POST /Category/ID": 0, "POST /Product/p": 2, "GET /Product/ID": 0,
				"POST /Product/WithOutletPriceByListID": 1, "GET /OutletPrice": 0,
			}),
		},
	})
}

// TestBulkRefreshAsksOutletPricesOncePerBatch: the outlet prices of the
// variants of 250 listed products come in batches of 100 products in list
// order, each asked once however many Reads need it at once, and a list
// the API does not serve is tried once.
func TestBulkRefreshAsksOutletPricesOncePerBatch(t *testing.T) {
	sim := newTestSim(t, simulator.Options{})
	seedProducts(t, sim, 250)
	client := simClient(t, sim)
	ctx := context.Background()
	for _, code := range []string{"SP000-A", "SP120-A", "SP249-B"} {
		if err := client.SetOutletPrices(ctx, dealpos.OutletPrice{Code: code, Outlets: []dealpos.OutletPriceEntry{{Outlet: "Main Outlet", UnitPrice: 7}}}); err != nil {
			t.Fatal(err)
		}
	}
	readAll := func(b *bulkRefresh) (found int) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range 250 {
			for _, v := range []string{fmt.Sprintf("SP%03d-A", i), fmt.Sprintf("SP%03d-B", i)} {
				wg.Go(func() {
					prices, ok, err := b.outletPrices(ctx, v)
					if err != nil {
						t.Error(err)
					}
					if ok {
						if prices[0].UnitPrice != 7 {
							t.Errorf("%s: %+v", v, prices)
						}
						mu.Lock()
						found++
						mu.Unlock()
					}
				})
			}
		}
		wg.Wait()
		return found
	}
	sim.ResetStats()
	if found := readAll(newBulkRefresh(client)); found != 3 {
		t.Errorf("%d variants with outlet prices from the lists, want 3", found)
	}
	if got := sim.Stats().Requests; got["POST /Product/p"] != 3 || got["POST /Product/WithOutletPriceByListID"] != 3 || sim.Stats().Total != 6 {
		t.Errorf("requests %v, want 3 product pages and 3 batches", got)
	}
	sim.SetFaults(simulator.Faults{NameOnlyLists: simulator.NameOnlyListsRoute})
	sim.ResetStats()
	if found := readAll(newBulkRefresh(client)); found != 0 {
		t.Errorf("%d variants with outlet prices from unserved lists", found)
	}
	if got := sim.Stats().Requests; sim.Stats().Total != 1 || got["POST /Product/p"] != 1 {
		t.Errorf("requests %v, want the product list tried once", got)
	}
}
