package dealpos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// elsewhere is another host that records whatever reaches it.
type elsewhere struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits []recorded
}

func newElsewhere(t *testing.T) *elsewhere {
	t.Helper()
	e := &elsewhere{}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.hits = append(e.hits, recorded{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
		e.mu.Unlock()
		writeJSON(w, http.StatusNotFound, map[string]string{"Message": "Customer not found"})
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *elsewhere) requests() []recorded {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]recorded(nil), e.hits...)
}

// redirectTo answers every request with status and Location target+path.
func redirectTo(status int, target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", target+strings.TrimPrefix(r.URL.Path, "/api/v3"))
		w.WriteHeader(status)
	}
}

// TestRedirectsAreRefused: no redirect is followed, whatever its status and
// target, so neither the token, the client secret nor a PIN reaches
// another host; the error names the Location and the settings to fix, and
// is never a not-found.
func TestRedirectsAreRefused(t *testing.T) {
	t.Parallel()
	for _, status := range []int{301, 302, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			other := newElsewhere(t)
			f := newFakeAPI(t)
			f.handle("GET /Customer/id/{id}", redirectTo(status, other.srv.URL+"/api/v3"))
			f.handle("PUT /Customer/PIN", redirectTo(status, other.srv.URL+"/api/v3"))
			f.handle("POST /Token/OAuth2", redirectTo(status, other.srv.URL+"/api/v3"))

			_, err := f.client(nil).GetCustomer(context.Background(), "c1")
			wantRedirectError(t, err, other.srv.URL+"/api/v3/Customer/id/c1")
			err = f.client(nil).SetCustomerPIN(context.Background(), "c1", "123456")
			wantRedirectError(t, err, other.srv.URL)
			_, err = f.oauthClient(nil).GetCustomer(context.Background(), "c1")
			wantRedirectError(t, err, other.srv.URL+"/api/v3/Token/OAuth2")
			if hits := other.requests(); len(hits) != 0 {
				t.Fatalf("%d requests followed the redirect to another host (first: %s %s, Authorization %q, body %s)",
					len(hits), hits[0].Method, hits[0].Path, hits[0].bearer(), hits[0].Body)
			}
		})
	}
	t.Run("same host, plain http", func(t *testing.T) {
		t.Parallel()
		f := newFakeAPI(t)
		f.handle("GET /Customer/id/{id}", redirectTo(http.StatusFound, "/api/v3/other"))
		f.handle("GET /other/{rest...}", okCustomer)
		_, err := f.client(nil).GetCustomer(context.Background(), "c1")
		wantRedirectError(t, err, "/api/v3/other")
		if n := f.count(http.MethodGet, "/other/Customer/id/c1"); n != 0 {
			t.Fatalf("the redirect was followed %d times", n)
		}
	})
}

