package provider

import (
	"fmt"
	"regexp"
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

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const customerAddr = "dealpos_customer.test"

// customerHCL renders a dealpos_customer "test" block from attribute lines.
func customerHCL(attrs ...string) string {
	return "resource \"dealpos_customer\" \"test\" {\n  " + strings.Join(attrs, "\n  ") + "\n}\n"
}

var fullCustomer = []string{
	`code          = "HW001"`,
	`name          = "Hendry Wijaya"`,
	`email         = "Hendry@Example.com"`,
	`mobile        = "08569314515"`,
	`status        = "Active"`,
	`first_name    = "Hendry"`,
	`last_name     = "Wijaya"`,
	`phone         = "0215865894"`,
	`address       = "Jl. Muara Karang P3T No.30"`,
	`group         = "Gold"`,
	`image_url     = "https://img.example.com/hendry.jpg"`,
	`gender        = "Female"`,
	`birth_date    = "1994-03-21"`,
	`expired_group = "2030-12-31"`,
	`loyalty_point = 88`,
	`signup_outlet = "Outlet1"`,
	`referral_code = "REF001"`,
}

// replace returns attrs with the lines for the given attribute names swapped
// for the given lines ("" drops the attribute).
func replace(attrs []string, changes map[string]string) []string {
	var out []string
	for _, line := range attrs {
		name := strings.TrimSpace(strings.SplitN(line, "=", 2)[0])
		if repl, ok := changes[name]; ok {
			if repl != "" {
				out = append(out, repl)
			}
			continue
		}
		out = append(out, line)
	}
	return out
}

// captureID stores the resource's ID in *id for PreConfig hooks of later steps.
func captureID(id *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(customerAddr, "id", func(v string) error {
		*id = v
		return nil
	})
}

// checkSim asserts on the simulator's stored record of the captured ID.
func checkSim(sim *testSim, id *string, check func(c simulator.Customer) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, ok := sim.Get(*id)
		if !ok {
			return fmt.Errorf("customer %s is not in the simulator", *id)
		}
		return check(c)
	}
}

