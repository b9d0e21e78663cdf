package dealpos

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that only moves when a waiter sleeps on it.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.t = c.t.Add(d)
	return nil
}

func newTestQuota(limit int, window time.Duration) (*quota, *fakeClock) {
	return newTestQuotaShare(limit, window, 0)
}

// newTestQuotaShare is newTestQuota of which the client uses capacity percent.
func newTestQuotaShare(limit int, window time.Duration, capacity int) (*quota, *fakeClock) {
	clock := newFakeClock()
	q := newQuota(limit, window, capacity)
	q.now, q.sleep = clock.now, clock.sleep
	return q, clock
}

// acquireN lets n requests through, each answered at once.
func acquireN(q *quota, n int) error {
	for range n {
		release, err := q.acquire(context.Background())
		if err != nil {
			return err
		}
		release()
	}
	return nil
}

func headers(limit, remaining, window int) http.Header {
	h := http.Header{}
	h.Set("RateLimit-Limit", itoa(limit))
	h.Set("RateLimit-Remaining", itoa(remaining))
	h.Set("RateLimit-Policy", itoa(limit)+";w="+itoa(window))
	return h
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestQuotaAssumesNothingUntilTold(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(0, 0)
	for range 500 {
		release, err := q.acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	if len(clock.slept) != 0 {
		t.Fatalf("an unconfigured quota that saw no headers waited: %v", clock.slept)
	}
}

func TestQuotaLearnsFromHeadersAndPaces(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(0, 0)
	ctx := context.Background()
	// The first request is a probe: the next waits for its answer.
	release, err := q.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() { _, err := q.acquire(ctx); second <- err }()
	select {
	case err := <-second:
		t.Fatalf("a second request went out before the probe's answer (err %v)", err)
	case <-time.After(20 * time.Millisecond):
	}
	q.observe(headers(10, 9, 180))
	release()
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	// 7 more fit in the window, the 8th waits for the window to end.
	if err := acquireN(q, 7); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 0 {
		t.Fatalf("waited within the quota: %v", clock.slept)
	}
	start := clock.now()
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 {
		t.Fatalf("want one wait, got %v", clock.slept)
	}
	waited := clock.now().Sub(start)
	if waited < 180*time.Second || waited > 180*time.Second+2*time.Second {
		t.Errorf("waited %s, want the window (180s) plus a small margin", waited)
	}
	// The new window holds 10 again: 9 more without waiting.
	if err := acquireN(q, 9); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 {
		t.Errorf("waited again within a fresh window: %v", clock.slept)
	}
}

func TestQuotaConfiguredBeatsHeaders(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(2, 10*time.Second)
	q.observe(headers(50, 49, 180))
	if err := acquireN(q, 3); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 || clock.slept[0] > 11*time.Second {
		t.Errorf("configured quota of 2 per 10s not applied: waits %v", clock.slept)
	}
}

func TestQuotaSharedWithOtherClients(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(0, 0)
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	// The server counts 9 of 10 used: someone else spent 8.
	q.observe(headers(10, 1, 60))
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 0 {
		t.Fatalf("waited with one request left: %v", clock.slept)
	}
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 {
		t.Errorf("did not wait once the shared quota was used up: %v", clock.slept)
	}
}

func TestQuotaRefusedWaitsAsTold(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(0, 0)
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	q.observe(headers(50, 0, 180))
	body := []byte(`{"Message":"API calls quota exceeded! maximum admitted 50 per 180 seconds. Try again in 42 seconds."}`)
	q.refused(quotaWait(http.Header{}, body))
	if !q.blocked() {
		t.Fatal("a 429 that says how long to wait must block")
	}
	start := clock.now()
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	if waited := clock.now().Sub(start); waited < 42*time.Second || waited > 45*time.Second {
		t.Errorf("waited %s after \"Try again in 42 seconds\"", waited)
	}
}

func TestQuotaWaitSources(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		header string
		body   string
		want   time.Duration
	}{
		{"retry-after header wins", "7", `{"Message":"Try again in 42 seconds."}`, 7 * time.Second},
		{"seconds in the message", "", `{"Message":"API calls quota exceeded! Try again in 42 seconds."}`, 42 * time.Second},
		{"nothing said", "", `{"Message":"Too many requests"}`, 0},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.header != "" {
			h.Set("Retry-After", tc.header)
		}
		if got := quotaWait(h, []byte(tc.body)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestQuotaWaitStopsOnCancel(t *testing.T) {
	t.Parallel()
	q := newQuota(1, time.Hour, 0)
	ctx, cancel := context.WithCancel(context.Background())
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := q.acquire(ctx); done <- err }()
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled wait returned no error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the quota wait ignored cancellation")
	}
}

// TestQuotaCapacityShare: with max_api_capacity under 100 the client sends
// at most limit x capacity / 100 requests per window (rounded down, at least
// 1), of a configured or a learned limit, and waits for the next window for
// the rest.
func TestQuotaCapacityShare(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name            string
		limit, capacity int
		learned         bool
		want            int
	}{
		{"documented quota at 40%", 50, 40, false, 20},
		{"learned quota at 50%", 10, 50, true, 5},
		{"rounded down", 7, 50, false, 3},
		{"at least one", 3, 10, false, 1},
		{"100% is the whole quota", 10, 100, false, 10},
		{"0 means 100%", 10, 0, true, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			window := 180 * time.Second
			q, clock := newTestQuotaShare(tc.limit, window, tc.capacity)
			if tc.learned {
				q, clock = newTestQuotaShare(0, 0, tc.capacity)
				// The probe teaches the quota; the server counts it.
				release, err := q.acquire(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				q.observe(headers(tc.limit, tc.limit-1, 180))
				release()
				if err := acquireN(q, tc.want-1); err != nil {
					t.Fatal(err)
				}
			} else if err := acquireN(q, tc.want); err != nil {
				t.Fatal(err)
			}
			if len(clock.slept) != 0 {
				t.Fatalf("waited within the share of %d: %v", tc.want, clock.slept)
			}
			start := clock.now()
			if err := acquireN(q, 1); err != nil {
				t.Fatal(err)
			}
			if waited := clock.now().Sub(start); len(clock.slept) != 1 || waited < window || waited > window+2*time.Second {
				t.Fatalf("request %d of a share of %d: waited %v (%s), want one wait for the window", tc.want+1, tc.want, clock.slept, waited)
			}
			// The next window holds the same share: want-1 more go at once.
			if err := acquireN(q, tc.want-1); err != nil {
				t.Fatal(err)
			}
			if len(clock.slept) != 1 {
				t.Errorf("waited within the share of a fresh window: %v", clock.slept)
			}
		})
	}
}

// TestQuotaCapacityWaitReason: a wait for the share says so, with the numbers.
func TestQuotaCapacityWaitReason(t *testing.T) {
	t.Parallel()
	q, _ := newTestQuotaShare(50, 180*time.Second, 40)
	if err := acquireN(q, 20); err != nil {
		t.Fatal(err)
	}
	wait, reason, _, tk := q.reserve(false)
	if tk != nil || wait < 180*time.Second {
		t.Fatalf("request 21 of a share of 20 let through (wait %s)", wait)
	}
	if want := "40% of 50 requests per 3m0s (20)"; !strings.Contains(reason, want) {
		t.Errorf("reason %q does not say %q", reason, want)
	}
}

// TestQuotaCapacityCountsOtherClients: like Okta's max_api_capacity, the
// share bounds the window's count as the server reports it, the requests of
// other clients included, so that they always have the rest of the window.
func TestQuotaCapacityCountsOtherClients(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuotaShare(10, time.Minute, 50)
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	// The server counts 3 of 10: the tills spent 2. 2 are left of the share of 5.
	q.observe(headers(10, 7, 60))
	if err := acquireN(q, 2); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 0 {
		t.Fatalf("waited with 2 requests left of the share: %v", clock.slept)
	}
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 {
		t.Fatalf("a sixth request counted in the window went out: waits %v", clock.slept)
	}
	// A fresh window where the tills are busy: once they have spent the
	// share, the provider waits, however few requests it sent itself.
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	q.observe(headers(10, 4, 60))
	if err := acquireN(q, 1); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 2 {
		t.Errorf("sent into a window of which the tills had spent more than the share: waits %v", clock.slept)
	}
}

// TestQuotaCapacityProbesConfiguredQuota: with a share, the first request
// goes alone even when the quota is configured, so that what other clients
// spent of the window is known before more go out.
func TestQuotaCapacityProbesConfiguredQuota(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuotaShare(10, time.Minute, 50)
	ctx := context.Background()
	release, err := q.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() {
		release, err := q.acquire(ctx)
		if err == nil {
			release()
		}
		second <- err
	}()
	select {
	case err := <-second:
		t.Fatalf("a second request went out before the first one's answer (err %v)", err)
	case <-time.After(20 * time.Millisecond):
	}
	// Another client already spent the share of this window.
	q.observe(headers(10, 4, 60))
	release()
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 {
		t.Errorf("the second request did not wait for the next window: waits %v", clock.slept)
	}
}

func TestNewRefusesCapacityOutOfRange(t *testing.T) {
	t.Parallel()
	for _, c := range []int{-1, 101} {
		_, err := New(Config{BaseURL: "http://127.0.0.1:1/api/v3", Token: "t", RequestTimeout: time.Second, MaxAPICapacity: c})
		if err == nil || !strings.Contains(err.Error(), "between 1 and 100") {
			t.Errorf("MaxAPICapacity %d: got %v", c, err)
		}
	}
	if _, err := New(Config{BaseURL: "http://127.0.0.1:1/api/v3", Token: "t", RequestTimeout: time.Second, MaxAPICapacity: 40}); err != nil {
		t.Errorf("MaxAPICapacity 40: %v", err)
	}
}

// TestQuotaSlowFirstRequestDelaysWindowEnd: the server starts its window
// when the window's first request reaches it, at the latest when that
// request is answered; a first request slower than the margin moves the
// estimated end of the window as far, so no request goes into the server's
// old window.
func TestQuotaSlowFirstRequestDelaysWindowEnd(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(2, 10*time.Second)
	start := clock.now()
	tk, err := q.admit(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second) // the first request takes a second
	q.learn(tk, http.StatusOK, http.Header{})
	tk.release()
	if err := acquireN(q, 2); err != nil {
		t.Fatal(err)
	}
	if got, want := clock.now().Sub(start), 11*time.Second; got < want {
		t.Errorf("the next window began %s after the first request was sent; want at least %s (window plus its answer time)", got, want)
	}
}
