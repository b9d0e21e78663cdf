package dealpos

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestCheckRetryPolicy(t *testing.T) {
	t.Parallel()
	idem := context.WithValue(context.Background(), idempotentKey{}, true)
	post := context.Background()
	cancelled, cancel := context.WithCancel(idem)
	cancel()
	transport := &url.Error{Op: "Post", URL: "http://127.0.0.1/api/v3/Customer", Err: errors.New("connection reset by peer")}
	resp := func(code int) *http.Response { return &http.Response{StatusCode: code} }
	cases := []struct {
		name string
		ctx  context.Context
		resp *http.Response
		err  error
		want bool
	}{
		{"429 on an idempotent request", idem, resp(429), nil, true},
		{"429 on a create: refused before processing", post, resp(429), nil, true},
		{"503 on an idempotent request", idem, resp(503), nil, true},
		{"502 on an idempotent request", idem, resp(502), nil, true},
		{"504 on an idempotent request", idem, resp(504), nil, true},
		{"503 on a create: outcome unknown", post, resp(503), nil, false},
		{"500 is final", idem, resp(500), nil, false},
		{"400 is final", idem, resp(400), nil, false},
		{"404 is final", idem, resp(404), nil, false},
		{"transport error on an idempotent request", idem, nil, transport, true},
		{"transport error on a create", post, nil, transport, false},
		{"token failure is final", idem, nil, &url.Error{Op: "Get", URL: "u", Err: &authError{errors.New("refused")}}, false},
		{"cancelled context", cancelled, resp(503), nil, false},
	}
	for _, tc := range cases {
		got, _ := checkRetry(tc.ctx, tc.resp, tc.err)
		if got != tc.want {
			t.Errorf("%s: retry = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestBackoffBoundsAndRetryAfter(t *testing.T) {
	t.Parallel()
	minWait, maxWait := time.Second, 30*time.Second
	for attempt := range 12 {
		ceiling := min(minWait<<attempt, maxWait)
		for range 50 {
			d := backoff(minWait, maxWait, attempt, nil)
			if d < minWait || d > ceiling {
				t.Fatalf("attempt %d: backoff %s outside [%s, %s]", attempt, d, minWait, ceiling)
			}
		}
	}
	r := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"7"}}}
	if d := backoff(minWait, maxWait, 0, r); d != 7*time.Second {
		t.Errorf("Retry-After 7 gave %s", d)
	}
}

// TestClientBackoffDefersToQuota: after a 429 whose wait the quota knows,
// the retry does not wait on top of the quota's own wait.
func TestClientBackoffDefersToQuota(t *testing.T) {
	t.Parallel()
	q, _ := newTestQuota(0, 0)
	c := &Client{quota: q}
	r := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{}}
	if d := c.backoff(time.Second, time.Minute, 3, r); d < time.Second {
		t.Errorf("with nothing known the backoff must apply, got %s", d)
	}
	q.refused(30 * time.Second)
	if d := c.backoff(time.Second, time.Minute, 3, r); d != 0 {
		t.Errorf("the quota holds the next attempt; backoff should be 0, got %s", d)
	}
}
