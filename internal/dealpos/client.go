// Package dealpos is a client for the DealPOS API v3: its customer and
// catalog (category, product, variant, outlet price, outlet) endpoints.
//
// It knows HTTP and JSON and nothing of Terraform: it resolves the base URL,
// authenticates (static bearer token or OAuth2 client credentials), retries
// what is safe to retry, decodes the API's read formats (dates such as
// "18 Mar 1994", Gender as string or boolean) and turns error answers into
// *APIError. Secrets never reach a log line.
package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// request describes one API call.
type request struct {
	method string
	path   string // below the base URL, starting with "/"
	query  url.Values
	body   any
	// idempotent requests are retried after transport errors and 5xx
	// answers; all requests are retried after 429, which refuses the request
	// before it is processed.
	idempotent bool
	// noAuth skips the Authorization header (the token endpoint).
	noAuth bool
	// secrets are masked in logs and errors besides the client's own.
	secrets []string
}

// DefaultOperationTimeout bounds a request, its quota and retry waits
// included, when the caller set no deadline of its own (a data source or a
// list resource): every wait ends, and one longer than what is left (a
// day-long Retry-After) fails at once, naming the wait.
const DefaultOperationTimeout = 30 * time.Minute

// do performs r and decodes a 2xx answer into out (when not nil).
func (c *Client) do(ctx context.Context, r request, out any) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultOperationTimeout)
		defer cancel()
	}
	secrets := c.masked(r.secrets...)
	ctx = maskSecrets(ctx, secrets...)
	if r.idempotent {
		ctx = context.WithValue(ctx, idempotentKey{}, true)
	}
	if r.noAuth {
		ctx = context.WithValue(ctx, noAuthKey{}, true)
	}
	tries := &attempts{method: r.method, path: r.path, max: c.maxRetries}
	ctx = withAttempts(ctx, tries)

	var body any
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return fmt.Errorf("encoding %s %s: %w", r.method, r.path, err)
		}
		body = b
	}
	u := c.baseURL + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return fmt.Errorf("building %s %s: %w", r.method, r.path, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		// Only with a body: the API answers 500 to a GET that names a
		// content type and sends none.
		req.Header.Set("Content-Type", "application/json")
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}

	resp, err := c.http.Do(req)
	// Again, to mask an access token obtained during this request too, in
	// case the server echoes it back.
	secrets = c.masked(r.secrets...)
	if err != nil {
		if resp != nil {
			_ = resp.Body.Close()
		}
		var authErr *authError
		if errors.As(err, &authErr) {
			return authErr.err
		}
		if unreachable(err) {
			return fmt.Errorf("DealPOS API %s %s: could not connect to %s (%d attempts): %w; check base_url or subdomain "+
				"(host and port) and that the server is up", r.method, r.path, c.baseURL, tries.n, redact(err, secrets))
		}
		return fmt.Errorf("DealPOS API %s %s: %w", r.method, r.path, redact(err, secrets))
	}
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	_ = resp.Body.Close()
	if readErr != nil {
		return fmt.Errorf("DealPOS API %s %s: reading answer: %w", r.method, r.path, readErr)
	}
	if len(data) > maxAnswer {
		return fmt.Errorf("DealPOS API %s %s: the answer is larger than the client's limit of %d MiB and was not read", r.method, r.path, maxAnswer>>20)
	}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return redirectError(r.method, r.path, resp.StatusCode, displayURL(redactString(resp.Header.Get("Location"), secrets)), c.baseURL)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := &APIError{
			Method:     r.method,
			Path:       r.path,
			StatusCode: resp.StatusCode,
			Message:    truncate(printable(redactString(errorMessage(data), secrets)), 300),
		}
		apiErr.classify(resp.Header.Get("Content-Type"), data, c.baseURL)
		if resp.StatusCode == http.StatusUnauthorized && !r.noAuth {
			apiErr.hint = c.refused
		}
		return c.confirmNotFound(ctx, apiErr)
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &shapeError{r: r, err: err}
	}
	return nil
}

// maxAnswer caps the size of an answer the client reads into memory.
const maxAnswer = 32 << 20

// A not-found is believed only from a base URL known to reach the API: a
// proxy or gateway in front of a wrong base URL may answer every path with
// a JSON 404 that reads like a missing record, and taking it for one would
// drop records from state. So before the first not-found a Client reports,
// it asks once whether the base URL answers as the API does, with the list
// of the area being read (probeBaseURL). That costs one request per Client,
// and only when something is missing.

// noBaseCheckKey marks a context whose not-founds are not reported as such
// (the lookups after a create, and the check itself), so they skip the check.
type noBaseCheckKey struct{}

func withoutBaseCheck(ctx context.Context) context.Context {
	return context.WithValue(ctx, noBaseCheckKey{}, true)
}

// baseCheck remembers whether the base URL reaches the API. The zero value
// is unchecked. A check that fails for a passing reason (a transport error,
// a 5xx, the quota) is not remembered: the next not-found checks again.
type baseCheck struct {
	mu      sync.Mutex
	ok      bool
	wrong   *wrongBaseURL // the base URL does not reach the API (final)
	running chan struct{} // closed when the check in flight ends
}