func wantRedirectError(t *testing.T, err error, location string) {
	t.Helper()
	if err == nil {
		t.Fatal("a redirect was taken for success")
	}
	if IsNotFound(err) {
		t.Fatalf("a redirect counted as not found: %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, location) || !strings.Contains(msg, "base_url") {
		t.Fatalf("the error %q does not name the Location %s and base_url", msg, location)
	}
}

// TestNotFoundOnlyFromTheAPI: a 404 about the record is a not-found
// whether its body is JSON, plain text or empty (the reference shows none),
// once the list of the same area shows the base URL reaches the API. A web
// server's page or the framework's unknown-route answer never is, nor is
// any 404 from a base URL whose list answers the same way (a proxy or
// gateway in front of a wrong base URL): those are errors naming the base
// URL and /api/v3.
func TestNotFoundOnlyFromTheAPI(t *testing.T) {
	t.Parallel()
	html := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "<html><head><title>404 - File or directory not found.</title></head></html>")
	}
	cases := []struct {
		name     string
		h        http.HandlerFunc
		notFound bool // when the list answers as the API does
	}{
		{"JSON message", answer(http.StatusNotFound, map[string]string{"Message": "Customer not found."}), true},
		{"bare JSON string", answer(http.StatusNotFound, "Customer not found"), true},
		{"plain text", raw(http.StatusNotFound, "Customer not found\n"), true},
		{"empty body", raw(http.StatusNotFound, ""), true},
		{"HTML page", html, false},
		{"ASP.NET unknown route", answer(http.StatusNotFound, map[string]string{"Message": "No HTTP resource was found that matches the request URI 'https://x/Customer/id/c1'."}), false},
		{"gateway without a route", answer(http.StatusNotFound, map[string]string{"message": "no Route matched with those values"}), false},
	}
	for _, tc := range cases {
		for _, everywhere := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/every path answers it: %v", tc.name, everywhere), func(t *testing.T) {
				t.Parallel()
				f := newFakeAPI(t)
				f.handle("GET /Customer/id/{id}", tc.h)
				f.handle("DELETE /Customer/DeleteByCode", tc.h)
				if everywhere {
					f.handle("POST /Customer/p", tc.h)
				}
				c := f.client(nil)
				_, readErr := c.GetCustomer(context.Background(), "c1")
				deleteErr := c.DeleteCustomerByCode(context.Background(), "HW001")
				want := tc.notFound && !everywhere
				for _, err := range []error{readErr, deleteErr} {
					if IsNotFound(err) != want {
						t.Fatalf("IsNotFound = %v for %v", IsNotFound(err), err)
					}
					if !want && (!strings.Contains(err.Error(), c.baseURL) || !strings.Contains(err.Error(), "/api/v3")) {
						t.Fatalf("the error %q names neither the base URL nor /api/v3", err)
					}
				}
			})
		}
	}
}

// TestReadWithoutRecord: a 200 with no record is a not-found, and one with
// another customer's record is an error; neither is a customer.
func TestReadWithoutRecord(t *testing.T) {
	t.Parallel()
	for body, notFound := range map[string]bool{
		"null":                      true,
		"{}":                        true,
		`{"ID":"","Name":"x"}`:      true,
		`{"ID":"other","Code":"X"}`: false,
	} {
		f := newFakeAPI(t)
		f.handle("GET /Customer/id/{id}", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, body)
		})
		got, err := f.client(nil).GetCustomer(context.Background(), "c1")
		if got != nil || err == nil {
			t.Fatalf("%s: got %+v, %v; want no record", body, got, err)
		}
		if IsNotFound(err) != notFound {
			t.Fatalf("%s: IsNotFound = %v (%v)", body, IsNotFound(err), err)
		}
	}
	// The GUID's case is not a different customer.
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", answer(http.StatusOK, map[string]string{"ID": "ABC-1"}))
	if _, err := f.client(nil).GetCustomer(context.Background(), "abc-1"); err != nil {
		t.Fatal(err)
	}
}

// TestCreateRefusedCostsAtMostFourRequests: a 500 with the API's JSON error
// is the API's answer: one request and its message. A 500 page from
// elsewhere leaves the outcome unknown: for a customer POST, two lookups,
// one re-send; for a category (one lookup) POST, lookup, re-send, lookup.
// The error then says how to import what may have been stored.
func TestCreateRefusedCostsAtMostFourRequests(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		h    http.HandlerFunc
		want int
	}{
		{"API error body", answer(http.StatusInternalServerError, map[string]string{"Message": "An error has occurred."}), 1},
		{"HTML 500", raw(http.StatusInternalServerError, "<html>Server Error</html>"), 4},
		{"503 every time", status(503), 4},
	}
	creates := []struct {
		name     string
		register func(*fakeAPI, http.HandlerFunc)
		create   func(*Client) error
	}{
		{
			name:     "customer",
			register: func(f *fakeAPI, h http.HandlerFunc) { (&createFake{fail: h}).register(f) },
			create:   func(c *Client) error { _, err := c.CreateCustomer(context.Background(), createIn); return err },
		},
		{
			name: "category",
			register: func(f *fakeAPI, h http.HandlerFunc) {
				f.handle("POST /Category", h)
				f.handle("POST /Category/p", answer(http.StatusOK, []any{}))
			},
			create: func(c *Client) error {
				_, err := c.CreateCategory(context.Background(), CategoryCreate{Name: "Food"})
				return err
			},
		},
	}
	for _, tc := range cases {
		for _, cr := range creates {
			t.Run(tc.name+"/"+cr.name, func(t *testing.T) {
				t.Parallel()
				f := newFakeAPI(t)
				cr.register(f, tc.h)
				err := cr.create(f.client(nil))
				if StatusCode(err) < 500 {
					t.Fatalf("got %v, want the server's error", err)
				}
				if n := len(f.requests()); n != tc.want {
					t.Fatalf("%d requests for a failing create, want %d", n, tc.want)
				}
				if tc.want == 1 && !strings.Contains(err.Error(), "An error has occurred.") {
					t.Fatalf("the error %q does not show the API's message", err)
				}
				if tc.want > 1 && !MayExist(err) {
					t.Fatalf("the error %q does not tell that the record may exist", err)
				}
			})
		}
	}
}

