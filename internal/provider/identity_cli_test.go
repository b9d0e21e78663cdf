package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// These run through the terraform CLI where it is new enough (1.12 for
// identity, 1.14 for terraform query) and skip otherwise; the protocol tests
// in identity_list_test.go prove the same behaviour on any Terraform.

func TestAccCustomer_importByIdentity(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL() + customerHCL(fullCustomer[:16]...)},
			{
				ResourceName:    customerAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

func TestAccCustomer_query(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	ids := sim.SeedSample(3)
	var checks []querycheck.QueryResultCheck
	for _, id := range ids {
		checks = append(checks, querycheck.ExpectIdentity("dealpos_customer.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}))
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sim.providerHCL()},
			{
				Query: true,
				Config: fmt.Sprintf(`
provider "dealpos" {
  base_url = %q
  token    = %q
}

list "dealpos_customer" "all" {
  provider = dealpos
}
`, sim.URL, testToken),
				QueryResultChecks: checks,
			},
		},
	})
}
