package dealpos

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestIdempotentRequestsAreRetried: reads and updates are retried after
// 429, 502/503/504 and dropped connections, up to MaxRetries; other errors
// are final.
func TestIdempotentRequestsAreRetried(t *testing.T) {
	t.Parallel()
	ok := answer(http.StatusOK, map[string]any{"ID": "c1", "Message": "Record updated"})
	getCustomer := func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "c1"); return err }
	cases := []struct {
		name       string
		route      string
		call       func(context.Context, *Client) error
		maxRetries *int // nil: the default
		answers    []http.HandlerFunc
		wantHits   int
		wantStatus int  // StatusCode of the final error; 0 for success or a transport error
		wantErr    bool // a transport error is expected
	}{
		{name: "GET after 503", route: "GET /Customer/id/{id}", call: getCustomer, answers: []http.HandlerFunc{status(503), status(503), ok}, wantHits: 3},
		{name: "GET after 502 and 504", route: "GET /Customer/id/{id}", call: getCustomer, answers: []http.HandlerFunc{status(502), status(504), ok}, wantHits: 3},
		{name: "GET after 429", route: "GET /Customer/id/{id}", call: getCustomer, answers: []http.HandlerFunc{status(429), ok}, wantHits: 2},
		{name: "GET after dropped connections", route: "GET /Customer/id/{id}", call: getCustomer, answers: []http.HandlerFunc{dropConnection, dropConnection, ok}, wantHits: 3},
		{name: "GET gives up after MaxRetries 503s", route: "GET /Customer/id/{id}", call: getCustomer, maxRetries: ptr(2), answers: []http.HandlerFunc{status(503)}, wantHits: 3, wantStatus: 503},
		{name: "GET gives up after MaxRetries dropped connections", route: "GET /Customer/id/{id}", call: getCustomer, maxRetries: ptr(2), answers: []http.HandlerFunc{dropConnection}, wantHits: 3, wantErr: true},
		{name: "MaxRetries 0: no retry after 503", route: "GET /Customer/id/{id}", call: getCustomer, maxRetries: ptr(0), answers: []http.HandlerFunc{status(503), ok}, wantHits: 1, wantStatus: 503},
		{name: "MaxRetries 0: no retry after a dropped connection", route: "GET /Customer/id/{id}", call: getCustomer, maxRetries: ptr(0), answers: []http.HandlerFunc{dropConnection, ok}, wantHits: 1, wantErr: true},
		{name: "MaxRetries 0: no retry after 429", route: "GET /Customer/id/{id}", call: getCustomer, maxRetries: ptr(0), answers: []http.HandlerFunc{status(429), ok}, wantHits: 1, wantStatus: 429},
		{name: "500 is final", route: "GET /Customer/id/{id}", call: getCustomer, answers: []http.HandlerFunc{status(500), ok}, wantHits: 1, wantStatus: 500},
		{name: "400 is final", route: "GET /Customer/id/{id}", call: getCustomer, answers: []http.HandlerFunc{status(400), ok}, wantHits: 1, wantStatus: 400},
		{
			name: "PUT update after 503 and a dropped connection", route: "PUT /Customer/ByID",
			call: func(ctx context.Context, c *Client) error {
				return c.UpdateCustomerByID(ctx, CustomerUpdate{ID: "c1", Name: ptr("x")})
			},
			answers: []http.HandlerFunc{status(503), dropConnection, ok}, wantHits: 3,
		},
		{
			name: "PUT VerifyEmail after 503", route: "PUT /Customer/VerifyEmail",
			call:    func(ctx context.Context, c *Client) error { return c.VerifyCustomerEmail(ctx, "h@example.com", true) },
			answers: []http.HandlerFunc{status(503), ok}, wantHits: 2,
		},
		{
			name: "PUT VerifyMobile after a dropped connection", route: "PUT /Customer/VerifyMobile",
			call:    func(ctx context.Context, c *Client) error { return c.VerifyCustomerMobile(ctx, "0856", true) },
			answers: []http.HandlerFunc{dropConnection, ok}, wantHits: 2,
		},
		{
			name: "Merge is not repeated after 502: a second merge of deleted customers fails", route: "PUT /Customer/Merge",
			call:    func(ctx context.Context, c *Client) error { return c.MergeCustomers(ctx, "t", []string{"d"}) },
			answers: []http.HandlerFunc{status(502), ok}, wantHits: 1, wantStatus: 502,
		},
		{
			name: "Merge after 429", route: "PUT /Customer/Merge",
			call:    func(ctx context.Context, c *Client) error { return c.MergeCustomers(ctx, "t", []string{"d"}) },
			answers: []http.HandlerFunc{status(429), ok}, wantHits: 2,
		},
		{
			name: "POST lookup after 503", route: "POST /Customer/Code",
			call:    func(ctx context.Context, c *Client) error { _, err := c.GetCustomerByCode(ctx, "HW008"); return err },
			answers: []http.HandlerFunc{status(503), ok}, wantHits: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle(tc.route, sequence(tc.answers...))
			c := f.client(func(cfg *Config) {
				if tc.maxRetries != nil {
					cfg.MaxRetries = *tc.maxRetries
				}
			})
			err := tc.call(context.Background(), c)
			if hits := len(f.requests()); hits != tc.wantHits {
				t.Errorf("%d attempts reached the server, want %d", hits, tc.wantHits)
			}
			switch {
			case tc.wantStatus != 0:
				if StatusCode(err) != tc.wantStatus {
					t.Errorf("got %v, want HTTP %d", err, tc.wantStatus)
				}
			case tc.wantErr:
				if err == nil || StatusCode(err) != 0 {
					t.Errorf("got %v, want a transport error", err)
				}
			case err != nil:
				t.Errorf("got %v, want success", err)
			}
		})
	}
}