// TestAdoptionMatchesCodeAndEmail: after a lost answer, the stored customer
// is adopted when its code and email match without regard to case, even
// though the server trimmed the name and reformatted the mobile.
func TestAdoptionMatchesCodeAndEmail(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Customer", status(502))
	normalised := map[string]string{"ID": "new-id", "Code": "hw001", "Email": "HENDRY@example.com", "Name": "Hendry ", "MobilePhone": "+62856"}
	f.handle("POST /Customer/Code", answer(http.StatusOK, normalised))
	f.handle("POST /Customer/Email", answer(http.StatusOK, normalised))
	id, err := f.client(nil).CreateCustomer(context.Background(), createIn)
	if err != nil || id != "new-id" {
		t.Fatalf("got %q, %v; want the stored customer adopted", id, err)
	}
	if n := f.count(http.MethodPost, "/Customer"); n != 1 {
		t.Fatalf("the create was sent %d times", n)
	}
	// Another customer's record under the same email is not ours.
	g := newFakeAPI(t)
	g.handle("POST /Customer", status(502))
	g.handle("POST /Customer/Code", status(404))
	g.handle("POST /Customer/Email", answer(http.StatusOK, map[string]string{"ID": "x", "Code": "OTHER", "Email": createIn.Email}))
	if id, err := g.client(func(cfg *Config) { cfg.MaxRetries = 0 }).CreateCustomer(context.Background(), createIn); err == nil || id != "" {
		t.Fatalf("adopted %q, a customer with another code", id)
	}
}

// cancelledInFlight is a handler that never answers and a context that is
// cancelled as soon as a request reaches the handler: a Ctrl-C while the
// request is in flight.
func cancelledInFlight(t *testing.T) (http.HandlerFunc, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return func(w http.ResponseWriter, r *http.Request) {
		cancel()
		hang(w, r)
	}, ctx
}

// TestCreateInterruptedInFlight: a Ctrl-C (or timeout) while the POST is in
// flight still looks the customer up on a fresh context: found, it is
// returned; not found, the error says it may exist (MayExist).
func TestCreateInterruptedInFlight(t *testing.T) {
	t.Parallel()
	for _, stored := range []bool{true, false} {
		t.Run(fmt.Sprint("stored=", stored), func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			post, ctx := cancelledInFlight(t)
			f.handle("POST /Customer", post)
			lookup := answer(http.StatusNotFound, map[string]string{"Message": "Customer not found"})
			if stored {
				lookup = answer(http.StatusOK, map[string]string{"ID": "new-id", "Code": "HW001", "Email": "hendry@example.com"})
			}
			f.handle("POST /Customer/Code", lookup)
			f.handle("POST /Customer/Email", lookup)
			id, err := f.client(nil).CreateCustomer(ctx, createIn)
			if stored {
				if err != nil || id != "new-id" {
					t.Fatalf("got %q, %v; want the customer found after the interruption", id, err)
				}
				return
			}
			if err == nil || !errors.Is(err, context.Canceled) || !MayExist(err) {
				t.Fatalf("got %v; want the cancellation, and that it may exist", err)
			}
		})
	}
}

