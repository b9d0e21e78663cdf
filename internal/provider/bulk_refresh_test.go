package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

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
