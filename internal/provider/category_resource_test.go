package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const (
	foodAddr  = "dealpos_category.food"
	snackAddr = "dealpos_category.snack"
)

// categoryHCL renders a dealpos_category block from attribute lines.
func categoryHCL(label string, attrs ...string) string {
	return fmt.Sprintf("resource \"dealpos_category\" %q {\n  %s\n}\n", label, strings.Join(attrs, "\n  "))
}

// simCategoryCall sends one /Category request to the simulator as another
// API client would: the out-of-band changes of the drift tests.
func simCategoryCall(t *testing.T, sim *testSim, method string, body any) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, sim.URL+"/Category", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("%s /Category: HTTP %d", method, resp.StatusCode)
	}
}

// simCategory returns the simulator's category with that ID.
func simCategory(sim *testSim, id string) (simulator.Category, bool) {
	for _, c := range sim.Categories() {
		if c.ID == id {
			return c, true
		}
	}
	return simulator.Category{}, false
}

// checkCategory asserts on the simulator's record of the captured ID.
func checkCategory(sim *testSim, id *string, check func(c simulator.Category) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, ok := simCategory(sim, *id)
		if !ok {
			return fmt.Errorf("category %s is not in the simulator", *id)
		}
		return check(c)
	}
}

// simCategoryNames lists the simulator's category paths, sorted.
func simCategoryNames(sim *testSim) []string {
	var out []string
	for _, c := range sim.Categories() {
		out = append(out, c.Name)
	}
	return out
}

func captureAttr(addr, attr string, into *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(addr, attr, func(v string) error {
		*into = v
		return nil
	})
}

// expectSnack plans the given action for the snack category.
func expectSnack(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(snackAddr, action)}}
}

