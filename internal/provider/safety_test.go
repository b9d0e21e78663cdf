package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Tests of the answers the live API may give that the reference does not
// show, through the terraform CLI: state is never emptied by a misread,
// credentials stay on the configured host, failures fail fast.

// safetyCustomer is one customer for the safety tests.
func safetyCustomer(sim *testSim, extra ...string) string {
	return sim.providerHCL() + customerHCL(append([]string{
		`code   = "SAFE1"`, `name   = "Safe"`, `email  = "safe@example.com"`, `mobile = "0811"`,
	}, extra...)...)
}

// bulkProviderHCL is a provider block for sim with bulk_refresh.
func bulkProviderHCL(sim *testSim) string {
	return fmt.Sprintf(`
provider "dealpos" {
  base_url     = %q
  token        = %q
  bulk_refresh = true
}
`, sim.URL, testToken)
}

// expectSimHolds checks that DealPOS holds exactly n customers.
func expectSimHolds(sim *testSim, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := sim.Len(); got != n {
			return fmt.Errorf("DealPOS holds %d customers, want %d", got, n)
		}
		return nil
	}
}

// TestAccSafety_redirectKeepsState: a redirect, to another host or to the
// same host over plain http, is an error naming the Location and base_url;
// nothing reaches the other host, and the customer stays in state.
func TestAccSafety_redirectKeepsState(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	var reached atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		reached.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"Message":"Customer not found."}`))
	}))
	t.Cleanup(other.Close)
	config := safetyCustomer(sim)
	redirectStep := func(status int, location string) resource.TestStep {
		return resource.TestStep{
			PreConfig:   func() { sim.SetFaults(simulator.Faults{RedirectStatus: status, RedirectLocation: location}) },
			Config:      config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)redirect\s+to\s+` + regexp.QuoteMeta(location) + `.*base_url`),
		}
	}
	samehostHTTP := strings.Replace(sim.URL, "127.0.0.1", "localhost", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			redirectStep(http.StatusTemporaryRedirect, other.URL+"/api/v3"),
			redirectStep(http.StatusMovedPermanently, samehostHTTP),
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{}) },
				Config:    config,
				PlanOnly:  true, // an empty plan: the customer is still in state
			},
		},
		CheckDestroy: expectSimEmpty(sim),
	})
	if n := reached.Load(); n != 0 {
		t.Errorf("%d requests followed the redirect to another host", n)
	}
}

// TestAccSafety_wrongBaseURL: a base URL without /api/v3 (the framework's
// unknown-route 404) and a web server's HTML 404 page fail the refresh and
// the destroy with an error about the base URL, and forget nothing.
func TestAccSafety_wrongBaseURL(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	config := safetyCustomer(sim)
	noAPIPath := strings.Replace(config, sim.URL, strings.TrimSuffix(sim.URL, "/api/v3"), 1)
	wantErr := regexp.MustCompile(`(?s)base URL.*/api/v3`)
	html := func() { sim.SetFaults(simulator.Faults{HTMLNotFound: true}) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{Config: noAPIPath, PlanOnly: true, ExpectError: wantErr},
			{PreConfig: html, Config: config, PlanOnly: true, ExpectError: wantErr},
			{PreConfig: html, Config: config, Destroy: true, ExpectError: wantErr},
			{
				PreConfig: func() { sim.SetFaults(simulator.Faults{}) },
				Config:    config,
				PlanOnly:  true, // an empty plan: the customer is still in state
			},
			{Config: config, Check: expectSimHolds(sim, 1)},
		},
		CheckDestroy: expectSimEmpty(sim),
	})
}

// TestAccSafety_create500: a create the API refuses with a 500 fails at
// once with the API's message, in at most four requests.
func TestAccSafety_create500(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{Create500: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      safetyCustomer(sim),
			ExpectError: regexp.MustCompile(`An error has occurred`),
		}},
	})
	st := sim.Stats().Requests
	n := st["POST /Customer"] + st["POST /Customer/Code"] + st["POST /Customer/Email"]
	t.Logf("requests for the refused create: %d (%v)", n, st)
	if n > 4 {
		t.Errorf("the refused create took %d requests, want at most 4", n)
	}
}

