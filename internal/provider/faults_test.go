package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// bulkHCL declares n customers B000.. in one resource block.
func bulkHCL(n int) string {
	return fmt.Sprintf(`
resource "dealpos_customer" "bulk" {
  count  = %d
  code   = format("B%%03d", count.index)
  name   = "Bulk ${count.index}"
  email  = "bulk${count.index}@example.com"
  mobile = format("0812%%06d", count.index)
}
`, n)
}

// expectExactlyManaged checks that the state holds n bulk customers with
// distinct IDs, each of them in the simulator, and that the simulator holds
// no other customer: nothing lost, nothing duplicated, no orphan.
func expectExactlyManaged(sim *testSim, n int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ids := map[string]bool{}
		for addr, rs := range s.RootModule().Resources {
			if !strings.HasPrefix(addr, "dealpos_customer.bulk") {
				continue
			}
			id := rs.Primary.ID
			if ids[id] {
				return fmt.Errorf("ID %s is in state twice", id)
			}
			ids[id] = true
			c, ok := sim.Get(id)
			if !ok {
				return fmt.Errorf("%s (ID %s) is in state but not in DealPOS", addr, id)
			}
			if c.Code != rs.Primary.Attributes["code"] {
				return fmt.Errorf("%s: state code %s, DealPOS code %s", addr, rs.Primary.Attributes["code"], c.Code)
			}
		}
		if len(ids) != n {
			return fmt.Errorf("state holds %d customers, want %d", len(ids), n)
		}
		if got := sim.Len(); got != n {
			return fmt.Errorf("DealPOS holds %d customers, want exactly %d", got, n)
		}
		return nil
	}
}

// applyAndDestroyBulk applies n bulk customers, checks that exactly they
// exist, and destroys them all.
func applyAndDestroyBulk(t *testing.T, sim *testSim, providerHCL string, n int) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerHCL + bulkHCL(n),
			Check:  expectExactlyManaged(sim, n),
		}},
		CheckDestroy: expectSimEmpty(sim),
	})
}

func expectSimEmpty(sim *testSim) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := sim.Len(); n != 0 {
			return fmt.Errorf("after destroy DealPOS still holds %d customers", n)
		}
		return nil
	}
}

// TestAccFaults_throttledAndUnavailable: 40 customers created through 20%
// random 429s, then renamed, refreshed and destroyed through 20% 429s and 5%
// random 502/503/504s. A 429 is retried for every request; a 5xx only for
// requests that are safe to repeat. A create meeting a 5xx is looked up and
// sent once more at most (it fails after two, by design: see the client's
// create tests and TestAccFaults_lostCreateAnswers), so the 5xx come in once
// the customers exist, where every request may be retried.
func TestAccFaults_throttledAndUnavailable(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{Seed: 7})
	const n = 40
	renamed := strings.Replace(bulkHCL(n), `"Bulk `, `"Renamed `, 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{P429: 0.2}) },
				Config:    sim.providerHCL() + bulkHCL(n),
				Check:     expectExactlyManaged(sim, n),
			},
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{P429: 0.2, P5xx: 0.05}) },
				Config:    sim.providerHCL() + renamed,
				Check: resource.ComposeTestCheckFunc(
					expectExactlyManaged(sim, n),
					resource.TestCheckResourceAttr("dealpos_customer.bulk.39", "name", "Renamed 39"),
				),
			},
		},
		CheckDestroy: expectSimEmpty(sim),
	})
	st := sim.Stats().Status
	if st[429] == 0 || st[502]+st[503]+st[504] == 0 {
		t.Errorf("the faults did not happen (statuses %v): the test proves nothing", st)
	}
}

