package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccCustomersDataSource lists a tenant of several pages (the simulator
// caps pages at 100) with each filter and with max_results.
func TestAccCustomersDataSource(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SeedSample(260)
	count := func(addr string, n int) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("customers"), knownvalue.ListSizeExact(n))
	}
	total := func(addr string, n int64) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("total_count"), knownvalue.Int64Exact(n))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: sim.providerHCL() + `
data "dealpos_customers" "all" {}

data "dealpos_customers" "named" {
  name = "Customer 01"
}

data "dealpos_customers" "north" {
  outlet = "North"
}

data "dealpos_customers" "january" {
  join_from = "2024-01-11"
  join_to   = "2024-01-20"
}

data "dealpos_customers" "first" {
  max_results = 5
}

data "dealpos_customers" "first_north" {
  outlet      = "North"
  max_results = 120
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				count("data.dealpos_customers.all", 260),
				total("data.dealpos_customers.all", 260),
				statecheck.ExpectKnownValue("data.dealpos_customers.all", tfjsonpath.New("customers").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":         knownvalue.StringRegexp(guidPattern),
					"code":       knownvalue.StringExact("C000"),
					"name":       knownvalue.StringExact("Customer 000"),
					"email":      knownvalue.StringExact("c000@example.com"),
					"mobile":     knownvalue.StringExact("08000000000"),
					"birth_date": knownvalue.StringExact("1990-01-01"),
					"join_date":  knownvalue.StringExact("2024-01-01"),
				})),
				statecheck.ExpectKnownValue("data.dealpos_customers.all", tfjsonpath.New("customers").AtSliceIndex(259).AtMapKey("code"), knownvalue.StringExact("C259")),
				count("data.dealpos_customers.named", 10),
				total("data.dealpos_customers.named", 10),
				count("data.dealpos_customers.north", 130),
				count("data.dealpos_customers.january", 10),
				statecheck.ExpectKnownValue("data.dealpos_customers.january", tfjsonpath.New("customers").AtSliceIndex(0).AtMapKey("join_date"), knownvalue.StringExact("2024-01-11")),
				count("data.dealpos_customers.first", 5),
				total("data.dealpos_customers.first", 260),
				count("data.dealpos_customers.first_north", 120),
				statecheck.ExpectKnownValue("data.dealpos_customers.first_north", tfjsonpath.New("total_count"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccCustomersDataSource_invalidFilters(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      sim.providerHCL() + `data "dealpos_customers" "x" { join_from = "01/01/2024" }`,
				ExpectError: regexp.MustCompile(`join_from must be a date written YYYY-MM-DD`),
			},
			{
				Config:      sim.providerHCL() + `data "dealpos_customers" "x" { max_results = 0 }`,
				ExpectError: regexp.MustCompile(`max_results value must be at least 1`),
			},
		},
	})
}