// TestAccCategory_lifecycle: a managed parent and a child that refers to
// it; clean plan; renames in place (the child's, then the parent's, which
// moves the child too); discontinued toggled; drift of the flag and an
// out-of-band delete; import by ID and by name; destroy.
func TestAccCategory_lifecycle(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	var foodID, snackID string
	sameFood := statecheck.CompareValue(compare.ValuesSame())
	sameSnack := statecheck.CompareValue(compare.ValuesSame())

	config := func(food, snack string, snackExtra ...string) string {
		return sim.providerHCL() +
			categoryHCL("food", fmt.Sprintf("name = %q", food), `code = "FD"`) +
			categoryHCL("snack", append([]string{fmt.Sprintf("name = \"${dealpos_category.food.name}/%s\"", snack)}, snackExtra...)...)
	}
	names := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := simCategoryNames(sim); strings.Join(got, ",") != strings.Join(want, ",") {
				return fmt.Errorf("simulator categories %q, want %q", got, want)
			}
			return nil
		}
	}
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

	steps := []resource.TestStep{
		{
			Config: config("Food", "Snack"),
			Check: resource.ComposeAggregateTestCheckFunc(
				captureAttr(foodAddr, "id", &foodID),
				captureAttr(snackAddr, "id", &snackID),
				names("Food", "Food/Snack"),
				checkCategory(sim, &foodID, func(c simulator.Category) error {
					if c.Code != "FD" || c.Discontinued {
						return fmt.Errorf("stored parent does not match the configuration: %+v", c)
					}
					return nil
				}),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				sameFood.AddStateValue(foodAddr, tfjsonpath.New("id")),
				sameSnack.AddStateValue(snackAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(snackAddr, tfjsonpath.New("name"), knownvalue.StringExact("Food/Snack")),
				statecheck.ExpectKnownValue(snackAddr, tfjsonpath.New("code"), knownvalue.Null()),
				statecheck.ExpectKnownValue(snackAddr, tfjsonpath.New("discontinued"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(foodAddr, tfjsonpath.New("code"), knownvalue.StringExact("FD")),
			},
		},
		{Config: config("Food", "Snack"), ConfigPlanChecks: empty},
		{
			// Rename of the child: in place, same ID.
			Config:           config("Food", "Snacks"),
			ConfigPlanChecks: expectSnack(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				sameSnack.AddStateValue(snackAddr, tfjsonpath.New("id")),
			},
			Check: names("Food", "Food/Snacks"),
		},
		{
			// Rename of the parent: DealPOS moves the child with it, and
			// the child's own update finds it at its new path.
			Config: config("Groceries", "Snacks"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(foodAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(snackAddr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameFood.AddStateValue(foodAddr, tfjsonpath.New("id")),
				sameSnack.AddStateValue(snackAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(snackAddr, tfjsonpath.New("name"), knownvalue.StringExact("Groceries/Snacks")),
			},
			Check: names("Groceries", "Groceries/Snacks"),
		},
		{Config: config("Groceries", "Snacks"), ConfigPlanChecks: empty},
		{
			Config:           config("Groceries", "Snacks", "discontinued = true"),
			ConfigPlanChecks: expectSnack(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				sameSnack.AddStateValue(snackAddr, tfjsonpath.New("id")),
			},
			Check: checkCategory(sim, &snackID, func(c simulator.Category) error {
				if !c.Discontinued || c.Name != "Groceries/Snacks" {
					return fmt.Errorf("discontinued not applied: %+v", c)
				}
				return nil
			}),
		},
		{
			// Flag flipped elsewhere: the refresh sees it and the apply reverts it.
			PreConfig: func() {
				simCategoryCall(t, sim, http.MethodPut, map[string]any{"Name": "Groceries/Snacks", "Rename": "Groceries/Snacks", "Discontinued": false})
			},
			Config:           config("Groceries", "Snacks", "discontinued = true"),
			ConfigPlanChecks: expectSnack(plancheck.ResourceActionUpdate),
			Check: checkCategory(sim, &snackID, func(c simulator.Category) error {
				if !c.Discontinued {
					return fmt.Errorf("out-of-band change not reverted: %+v", c)
				}
				return nil
			}),
		},
		{
			Config:           config("Groceries", "Snacks"),
			ConfigPlanChecks: expectSnack(plancheck.ResourceActionUpdate),
			Check: checkCategory(sim, &snackID, func(c simulator.Category) error {
				if c.Discontinued {
					return fmt.Errorf("discontinued not cleared: %+v", c)
				}
				return nil
			}),
		},
		{
			// Renamed elsewhere: the refresh sees the new path, the apply renames it back.
			PreConfig: func() {
				simCategoryCall(t, sim, http.MethodPut, map[string]any{"Name": "Groceries/Snacks", "Rename": "Groceries/Chips", "Discontinued": false})
			},
			Config:           config("Groceries", "Snacks"),
			ConfigPlanChecks: expectSnack(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				sameSnack.AddStateValue(snackAddr, tfjsonpath.New("id")),
			},
			Check: names("Groceries", "Groceries/Snacks"),
		},
		{
			// Deleted elsewhere: planned for creation again, with a new ID.
			PreConfig: func() {
				simCategoryCall(t, sim, http.MethodDelete, map[string]any{"Name": "Groceries/Snacks"})
			},
			Config:           config("Groceries", "Snacks"),
			ConfigPlanChecks: expectSnack(plancheck.ResourceActionCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrWith(snackAddr, "id", func(v string) error {
					if v == snackID {
						return fmt.Errorf("expected a new ID after recreation, got the old one %s", v)
					}
					snackID = v
					return nil
				}),
				names("Groceries", "Groceries/Snacks"),
			),
		},
		{
			// The code cannot change after creation: refused at plan.
			Config: sim.providerHCL() + categoryHCL("food", `name = "Groceries"`, `code = "GR"`) +
				categoryHCL("snack", `name = "${dealpos_category.food.name}/Snacks"`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Cannot change code after creation`),
		},
	}
	// Import by ID and by name, in each form, gives back the same state.
	for _, imp := range []struct {
		addr string
		id   func() string
	}{
		{snackAddr, func() string { return snackID }},
		{snackAddr, func() string { return "id:" + snackID }},
		{snackAddr, func() string { return "Groceries/Snacks" }},
		{snackAddr, func() string { return "name:groceries/snacks" }},
		{foodAddr, func() string { return foodID }},
		{foodAddr, func() string { return "name:Groceries" }},
	} {
		steps = append(steps, resource.TestStep{
			Config:            config("Groceries", "Snacks"),
			ResourceName:      imp.addr,
			ImportState:       true,
			ImportStateVerify: true,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return imp.id(), nil },
		})
	}
	steps = append(steps,
		// An import block by name with a matching configuration plans no change.
		resource.TestStep{
			Config:            config("Groceries", "Snacks"),
			ResourceName:      snackAddr,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return "name:Groceries/Snacks", nil },
		},
	)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			if got := simCategoryNames(sim); len(got) != 0 {
				return fmt.Errorf("after destroy the simulator holds categories %q", got)
			}
			return nil
		},
	})
}

// TestAccCategory_unmanagedParent: a category whose parent DealPOS creates
// itself, created discontinued; destroy leaves the parent.
func TestAccCategory_unmanagedParent(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	var id string
	config := sim.providerHCL() + categoryHCL("tea", `name = "Drinks/Tea"`, `code = "TEA"`, `discontinued = true`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					captureAttr("dealpos_category.tea", "id", &id),
					checkCategory(sim, &id, func(c simulator.Category) error {
						if c.Name != "Drinks/Tea" || c.Code != "TEA" || !c.Discontinued {
							return fmt.Errorf("stored category does not match the configuration: %+v", c)
						}
						return nil
					}),
				),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
		CheckDestroy: func(*terraform.State) error {
			if got := simCategoryNames(sim); strings.Join(got, ",") != "Drinks" {
				return fmt.Errorf("after destroy the simulator holds %q, want only the unmanaged parent Drinks", got)
			}
			return nil
		},
	})
}

// TestAccCategory_alreadyExists: creating a category that exists (here a
// parent DealPOS made itself) fails with an import hint and writes nothing.
func TestAccCategory_alreadyExists(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Drinks/Tea"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      sim.providerHCL() + categoryHCL("drinks", `name = "drinks"`),
			ExpectError: regexp.MustCompile(`(?s)already exists.*this\s+dealpos_category's\s+address.*id\s+=\s+"name:drinks"`),
		}},
	})
	if got := simCategoryNames(sim); strings.Join(got, ",") != "Drinks,Drinks/Tea" {
		t.Errorf("the simulator holds %q, want the two categories it started with", got)
	}
}

// TestAccCategory_validation: bad names and codes are refused at plan,
// before any request.
func TestAccCategory_validation(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	cases := []struct{ line, want string }{
		{`name = "Food//Snack"`, `has an empty level \(level 2\)`},
		{`name = "Food/ /Snack"`, `has an empty level \(level 2\)`},
		{`name = ""`, `name must not be empty or blank`},
		{`name = "   "`, `name must not be empty or blank`},
		{`name = "/Food"`, `must not start or end with /`},
		{`name = "Food/"`, `must not start or end with /`},
		{`name = "Food / Snack"`, `(?s)spaces around the level.*"Food/Snack"`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      sim.providerHCL() + categoryHCL("bad", tc.line),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	steps = append(steps, resource.TestStep{
		Config:      sim.providerHCL() + categoryHCL("bad", `name = "Food"`, `code = " "`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`code must not be empty`),
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if n := sim.Stats().Total; n != 0 {
		t.Errorf("validation errors must come before any API call; the simulator saw %d requests", n)
	}
}

func TestAccCategory_importNotFound(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        sim.providerHCL() + categoryHCL("x", `name = "Nowhere"`),
			ResourceName:  "dealpos_category.x",
			ImportState:   true,
			ImportStateId: "Nowhere/Else",
			ExpectError:   regexp.MustCompile(`No category has name "Nowhere/Else"`),
		}},
	})
}
