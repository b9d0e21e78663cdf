package provider

import (
	"context"
	"fmt"
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

const outletPriceAddr = "dealpos_outlet_price.test"

// outletPriceHCL renders a dealpos_outlet_price "test" block for variant
// P001-S of the test product, one line per outlet.
func outletPriceHCL(prices ...string) string {
	return "resource \"dealpos_outlet_price\" \"test\" {\n  variant_code = \"P001-S\"\n  depends_on   = [dealpos_product.test]\n  prices = {\n    " +
		strings.Join(prices, "\n    ") + "\n  }\n}\n"
}

// checkOutletPrices asserts the simulator's outlet prices of P001-S.
func checkOutletPrices(sim *testSim, want ...simulator.OutletPrice) resource.TestCheckFunc {
	return checkProduct(sim, "P001", func(p simulator.Product) error {
		v, _ := variantOf(p, "P001-S")
		if fmt.Sprint(v.Prices) != fmt.Sprint(want) {
			return fmt.Errorf("outlet prices of P001-S are %+v, want %+v", v.Prices, want)
		}
		return nil
	})
}

func TestAccOutletPrice_lifecycle(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	client := simClient(t, sim)
	product := sim.providerHCL() + productHCL(baseProduct, variantS, variantM)
	both := product + outletPriceHCL(
		`"Main Outlet"   = { unit_price = 155000, extra_cost = 5000 }`,
		`"Second Outlet" = { unit_price = 152000 }`,
	)
	mainOnly := product + outletPriceHCL(`"Main Outlet" = { unit_price = 158000, extra_cost = 5000 }`)
	price := func(outlet, attr string) tfjsonpath.Path {
		return tfjsonpath.New("prices").AtMapKey(outlet).AtMapKey(attr)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: both,
				Check: checkOutletPrices(sim,
					simulator.OutletPrice{Outlet: "Main Outlet", UnitPrice: 155000, ExtraCost: 5000},
					simulator.OutletPrice{Outlet: "Second Outlet", UnitPrice: 152000}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(outletPriceAddr, tfjsonpath.New("id"), knownvalue.StringExact("P001-S")),
					statecheck.ExpectKnownValue(outletPriceAddr, price("Second Outlet", "extra_cost"), knownvalue.Int64Exact(0)),
				},
			},
			{Config: both, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				// An outlet removed and a price changed: the full list with
				// PUT, the removed outlet with DELETE; no read-back.
				PreConfig: sim.ResetStats,
				Config:    mainOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(outletPriceAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkWrites(sim, map[string]int{"PUT /OutletPrice": 1, "DELETE /OutletPrice": 1}),
					checkOutletPrices(sim, simulator.OutletPrice{Outlet: "Main Outlet", UnitPrice: 158000, ExtraCost: 5000}),
				),
			},
			{
				// A price set elsewhere, in another outlet: seen, removed.
				PreConfig: func() {
					in := dealpos.OutletPrice{Code: "P001-S", Outlets: []dealpos.OutletPriceEntry{{Outlet: "Second Outlet", UnitPrice: 1}}}
					if err := client.SetOutletPrices(context.Background(), in); err != nil {
						t.Fatal(err)
					}
				},
				Config: mainOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(outletPriceAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkOutletPrices(sim, simulator.OutletPrice{Outlet: "Main Outlet", UnitPrice: 158000, ExtraCost: 5000}),
			},
			{
				ResourceName:            outletPriceAddr,
				ImportState:             true,
				ImportStateId:           "P001-S",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// Removed from the configuration: the prices go, the product stays.
				PreConfig: sim.ResetStats,
				Config:    product,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkWrites(sim, map[string]int{"DELETE /OutletPrice": 1}),
					checkOutletPrices(sim),
				),
			},
			{
				// Deleted elsewhere: planned for re-creation.
				Config: mainOnly,
			},
			{
				PreConfig: func() {
					if err := client.DeleteOutletPrices(context.Background(), "P001-S"); err != nil {
						t.Fatal(err)
					}
				},
				Config: mainOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(outletPriceAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkOutletPrices(sim, simulator.OutletPrice{Outlet: "Main Outlet", UnitPrice: 158000, ExtraCost: 5000}),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := len(sim.Products()); n != 0 {
				return fmt.Errorf("after destroy the simulator holds %d products", n)
			}
			return nil
		},
	})
}

func TestAccOutletPrice_validation(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	product := sim.providerHCL() + productHCL(baseProduct, variantS)
	cases := []struct{ config, want string }{
		{outletPriceHCL(`"Main Outlet" = { unit_price = -1 }`), `unit_price value must be at least 0`},
		{outletPriceHCL(`"Main Outlet" = { unit_price = 1, extra_cost = -1 }`), `extra_cost value must be at least 0`},
		{outletPriceHCL(`" " = { unit_price = 1 }`), `must not be empty`},
		{strings.Replace(outletPriceHCL(`"Main Outlet" = { unit_price = 1 }`), `"P001-S"`, `""`, 1), `variant_code must not be empty`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: product + tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	if n := sim.Stats().Total; n != 0 {
		t.Errorf("validation errors must come before any API call; the simulator saw %d requests", n)
	}
}