func TestAccCustomer_lifecycle(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	referrerID := sim.Seed(simulator.Customer{Code: "REF001", Name: "Referrer", Email: "ref@example.com", Mobile: "0800", Status: "Active"})
	var id string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	full := sim.providerHCL() + customerHCL(fullCustomer...)

	steps := []resource.TestStep{{
		Config: full,
		Check: resource.ComposeAggregateTestCheckFunc(
			captureID(&id),
			checkSim(sim, &id, func(c simulator.Customer) error {
				if c.Gender != "Female" || c.Birthday.Format("2006-01-02") != "1994-03-21" || c.ReferredBy != referrerID || c.SignUpOutlet != "Outlet1" || c.LoyaltyPoint != 88 {
					return fmt.Errorf("stored record does not match the configuration: %+v", c)
				}
				return nil
			}),
		),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionCreate)}},
		ConfigStateChecks: []statecheck.StateCheck{
			sameID.AddStateValue(customerAddr, tfjsonpath.New("id")),
			statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("referred_by_id"), knownvalue.StringExact(referrerID)),
			statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("join_date"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`))),
			statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("birth_date"), knownvalue.StringExact("1994-03-21")),
			statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("email"), knownvalue.StringExact("Hendry@Example.com")),
		},
	}}

	// Every import form, with terraform import, must give back the same state.
	for _, form := range []func(*terraform.State) string{
		func(*terraform.State) string { return id },
		func(*terraform.State) string { return "id:" + id },
		func(*terraform.State) string { return "code:HW001" },
		func(*terraform.State) string { return "HW001" },
		func(*terraform.State) string { return "email:hendry@example.com" },
		func(*terraform.State) string { return "Hendry@Example.com" },
		func(*terraform.State) string { return "mobile:08569314515" },
	} {
		steps = append(steps, resource.TestStep{
			ResourceName:            customerAddr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"timeouts"},
			ImportStateIdFunc:       func(s *terraform.State) (string, error) { return form(s), nil },
		})
	}
	steps = append(steps,
		// An import block with a matching configuration plans no change.
		resource.TestStep{
			ResourceName:      customerAddr,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return "code:HW001", nil },
		},
		// terraform plan -generate-config-out writes configuration that plans the import only.
		resource.TestStep{
			ResourceName:      customerAddr,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			GenerateConfig:    true,
			ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil },
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dealpos_customer.generated", plancheck.ResourceActionNoop),
			}},
		},
		// In-place update: text attribute removed (cleared), date removed (kept), others changed.
		resource.TestStep{
			Config: sim.providerHCL() + customerHCL(replace(fullCustomer, map[string]string{
				"name":          `name          = "Hendry W."`,
				"first_name":    "",
				"birth_date":    "",
				"gender":        `gender        = "Male"`,
				"loyalty_point": `loyalty_point = 100`,
				"status":        `status        = "Suspended"`,
			})...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate)}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(customerAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("first_name"), knownvalue.Null()),
				statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("birth_date"), knownvalue.StringExact("1994-03-21")),
			},
			Check: checkSim(sim, &id, func(c simulator.Customer) error {
				if c.Name != "Hendry W." || c.FirstName != "" || c.Gender != "Male" || c.LoyaltyPoint != 100 || c.Status != "Suspended" || c.Birthday.IsZero() {
					return fmt.Errorf("update not applied as configured: %+v", c)
				}
				return nil
			}),
		},
		// The code changes in place too.
		resource.TestStep{
			Config: sim.providerHCL() + customerHCL(replace(fullCustomer, map[string]string{"code": `code = "HW002"`})...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(customerAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(customerAddr, tfjsonpath.New("id"))},
			Check: checkSim(sim, &id, func(c simulator.Customer) error {
				if c.Code != "HW002" {
					return fmt.Errorf("code not changed in place: %+v", c)
				}
				return nil
			}),
		},
		// Deleted outside Terraform: the next apply creates it again.
		resource.TestStep{
			PreConfig: func() {
				if !sim.Delete(id) {
					t.Fatalf("customer %s not found for the out-of-band delete", id)
				}
			},
			Config:           sim.providerHCL() + customerHCL(replace(fullCustomer, map[string]string{"code": `code = "HW002"`})...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionCreate)}},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrWith(customerAddr, "id", func(v string) error {
					if v == id {
						return fmt.Errorf("expected a new ID after recreation, got the old one %s", v)
					}
					id = v
					return nil
				}),
				func(*terraform.State) error {
					if n := sim.Len(); n != 2 {
						return fmt.Errorf("simulator holds %d customers, want 2 (referrer and customer)", n)
					}
					return nil
				},
			),
		},
		// Edited outside Terraform: the next apply reverts the edit.
		resource.TestStep{
			PreConfig: func() {
				sim.Update(id, func(c *simulator.Customer) { c.Name = "Edited elsewhere"; c.Group = "Silver"; c.Address = "" })
			},
			Config:           sim.providerHCL() + customerHCL(replace(fullCustomer, map[string]string{"code": `code = "HW002"`})...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate)}},
			Check: checkSim(sim, &id, func(c simulator.Customer) error {
				if c.Name != "Hendry Wijaya" || c.Group != "Gold" || c.Address == "" {
					return fmt.Errorf("out-of-band edit not reverted: %+v", c)
				}
				return nil
			}),
		},
	)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			if n := sim.Len(); n != 1 {
				return fmt.Errorf("after destroy the simulator holds %d customers, want only the referrer", n)
			}
			return nil
		},
	})
}

// TestAccCustomer_readFormsPlanEmpty: whatever form the API answers in, and
// whatever the server changes on its own, a matching configuration plans empty.
func TestAccCustomer_readFormsPlanEmpty(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{GenderAsBool: true})
	var id string
	minimal := sim.providerHCL() + customerHCL(
		`code   = "M001"`, `name = "Minimal"`, `email = "Mixed.Case@Example.com"`, `mobile = "0811"`,
	)
	dated := sim.providerHCL() + customerHCL(
		`code   = "M001"`, `name = "Minimal"`, `email = "Mixed.Case@Example.com"`, `mobile = "0811"`,
		`gender = "Female"`, `birth_date = "1994-03-18"`, `expired_group = "2031-07-31"`,
	)
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Unset gender reads back as false (Male) in boolean mode;
				// unset text fields read back as "".
				Config: minimal,
				Check:  captureID(&id),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("gender"), knownvalue.StringExact("Male")),
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("first_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("loyalty_point"), knownvalue.Int64Exact(0)),
				},
			},
			{
				// Loyalty points earned at the till and an email answered in
				// another case are no diff.
				PreConfig: func() {
					sim.Update(id, func(c *simulator.Customer) { c.LoyaltyPoint = 250; c.Email = "mixed.case@example.com" })
				},
				Config:           minimal,
				ConfigPlanChecks: empty,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("loyalty_point"), knownvalue.Int64Exact(250)),
					statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("email"), knownvalue.StringExact("Mixed.Case@Example.com")),
				},
			},
			{Config: dated},
			{Config: dated, ConfigPlanChecks: empty},
			{
				// The same record answered with Gender as a string.
				PreConfig:        func() { sim.SetGenderAsBool(false) },
				Config:           dated,
				ConfigPlanChecks: empty,
			},
			{
				// Dates and gender removed from the configuration: no longer
				// managed, left in DealPOS, no diff.
				Config:           minimal,
				ConfigPlanChecks: empty,
				Check: checkSim(sim, &id, func(c simulator.Customer) error {
					if c.Gender != "Female" || c.Birthday.IsZero() || c.ExpiredGroup.IsZero() {
						return fmt.Errorf("unmanaged values were changed: %+v", c)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCustomer_validation(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	base := []string{`code = "V001"`, `name = "Valid"`, `email = "v@example.com"`, `mobile = "0812"`}
	cases := []struct {
		attr, line, want string
	}{
		{"email", `email = "not-an-email"`, `must be an email address`},
		{"code", `code = ""`, `code must not be empty`},
		{"name", `name = "  "`, `name must not be empty`},
		{"mobile", `mobile = ""`, `mobile must not be empty`},
		{"status", `status = "Deleted"`, `value must be one of`},
		{"gender", `gender = "male"`, `value must be one of`},
		{"birth_date", `birth_date = "18 Mar 1994"`, `birth_date must be a date written YYYY-MM-DD`},
		{"expired_group", `expired_group = "2024-02-30"`, `expired_group must be a date written YYYY-MM-DD`},
		{"loyalty_point", `loyalty_point = -1`, `loyalty_point value must be at least 0`},
		{"first_name", `first_name = ""`, `first_name must not be empty`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		var attrs []string
		if _, ok := map[string]bool{"email": true, "code": true, "name": true, "mobile": true}[tc.attr]; ok {
			attrs = replace(base, map[string]string{tc.attr: tc.line})
		} else {
			attrs = append(append([]string(nil), base...), tc.line)
		}
		steps = append(steps, resource.TestStep{
			Config:      sim.providerHCL() + customerHCL(attrs...),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(regexp.QuoteMeta(tc.want)),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if sim.Stats().Total != 0 {
		t.Errorf("validation errors must come before any API call; the simulator saw %d requests", sim.Stats().Total)
	}
}

// TestAccCustomer_createOnly: a change of signup_outlet or referral_code is
// refused at plan time, and no replacement is planned.
func TestAccCustomer_createOnly(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.Seed(simulator.Customer{Code: "R1", Name: "R1", Email: "r1@example.com", Mobile: "0901", Status: "Active"})
	sim.Seed(simulator.Customer{Code: "R2", Name: "R2", Email: "r2@example.com", Mobile: "0902", Status: "Active"})
	base := []string{`code = "C001"`, `name = "C"`, `email = "c@example.com"`, `mobile = "0813"`, `signup_outlet = "Outlet1"`, `referral_code = "R1"`}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() + customerHCL(base...)},
			{
				Config:      sim.providerHCL() + customerHCL(replace(base, map[string]string{"signup_outlet": `signup_outlet = "Outlet2"`})...),
				ExpectError: regexp.MustCompile(`Cannot change signup_outlet after creation`),
			},
			{
				Config:      sim.providerHCL() + customerHCL(replace(base, map[string]string{"referral_code": `referral_code = "R2"`})...),
				ExpectError: regexp.MustCompile(`Cannot change referral_code after creation`),
			},
			{
				// Removing them stops managing them: no diff.
				Config:           sim.providerHCL() + customerHCL(replace(base, map[string]string{"signup_outlet": "", "referral_code": ""})...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccCustomer_importNotFound(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        sim.providerHCL() + customerHCL(`code = "X"`, `name = "X"`, `email = "x@example.com"`, `mobile = "0"`),
			ResourceName:  customerAddr,
			ImportState:   true,
			ImportStateId: "email:nobody@example.com",
			ExpectError:   regexp.MustCompile(`No customer has email "nobody@example.com"`),
		}},
	})
}

// TestAccCustomer_importBareMobile: a mobile number imported without its
// prefix is looked up as a code, and the error suggests mobile:.
func TestAccCustomer_importBareMobile(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.Seed(simulator.Customer{Code: "M1", Name: "M", Email: "m@example.com", Mobile: "+628123456789", Status: "Active"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        sim.providerHCL() + customerHCL(`code = "M1"`, `name = "M"`, `email = "m@example.com"`, `mobile = "+628123456789"`),
			ResourceName:  customerAddr,
			ImportState:   true,
			ImportStateId: "+628123456789",
			ExpectError:   regexp.MustCompile(`No customer has code "\+628123456789"\.\s+An\s+import\s+ID\s+without\s+a\s+prefix\s+is\s+read\s+as\s+a\s+code:\s+if\s+"\+628123456789"\s+is\s+a\s+mobile\s+number,\s+import\s+by\s+mobile:\+628123456789\.`),
		}},
	})
}

// TestAccCustomer_conflicts: a create or an update that collides with a
// customer Terraform does not manage names the field and suggests an import,
// and writes nothing, whichever way the API words the refusal (the taken
// email holds the word "code", which names no field there).
func TestAccCustomer_conflicts(t *testing.T) {
	t.Parallel()
	for _, wording := range []string{simulator.WordingExists, simulator.WordingRegistered} {
		t.Run(wording, func(t *testing.T) {
			t.Parallel()
			testConflicts(t, newTestSim(t, simulator.Options{DuplicateWording: wording}))
		})
	}
}

func testConflicts(t *testing.T, sim *testSim) {
	sim.Seed(simulator.Customer{Code: "TAKEN", Name: "Other", Email: "code.taken@example.com", Mobile: "0811111", Status: "Active"})
	base := []string{`code = "FREE"`, `name = "Mine"`, `email = "mine@example.com"`, `mobile = "0822222"`}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      sim.providerHCL() + customerHCL(replace(base, map[string]string{"code": `code = "TAKEN"`})...),
				ExpectError: regexp.MustCompile(`(?s)with dealpos_customer\.test,.*already has code "TAKEN".*import\s+it\s+instead\s+of\s+creating\s+it:\s+an\s+import\s+block\s+with\s+to\s+=\s+this\s+dealpos_customer's\s+address\s+\(shown\s+after\s+"with"\s+above\)\s+and\s+id\s+=\s+"code:TAKEN",\s+or\s+terraform\s+import\s+with\s+that\s+address\s+and\s+code:TAKEN`),
			},
			{Config: sim.providerHCL() + customerHCL(base...)},
			{
				Config:      sim.providerHCL() + customerHCL(replace(base, map[string]string{"email": `email = "code.taken@example.com"`})...),
				ExpectError: regexp.MustCompile(`(?s)already has email\s+"code.taken@example.com"`),
			},
			{
				// The refused update wrote nothing: the record still matches.
				Config:           sim.providerHCL() + customerHCL(base...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := sim.Len(); n != 1 {
				return fmt.Errorf("the simulator holds %d customers, want only the unmanaged one", n)
			}
			return nil
		},
	})
}

