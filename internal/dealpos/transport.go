package dealpos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxIdleConnsPerHost is how many idle keep-alive connections to the API
// the default transport keeps. cleanhttp's pooled transport keeps
// GOMAXPROCS+1 per host (3 on a 2-CPU machine), fewer than Terraform's
// default parallelism of 10: with 10 requests in flight, 7 connections
// were closed after every answer and dialled again for the next request.
// All of the client's requests go to one host, so the pool's whole size
// (cleanhttp's MaxIdleConns, 100) may serve it.
const maxIdleConnsPerHost = 100

// pooledTransport is the client's default transport: cleanhttp's pooled
// transport (proxy from the environment, dial and TLS timeouts, HTTP/2)
// with keep-alive connections for as many requests as Terraform runs at once.
func pooledTransport() *http.Transport {
	t := cleanhttp.DefaultPooledTransport()
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	t.MaxIdleConns = max(t.MaxIdleConns, maxIdleConnsPerHost)
	return t
}

// authTransport puts the bearer token on every attempt. It sits inside
// pacedTransport, so the token is taken after any quota wait, right before
// the request is sent, and a token that expired during the wait is never
// used. After a 401 it renews a client-credentials token once (unless
// another request has renewed it already) and sends the request again
// through resend, the paced chain, so that the second request is counted
// against the quota like any other.
type authTransport struct {
	tokens *tokenSource
	next   http.RoundTripper
	resend http.RoundTripper
}

// renewedKey marks the second sending after a 401, which is not repeated.
type renewedKey struct{}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if skip, _ := req.Context().Value(noAuthKey{}).(bool); skip {
		return t.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
	}
	withBody := func(r *http.Request) *http.Request {
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
			r.ContentLength = int64(len(body))
		}
		return r
	}
	token, err := t.tokens.token(req.Context())
	if err != nil {
		return nil, &notSentError{&authError{err}}
	}
	r := withBody(req.Clone(maskSecrets(req.Context(), token)))
	r.Header.Set("Authorization", "Bearer "+token)
	resp, err := t.next.RoundTrip(r)
	renewed, _ := req.Context().Value(renewedKey{}).(bool)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || t.tokens.static != "" || renewed || t.resend == nil {
		return resp, err
	}
	// The token expired early or was revoked: drop it (unless another
	// request has replaced it already) and send again with the current one.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	t.tokens.invalidate(token)
	again := withBody(req.Clone(context.WithValue(req.Context(), renewedKey{}, true)))
	again.Header.Del("Authorization")
	return t.resend.RoundTrip(again)
}

// pacedTransport holds each attempt until the quota allows it and learns
// from every answer.
type pacedTransport struct {
	quota *quota
	next  http.RoundTripper
}

// admittedKey marks a request the quota has let through; a request made
// on its behalf (the token request, the resend after a 401) must not wait
// for the probe that request may itself be.
type admittedKey struct{}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	nested, _ := ctx.Value(admittedKey{}).(bool)
	tk, err := t.quota.admit(ctx, nested)
	if err != nil {
		return nil, &notSentError{err}
	}
	defer tk.release()
	resp, err := t.next.RoundTrip(req.WithContext(context.WithValue(ctx, admittedKey{}, true)))
	if err != nil {
		return resp, err
	}
	t.quota.learn(tk, resp.StatusCode, resp.Header)
	if resp.StatusCode == http.StatusTooManyRequests {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		t.quota.refused(quotaWait(resp.Header, body))
	}
	return resp, nil
}

// timeoutTransport bounds one HTTP exchange, from sending the request to
// the end of reading the answer's body, as http.Client.Timeout would. It
// sits below the quota and token layers: waiting for the quota window or
// for another caller's token request is not part of an attempt, and must
// not make an attempt time out (for a create, that would make its outcome
// look unknown although it was never sent).
type timeoutTransport struct {
	timeout time.Duration
	next    http.RoundTripper
}

func (t *timeoutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && req.Context().Err() == nil {
			err = fmt.Errorf("no answer within the request timeout of %s: %w", t.timeout, err)
		}
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose ends an attempt's timeout once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// logTransport logs every HTTP attempt at DEBUG: method, path, status and
// duration. It never logs headers or bodies, where the secrets are.
type logTransport struct {
	next http.RoundTripper
}

func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.Path,
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Debug(req.Context(), "DealPOS API request failed", fields)
		return resp, err
	}
	fields["status"] = resp.StatusCode
	tflog.Debug(req.Context(), "DealPOS API request", fields)
	return resp, err
}