// confirm runs probe unless a check has already succeeded or failed for
// good; concurrent callers wait for the check in flight.
func (b *baseCheck) confirm(ctx context.Context, probe func(context.Context) (final bool, err error)) error {
	for {
		b.mu.Lock()
		switch {
		case b.ok:
			b.mu.Unlock()
			return nil
		case b.wrong != nil:
			wrong := b.wrong
			b.mu.Unlock()
			return wrong
		case b.running != nil:
			running := b.running
			b.mu.Unlock()
			select {
			case <-running:
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		running := make(chan struct{})
		b.running = running
		b.mu.Unlock()

		final, err := probe(ctx)
		b.mu.Lock()
		b.running = nil
		switch {
		case err == nil:
			b.ok = true
		case final:
			b.wrong = &wrongBaseURL{err}
			err = b.wrong
		}
		b.mu.Unlock()
		close(running)
		return err
	}
}

// wrongBaseURL is the answer of the check that shows the base URL does not
// reach the API.
type wrongBaseURL struct{ err error }

func (e *wrongBaseURL) Error() string { return e.err.Error() }
func (e *wrongBaseURL) Unwrap() error { return e.err }

// confirmNotFound returns err unchanged unless it is a not-found about a
// record; then it returns err only once the base URL is confirmed to reach
// the API. Otherwise it returns an error that is not a not-found: one that
// names the base URL when it is wrong, or the failure of the check.
func (c *Client) confirmNotFound(ctx context.Context, err error) error {
	if skip, _ := ctx.Value(noBaseCheckKey{}).(bool); skip || !IsNotFound(err) {
		return err
	}
	var notFound *APIError
	errors.As(err, &notFound)
	checkErr := c.base.confirm(ctx, func(ctx context.Context) (bool, error) { return c.probeBaseURL(ctx, notFound.Path) })
	if checkErr == nil {
		return err
	}
	var wrongBase *wrongBaseURL
	if errors.As(checkErr, &wrongBase) {
		wrong := *notFound
		wrong.wrongEndpoint = true
		wrong.hint = fmt.Sprintf("This is not taken for a missing record: the base URL %s does not reach the DealPOS API (%v). "+
			"It must be the API root, ending in /api/v3 (e.g. https://mystore.dealpos.net/api/v3): check base_url or subdomain", c.baseURL, checkErr)
		return &wrong
	}
	return fmt.Errorf("DealPOS API %s %s answered that the record does not exist, but whether the base URL %s reaches the DealPOS API "+
		"could not be confirmed, so it is not taken for a missing record: %w", notFound.Method, notFound.Path, c.baseURL, checkErr)
}

// probeFor is the request that checks the base URL before a not-found of
// path is believed: the first page of the list of the same area, which
// every reading of the reference documents, a token allowed to read the
// record may read, and the API answers with a JSON list (possibly empty).
// Customers: POST /Customer/p; the catalog: POST /Category/p.
func probeFor(path string) request {
	if strings.HasPrefix(strings.ToLower(path), "/customer") {
		return request{method: http.MethodPost, path: "/Customer/p", body: map[string]int{"PageNumber": 1, "PageSize": 1}, idempotent: true}
	}
	return request{method: http.MethodPost, path: "/Category/p", body: struct{}{}, idempotent: true}
}

// probeBaseURL asks the list of path's area. The base URL reaches the API
// when it answers JSON: the list, or the API's own refusal (a 401 or 403
// about a role the token lacks, a 400 or 405 in the API's JSON form). It
// does not (final) when the list answers 404 in any form, a redirect, a
// success that is not JSON, or an error page that is not the API's. A 401
// or 403 page that is not JSON (a firewall's?), a 5xx, the quota or a lost
// answer may pass, so they are not final.
func (c *Client) probeBaseURL(ctx context.Context, path string) (final bool, err error) {
	var raw json.RawMessage
	r := probeFor(path)
	err = c.do(withoutBaseCheck(ctx), r, &raw)
	var apiErr *APIError
	var syntax *json.SyntaxError
	switch {
	case err == nil && len(bytes.TrimSpace(raw)) > 0:
		return false, nil
	case err == nil:
		return true, fmt.Errorf("%s %s answered an empty body", r.method, r.path)
	case errors.As(err, &syntax):
		return true, err
	case errors.As(err, &apiErr):
		denied := apiErr.StatusCode == http.StatusUnauthorized || apiErr.StatusCode == http.StatusForbidden
		switch {
		case apiErr.StatusCode == http.StatusTooManyRequests:
			return false, err
		case apiErr.StatusCode == http.StatusNotFound, apiErr.StatusCode < 400:
			return true, err
		case apiErr.StatusCode < 500 && apiErr.apiBody:
			return false, nil
		case apiErr.StatusCode < 500 && !denied:
			return true, err
		}
	}
	return false, err
}