// createFake is a fake POST /Customer that may store the customer and
// still fail the answer, with the lookups CreateCustomer falls back on.
type createFake struct {
	fail   http.HandlerFunc // how each create attempt is answered; nil: success
	store  bool             // whether a failed attempt stored the customer anyway
	stored atomic.Bool
}

func (cf *createFake) register(f *fakeAPI) {
	f.handle("POST /Customer", func(w http.ResponseWriter, r *http.Request) {
		if cf.fail == nil || cf.store {
			cf.stored.Store(true)
		}
		if cf.fail != nil {
			cf.fail(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"ID": "new-id"})
	})
	lookup := func(w http.ResponseWriter, _ *http.Request) {
		if !cf.stored.Load() {
			writeJSON(w, http.StatusNotFound, map[string]string{"Message": "Customer not found"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"ID": "new-id", "Code": "HW001", "Name": "Hendry", "Email": "Hendry@Example.com", "MobilePhone": "0856"})
	}
	f.handle("POST /Customer/Code", lookup)
	f.handle("POST /Customer/Email", lookup)
}

var createIn = CustomerCreate{Code: "HW001", Name: "Hendry", Email: "hendry@example.com", Mobile: "0856", Status: "Active"}

// TestCreateIsNotRetriedBlindly: a create whose outcome is unknown (502,
// dropped connection) reaches the server once; the client looks the
// customer up instead of sending it again. A 429, refused before
// processing, is retried.
func TestCreateIsNotRetriedBlindly(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		fail        http.HandlerFunc
		store       bool
		maxRetries  *int // nil: the default
		wantCreates int
		wantLookups int
		wantID      string
		wantStatus  int
		wantErr     bool
	}{
		{name: "502 after storing: adopted", fail: status(502), store: true, wantCreates: 1, wantLookups: 1, wantID: "new-id"},
		{name: "dropped connection after storing: adopted", fail: dropConnection, store: true, wantCreates: 1, wantLookups: 1, wantID: "new-id"},
		{name: "503 after storing: adopted", fail: status(503), store: true, wantCreates: 1, wantLookups: 1, wantID: "new-id"},
		{name: "502, not stored, no retries allowed", fail: status(502), maxRetries: ptr(0), wantCreates: 1, wantLookups: 2, wantStatus: 502},
		{name: "dropped connection, not stored, no retries allowed", fail: dropConnection, maxRetries: ptr(0), wantCreates: 1, wantLookups: 2, wantErr: true},
		{name: "400 is final", fail: status(400), wantCreates: 1, wantStatus: 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			(&createFake{fail: tc.fail, store: tc.store}).register(f)
			c := f.client(func(cfg *Config) {
				if tc.maxRetries != nil {
					cfg.MaxRetries = *tc.maxRetries
				}
			})
			id, err := c.CreateCustomer(context.Background(), createIn)
			if n := f.count(http.MethodPost, "/Customer"); n != tc.wantCreates {
				t.Errorf("the create reached the server %d times, want %d", n, tc.wantCreates)
			}
			if n := f.count(http.MethodPost, "/Customer/Code") + f.count(http.MethodPost, "/Customer/Email"); n != tc.wantLookups {
				t.Errorf("%d lookups, want %d", n, tc.wantLookups)
			}
			switch {
			case tc.wantID != "":
				if err != nil || id != tc.wantID {
					t.Errorf("got %q, %v; want %q", id, err, tc.wantID)
				}
			case tc.wantStatus != 0:
				if StatusCode(err) != tc.wantStatus {
					t.Errorf("got %v, want HTTP %d", err, tc.wantStatus)
				}
			case tc.wantErr:
				if err == nil {
					t.Error("got no error")
				}
			}
		})
	}
}

