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
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Defaults for Config fields left zero.
const (
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxRetries     = 10
	defaultHostSuffix     = ".dealpos.net"
	apiPath               = "/api/v3"
)

// Config configures a Client. Exactly one way of authenticating is needed:
// Token, or ClientID with ClientSecret (which wins when both are given,
// because client credentials can be renewed).
type Config struct {
	// BaseURL is the API root, e.g. https://mystore.dealpos.net/api/v3.
	// Plain http is accepted for loopback hosts only.
	BaseURL string
	// Subdomain is used when BaseURL is empty: "mystore" means
	// https://mystore.dealpos.net/api/v3; a value with a dot is a full host.
	Subdomain    string
	Token        string
	ClientID     string
	ClientSecret string
	// UserAgent is sent on every request.
	UserAgent string
	// RequestTimeout bounds one HTTP attempt (default 30s).
	RequestTimeout time.Duration
	// MaxRetries bounds the retries of one request (default 10; negative: none).
	MaxRetries int
	// HTTPClient is the underlying client (default: a pooled client).
	HTTPClient *http.Client
	// RetryWaitMin and RetryWaitMax bound the exponential backoff (defaults 1s and 30s).
	RetryWaitMin, RetryWaitMax time.Duration
	// RequestsPerWindow and Window set the tenant's quota. Unset, it is
	// learned from the RateLimit-* headers of the answers.
	RequestsPerWindow int
	Window            time.Duration
}

// Client talks to one DealPOS tenant. It is safe for concurrent use.
type Client struct {
	baseURL    string
	userAgent  string
	http       *retryablehttp.Client
	tokens     *tokenSource
	quota      *quota
	secrets    []string
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
}

// ResolveBaseURL returns the API root from a base URL or a subdomain and
// refuses plain http to anything but a loopback host.
func ResolveBaseURL(baseURL, subdomain string) (string, error) {
	baseURL, subdomain = strings.TrimSpace(baseURL), strings.TrimSpace(subdomain)
	switch {
	case baseURL != "":
	case subdomain != "":
		host := subdomain
		if strings.ContainsAny(host, "/:@ ") {
			return "", fmt.Errorf("subdomain %q must be a subdomain such as \"mystore\" or a host name such as \"pos.example.com\"", subdomain)
		}
		if !strings.Contains(host, ".") {
			host += defaultHostSuffix
		}
		baseURL = "https://" + host + apiPath
	default:
		return "", errors.New("neither a base URL nor a subdomain is set")
	}
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("base URL %q is not an absolute http(s) URL", baseURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("base URL %q uses plain http, which would send credentials unencrypted; use https (plain http is accepted for loopback hosts only)", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("base URL %q must not carry credentials, a query or a fragment", baseURL)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	base, err := ResolveBaseURL(cfg.BaseURL, cfg.Subdomain)
	if err != nil {
		return nil, err
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = time.Second
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = 30 * time.Second
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: cleanhttp.DefaultPooledTransport()}
	} else {
		copied := *hc
		hc = &copied
	}
	if hc.Transport == nil {
		hc.Transport = http.DefaultTransport
	}
	// RequestTimeout bounds the HTTP exchange alone (timeoutTransport), not
	// the waits for the quota or for a token that precede it.
	hc.Timeout = 0

	c := &Client{
		baseURL:    base,
		userAgent:  cfg.UserAgent,
		quota:      newQuota(cfg.RequestsPerWindow, cfg.Window),
		maxRetries: cfg.MaxRetries,
		waitMin:    cfg.RetryWaitMin,
		waitMax:    cfg.RetryWaitMax,
	}
	switch {
	case cfg.ClientID != "" || cfg.ClientSecret != "":
		if cfg.ClientID == "" || cfg.ClientSecret == "" {
			return nil, errors.New("client credentials need both a client ID and a client secret")
		}
		c.tokens = &tokenSource{fetch: c.fetchToken, clientID: cfg.ClientID, clientSecret: cfg.ClientSecret}
		c.secrets = append(c.secrets, cfg.ClientSecret)
	case cfg.Token != "":
		c.tokens = &tokenSource{static: cfg.Token}
		c.secrets = append(c.secrets, cfg.Token)
	default:
		return nil, errors.New("no credentials: set a token or a client ID and client secret")
	}

	// Each attempt: the token is put on, the quota is waited for, the
	// request is logged and sent within the request timeout.
	hc.Transport = &authTransport{
		tokens: c.tokens,
		next: &pacedTransport{quota: c.quota, next: &logTransport{
			next: &timeoutTransport{timeout: cfg.RequestTimeout, next: hc.Transport},
		}},
	}
	c.http = &retryablehttp.Client{
		HTTPClient:   hc,
		Logger:       nil, // requests are logged by logTransport, through tflog
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     cfg.MaxRetries,
		CheckRetry:   checkRetry,
		Backoff:      c.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	return c, nil
}

// BaseURL is the resolved API root.
func (c *Client) BaseURL() string { return c.baseURL }

// UsesClientCredentials tells whether the client authenticates with OAuth2
// client credentials rather than a static token.
func (c *Client) UsesClientCredentials() bool { return c.tokens.static == "" }

// APIError is an error answer of the API: its HTTP status and its Message.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Message    string
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	return fmt.Sprintf("DealPOS API %s %s answered HTTP %d: %s", e.Method, e.Path, e.StatusCode, msg)
}

// StatusCode returns the HTTP status of an *APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsNotFound tells whether err is the API's 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

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
// credentials, the access tokens issued so far, and extra.
func (c *Client) masked(extra ...string) []string {
	out := append(append([]string(nil), c.secrets...), extra...)
	return append(out, c.tokens.issuedTokens()...)
}

// errorMessage extracts the API's message from an error answer: a
// {"Message": ...} object, a bare JSON string, or the text itself.
func errorMessage(data []byte) string {
	var m struct {
		Message  string `json:"Message"`
		Message2 string `json:"message"`
		Error    string `json:"error"`
	}
	if json.Unmarshal(data, &m) == nil {
		for _, s := range []string{m.Message, m.Message2, m.Error} {
			if s != "" {
				return s
			}
		}
	}
	var s string
	if json.Unmarshal(data, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(data))
}

// truncate cuts s to n bytes. It runs after redaction, so that a cut never
// leaves the beginning of a secret that redaction would no longer match.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// maskSecrets makes tflog replace every secret in messages and fields.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	nonEmpty := make([]string, 0, len(secrets))
	for _, s := range secrets {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
	return tflog.MaskMessageStrings(ctx, nonEmpty...)
}

func redactString(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}

func redact(err error, secrets []string) error {
	msg := err.Error()
	if clean := redactString(msg, secrets); clean != msg {
		return errors.New(clean)
	}
	return err
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
