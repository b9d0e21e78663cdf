package provider

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccCategoryDataSources: dealpos_category by ID and by name, and
// dealpos_categories with and without the discontinued filter.
func TestAccCategoryDataSources(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Food/Snack", "Code": "SN"})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Drinks"})
	simCategoryCall(t, sim, http.MethodPut, map[string]any{"Name": "Drinks", "Rename": "Drinks", "Discontinued": true})
	var snackID string
	for _, c := range sim.Categories() {
		if c.Name == "Food/Snack" {
			snackID = c.ID
		}
	}
	config := sim.providerHCL() + `
data "dealpos_category" "by_name" {
  name = "food/snack"
}

data "dealpos_category" "by_id" {
  id = "` + snackID + `"
}

data "dealpos_categories" "all" {}

data "dealpos_categories" "discontinued" {
  discontinued = true
}
`
	item := func(name string, discontinued bool) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"name": knownvalue.StringExact(name), "discontinued": knownvalue.Bool(discontinued), "id": knownvalue.NotNull(),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      sim.providerHCL() + `data "dealpos_category" "x" { name = "No/Such" }`,
				ExpectError: regexp.MustCompile(`No category has name "No/Such"`),
			},
			{
				Config:      sim.providerHCL() + `data "dealpos_category" "x" {}`,
				ExpectError: regexp.MustCompile(`(?i)exactly one of`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dealpos_category.by_name", tfjsonpath.New("id"), knownvalue.StringExact(snackID)),
					statecheck.ExpectKnownValue("data.dealpos_category.by_name", tfjsonpath.New("name"), knownvalue.StringExact("food/snack")),
					statecheck.ExpectKnownValue("data.dealpos_category.by_name", tfjsonpath.New("code"), knownvalue.StringExact("SN")),
					statecheck.ExpectKnownValue("data.dealpos_category.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Food/Snack")),
					statecheck.ExpectKnownValue("data.dealpos_category.by_id", tfjsonpath.New("discontinued"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.dealpos_categories.all", tfjsonpath.New("categories"), knownvalue.ListExact([]knownvalue.Check{
						item("Drinks", true), item("Food", false), item("Food/Snack", false),
					})),
					statecheck.ExpectKnownValue("data.dealpos_categories.discontinued", tfjsonpath.New("categories"), knownvalue.ListExact([]knownvalue.Check{
						item("Drinks", true),
					})),
				},
			},
		},
	})
}