func TestCreateRetriedAfter429(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Customer", sequence(status(429), status(429), answer(http.StatusOK, map[string]string{"ID": "new-id"})))
	id, err := f.client(nil).CreateCustomer(context.Background(), createIn)
	if err != nil || id != "new-id" {
		t.Fatalf("got %q, %v", id, err)
	}
	if n := f.count(http.MethodPost, "/Customer"); n != 3 {
		t.Errorf("the create was sent %d times, want 3 (two 429s, then success)", n)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests, want no lookups after a 429", n)
	}
}

// TestCreateResentOnlyAfterLookingUp: when the customer is not there after
// an unknown outcome, the create is sent again once, never without looking
// it up first: four requests in all, then the error.
func TestCreateResentOnlyAfterLookingUp(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	(&createFake{fail: status(502)}).register(f)
	_, err := f.client(func(cfg *Config) { cfg.MaxRetries = 2 }).CreateCustomer(context.Background(), createIn)
	if StatusCode(err) != http.StatusBadGateway {
		t.Fatalf("got %v, want the 502", err)
	}
	var paths []string
	for _, r := range f.requests() {
		paths = append(paths, r.Path)
	}
	want := []string{"/Customer", "/Customer/Code", "/Customer/Email", "/Customer"}
	if len(paths) != len(want) {
		t.Fatalf("requests %v, want %v", paths, want)
	}
	for i := range want {
		if paths[i] != want[i] {
			t.Fatalf("requests %v, want %v", paths, want)
		}
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	minWait, maxWait := 10*time.Millisecond, 200*time.Millisecond
	resp := func(code int, retryAfter string) *http.Response {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		return &http.Response{StatusCode: code, Header: h}
	}
	cases := []struct {
		name  string
		resp  *http.Response
		exact time.Duration // -1: jittered within [min, max]
	}{
		{"Retry-After on a 429", resp(429, "7"), 7 * time.Second},
		{"Retry-After on a 503", resp(503, "2"), 2 * time.Second},
		{"Retry-After of zero", resp(429, "0"), 0},
		{"Retry-After with spaces is not a number", resp(503, " x "), -1},
		{"Retry-After ignored on a 502", resp(502, "7"), -1},
		{"Retry-After ignored on a 500", resp(500, "7"), -1},
		{"negative Retry-After", resp(429, "-3"), -1},
		{"no Retry-After", resp(503, ""), -1},
		{"transport error", nil, -1},
	}
	for _, tc := range cases {
		for attempt := range 8 {
			d := backoff(minWait, maxWait, attempt, tc.resp)
			if tc.exact >= 0 {
				if d != tc.exact {
					t.Errorf("%s, attempt %d: %s, want %s", tc.name, attempt, d, tc.exact)
				}
				continue
			}
			if d < minWait || d > maxWait {
				t.Errorf("%s, attempt %d: %s outside [%s, %s]", tc.name, attempt, d, minWait, maxWait)
			}
		}
	}
	if d := backoff(minWait, maxWait, 100, nil); d < minWait || d > maxWait {
		t.Errorf("a huge attempt number gave %s", d)
	}
	if d := backoff(maxWait, maxWait, 3, nil); d != maxWait {
		t.Errorf("min == max gave %s", d)
	}
}

// TestCancellationStopsPromptly: neither a retry wait, a hanging server nor
// the wait after an unknown create outcome outlives the context.
func TestCancellationStopsPromptly(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		route string
		h     http.HandlerFunc
		call  func(context.Context, *Client) error
	}{
		{
			name: "during the retry wait", route: "GET /Customer/id/{id}", h: status(503),
			call: func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "c1"); return err },
		},
		{
			name: "while the server hangs", route: "GET /Customer/id/{id}", h: hang,
			call: func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "c1"); return err },
		},
		{
			name: "while a create's outcome is unknown", route: "POST /Customer", h: status(502),
			call: func(ctx context.Context, c *Client) error { _, err := c.CreateCustomer(ctx, createIn); return err },
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle(tc.route, tc.h)
			f.handle("POST /Customer/Code", status(404))
			f.handle("POST /Customer/Email", status(404))
			c := f.client(func(cfg *Config) { cfg.RetryWaitMin, cfg.RetryWaitMax = time.Minute, time.Minute })
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go func() {
				for len(f.requests()) == 0 {
					time.Sleep(time.Millisecond)
				}
				time.Sleep(5 * time.Millisecond)
				cancel()
			}()
			start := time.Now()
			err := tc.call(ctx, c)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("got %v, want context.Canceled", err)
			}
			if waited := time.Since(start); waited > 2*time.Second {
				t.Errorf("returned %s after the start, long after the cancellation", waited)
			}
		})
	}
}