// TestTokenAttachedAfterQuotaWait: a request held for the quota window
// gets its token after the wait, so a token that expired meanwhile is
// renewed rather than sent.
func TestTokenAttachedAfterQuotaWait(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Token/OAuth2", (&tokenEndpoint{expiresIn: 100}).ServeHTTP)
	f.handle("GET /Customer/id/{id}", okCustomer)
	// Two requests per 300 s: the first token and the first read fill the
	// window; the second read waits 300 s, past the token's lifetime.
	c := f.oauthClient(func(cfg *Config) { cfg.RequestsPerWindow, cfg.Window = 2, 300*time.Second })
	clock := newFakeClock()
	c.quota.now, c.quota.sleep, c.tokens.now = clock.now, clock.sleep, clock.now
	for range 2 {
		if _, err := c.GetCustomer(context.Background(), "c1"); err != nil {
			t.Fatal(err)
		}
	}
	var bearers []string
	for _, r := range f.requests() {
		if r.Path == "/Customer/id/c1" {
			bearers = append(bearers, r.bearer())
		}
	}
	if len(clock.slept) == 0 {
		t.Fatal("the second read did not wait for the quota: the test proves nothing")
	}
	if len(bearers) != 2 || bearers[1] != "access-2" {
		t.Fatalf("reads carried %v; the one after the wait must carry the renewed access-2", bearers)
	}
}

// TestRenewedTokenAfter401GoesThroughTheQuota: the resend after a 401 uses
// the renewed token and counts against the quota.
func TestRenewedTokenAfter401GoesThroughTheQuota(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Token/OAuth2", (&tokenEndpoint{expiresIn: 3600}).ServeHTTP)
	f.handle("GET /Customer/id/{id}", func(w http.ResponseWriter, r *http.Request) {
		if bearer(r) == "access-1" {
			status(http.StatusUnauthorized)(w, r)
			return
		}
		okCustomer(w, r)
	})
	c := f.oauthClient(func(cfg *Config) { cfg.RequestsPerWindow, cfg.Window = 100, time.Hour })
	if _, err := c.GetCustomer(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if c.quota.used != len(f.requests()) {
		t.Fatalf("the quota counted %d requests, the server got %d", c.quota.used, len(f.requests()))
	}
}

// pagedFake serves n customers in pages of size, with an overstated
// TotalCount, and repeats the last page for every page past the end.
func pagedFake(f *fakeAPI, n, size int) {
	serve := func(withTotal bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			var in ListCustomersRequest
			_ = json.NewDecoder(r.Body).Decode(&in)
			pages := (n + size - 1) / size
			page := min(in.PageNumber, pages)
			items := []CustomerListItem{}
			for i := (page - 1) * size; i < min(page*size, n); i++ {
				items = append(items, CustomerListItem{ID: fmt.Sprintf("id-%03d", i), Code: fmt.Sprintf("C%03d", i)})
			}
			if withTotal {
				writeJSON(w, http.StatusOK, CustomerPage{Data: items, TotalCount: n + 1000})
				return
			}
			writeJSON(w, http.StatusOK, items)
		}
	}
	f.handle("POST /Customer/WithTotalCount", serve(true))
	f.handle("POST /Customer/p", serve(false))
}

// TestPagingEndsOnRepeatedPages: a TotalCount that overstates what the
// pages hold, with pages past the end repeating the last one, costs at most
// ceil(n / page size) + 1 requests.
func TestPagingEndsOnRepeatedPages(t *testing.T) {
	t.Parallel()
	for _, n := range []int{25, 20, 1} {
		for _, filter := range []CustomerFilter{{}, {Name: "C"}} {
			f := newFakeAPI(t)
			pagedFake(f, n, 10)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			list, err := f.client(nil).ListAllCustomers(ctx, filter, 0)
			cancel()
			if err != nil {
				t.Fatalf("n=%d %+v: %v", n, filter, err)
			}
			if want := (n+9)/10 + 1; list.Requests > want || len(list.Items) != n {
				t.Fatalf("n=%d %+v: %d customers in %d requests, want %d in at most %d", n, filter, len(list.Items), list.Requests, n, want)
			}
		}
	}
}

