package simulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "test-token"

// clock is a manual clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2024, 5, 17, 9, 30, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a simulator behind a real HTTP server, with a manual clock.
type env struct {
	t     *testing.T
	srv   *Server
	hs    *httptest.Server
	clock *clock
}

// newEnv starts a simulator; opts.Tokens defaults to testToken and opts.Now
// to the env's clock.
func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	e := &env{t: t, clock: newClock()}
	if opts.Tokens == nil {
		opts.Tokens = []string{testToken}
	}
	if opts.Now == nil {
		opts.Now = e.clock.Now
	}
	e.srv = New(opts)
	e.hs = httptest.NewServer(e.srv)
	t.Cleanup(e.hs.Close)
	return e
}

// resp is a read answer.
type resp struct {
	status int
	header http.Header
	body   []byte
}

// req builds an authorized request to path under /api/v3 (or an absolute
// path starting with /_sim). body is nil (none), a string (raw JSON) or a
// value to marshal; a body comes with Content-Type application/json.
func (e *env) req(method, path string, body any) *http.Request {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	if !strings.HasPrefix(path, "/_sim") {
		path = apiBase + path
	}
	r, err := http.NewRequest(method, e.hs.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	r.Header.Set("Authorization", "Bearer "+testToken)
	if rd != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

func (e *env) do(r *http.Request) *resp {
	e.t.Helper()
	res, err := e.hs.Client().Do(r)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return &resp{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) call(method, path string, body any) *resp {
	e.t.Helper()
	return e.do(e.req(method, path, body))
}

// expect fails unless the answer has the status and, when want is not "",
// a Message containing want.
func (r *resp) expect(t *testing.T, status int, want string) *resp {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if want != "" && !strings.Contains(r.message(t), want) {
		t.Fatalf("message %q does not contain %q", r.message(t), want)
	}
	return r
}

func (r *resp) decode(t *testing.T, v any) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q, want JSON", ct)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

func (r *resp) message(t *testing.T) string {
	t.Helper()
	var m struct{ Message string }
	r.decode(t, &m)
	return m.Message
}

// hendry is the reference's create example.
func hendry() map[string]any {
	return map[string]any{
		"Email": "Hendry@dealpos.com", "Name": "Hendry", "FirstName": "Hendry", "LastName": "Wijaya",
		"Birthdate": "1994-03-18", "Phone": "0215865894", "Mobile": "08569314515",
		"Address": "Jl. Muara Karang P3T No.30", "Gender": false, "Status": "Active", "Code": "HW001",
		"Group": "Gold", "ExpiredGroup": "2019-12-31", "LoyaltyPoint": 88,
		"ImageURL": "https://example.com/a.jpg?x=1&y=2", "SignUpOutlet": "Outlet1",
	}
}

// edit returns a copy of body with the changes applied; a nil value
// removes the property.
func edit(body map[string]any, changes map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// create posts body and returns the new ID.
func (e *env) create(body map[string]any) string {
	e.t.Helper()
	var out struct{ ID string }
	e.call("POST", "/Customer", body).expect(e.t, 200, "").decode(e.t, &out)
	if out.ID == "" {
		e.t.Fatal("create answered no ID")
	}
	return out.ID
}

// read answers GET /Customer/id/{id} decoded into a generic map.
func (e *env) read(id string) map[string]any {
	e.t.Helper()
	var out map[string]any
	e.call("GET", "/Customer/id/"+id, nil).expect(e.t, 200, "").decode(e.t, &out)
	return out
}

func day(s string) time.Time {
	t, err := time.Parse(dateIn, s)
	if err != nil {
		panic(err)
	}
	return t
}
