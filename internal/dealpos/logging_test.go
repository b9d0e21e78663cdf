package dealpos

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestEveryAttemptIsLoggedAtDebug: each HTTP attempt logs its method, path,
// status and duration at DEBUG, and nothing else of the request.
func TestEveryAttemptIsLoggedAtDebug(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", sequence(status(503), okCustomer))
	f.handle("PUT /Customer/PIN", status(400))
	f.handle("POST /Customer/Code", dropConnection)
	ctx, logs := logContext(t)
	c := f.client(func(cfg *Config) { cfg.MaxRetries = 0 })

	if _, err := c.GetCustomer(ctx, "c1"); StatusCode(err) != http.StatusServiceUnavailable {
		t.Fatalf("got %v, want the 503 (no retries)", err)
	}
	if _, err := c.GetCustomer(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetCustomerPIN(ctx, "c1", "123456"); StatusCode(err) != http.StatusBadRequest {
		t.Fatalf("got %v, want the 400", err)
	}
	if _, err := c.GetCustomerByCode(ctx, "HW008"); err == nil {
		t.Fatal("a dropped connection gave no error")
	}

	type line struct {
		message, method, path string
		status                float64
	}
	want := []line{
		{"DealPOS API request", "GET", "/api/v3/Customer/id/c1", 503},
		{"DealPOS API request", "GET", "/api/v3/Customer/id/c1", 200},
		{"DealPOS API request", "PUT", "/api/v3/Customer/PIN", 400},
		{"DealPOS API request failed", "POST", "/api/v3/Customer/Code", 0},
	}
	var got []line
	for _, e := range logEntries(t, logs) {
		msg, _ := e["@message"].(string)
		if !strings.HasPrefix(msg, "DealPOS API request") {
			continue
		}
		if e["@level"] != "debug" {
			t.Errorf("%q logged at %v, want debug", msg, e["@level"])
		}
		if _, ok := e["duration_ms"].(float64); !ok {
			t.Errorf("%q has no duration_ms: %v", msg, e)
		}
		l := line{message: msg}
		l.method, _ = e["method"].(string)
		l.path, _ = e["path"].(string)
		l.status, _ = e["status"].(float64)
		if msg == "DealPOS API request failed" {
			if s, _ := e["error"].(string); s == "" {
				t.Errorf("a failed attempt logs no error: %v", e)
			}
		}
		got = append(got, l)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("logged\n%v\nwant\n%v", got, want)
	}
}

// TestSecretsNeverLeak: the static token, the client secret, the issued
// access token and a PIN appear neither in the log nor in error strings,
// even when the server echoes them back in its error messages.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	const pin = "975310"
	// echo answers status with a Message repeating the request's bearer
	// token and body, as a careless server might.
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body := make([]byte, 512)
			n, _ := r.Body.Read(body)
			writeJSON(w, status, map[string]string{"Message": fmt.Sprintf("refused %s for %q", r.Header.Get("Authorization"), body[:n])})
		}
	}
	cases := []struct {
		name    string
		oauth   bool
		route   string
		handler http.HandlerFunc
		call    func(context.Context, *Client) error
	}{
		{
			name: "static token, PIN echoed", route: "PUT /Customer/PIN", handler: echo(http.StatusBadRequest),
			call: func(ctx context.Context, c *Client) error { return c.SetCustomerPIN(ctx, "c1", pin) },
		},
		{
			name: "access token, PIN echoed", oauth: true, route: "PUT /Customer/PIN", handler: echo(http.StatusBadRequest),
			call: func(ctx context.Context, c *Client) error { return c.SetCustomerPIN(ctx, "c1", pin) },
		},
		{
			name: "access token echoed after retries", oauth: true, route: "PUT /Customer/PIN", handler: echo(http.StatusServiceUnavailable),
			call: func(ctx context.Context, c *Client) error { return c.SetCustomerPIN(ctx, "c1", pin) },
		},
		{
			name: "access token echoed by a second 401", oauth: true, route: "GET /Customer/id/{id}", handler: echo(http.StatusUnauthorized),
			call: func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "c1"); return err },
		},
		{
			// CreateCustomer logs the failure of an uncertain attempt.
			name: "access token echoed by a failed create", oauth: true, route: "POST /Customer", handler: echo(http.StatusBadGateway),
			call: func(ctx context.Context, c *Client) error { _, err := c.CreateCustomer(ctx, createIn); return err },
		},
		{
			name: "static token echoed by a failed create", route: "POST /Customer", handler: echo(http.StatusBadGateway),
			call: func(ctx context.Context, c *Client) error { _, err := c.CreateCustomer(ctx, createIn); return err },
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			tokens := &tokenEndpoint{expiresIn: 3600}
			f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
			f.handle(tc.route, tc.handler)
			f.handle("POST /Customer/Code", status(404))
			f.handle("POST /Customer/Email", status(404))
			adjust := func(cfg *Config) { cfg.MaxRetries = 2 }
			c := f.client(adjust)
			if tc.oauth {
				c = f.oauthClient(adjust)
			}
			ctx, logs := logContext(t)
			err := tc.call(ctx, c)
			if err == nil {
				t.Fatal("the call succeeded; the test needs an error answer")
			}
			if !strings.Contains(err.Error(), "refused") {
				t.Fatalf("the error %q lost the API's message", err)
			}
			secrets := []string{testToken, testClientSecret, pin}
			for i := range tokens.issued.Load() {
				secrets = append(secrets, fmt.Sprintf("access-%d", i+1))
			}
			for _, secret := range secrets {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error reveals %q: %s", secret, err)
				}
				if strings.Contains(logs.String(), secret) {
					t.Errorf("the log reveals %q:\n%s", secret, logs)
				}
			}
			// The fake really echoed what the client sent.
			if !strings.Contains(err.Error(), "***") {
				t.Errorf("nothing was masked in %q; did the fake echo the secrets?", err)
			}
		})
	}
}
