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

// TestAccCustomerNextCode: after customers MM-001..MM-003 are created, the
// generator's next code is MM-004, whatever shape the API answers in.
func TestAccCustomerNextCode(t *testing.T) {
	t.Parallel()
	for _, shape := range []string{simulator.ShapeMessage, simulator.ShapeString, simulator.ShapeObject} {
		t.Run(shape, func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{CodePrefix: "MM-", NewCodeShape: shape})
			customers := `
resource "dealpos_customer" "seq" {
  count  = 3
  code   = format("MM-%03d", count.index + 1)
  name   = "Sequenced ${count.index}"
  email  = "seq${count.index}@example.com"
  mobile = "0877${count.index}"
}
`
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: sim.providerHCL() + customers},
					{
						Config: sim.providerHCL() + customers + `data "dealpos_customer_next_code" "next" {}`,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data.dealpos_customer_next_code.next", tfjsonpath.New("code"), knownvalue.StringExact("MM-004")),
						},
					},
				},
			})
		})
	}
}

func TestAccCustomerNextCode_noGenerator(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      sim.providerHCL() + `data "dealpos_customer_next_code" "next" {}`,
			ExpectError: regexp.MustCompile(`No customer code generator on this DealPOS tenant`),
		}},
	})
}
