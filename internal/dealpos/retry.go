package dealpos

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

type idempotentKey struct{}

func isIdempotent(ctx context.Context) bool {
	v, _ := ctx.Value(idempotentKey{}).(bool)
	return v
}

// checkRetry decides whether an attempt is tried again. A 429 refuses the
// request before it is processed, so it is always safe to retry; transport
// errors and 502/503/504 leave the outcome unknown, so only idempotent
// requests are retried after them. Anything else is final.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	a := attemptsOf(ctx)
	a.n++
	if ctx.Err() != nil {
		if err != nil {
			// Keep the transport error: it tells a request interrupted on
			// the wire (outcome unknown) from one never sent.
			return false, err
		}
		return false, ctx.Err()
	}
	if err != nil {
		if unreachable(err) {
			// Nothing was sent, so even a create may go again; but a host
			// that refuses connections is down or not the API: a retry or
			// two, not minutes of backoff.
			return a.retry(ctx, a.n <= maxUnreachableRetries, err.Error()), err
		}
		if !isIdempotent(ctx) || !retryableTransportError(err) {
			return false, err
		}
		return a.retry(ctx, true, err.Error()), nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, nil
	case http.StatusServiceUnavailable:
		if !isIdempotent(ctx) {
			return false, nil
		}
		// Sleeping through a Retry-After longer than what is left of the
		// deadline would only fail later; fail now, naming the wait.
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			if deadline, ok := ctx.Deadline(); ok && time.Duration(s)*time.Second > time.Until(deadline) {
				return false, fmt.Errorf("the DealPOS API answered HTTP 503 and asked to wait %s (Retry-After), longer than the %s left to this operation; "+
					"try again later or raise the resource's timeouts: %w", time.Duration(s)*time.Second, time.Until(deadline).Round(time.Second), context.DeadlineExceeded)
			}
		}
		return a.retry(ctx, true, resp.Status), nil
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return a.retry(ctx, isIdempotent(ctx), resp.Status), nil
	}
	return false, nil
}

// maxUnreachableRetries bounds the retries of a request whose connection
// was refused or whose host name did not resolve, whatever max_retries says.
const maxUnreachableRetries = 2

// unreachable tells whether err is a failure to reach the host at all: the
// connection was refused (nothing listens on the port), the host or network
// is unreachable, or the name does not resolve. Nothing was sent.
func unreachable(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH)
}

type attemptsKey struct{}

// attempts counts the attempts of one request (checkRetry sees each), for
// its retry log lines and its final error.
type attempts struct {
	method, path string
	max          int
	n            int
}

func withAttempts(ctx context.Context, a *attempts) context.Context {
	return context.WithValue(ctx, attemptsKey{}, a)
}

func attemptsOf(ctx context.Context) *attempts {
	if a, ok := ctx.Value(attemptsKey{}).(*attempts); ok {
		return a
	}
	return &attempts{max: math.MaxInt}
}

// retry returns again, and logs at WARN that the request will be tried
// again after failing for reason when it will (again, and retries left).
func (a *attempts) retry(ctx context.Context, again bool, reason string) bool {
	if !again || a.n > a.max {
		return again
	}
	tflog.Warn(ctx, "Retrying a DealPOS API request", map[string]any{
		"method": a.method, "path": a.path, "attempt": a.n, "reason": reason,
	})
	return true
}

// retryableTransportError is false for errors that a retry cannot cure:
// a malformed URL, a bad scheme, an untrusted certificate, or a failure
// before sending.
func retryableTransportError(err error) bool {
	// Nothing was sent: the quota wait or the token failed, which a retry
	// would only repeat.
	var authErr *authError
	var notSent *notSentError
	if errors.As(err, &authErr) || errors.As(err, &notSent) {
		return false
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		var certErr *x509.UnknownAuthorityError
		if errors.As(urlErr.Err, &certErr) {
			return false
		}
	}
	return true
}

// backoff is the client's retry wait. After a 429 the quota holds the next
// attempt back itself (and logs why) when the server said how long to wait.
func (c *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests && c.quota.blocked() {
		return 0
	}
	return backoff(minWait, maxWait, attempt, resp)
}

// backoff is exponential with full jitter between min and max, except that a
// Retry-After header on a 429 or 503 is honoured.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
			return time.Duration(s) * time.Second
		}
	}
	return jitteredBackoff(minWait, maxWait, attempt)
}

func jitteredBackoff(minWait, maxWait time.Duration, attempt int) time.Duration {
	ceiling := maxWait
	if attempt < 30 {
		if exp := minWait << attempt; exp > 0 && exp < maxWait {
			ceiling = exp
		}
	}
	if ceiling <= minWait {
		return minWait
	}
	return minWait + rand.N(ceiling-minWait) //nolint:gosec // jitter needs no cryptographic randomness
}
