package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const pinAddr = "dealpos_customer_pin.test"

// pinHCL renders a dealpos_customer_pin "test" block for customer id.
func pinHCL(id string, attrs ...string) string {
	return fmt.Sprintf("resource \"dealpos_customer_pin\" \"test\" {\n  customer_id = %q\n  %s\n}\n", id, strings.Join(attrs, "\n  "))
}

// seedPINCustomer stores one customer for the PIN tests and returns its ID.
func seedPINCustomer(sim *testSim, code string) string {
	return sim.Seed(simulator.Customer{Code: code, Name: code, Email: strings.ToLower(code) + "@example.com", Mobile: "09" + code, Status: "Active"})
}

// expectSimPIN checks the PIN the simulator holds for customer id.
func expectSimPIN(sim *testSim, id, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, ok := sim.Get(id)
		if !ok {
			return fmt.Errorf("customer %s not in the simulator", id)
		}
		if c.PIN != want {
			return fmt.Errorf("simulator PIN of %s is %q, want %q", id, c.PIN, want)
		}
		return nil
	}
}

// expectNoSecretInState fails when any state attribute, of any resource,
// contains one of the secrets.
func expectNoSecretInState(secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, m := range s.Modules {
			for addr, rs := range m.Resources {
				for k, v := range rs.Primary.Attributes {
					for _, secret := range secrets {
						if strings.Contains(v, secret) {
							return fmt.Errorf("state of %s holds the PIN in attribute %s", addr, k)
						}
					}
				}
			}
		}
		return nil
	}
}

func TestAccCustomerPIN_sensitive(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	id := seedPINCustomer(sim, "P001")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sim.providerHCL() + pinHCL(id, `pin = "123456"`),
				Check:  resource.ComposeAggregateTestCheckFunc(expectSimPIN(sim, id, "123456"), resource.TestCheckResourceAttr(pinAddr, "id", id)),
			},
			{
				Config:           sim.providerHCL() + pinHCL(id, `pin = "0042"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(pinAddr, plancheck.ResourceActionUpdate)}},
				Check:            expectSimPIN(sim, id, "0042"),
			},
			{
				// Changed outside Terraform: a diff, and the apply restores it.
				PreConfig:        func() { sim.Update(id, func(c *simulator.Customer) { c.PIN = "999" }) },
				Config:           sim.providerHCL() + pinHCL(id, `pin = "0042"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(pinAddr, plancheck.ResourceActionUpdate)}},
				Check:            expectSimPIN(sim, id, "0042"),
			},
			{
				// Import never writes the PIN into state.
				ResourceName:            pinAddr,
				ImportState:             true,
				ImportStateId:           id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"pin"},
			},
			{
				// An import block plans at most an in-place update, never a replacement.
				ResourceName:       pinAddr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateId:      id,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(pinAddr, plancheck.ResourceActionUpdate),
				}},
			},
		},
		// Destroying does not clear the PIN: the API cannot.
		CheckDestroy: expectSimPIN(sim, id, "0042"),
	})
}