// TestRequestTimeoutBoundsOneAttempt: an attempt that hangs past
// RequestTimeout is abandoned and retried.
func TestRequestTimeoutBoundsOneAttempt(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", sequence(hang, okCustomer))
	c := f.client(func(cfg *Config) { cfg.RequestTimeout = 50 * time.Millisecond })
	if _, err := c.GetCustomer(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d attempts, want 2", n)
	}
}

// TestQuotaWaitIsNotAnAttemptTimeout: waiting for the tenant's quota is not
// part of an HTTP attempt, so a wait longer than RequestTimeout neither
// fails the request nor makes a create's outcome look unknown.
func TestQuotaWaitIsNotAnAttemptTimeout(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", okCustomer)
	(&createFake{}).register(f)
	c := f.client(func(cfg *Config) {
		cfg.RequestsPerWindow, cfg.Window = 1, 100*time.Millisecond
		cfg.RequestTimeout = 100 * time.Millisecond
	})
	ctx := context.Background()
	if _, err := c.GetCustomer(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	id, err := c.CreateCustomer(ctx, createIn)
	if err != nil || id != "new-id" {
		t.Fatalf("the create after a quota wait: %q, %v", id, err)
	}
	if waited := time.Since(start); waited < 100*time.Millisecond {
		t.Errorf("the create went out after %s, within the quota window", waited)
	}
	if n := f.count(http.MethodPost, "/Customer"); n != 1 {
		t.Errorf("the create was sent %d times, want 1", n)
	}
	if n := f.count(http.MethodPost, "/Customer/Code"); n != 0 {
		t.Errorf("the create's outcome was taken as unknown: %d lookups", n)
	}
}

// closedPort returns a loopback base URL where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr + "/api/v3"
}

// TestUnreachableHostFailsFast: a refused connection is retried twice, not
// max_retries times, each retry logged at WARN, and the error names the
// attempts and the base URL. A create is sent again too (nothing was sent)
// and never reported as an unknown outcome.
func TestUnreachableHostFailsFast(t *testing.T) {
	t.Parallel()
	base := closedPort(t)
	calls := map[string]func(context.Context, *Client) error{
		"read":   func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "c1"); return err },
		"create": func(ctx context.Context, c *Client) error { _, err := c.CreateCustomer(ctx, createIn); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			c := f.client(func(cfg *Config) { cfg.BaseURL = base })
			ctx, logs := logContext(t)
			err := call(ctx, c)
			if err == nil {
				t.Fatal("no error from a closed port")
			}
			for _, want := range []string{"could not connect to " + base + " (3 attempts)", "connection refused", "check base_url or subdomain"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "unknown") {
				t.Errorf("a refused connection sent nothing, yet the error says the outcome is unknown: %v", err)
			}
			var retries []float64
			for _, e := range logEntries(t, logs) {
				if e["@message"] == "Retrying a DealPOS API request" {
					if e["@level"] != "warn" {
						t.Errorf("retry logged at %v, want warn", e["@level"])
					}
					n, _ := e["attempt"].(float64)
					retries = append(retries, n)
				}
			}
			if fmt.Sprint(retries) != "[1 2]" {
				t.Errorf("retries logged after attempts %v, want [1 2]", retries)
			}
		})
	}
}
