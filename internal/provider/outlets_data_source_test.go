package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccOutletsDataSource: every outlet, and the name and suspended filters.
func TestAccOutletsDataSource(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetOutlets(
		simulator.Outlet{Name: "Main Outlet", Code: "001"},
		simulator.Outlet{Name: "Airport", Code: "002", Suspended: true},
		simulator.Outlet{Name: "Mall"},
	)
	outlet := func(name string, suspended bool) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"name": knownvalue.StringExact(name), "suspended": knownvalue.Bool(suspended), "id": knownvalue.NotNull(),
		})
	}
	config := sim.providerHCL() + `
data "dealpos_outlets" "all" {}

data "dealpos_outlets" "active" {
  suspended = false
}

data "dealpos_outlets" "suspended" {
  suspended = true
}

data "dealpos_outlets" "main" {
  name = "main outlet"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dealpos_outlets.all", tfjsonpath.New("outlets"), knownvalue.ListExact([]knownvalue.Check{
					outlet("Main Outlet", false), outlet("Airport", true), outlet("Mall", false),
				})),
				statecheck.ExpectKnownValue("data.dealpos_outlets.active", tfjsonpath.New("outlets"), knownvalue.ListExact([]knownvalue.Check{
					outlet("Main Outlet", false), outlet("Mall", false),
				})),
				statecheck.ExpectKnownValue("data.dealpos_outlets.suspended", tfjsonpath.New("outlets"), knownvalue.ListExact([]knownvalue.Check{
					outlet("Airport", true),
				})),
				statecheck.ExpectKnownValue("data.dealpos_outlets.main", tfjsonpath.New("outlets"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.NotNull(), "name": knownvalue.StringExact("Main Outlet"),
						"code": knownvalue.StringExact("001"), "suspended": knownvalue.Bool(false),
					}),
				})),
				statecheck.ExpectKnownValue("data.dealpos_outlets.all", tfjsonpath.New("outlets").AtSliceIndex(2).AtMapKey("code"), knownvalue.Null()),
			},
		}},
	})
}