// TestAccCustomer_updateKeepsUnsetFields: an update of one attribute keeps
// what the configuration leaves unset (gender, dates, the loyalty balance
// earned at the till, the sign-up outlet and referrer) whether the API keeps
// the fields an update omits or replaces the record and clears them: the
// provider reads the customer and sends every field, two requests.
func TestAccCustomer_updateKeepsUnsetFields(t *testing.T) {
	t.Parallel()
	for _, replaces := range []bool{false, true} {
		t.Run(fmt.Sprintf("update clears omitted fields: %v", replaces), func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{UpdateClearsOmitted: replaces})
			referrerID := sim.Seed(simulator.Customer{Code: "REF001", Name: "Referrer", Email: "ref@example.com", Mobile: "0800", Status: "Active"})
			base := []string{`code = "K001"`, `name = "Keep"`, `email = "keep@example.com"`, `mobile = "0831"`, `group = "Gold"`,
				`signup_outlet = "Outlet1"`, `referral_code = "REF001"`}
			renamed := replace(base, map[string]string{"name": `name = "Kept"`})
			var id string
			birthday, expires := time.Date(1994, 3, 18, 0, 0, 0, 0, time.UTC), time.Date(2031, 7, 31, 0, 0, 0, 0, time.UTC)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: sim.providerHCL() + customerHCL(base...), Check: captureID(&id)},
					{
						// Set in DealPOS, unset in the configuration: no diff.
						PreConfig: func() {
							sim.Update(id, func(c *simulator.Customer) {
								c.Gender, c.Birthday, c.ExpiredGroup, c.LoyaltyPoint = "Female", birthday, expires, 250
							})
						},
						Config:           sim.providerHCL() + customerHCL(base...),
						ConfigPlanChecks: emptyPlan,
					},
					{
						PreConfig:        sim.ResetStats,
						Config:           sim.providerHCL() + customerHCL(renamed...),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate)}},
						Check: resource.ComposeAggregateTestCheckFunc(
							// The plan's refresh, then the read before the write and the write.
							expectRequests(sim, map[string]int{"GET /Customer/id/{id}": 2, "PUT /Customer/ByID": 1}),
							checkSim(sim, &id, func(c simulator.Customer) error {
								if c.Name != "Kept" || c.Group != "Gold" || c.Gender != "Female" || !c.Birthday.Equal(birthday) || !c.ExpiredGroup.Equal(expires) ||
									c.LoyaltyPoint != 250 || c.SignUpOutlet != "Outlet1" || c.ReferredBy != referrerID {
									return fmt.Errorf("the update did not keep what the configuration leaves unset: %+v", c)
								}
								return nil
							}),
						),
					},
					{
						Config:           sim.providerHCL() + customerHCL(renamed...),
						ConfigPlanChecks: emptyPlan,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("loyalty_point"), knownvalue.Int64Exact(250)),
							statecheck.ExpectKnownValue(customerAddr, tfjsonpath.New("birth_date"), knownvalue.StringExact("1994-03-18")),
						},
					},
				},
			})
		})
	}
}