// TestAccFaults_lostCreateAnswers: 30% of the creates are stored but their
// answers are lost (a 502, or the connection dropped); one apply must end
// with every customer created once and in state.
func TestAccFaults_lostCreateAnswers(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{simulator.LostCreate502, simulator.LostCreateDrop} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{Seed: 3})
			sim.SetFaults(simulator.Faults{PLostCreate: 0.3, LostCreateMode: mode})
			applyAndDestroyBulk(t, sim, sim.providerHCL(), 40)
			// Each lost answer makes the provider look the customer up by
			// code; without any, the faults did not happen.
			stats := sim.Stats()
			if stats.Requests["POST /Customer/Code"] == 0 {
				t.Errorf("no create answer was lost (requests %v): the test proves nothing", stats.Requests)
			}
			t.Logf("creates sent %d, lookups by code %d", stats.Requests["POST /Customer"], stats.Requests["POST /Customer/Code"])
		})
	}
}

// TestAccFaults_lateCreateAdopted: the create's answer is lost and the
// customer lands only after the lookups missed it, so the create sent again
// is refused as a duplicate, in the API's second wording ("Code X has been
// registered."); the apply adopts the customer: one in DealPOS, in state.
func TestAccFaults_lateCreateAdopted(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{DuplicateWording: simulator.WordingRegistered})
	sim.SetFaults(simulator.Faults{PLostCreate: 1, LostCreateMode: simulator.LostCreateLate})
	applyAndDestroyBulk(t, sim, sim.providerHCL(), 1)
	if n := sim.Stats().Requests["POST /Customer"]; n != 2 {
		t.Errorf("the create was sent %d times, want 2: the late one, and the one refused as a duplicate", n)
	}
}

// TestAccFaults_quotaWindow: a quota scaled down to 10 requests per 2
// seconds; apply and destroy of 40 customers pace themselves.
func TestAccFaults_quotaWindow(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{QuotaLimit: 10, QuotaWindow: 2 * time.Second})
	applyAndDestroyBulk(t, sim, sim.providerHCL(), 40)
	stats := sim.Stats()
	if n := stats.Status[429]; n > 5 {
		t.Errorf("%d requests were refused with 429 in %d; pacing should keep that to a handful", n, stats.Total)
	}
	t.Logf("requests %d, 429s %d", stats.Total, stats.Status[429])
}

// TestAccFaults_tokenExpiry: OAuth2 tokens that expire every second, during
// an apply slowed by latency.
func TestAccFaults_tokenExpiry(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{ClientID: "ops", ClientSecret: "secret-1", TokenTTL: time.Second})
	sim.SetFaults(simulator.Faults{Latency: 20 * time.Millisecond})
	applyAndDestroyBulk(t, sim, fmt.Sprintf(`
provider "dealpos" {
  base_url      = %q
  client_id     = "ops"
  client_secret = "secret-1"
}
`, sim.URL), 20)
	if n := sim.Stats().Requests["POST /Token/OAuth2"]; n < 2 {
		t.Errorf("tokens were renewed %d times; with a 1s lifetime the apply should need several", n)
	}
}

// TestAccFaults_timeoutDuringQuotaWait: a create whose read-back must wait
// two minutes for the quota gives up at its timeouts block's deadline, keeps
// the created customer in state (tainted, not orphaned), and the next apply
// converges to exactly one customer.
func TestAccFaults_timeoutDuringQuotaWait(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{QuotaLimit: 1, QuotaWindow: 2 * time.Minute})
	customer := func(extra string) string {
		return sim.providerHCL() + customerHCL(`code = "T1"`, `name = "Timeout"`, `email = "t1@example.com"`, `mobile = "0990"`, extra)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      customer(`timeouts { create = "3s" }`),
				ExpectError: regexp.MustCompile(`context\s+deadline\s+exceeded`),
			},
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{}) },
				Config:    customer(""),
				Check: func(*terraform.State) error {
					if n := sim.Len(); n != 1 {
						return fmt.Errorf("DealPOS holds %d customers, want exactly 1", n)
					}
					return nil
				},
			},
		},
		CheckDestroy: expectSimEmpty(sim),
	})
}
