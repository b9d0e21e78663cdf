package dealpos

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Defaults of the settings the provider resolves before it builds a Client.
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
	// CredentialsFrom says where the credentials were set (e.g. "the
	// environment variable DEALPOS_TOKEN"), for the error of a refused one.
	CredentialsFrom string
	// UserAgent is sent on every request.
	UserAgent string
	// RequestTimeout bounds one HTTP attempt; it must be positive
	// (DefaultRequestTimeout is the provider's default).
	RequestTimeout time.Duration
	// MaxRetries bounds the retries of one request; 0 means none
	// (DefaultMaxRetries is the provider's default).
	MaxRetries int
	// HTTPClient is the underlying client (default: a pooled client).
	HTTPClient *http.Client
	// RetryWaitMin and RetryWaitMax bound the exponential backoff (defaults 1s and 30s).
	RetryWaitMin, RetryWaitMax time.Duration
	// RequestsPerWindow and Window set the tenant's quota. Unset, it is
	// learned from the RateLimit-* headers of the answers.
	RequestsPerWindow int
	Window            time.Duration
	// MaxAPICapacity is the percentage (1-100) of each quota window, learned
	// or configured, that the client uses, leaving the rest to the tenant's
	// other clients: at most RequestsPerWindow x MaxAPICapacity / 100 requests
	// per window, rounded down and at least 1. 0 means 100.
	MaxAPICapacity int
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
	base       baseCheck // the base URL reaches the API, checked before a first not-found (client.go)
	// refused is the hint of a 401: which credential was refused and what to check.
	refused string
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
		return "", fmt.Errorf("base URL %q is not an absolute http(s) URL", displayURL(baseURL))
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("base URL %q uses plain http, which would send credentials unencrypted; use https (plain http is accepted for loopback hosts only)", displayURL(baseURL))
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("base URL %q must not carry credentials, a query or a fragment: set the credentials with token or client_id and client_secret", displayURL(baseURL))
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
		return nil, fmt.Errorf("the request timeout must be positive, not %s", cfg.RequestTimeout)
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("the number of retries cannot be negative (%d)", cfg.MaxRetries)
	}
	if cfg.MaxAPICapacity < 0 || cfg.MaxAPICapacity > 100 {
		return nil, fmt.Errorf("the share of the API quota must be a percentage between 1 and 100, not %d", cfg.MaxAPICapacity)
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = time.Second
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = 30 * time.Second
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: pooledTransport()}
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
		quota:      newQuota(cfg.RequestsPerWindow, cfg.Window, cfg.MaxAPICapacity),
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
		c.refused = fmt.Sprintf("DealPOS refused the token it issued for client ID %q%s: check that this API client may use the tenant at %s",
			cfg.ClientID, setBy(cfg.CredentialsFrom), base)
	case cfg.Token != "":
		c.tokens = &tokenSource{static: cfg.Token}
		c.secrets = append(c.secrets, cfg.Token)
		c.refused = fmt.Sprintf("DealPOS refused the static token%s: check that it is a current API token of the tenant at %s, "+
			"copied whole, not expired or revoked, and not another tenant's", setBy(cfg.CredentialsFrom), base)
	default:
		return nil, errors.New("no credentials: set a token or a client ID and client secret")
	}

	// Each attempt: the quota is waited for, then the token is put on (so
	// it cannot expire during the wait), the request is logged and sent
	// within the request timeout.
	auth := &authTransport{
		tokens: c.tokens,
		next:   &logTransport{next: &timeoutTransport{timeout: cfg.RequestTimeout, next: hc.Transport}},
	}
	paced := &pacedTransport{quota: c.quota, next: auth}
	auth.resend = paced
	hc.Transport = paced
	// Redirects are never followed: the token, a client secret or a PIN
	// would go wherever Location points. do turns a 3xx into an error.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
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

// setBy is " (set by <from>)", or "" when from is not known.
func setBy(from string) string {
	if from == "" {
		return ""
	}
	return " (set by " + from + ")"
}