// TestQuotaLimitWithoutPolicy: a limit without RateLimit-Policy paces to
// the documented 180 s window instead of not pacing at all.
func TestQuotaLimitWithoutPolicy(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(0, 0)
	h := http.Header{}
	h.Set("RateLimit-Limit", "3")
	h.Set("RateLimit-Remaining", "2")
	release, err := q.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	q.observe(h)
	release()
	if err := acquireN(q, 3); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 || clock.slept[0] < 180*time.Second {
		t.Fatalf("waits %v, want one wait of the 180 s window", clock.slept)
	}
}

// TestQuotaBelievesMoreRemaining: a server whose window restarted before
// ours (another client started it) reports more remaining than we count;
// it is believed instead of waiting out a window the server has closed.
func TestQuotaBelievesMoreRemaining(t *testing.T) {
	t.Parallel()
	q, clock := newTestQuota(0, 0)
	send := func(remaining int) {
		t.Helper()
		tk, err := q.admit(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		q.learn(tk, http.StatusOK, headers(10, remaining, 60))
		tk.release()
	}
	for remaining := 9; remaining >= 5; remaining-- {
		send(remaining)
	}
	send(9) // the server's window restarted: one used, by this request
	for range 9 {
		send(9)
	}
	if len(clock.slept) != 0 {
		t.Fatalf("waited %v although the server had requests left", clock.slept)
	}
	// Answers that arrive out of order are not a restart.
	q2, clock2 := newTestQuota(0, 0)
	var tickets []*ticket
	for range 10 {
		tk, err := q2.admit(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, tk)
		if len(tickets) == 1 {
			q2.learn(tk, http.StatusOK, headers(10, 9, 60))
			tk.release()
		}
	}
	for i := len(tickets) - 1; i >= 1; i-- {
		q2.learn(tickets[i], http.StatusOK, headers(10, 9-i, 60))
		tickets[i].release()
	}
	if _, err := q2.admit(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if len(clock2.slept) != 1 {
		t.Fatalf("waits %v: late answers must not free quota", clock2.slept)
	}
}

// TestWaitLongerThanDeadlineFailsAtOnce: a Retry-After or "try again in N
// seconds" longer than the deadline fails the operation at once, naming
// the wait.
func TestWaitLongerThanDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	retryAfter := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			status(code)(w, r)
		}
	}
	cases := map[string]http.HandlerFunc{
		"429 Retry-After": retryAfter(429),
		"503 Retry-After": retryAfter(503),
		"429 message":     answer(429, map[string]string{"Message": "API calls quota exceeded! maximum admitted 50 per 180 seconds. Try again in 3600 seconds."}),
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("GET /Customer/id/{id}", h)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			start := time.Now()
			// Retry waits as long as the deadline: a retry of the failed
			// wait would show.
			c := f.client(func(cfg *Config) { cfg.RetryWaitMin, cfg.RetryWaitMax = 5*time.Second, 5*time.Second })
			_, err := c.GetCustomer(ctx, "c1")
			if err == nil || !strings.Contains(err.Error(), "1h0m0s") {
				t.Fatalf("got %v, want an error naming the wait of 1h0m0s", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("failed after %s, not at once", d)
			}
		})
	}
}

// TestAnswerOverSizeCap: an answer larger than the cap is an error that
// says so, not a JSON syntax error. Not parallel: 32 MiB through the race
// detector would slow the tests that measure short timeouts.
func TestAnswerOverSizeCap(t *testing.T) {
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ID":"c1","Name":"`)
		chunk := strings.Repeat("x", 1<<20)
		for range (maxAnswer >> 20) + 1 {
			_, _ = io.WriteString(w, chunk)
		}
		_, _ = io.WriteString(w, `"}`)
	})
	_, err := f.client(nil).GetCustomer(context.Background(), "c1")
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("got %v, want an error about the size", err)
	}
}

