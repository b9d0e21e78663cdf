package dealpos

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// quota paces requests to the tenant's fixed-window quota (documented as 50
// requests per 180 seconds across all endpoints), so that parallel
// operations wait their turn instead of provoking a storm of 429s.
//
// It knows nothing until an answer carries the IETF draft-06 headers
// (RateLimit-Limit, RateLimit-Remaining, RateLimit-Policy: 50;w=180), unless
// the limit and window are configured. It counts the requests it lets
// through in the current window, estimated to start with the first request
// sent after the previous one ended, and holds further requests until the
// window is over. A server that reports fewer remaining requests than it
// expects (another client shares the quota), or a 429 that says how long to
// wait, corrects it.
type quota struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu          sync.Mutex
	limit       int           // requests per window; 0 while unknown
	window      time.Duration // 0 while unknown
	configured  bool          // limit and window set by configuration, not learned
	windowStart time.Time
	used        int       // requests let through since windowStart
	blockedTill time.Time // the server said to wait until then
	// probe is closed when the first request of a quota that knows nothing
	// has its answer: the others wait for what it teaches rather than
	// bursting into a window that may already be used up.
	probe  chan struct{}
	probed bool
}

// windowMargin is added after the estimated end of a window before a new one
// is assumed, since the server's window started when it received the first
// request, a little after it was sent.
func windowMargin(window time.Duration) time.Duration {
	return max(50*time.Millisecond, window/100)
}

func newQuota(limit int, window time.Duration) *quota {
	q := &quota{now: time.Now, sleep: sleepContext}
	if limit > 0 && window > 0 {
		q.limit, q.window, q.configured = limit, window, true
	}
	return q
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// reserve counts one request against the current window, or says how long
// to wait before trying again, or hands back the probe to wait for.
// isProbe tells the caller that its request is the probe.
func (q *quota) reserve() (wait time.Duration, reason string, probe chan struct{}, isProbe bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.limit == 0 && !q.probed {
		if q.probe != nil {
			return 0, "", q.probe, false
		}
		q.probe = make(chan struct{})
		if q.windowStart.IsZero() {
			q.windowStart = q.now()
		}
		q.used++
		return 0, "", nil, true
	}
	now := q.now()
	if now.Before(q.blockedTill) {
		return q.blockedTill.Sub(now), "the API refused a request for exceeding its quota and asked to wait", nil, false
	}
	if q.windowStart.IsZero() || (q.window > 0 && !now.Before(q.windowStart.Add(q.window+windowMargin(q.window)))) {
		q.windowStart, q.used = now, 0
	}
	if q.limit > 0 && q.used >= q.limit {
		end := q.windowStart.Add(q.window + windowMargin(q.window))
		return end.Sub(now), fmt.Sprintf("the quota of %d requests per %s is used up for the current window", q.limit, q.window), nil, false
	}
	q.used++
	return 0, "", nil, false
}

// acquire waits until a request may be sent, logging every wait at INFO so
// a slow apply explains itself. release must be called once the request's
// answer (or failure) is in.
func (q *quota) acquire(ctx context.Context) (release func(), err error) {
	for {
		wait, reason, probe, isProbe := q.reserve()
		if isProbe {
			return q.endProbe, nil
		}
		if probe != nil {
			select {
			case <-probe:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		if wait <= 0 {
			return func() {}, nil
		}
		tflog.Info(ctx, "Waiting for the DealPOS API quota", map[string]any{
			"wait":   wait.Round(time.Millisecond).String(),
			"reason": reason,
		})
		if err := q.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// endProbe lets the requests held behind the probe go, whatever it learned.
func (q *quota) endProbe() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.probe != nil && !q.probed {
		q.probed = true
		close(q.probe)
	}
}

var policyWindow = regexp.MustCompile(`(?i)\bw\s*=\s*(\d+)`)

// observe learns from an answer's rate-limit headers.
func (q *quota) observe(h http.Header) {
	limit, errL := strconv.Atoi(strings.TrimSpace(h.Get("RateLimit-Limit")))
	remaining, errR := strconv.Atoi(strings.TrimSpace(h.Get("RateLimit-Remaining")))
	var window time.Duration
	if m := policyWindow.FindStringSubmatch(h.Get("RateLimit-Policy")); m != nil {
		if s, err := strconv.Atoi(m[1]); err == nil && s > 0 {
			window = time.Duration(s) * time.Second
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.configured {
		if errL == nil && limit > 0 {
			q.limit = limit
		}
		if window > 0 {
			q.window = window
		}
	}
	if errR == nil && q.limit > 0 {
		// The server counts more requests than we sent: someone shares the quota.
		if serverUsed := q.limit - remaining; serverUsed > q.used {
			q.used = serverUsed
		}
	}
}

// refused records a 429: wait as long as the server says (Retry-After, or
// "Try again in N seconds" in the Message), else until the window ends.
func (q *quota) refused(retryAfter time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.now()
	if retryAfter <= 0 {
		if q.window <= 0 {
			return // nothing known: the retry backoff decides
		}
		retryAfter = q.windowStart.Add(q.window).Sub(now)
	}
	till := now.Add(retryAfter)
	if till.After(q.blockedTill) {
		q.blockedTill = till
	}
	// The window is over when the wait is: start counting afresh then.
	if q.limit > 0 {
		q.used = q.limit
	}
	q.windowStart = till.Add(-q.window - windowMargin(q.window))
}

// blocked tells whether the quota itself will hold the next request back,
// so the retry backoff need not wait as well.
func (q *quota) blocked() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.now().Before(q.blockedTill)
}

var tryAgainIn = regexp.MustCompile(`(?i)try again in\s+(\d+)\s*(second|sec|s\b)`)

// quotaWait reads how long a 429 asks to wait: the Retry-After header, else
// the seconds in the body's Message, as DealPOS integrations do.
func quotaWait(h http.Header, body []byte) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After"))); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if m := tryAgainIn.FindSubmatch(body); m != nil {
		if s, err := strconv.Atoi(string(m[1])); err == nil {
			return time.Duration(s) * time.Second
		}
	}
	return 0
}
