package dealpos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// authTransport puts the bearer token on every attempt, after any retry
// wait, so a token renewed meanwhile is used. After a 401 it renews a
// client-credentials token once and sends the request again.
type authTransport struct {
	tokens *tokenSource
	next   http.RoundTripper
}

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
	send := func(token string) (*http.Response, error) {
		r := req.Clone(maskSecrets(req.Context(), token))
		r.Header.Set("Authorization", "Bearer "+token)
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
		}
		return t.next.RoundTrip(r)
	}
	token, err := t.tokens.token(req.Context())
	if err != nil {
		return nil, &authError{err}
	}
	resp, err := send(token)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || t.tokens.static != "" {
		return resp, err
	}
	// The token expired early or was revoked: renew once and try again.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	t.tokens.invalidate(token)
	if token, err = t.tokens.token(req.Context()); err != nil {
		return nil, &authError{err}
	}
	return send(token)
}

// pacedTransport holds each attempt until the quota allows it and learns
// from every answer.
type pacedTransport struct {
	quota *quota
	next  http.RoundTripper
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	release, err := t.quota.acquire(req.Context())
	if err != nil {
		return nil, err
	}
	defer release()
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	t.quota.observe(resp.Header)
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