func TestAccCustomerPIN_writeOnly(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	id := seedPINCustomer(sim, "P002")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sim.providerHCL() + pinHCL(id, `pin_wo = "246810"`, `pin_wo_version = 1`),
				Check:  resource.ComposeAggregateTestCheckFunc(expectSimPIN(sim, id, "246810"), expectNoSecretInState("246810")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(pinAddr, tfjsonpath.New("pin_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(pinAddr, tfjsonpath.New("pin"), knownvalue.Null()),
				},
			},
			{
				// A new write-only value alone is not sent: nothing shows it changed.
				Config:           sim.providerHCL() + pinHCL(id, `pin_wo = "135790"`, `pin_wo_version = 1`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            expectSimPIN(sim, id, "246810"),
			},
			{
				// Bumping the version sends it.
				Config:           sim.providerHCL() + pinHCL(id, `pin_wo = "135790"`, `pin_wo_version = 2`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(pinAddr, plancheck.ResourceActionUpdate)}},
				Check:            resource.ComposeAggregateTestCheckFunc(expectSimPIN(sim, id, "135790"), expectNoSecretInState("135790", "246810")),
			},
			{
				// A PIN changed outside Terraform cannot be seen with pin_wo.
				PreConfig:        func() { sim.Update(id, func(c *simulator.Customer) { c.PIN = "1" }) },
				Config:           sim.providerHCL() + pinHCL(id, `pin_wo = "135790"`, `pin_wo_version = 2`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccCustomerPIN_ephemeral copies one customer's PIN to another through
// the ephemeral resource and a write-only argument, and echoes it to check
// the value the ephemeral resource read.
func TestAccCustomerPIN_ephemeral(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	from := seedPINCustomer(sim, "P003")
	to := seedPINCustomer(sim, "P004")
	sim.Update(from, func(c *simulator.Customer) { c.PIN = "777123" })
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"dealpos": testAccProtoV6ProviderFactories["dealpos"],
			"echo":    echoprovider.NewProviderServer(),
		},
		Steps: []resource.TestStep{{
			Config: sim.providerHCL() + fmt.Sprintf(`
ephemeral "dealpos_customer_pin" "from" {
  customer_id = %q
}

resource "dealpos_customer_pin" "to" {
  customer_id    = %q
  pin_wo         = ephemeral.dealpos_customer_pin.from.pin
  pin_wo_version = 1
}

provider "echo" {
  data = ephemeral.dealpos_customer_pin.from.pin
}

resource "echo" "pin" {}
`, from, to),
			Check: expectSimPIN(sim, to, "777123"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.pin", tfjsonpath.New("data"), knownvalue.StringExact("777123")),
			},
		}},
	})
}

func TestAccCustomerPIN_validation(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	id := "5acffe34-346f-4888-afd8-0a551e556681"
	var steps []resource.TestStep
	for _, attrs := range [][]string{
		{`pin = "12ab"`}, {`pin = "1234567"`}, {`pin = ""`},
		{`pin_wo = "12ab"`, `pin_wo_version = 1`}, {`pin_wo = "1234567"`, `pin_wo_version = 1`}, {`pin_wo = ""`, `pin_wo_version = 1`},
	} {
		attr := strings.Fields(attrs[0])[0]
		steps = append(steps, resource.TestStep{
			Config:      sim.providerHCL() + pinHCL(id, attrs...),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + attr + ` must be 1 to 6 digits, digits only \(the value is not\s+shown`),
		})
	}
	steps = append(steps,
		resource.TestStep{Config: sim.providerHCL() + pinHCL(id), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured`)},
		resource.TestStep{Config: sim.providerHCL() + pinHCL(id, `pin = "1"`, `pin_wo = "2"`, `pin_wo_version = 1`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured`)},
		resource.TestStep{Config: sim.providerHCL() + pinHCL(id, `pin_wo = "2"`), PlanOnly: true, ExpectError: regexp.MustCompile(`These attributes must be configured together`)},
	)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if n := sim.Stats().Total; n != 0 {
		t.Errorf("validation must fail before any API call; the simulator saw %d requests", n)
	}
}

// TestAccCustomerPIN_customerDeleted: the customer deleted out of band takes
// the PIN resource out of state on refresh.
func TestAccCustomerPIN_customerDeleted(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	id := seedPINCustomer(sim, "P005")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() + pinHCL(id, `pin = "55"`)},
			{
				// Refresh drops it, so the plan creates it again, which fails
				// with a clear error since the customer is gone.
				PreConfig: func() { sim.Delete(id) },
				Config:    sim.providerHCL() + pinHCL(id, `pin = "55"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(pinAddr, plancheck.ResourceActionCreate),
				}},
				ExpectError: regexp.MustCompile(`(?s)Cannot set the PIN of customer .*no\s+customer has that ID`),
			},
			{Config: sim.providerHCL()},
		},
	})
}
