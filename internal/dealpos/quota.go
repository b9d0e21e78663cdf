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
// the limit and window are configured. A limit without a policy is taken
// with the documented window of 180 seconds. It counts the requests it lets
// through in the current window, estimated to start with the first request
// sent after the previous one ended, and holds further requests until the
// window is over. A server that reports fewer remaining requests than it
// expects (another client shares the quota), a server whose window
// restarted before ours (another client started it), or a 429 that says how
// long to wait, corrects it. No wait outlasts the caller's deadline: one
// that would fails at once.
//
// With a capacity under 100 percent (the provider's max_api_capacity) it
// leaves part of each window to the tenant's other clients (the tills, other
// integrations), as Okta's provider does: of a limit of L requests per window
// it sends requests only while the window's count, its own requests and those
// of others the server reports, is under share = L x capacity / 100 (rounded
// down, at least 1). Its first request then goes alone even when the quota is
// configured, so that it learns what others already spent in the window
// before it sends more.
type quota struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu          sync.Mutex
	limit       int           // requests per window; 0 while unknown
	window      time.Duration // 0 while unknown
	configured  bool          // limit and window set by configuration, not learned
	capacity    int           // percent of each window's limit this client may use, 1-100
	windowStart time.Time
	used        int           // requests counted since windowStart: ours, and others' the server reported
	answered    int           // answers learned from since windowStart
	openerRTT   time.Duration // how long the window's first request took to be answered
	inflight    int           // requests let through and not answered yet
	blockedTill time.Time     // the server said to wait until then
	blockedFor  string        // why, with the wait the server asked for
	// probe is closed when the first request of a quota that knows nothing,
	// or that leaves a share to others, has its answer: the others wait for
	// what it teaches rather than bursting into a window that may already be
	// used up.
	probe  chan struct{}
	probed bool
}

// windowMargin is added after the estimated end of a window before a new one
// is assumed, since the server's window started when it received the first
// request, a little after it was sent.
func windowMargin(window time.Duration) time.Duration {
	return max(50*time.Millisecond, window/100)
}

// windowEnd is when the current window is over for sure: the server started
// it when the window's first request reached it, at the latest when that
// request was answered (a slow first request, on a loaded machine or a slow
// network, takes longer than the margin).
func (q *quota) windowEnd() time.Time {
	return q.windowStart.Add(q.window + max(windowMargin(q.window), q.openerRTT))
}

// startWindow starts counting a window at now.
func (q *quota) startWindow(now time.Time) {
	q.windowStart, q.used, q.answered, q.openerRTT = now, 0, 0, 0
}

// newQuota returns a quota of limit requests per window, learned from the
// answers when either is 0, of which the client fills at most capacity
// percent (0 means 100).
func newQuota(limit int, window time.Duration, capacity int) *quota {
	q := &quota{now: time.Now, sleep: sleepContext, capacity: 100}
	if capacity > 0 && capacity < 100 {
		q.capacity = capacity
	}
	if limit > 0 && window > 0 {
		q.limit, q.window, q.configured = limit, window, true
	}
	return q
}