// TestAccSafety_createRefused400: a create refused with a 400 fails with
// the API's message after one request. Only the API's duplicate wording is
// a conflict that suggests terraform import; "Outlet X does not exist" is
// not, whatever word it shares with "already exists".
func TestAccSafety_createRefused400(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		message string
		want    *regexp.Regexp
	}{
		// The conflict branch has its own summary, so this one proves the
		// refusal was not taken for a conflict (nor answered with advice to
		// import).
		{"Outlet Nowhere does not exist.", regexp.MustCompile(`(?s)Could not create DealPOS customer SAFE1.*Outlet Nowhere does not exist\.`)},
		{"Customer code SAFE1 already exists.", regexp.MustCompile(`(?s)conflicts with an existing customer.*this\s+dealpos_customer's\s+address.*id\s+=\s+"code:SAFE1"`)},
	} {
		t.Run(tc.message, func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{})
			sim.SetFaults(simulator.Faults{Create400: tc.message})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      safetyCustomer(sim, `signup_outlet = "Nowhere"`),
					ExpectError: tc.want,
				}},
			})
			if n := sim.Stats().Total; n != 1 {
				t.Errorf("the refused create took %d requests, want 1", n)
			}
		})
	}
}

// TestAccSafety_emptyRead: a read answered 200 with null or {} never writes
// an empty customer into state (the customer is taken as gone, and the next
// plan creates it); one answered with another customer's record is an
// error and keeps the state.
func TestAccSafety_emptyRead(t *testing.T) {
	t.Parallel()
	noEmptyRecord := func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			if rs.Type == "dealpos_customer" && (rs.Primary.ID == "" || rs.Primary.Attributes["code"] == "") {
				return fmt.Errorf("%s is in state with an empty id or code: %v", addr, rs.Primary.Attributes)
			}
		}
		return nil
	}
	for _, mode := range []string{simulator.EmptyReadNull, simulator.EmptyReadObject} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			sim := newTestSim(t, simulator.Options{})
			config := safetyCustomer(sim)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: config},
					{
						PreConfig:          func() { sim.SetFaults(simulator.Faults{EmptyRead: mode}) },
						RefreshState:       true,
						ExpectNonEmptyPlan: true,
						Check: resource.ComposeAggregateTestCheckFunc(noEmptyRecord,
							func(s *terraform.State) error {
								if _, ok := s.RootModule().Resources[customerAddr]; ok {
									return fmt.Errorf("%s is still in state after a read without a record", customerAddr)
								}
								return nil
							}),
					},
				},
			})
		})
	}
	t.Run(simulator.EmptyReadOtherID, func(t *testing.T) {
		t.Parallel()
		sim := newTestSim(t, simulator.Options{})
		config := safetyCustomer(sim)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: config},
				{
					PreConfig:   func() { sim.SetFaults(simulator.Faults{EmptyRead: simulator.EmptyReadOtherID}) },
					Config:      config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`record\s+of\s+another\s+customer`),
				},
				{PreConfig: func() { sim.SetFaults(simulator.Faults{}) }, Config: config, PlanOnly: true},
			},
			CheckDestroy: expectSimEmpty(sim),
		})
	})
}

// underFault is a plan-only refresh while f is set, which must plan
// nothing, then measure on the simulator's stats of that plan, and an apply
// with the faults cleared.
func underFault(sim *testSim, config string, f simulator.Faults, measure func(simulator.Stats)) []resource.TestStep {
	return []resource.TestStep{
		{
			PreConfig: func() {
				sim.SetFaults(f)
				sim.ResetStats()
			},
			Config:   config,
			PlanOnly: true,
		},
		{
			PreConfig: func() {
				measure(sim.Stats())
				sim.SetFaults(simulator.Faults{})
			},
			Config: config,
		},
	}
}

// TestAccSafety_repeatingPages: with bulk_refresh, a TotalCount that
// overstates the pages, which repeat the last one past the end, still ends
// the listing after ceil(n / page size) + 1 requests: 20 customers in
// pages of 10 cost 3.
func TestAccSafety_repeatingPages(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{PageCap: 10})
	config := bulkProviderHCL(sim) + bulkHCL(20)
	var lists int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: append([]resource.TestStep{{Config: config}},
			underFault(sim, config, simulator.Faults{OverstatedTotal: 1000}, func(st simulator.Stats) {
				lists = st.Requests["POST /Customer/WithTotalCount"]
			})...),
		CheckDestroy: expectSimEmpty(sim),
	})
	// Each provider process (one per plan) lists once.
	t.Logf("list requests in the plan-only step: %d", lists)
	if lists == 0 || lists%3 != 0 || lists > 6 {
		t.Errorf("the plan-only step took %d list requests, want 3 per listing (20 customers, pages of 10)", lists)
	}
}

