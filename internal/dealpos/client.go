// Package dealpos is a client for the DealPOS API v3 customer endpoints.
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
	"net/url"

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

// do performs r and decodes a 2xx answer into out (when not nil).
func (c *Client) do(ctx context.Context, r request, out any) error {
	secrets := c.masked(r.secrets...)
	ctx = maskSecrets(ctx, secrets...)
	if r.idempotent {
		ctx = context.WithValue(ctx, idempotentKey{}, true)
	}
	if r.noAuth {
		ctx = context.WithValue(ctx, noAuthKey{}, true)
	}

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
		var authErr *authError
		if errors.As(err, &authErr) {
			return authErr.err
		}
		return fmt.Errorf("DealPOS API %s %s: %w", r.method, r.path, redact(err, secrets))
	}
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	_ = resp.Body.Close()
	if readErr != nil {
		return fmt.Errorf("DealPOS API %s %s: reading answer: %w", r.method, r.path, readErr)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &APIError{
			Method:     r.method,
			Path:       r.path,
			StatusCode: resp.StatusCode,
			Message:    truncate(redactString(errorMessage(data), secrets), 300),
		}
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("DealPOS API %s %s: decoding answer: %w", r.method, r.path, err)
	}
	return nil
}

// masked lists what must never reach a log line or an error: the client's