// share is how many of a window's limit requests this client may send:
// capacity percent of it, rounded down, and at least 1.
func (q *quota) share() int {
	return max(q.limit*q.capacity/100, 1)
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
// A request let through gets its ticket.
func (q *quota) reserve(nested bool) (wait time.Duration, reason string, probe chan struct{}, t *ticket) {
	q.mu.Lock()
	defer q.mu.Unlock()
	admitted := func(isProbe, opener bool) *ticket {
		q.used++
		q.inflight++
		return &ticket{q: q, probe: isProbe, opener: opener, windowStart: q.windowStart, answeredBefore: q.answered}
	}
	// A quota that knows nothing sends one request first and learns from its
	// answer; so does one that leaves part of the quota to others, whose use
	// of the current window the answer tells.
	mustProbe := (q.limit == 0 || q.capacity < 100) && !q.probed
	if mustProbe && nested {
		return 0, "", nil, admitted(false, false)
	}
	if mustProbe {
		if q.probe != nil {
			return 0, "", q.probe, nil
		}
		q.probe = make(chan struct{})
		opener := q.windowStart.IsZero()
		if opener {
			q.startWindow(q.now())
		}
		return 0, "", nil, admitted(true, opener)
	}
	now := q.now()
	if now.Before(q.blockedTill) {
		return q.blockedTill.Sub(now), q.blockedFor, nil, nil
	}
	opener := false
	if q.windowStart.IsZero() || (q.window > 0 && !now.Before(q.windowEnd())) {
		q.startWindow(now)
		opener = true
	}
	if q.limit > 0 && q.used >= q.share() {
		end := q.windowEnd()
		reason := fmt.Sprintf("the quota of %d requests per %s is used up for the current window", q.limit, q.window)
		if q.capacity < 100 {
			reason = fmt.Sprintf("the provider's share of the quota, %d%% of %d requests per %s (%d), is used up for the current window",
				q.capacity, q.limit, q.window, q.share())
		}
		return end.Sub(now), reason, nil, nil
	}
	return 0, "", nil, admitted(false, opener)
}

// ticket is one request let through: what the quota knew when it went,
// so that its answer can be judged.
type ticket struct {
	q              *quota
	probe          bool
	opener         bool // the first request of its window
	windowStart    time.Time
	answeredBefore int
	once           sync.Once
}

// release must be called once the request's answer (or failure) is in.
func (t *ticket) release() {
	t.once.Do(func() {
		t.q.mu.Lock()
		t.q.inflight--
		t.q.mu.Unlock()
		if t.probe {
			t.q.endProbe()
		}
	})
}

// acquire is admit for a request sent on its own.
func (q *quota) acquire(ctx context.Context) (release func(), err error) {
	t, err := q.admit(ctx, false)
	if err != nil {
		return nil, err
	}
	return t.release, nil
}

// admit waits until a request may be sent, logging every wait at INFO so a
// slow apply explains itself. nested is a request made on behalf of one
// already let through, which must not wait for the probe.
func (q *quota) admit(ctx context.Context, nested bool) (*ticket, error) {
	for {
		wait, reason, probe, t := q.reserve(nested)
		if t != nil {
			return t, nil
		}
		if probe != nil {
			select {
			case <-probe:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		if deadline, ok := ctx.Deadline(); ok && wait > time.Until(deadline) {
			// Sleeping until the deadline would only fail later.
			return nil, fmt.Errorf("the DealPOS API quota needs a wait of %s (%s), longer than the %s left to this operation; "+
				"try again later or raise the resource's timeouts: %w",
				wait.Round(time.Second), reason, time.Until(deadline).Round(time.Second), context.DeadlineExceeded)
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

// defaultWindow is the documented quota window, assumed when the server
// gives a limit without a policy.
const defaultWindow = 180 * time.Second

// observe learns from an answer's rate-limit headers.
func (q *quota) observe(h http.Header) { q.learn(nil, 0, h) }

// learn learns from the answer (of HTTP status code) to the request t let
// through (t may be nil).
func (q *quota) learn(t *ticket, code int, h http.Header) {
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
	if t != nil && t.opener && t.windowStart.Equal(q.windowStart) {
		q.openerRTT = max(q.openerRTT, q.now().Sub(q.windowStart))
	}
	if !q.configured {
		if errL == nil && limit > 0 {
			q.limit = limit
		}
		if window > 0 {
			q.window = window
		}
		if q.limit > 0 && q.window <= 0 {
			// A limit without a window must still pace: unpaced, a large
			// apply would run into the quota and its 429s.
			q.window = defaultWindow
		}
	}
	// A 429 was refused before the server counted it.
	if t != nil && t.windowStart.Equal(q.windowStart) && code != http.StatusTooManyRequests {
		q.answered++
	}
	if errR != nil || q.limit <= 0 {
		return
	}
	serverUsed := q.limit - remaining
	switch {
	case serverUsed > q.used:
		// The server counts more requests than we sent: someone shares the quota.
		q.used = serverUsed
	case t != nil && t.windowStart.Equal(q.windowStart) && serverUsed < t.answeredBefore+1:
		// Every request answered before this one was sent was counted
		// before it, in the same window if the server's window were ours.
		// It counts fewer: its window restarted before ours ends (another
		// client started it earlier). Believe it rather than wait for a
		// window the server has already closed; the requests still in
		// flight are counted as well.
		q.windowStart = q.now()
		q.used = serverUsed + max(q.inflight-1, 0)
		q.answered, q.openerRTT = 0, 0
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
		q.blockedFor = fmt.Sprintf("the API refused a request for exceeding its quota and asked to wait %s", retryAfter)
	}
	// The window is over when the wait is: start counting afresh then.
	if q.limit > 0 {
		q.used = q.limit
	}
	q.windowStart, q.openerRTT = till.Add(-q.window-windowMargin(q.window)), 0
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
