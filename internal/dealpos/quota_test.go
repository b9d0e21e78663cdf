package dealpos

import (
	"context"
	"net/http"
	"strconv"
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
	clock := newFakeClock()
	q := newQuota(limit, window)
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
	q := newQuota(1, time.Hour)
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