// TestListSkipsUndecodableRecordWhenLenient: one record that cannot be
// decoded fails a strict listing, naming it, and is reported apart by a
// lenient one, which keeps the others.
func TestListSkipsUndecodableRecordWhenLenient(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Customer/WithTotalCount", answer(http.StatusOK, map[string]any{
		"TotalCount": 3,
		"Data": []map[string]any{
			{"ID": "a", "Code": "A", "BirthDate": "1994-03-18T00:00:00"},
			{"ID": "b", "Code": "B", "BirthDate": "31/02/1994"},
			{"ID": "c", "Code": "C", "BirthDate": "3/18/1994 12:00:00 AM"},
		},
	}))
	c := f.client(nil)
	if _, err := c.ListAllCustomers(context.Background(), CustomerFilter{}, 0); err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Fatalf("strict listing: %v, want an error naming record b", err)
	}
	list, err := c.ListAllCustomers(context.Background(), CustomerFilter{Lenient: true}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 2 || len(list.Undecoded) != 1 || list.Undecoded[0].ID != "b" || list.Items[1].BirthDate != "1994-03-18" {
		t.Fatalf("items %+v undecoded %+v", list.Items, list.Undecoded)
	}
}

// seedCustomerAndCategory creates the customer createIn and the category
// Food, and returns their IDs.
func seedCustomerAndCategory(t *testing.T, c *Client) (customerID, categoryID string) {
	t.Helper()
	ctx := context.Background()
	customerID, err := c.CreateCustomer(ctx, createIn)
	if err != nil {
		t.Fatal(err)
	}
	categoryID, err = c.CreateCategory(ctx, CategoryCreate{Name: "Food"})
	if err != nil {
		t.Fatal(err)
	}
	return customerID, categoryID
}

