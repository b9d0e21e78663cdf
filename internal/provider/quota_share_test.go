package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// requestLog records when each request reaches the simulator it wraps, which
// provider process (terraform command) sent it, and the answer's status.
type requestLog struct {
	next http.Handler

	mu       sync.Mutex
	process  int // provider processes started so far
	requests []loggedRequest
}

type loggedRequest struct {
	at      time.Time
	process int
	status  int
	what    string
}

func (r loggedRequest) String() string {
	return fmt.Sprintf("%s process %d %s: %d", r.at.Format("15:04:05.000"), r.process, r.what, r.status)
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	i := len(l.requests)
	l.requests = append(l.requests, loggedRequest{at: time.Now(), process: l.process, what: r.Method + " " + r.URL.Path})
	l.mu.Unlock()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	l.next.ServeHTTP(sw, r)
	l.mu.Lock()
	l.requests[i].status = sw.status
	l.mu.Unlock()
}

// newProcess marks the start of a provider process: every terraform command
// configures a provider of its own, with a quota that knows nothing yet.
func (l *requestLog) newProcess() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.process++
}

// quotaWindow is one of the simulator's fixed quota windows.
type quotaWindow struct {
	start     time.Time
	requests  int
	processes map[int]bool
	log       []string
}

// windows replays the simulator's fixed windows over the requests it
// counted (all but the 429s): a window starts with the first request after
// the previous one ended and lasts length.
func (l *requestLog) windows(length time.Duration) []*quotaWindow {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*quotaWindow
	for _, r := range l.requests {
		if r.status == http.StatusTooManyRequests {
			continue
		}
		if len(out) == 0 || !r.at.Before(out[len(out)-1].start.Add(length)) {
			out = append(out, &quotaWindow{start: r.at, processes: map[int]bool{}})
		}
		w := out[len(out)-1]
		w.requests++
		w.processes[r.process] = true
		w.log = append(w.log, r.String())
	}
	return out
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// TestAccProvider_maxAPICapacity: a tenant quota of 10 requests per 2
// seconds, learned from the RateLimit-* headers, and max_api_capacity = 50:
// 8 customers are created, refreshed and destroyed with at most 5 requests
// in any of the simulator's windows and no 429. The one allowance: each
// terraform command runs a provider process of its own, whose first request
// goes out before it knows the window, so a window that a command starts in
// may also hold that request.
func TestAccProvider_maxAPICapacity(t *testing.T) {
	t.Parallel()
	const limit, share = 10, 5
	const window = 2 * time.Second
	sim := simulator.New(simulator.Options{Tokens: []string{testToken}})
	sim.SetFaults(simulator.Faults{QuotaLimit: limit, QuotaWindow: window})
	log := &requestLog{next: sim}
	srv := httptest.NewServer(log)
	t.Cleanup(srv.Close)

	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"dealpos": func() (tfprotov6.ProviderServer, error) {
			log.newProcess()
			return servedProvider()
		},
	}
	providerHCL := fmt.Sprintf(`
provider "dealpos" {
  base_url         = %q
  token            = %q
  max_api_capacity = 50
}
`, srv.URL+"/api/v3", testToken)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: providerHCL + bulkHCL(8),
			Check:  resource.TestCheckResourceAttrSet("dealpos_customer.bulk.7", "id"),
		}},
		CheckDestroy: expectSimEmpty(&testSim{Server: sim}),
	})

	stats := sim.Stats()
	if n := stats.Status[http.StatusTooManyRequests]; n != 0 {
		t.Errorf("%d requests were refused with 429; with half the quota there must be none", n)
	}
	windows := log.windows(window)
	fullest, counts := 0, make([]string, 0, len(windows))
	for _, w := range windows {
		allowed := share + len(w.processes) - 1
		if w.requests > allowed {
			t.Errorf("the window from %s held %d requests of %d provider processes; at most %d (the share of %d, plus one first request of each later process)",
				w.start.Format("15:04:05.000"), w.requests, len(w.processes), allowed, share)
			t.Logf("the requests of that window:\n%s", strings.Join(w.log, "\n"))
		}
		fullest = max(fullest, w.requests)
		counts = append(counts, fmt.Sprint(w.requests))
	}
	t.Logf("%d requests in %d windows of %s: %s", stats.Total, len(windows), window, strings.Join(counts, " "))
	if fullest < share || len(windows) < 4 {
		t.Errorf("no window reached the share of %d, or too few windows (%d): the test proves nothing", share, len(windows))
	}
}