// TestAccSafety_undecodableListRecord: with bulk_refresh, one customer
// whose list record cannot be decoded is read on its own; the refresh of
// the others does not fail.
func TestAccSafety_undecodableListRecord(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	config := bulkProviderHCL(sim) + bulkHCL(5)
	var gets int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: append([]resource.TestStep{{Config: config}},
			underFault(sim, config, simulator.Faults{BadListRecord: "B002"}, func(st simulator.Stats) {
				gets = st.Requests["GET /Customer/id/{id}"]
			})...),
		CheckDestroy: expectSimEmpty(sim),
	})
	if gets == 0 || gets > 2 {
		t.Errorf("%d single reads in the plan-only step, want the undecodable customer's own read in each plan (1 or 2)", gets)
	}
}

// TestAccSafety_longRetryAfter: a Retry-After longer than the refresh's
// deadline (the read timeout) fails the plan at once, naming the wait.
func TestAccSafety_longRetryAfter(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	start := time.Now()
	var elapsed time.Duration
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: safetyCustomer(sim, `timeouts { read = "2m" }`)},
			{
				PreConfig: func() {
					sim.SetFaults(simulator.Faults{RetryAfter: 10 * time.Minute})
					start = time.Now()
				},
				Config:      safetyCustomer(sim, `timeouts { read = "2m" }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)wait.*10m0s`),
			},
			{
				PreConfig: func() {
					elapsed = time.Since(start)
					sim.SetFaults(simulator.Faults{})
				},
				Config:   safetyCustomer(sim, `timeouts { read = "2m" }`),
				PlanOnly: true,
			},
		},
		CheckDestroy: expectSimEmpty(sim),
	})
	if elapsed > time.Minute {
		t.Errorf("the plan failed after %s, not at once", elapsed)
	}
}

// TestAccSafety_deletedElsewhereUnderEveryReading: a customer deleted in
// DealPOS is planned for re-creation whatever GET /Customer/NewCode answers
// (a JSON 404 with the code generator off, a 403, no route) and whatever
// form the API's 404 takes (plain text, empty); under a proxy's JSON 404
// for every path it is kept, with an error naming base_url.
func TestAccSafety_deletedElsewhereUnderEveryReading(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	readings := []simulator.Faults{
		{NewCode: simulator.NewCode404},
		{NewCode: simulator.NewCode403, NotFoundBody: simulator.NotFoundText},
		{NewCode: simulator.NewCodeRoute, NotFoundBody: simulator.NotFoundEmpty},
	}
	steps := []resource.TestStep{{Config: safetyCustomer(sim)}}
	for _, f := range readings {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				for _, c := range sim.All() {
					sim.Delete(c.ID)
				}
				sim.SetFaults(f)
			},
			Config: safetyCustomer(sim),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dealpos_customer.test", plancheck.ResourceActionCreate),
			}},
			Check: expectSimHolds(sim, 1),
		})
	}
	steps = append(steps, resource.TestStep{
		PreConfig:   func() { sim.SetFaults(simulator.Faults{JSONNotFound: true}) },
		Config:      safetyCustomer(sim),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)base_url`),
	}, resource.TestStep{
		PreConfig: func() { sim.SetFaults(simulator.Faults{}) },
		Config:    safetyCustomer(sim),
		PlanOnly:  true,
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy:             expectSimEmpty(sim),
	})
}

// TestAccSafety_createMayExist: a create whose answer is lost and whose
// lookup fails too (max_retries = 0, every answer a 5xx) says that the
// customer may exist and how to import it, with no placeholder address.
func TestAccSafety_createMayExist(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{P5xx: 1})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "dealpos" {
  base_url    = %q
  token       = %q
  max_retries = 0
}
`, sim.URL, testToken) + customerHCL(`code = "LOST1"`, `name = "Lost"`, `email = "lost@example.com"`, `mobile = "0812"`),
			ExpectError: regexp.MustCompile(`(?s)Could not create DealPOS customer LOST1.*looking it up failed.*It may exist in DealPOS all the same: if it does,\s+import\s+it\s+instead\s+of\s+creating\s+it:.*this\s+dealpos_customer's\s+address.*id\s+=\s+"code:LOST1"`),
		}},
	})
}