// TestNotFoundNeedsTheAPI: a proxy answering every path with a JSON 404
// cannot make a read, a lookup or a delete report a record as gone: before
// its first not-found a client checks, once, that the base URL reaches the
// API, and here it does not, so every such answer is an error naming the
// base URL. Against the API the check passes and not-founds are reported;
// reads that find their record never check.
func TestNotFoundNeedsTheAPI(t *testing.T) {
	t.Parallel()
	c, sim := simClient(t)
	ctx := context.Background()
	id, catID := seedCustomerAndCategory(t, c)
	if _, err := c.GetCustomer(ctx, id); err != nil {
		t.Fatal(err)
	}
	probes := func() int { return sim.Stats().Requests["POST /Customer/p"] }
	if n := probes(); n != 0 {
		t.Fatalf("%d checks of the base URL while nothing was missing", n)
	}

	sim.SetFaults(simulator.Faults{JSONNotFound: true})
	errs := map[string]error{}
	_, errs["GetCustomer"] = c.GetCustomer(ctx, id)
	_, errs["GetCustomerByCode"] = c.GetCustomerByCode(ctx, createIn.Code)
	_, errs["GetCategory"] = c.GetCategory(ctx, catID)
	_, errs["GetProductByCode"] = c.GetProductByCode(ctx, "1003")
	errs["DeleteCustomerByCode"] = c.DeleteCustomerByCode(ctx, createIn.Code)
	for name, err := range errs {
		if err == nil || IsNotFound(err) {
			t.Fatalf("%s: %v, want an error that is not a not-found", name, err)
		}
		if msg := err.Error(); !strings.Contains(msg, c.baseURL) || !strings.Contains(msg, "/api/v3") || !strings.Contains(msg, "base_url") {
			t.Fatalf("%s: the error %q names neither the base URL nor /api/v3", name, msg)
		}
	}
	if n := probes(); n != 1 {
		t.Fatalf("%d checks of the base URL, want 1 per client", n)
	}
	if sim.Len() != 1 {
		t.Fatal("the customer is gone")
	}

	// Another client against the API: one check, then real not-founds.
	sim.SetFaults(simulator.Faults{})
	sim.ResetStats()
	other, err := New(Config{BaseURL: c.baseURL, Token: testToken, RequestTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, missing := range []string{"nope-1", "nope-2"} {
		if _, err := other.GetCustomer(ctx, missing); !IsNotFound(err) {
			t.Fatalf("a missing customer: %v, want a not-found", err)
		}
	}
	if _, err := other.GetCategoryByName(ctx, "Drinks"); !IsNotFound(err) {
		t.Fatalf("a missing category: %v, want a not-found", err)
	}
	if n := probes(); n != 1 {
		t.Fatalf("%d checks of the base URL, want 1", n)
	}
}

// TestBaseURLCheckRetriedAfterFailure: a check that fails for a passing
// reason fails that read (not as a not-found) and is not remembered; the
// next not-found checks again. Concurrent not-founds share one check.
func TestBaseURLCheckRetriedAfterFailure(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", answer(http.StatusNotFound, map[string]string{"Message": "Customer not found."}))
	f.handle("POST /Customer/p", sequence(status(http.StatusServiceUnavailable), answer(http.StatusOK, []any{})))
	c := f.client(func(cfg *Config) { cfg.MaxRetries = 0 })
	ctx := context.Background()
	if _, err := c.GetCustomer(ctx, "gone"); err == nil || IsNotFound(err) || !strings.Contains(err.Error(), "could not be confirmed") {
		t.Fatalf("got %v, want the failed check", err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := c.GetCustomer(ctx, fmt.Sprint("gone-", i)); !IsNotFound(err) {
				t.Errorf("got %v, want a not-found", err)
			}
		})
	}
	wg.Wait()
	if n := f.count(http.MethodPost, "/Customer/p"); n != 2 {
		t.Fatalf("%d checks, want 2: the failed one and one more", n)
	}
}

// TestCatalogCreateInterruptedInFlight: a catalog create interrupted
// while the POST is in flight is still looked up, as a customer's is, and
// adopted although the server normalised the name.
func TestCatalogCreateInterruptedInFlight(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	post, ctx := cancelledInFlight(t)
	f.handle("POST /Product", post)
	f.handle("GET /Product/Detail", answer(http.StatusOK, map[string]any{"ID": "p1", "Code": "1003", "Name": " captain america t-shirt",
		"Variants": []map[string]any{{"ID": "v1", "Code": "1003S"}}}))
	res, err := f.client(nil).CreateProduct(ctx, testProduct())
	if err != nil || res.ID != "p1" || res.VariantID("1003S") != "v1" {
		t.Fatalf("got %+v, %v; want the product found after the interruption", res, err)
	}
}

// TestNotFoundWhateverNewCodeAnswers: a record DealPOS reports missing is
// gone whatever GET /Customer/NewCode answers (the reference documents it
// only for tenants with the code generator: a JSON 404 when it is off, a
// 403 for a token without Contacts, no route on an older deployment) and
// whatever form the API's 404 takes (JSON, plain text, empty). The base
// URL is checked on the lists of the area read, once per client.
func TestNotFoundWhateverNewCodeAnswers(t *testing.T) {
	t.Parallel()
	for _, newCode := range []string{"", simulator.NewCode404, simulator.NewCode403, simulator.NewCodeRoute} {
		for _, body := range []string{"", simulator.NotFoundText, simulator.NotFoundEmpty} {
			t.Run(fmt.Sprintf("NewCode %q, 404 body %q", newCode, body), func(t *testing.T) {
				t.Parallel()
				c, sim := simClient(t)
				ctx := context.Background()
				id, catID := seedCustomerAndCategory(t, c)
				sim.Delete(id)
				if err := c.DeleteCategory(ctx, "Food", catID); err != nil {
					t.Fatal(err)
				}
				sim.SetFaults(simulator.Faults{NewCode: newCode, NotFoundBody: body})
				sim.ResetStats()
				if _, err := c.GetCustomer(ctx, id); !IsNotFound(err) {
					t.Fatalf("the customer: %v, want a not-found", err)
				}
				if _, err := c.GetCategory(ctx, catID); !IsNotFound(err) {
					t.Fatalf("the category: %v, want a not-found", err)
				}
				if err := c.DeleteCustomerByCode(ctx, createIn.Code); !IsNotFound(err) {
					t.Fatalf("deleting the customer again: %v, want a not-found", err)
				}
				st := sim.Stats().Requests
				if st["GET /Customer/NewCode"] != 0 || st["POST /Customer/p"]+st["POST /Category/p"] != 1 {
					t.Fatalf("checks of the base URL: %v, want one list request and no NewCode", st)
				}
			})
		}
	}
}

// TestProductsOnlyTokenBelievesCatalogNotFound: a token with the Products
// role alone (a catalog integration) reads a category deleted elsewhere as
// gone, with one check of the base URL on the catalog's own list for any
// number of not-founds, and never asks a customer endpoint.
func TestProductsOnlyTokenBelievesCatalogNotFound(t *testing.T) {
	t.Parallel()
	sim := simulator.New(simulator.Options{Tokens: []string{testToken}, TokenModules: map[string][]string{testToken: {"Products"}}})
	hs := httptest.NewServer(sim)
	t.Cleanup(hs.Close)
	c, err := New(Config{BaseURL: hs.URL + "/api/v3", Token: testToken, RequestTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.GetCustomer(ctx, "x"); StatusCode(err) != http.StatusForbidden {
		t.Fatalf("a customer read with a Products token: %v, want the API's 403", err)
	}
	sim.ResetStats()
	for _, name := range []string{"Food", "Drinks", "Snacks"} {
		id, err := c.CreateCategory(ctx, CategoryCreate{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.DeleteCategory(ctx, name, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetCategory(ctx, id); !IsNotFound(err) {
			t.Fatalf("category %s deleted elsewhere: %v, want a not-found", name, err)
		}
	}
	st := sim.Stats()
	if st.Requests["POST /Category/p"] != 1 || st.Status[http.StatusForbidden] != 0 {
		t.Fatalf("requests %v, statuses %v: want one check on the category list and no 403", st.Requests, st.Status)
	}
}

// TestBaseCheckTakesTheAPIsRefusal: the list that checks the base URL may
// refuse the token; the API's own JSON refusal (401, 403, 400, 405) still
// shows the base URL reaches the API, so the not-found is believed. A 403
// page that is not JSON, a 429 or a 5xx cannot confirm it, and says so
// without calling the base URL wrong; a 404 of any form, a redirect or a
// success that is not JSON shows the base URL is wrong.
func TestBaseCheckTakesTheAPIsRefusal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		probe http.HandlerFunc
		want  string // "" for a not-found, else a part of the error
	}{
		{"JSON 403", answer(http.StatusForbidden, map[string]string{"Message": `You must have "VIEW" role in "Contacts" Module`}), ""},
		{"JSON 401", answer(http.StatusUnauthorized, map[string]string{"Message": "Authorization has been denied for this request."}), ""},
		{"JSON 405", answer(http.StatusMethodNotAllowed, map[string]string{"Message": "The requested resource does not support http method 'POST'."}), ""},
		{"HTML 403", raw(http.StatusForbidden, "<html><body>Forbidden</body></html>"), "could not be confirmed"},
		{"429", answer(http.StatusTooManyRequests, map[string]string{"Message": "API calls quota exceeded! Try again in 1 seconds."}), "could not be confirmed"},
		{"JSON 404", answer(http.StatusNotFound, map[string]string{"message": "Resource not found"}), "does not reach the DealPOS API"},
		{"empty 404", raw(http.StatusNotFound, ""), "does not reach the DealPOS API"},
		{"HTML 200", raw(http.StatusOK, "<html><body>Welcome</body></html>"), "does not reach the DealPOS API"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("GET /Customer/id/{id}", answer(http.StatusNotFound, map[string]string{"Message": "Customer not found."}))
			f.handle("POST /Customer/p", tc.probe)
			c := f.client(func(cfg *Config) { cfg.MaxRetries = 0 })
			_, err := c.GetCustomer(context.Background(), "gone")
			if tc.want == "" {
				if !IsNotFound(err) {
					t.Fatalf("got %v, want a not-found", err)
				}
				return
			}
			if IsNotFound(err) || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
			if tc.want == "could not be confirmed" && strings.Contains(err.Error(), "does not reach") {
				t.Fatalf("a refusal that may pass called the base URL wrong: %v", err)
			}
		})
	}
}
