package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// Credentials the fake API and the tests share. Each is distinctive so a
// leak into a log line or an error string cannot go unnoticed.
const (
	testToken        = "static-tok-5f9c2e"
	testClientID     = "client-id-4711"
	testClientSecret = "client-secret-8d41aa"
	testUserAgent    = "terraform-provider-dealpos/test"
)

// recorded is one request as the fake API received it.
type recorded struct {
	Method   string
	Path     string // below /api/v3
	RawPath  string // escaped form, when it differs
	RawQuery string
	Header   http.Header
	Body     []byte
}

// bearer is the token the request's Authorization header carries.
func (r recorded) bearer() string { return bearerOf(r.Header) }

// fakeAPI is an httptest server standing in for a DealPOS tenant at
// {URL}/api/v3. Tests register handlers per route ("POST /Customer",
// "GET /Customer/id/{id}") and inspect what the client sent.
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server
	mux *http.ServeMux

	mu   sync.Mutex
	reqs []recorded
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, mux: http.NewServeMux()}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := recorded{
		Method:   r.Method,
		Path:     strings.TrimPrefix(r.URL.Path, "/api/v3"),
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     body,
	}
	if r.URL.RawPath != "" {
		rec.RawPath = strings.TrimPrefix(r.URL.RawPath, "/api/v3")
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, rec)
	f.mu.Unlock()
	if _, pattern := f.mux.Handler(r); pattern == "" && r.Method == http.MethodPost && (rec.Path == "/Customer/p" || rec.Path == "/Category/p") {
		// Unless a test says otherwise, the lists answer empty: the client's
		// check of the base URL before the first not-found it reports
		// (client.go) then finds the API.
		writeJSON(w, http.StatusOK, []any{})
		return
	}
	f.mux.ServeHTTP(w, r)
}

// handle routes "METHOD /path" (below /api/v3) to h.
func (f *fakeAPI) handle(route string, h http.HandlerFunc) {
	method, path, ok := strings.Cut(route, " ")
	if !ok {
		f.t.Fatalf("route %q needs a method and a path", route)
	}
	f.mux.HandleFunc(method+" /api/v3"+path, h)
}

// requests returns what the client sent so far.
func (f *fakeAPI) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

// count is how many requests reached method path.
func (f *fakeAPI) count(method, path string) int {
	n := 0
	for _, r := range f.requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// client returns a Client for the fake API with a static token and
// millisecond retry waits; adjust changes the Config first.
func (f *fakeAPI) client(adjust func(*Config)) *Client {
	f.t.Helper()
	cfg := Config{
		BaseURL:        f.srv.URL + "/api/v3",
		Token:          testToken,
		UserAgent:      testUserAgent,
		RequestTimeout: DefaultRequestTimeout,
		MaxRetries:     DefaultMaxRetries,
		RetryWaitMin:   time.Millisecond,
		RetryWaitMax:   time.Millisecond,
	}
	if adjust != nil {
		adjust(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		f.t.Fatalf("New: %v", err)
	}
	return c
}

// oauthClient is client with the test client credentials instead of a token.
func (f *fakeAPI) oauthClient(adjust func(*Config)) *Client {
	return f.client(func(cfg *Config) {
		cfg.Token, cfg.ClientID, cfg.ClientSecret = "", testClientID, testClientSecret
		if adjust != nil {
			adjust(cfg)
		}
	})
}

// tokenEndpoint is a fake POST /Token/OAuth2 that checks the credentials
// and issues access-1, access-2, ... valid for expiresIn seconds.
type tokenEndpoint struct {
	expiresIn int
	issued    atomic.Int64
	// delay holds each answer back, to let concurrent callers pile up.
	delay time.Duration
}

func (e *tokenEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"Message": "malformed token request"})
		return
	}
	if in.ClientID != testClientID || in.ClientSecret != testClientSecret {
		// Echo the secret back, as a careless server might.
		writeJSON(w, http.StatusUnauthorized, map[string]string{"Message": "invalid client secret " + in.ClientSecret})
		return
	}
	if e.delay > 0 {
		time.Sleep(e.delay)
	}
	n := e.issued.Add(1)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": fmt.Sprintf("access-%d", n),
		"token_type":   "Bearer",
		"expires_in":   e.expiresIn,
	})
}

// bearer is the token a request's Authorization header carries, or "".
func bearer(r *http.Request) string { return bearerOf(r.Header) }

func bearerOf(h http.Header) string {
	return strings.TrimPrefix(h.Get("Authorization"), "Bearer ")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// answer replies status with v as JSON.
func answer(status int, v any) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, status, v) }
}

// raw replies status with body as is.
func raw(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// status replies code with the API's {"Message"} body.
func status(code int) http.HandlerFunc {
	return answer(code, map[string]string{"Message": http.StatusText(code)})
}

// okCustomer answers a customer read for the ID in the path.
func okCustomer(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"ID": r.PathValue("id"), "Name": "Tafta tata"})
}

// hang never answers; it returns when the client gives up.
func hang(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

// dropConnection closes the connection without answering.
func dropConnection(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

// sequence answers the n-th call with hs[n], and every later call with the
// last handler.
func sequence(hs ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		i := min(int(n.Add(1))-1, len(hs)-1)
		hs[i](w, r)
	}
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// logContext returns a context whose tflog output is captured.
func logContext(t *testing.T) (context.Context, *syncBuffer) {
	t.Helper()
	buf := &syncBuffer{}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return tflogtest.RootLogger(ctx, buf), buf
}

// logEntries decodes the captured JSON log lines.
func logEntries(t *testing.T, buf *syncBuffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatalf("decoding the log: %v", err)
	}
	return entries
}

// decodeBody decodes a recorded JSON body into a generic map.
func decodeBody(t *testing.T, body []byte) map[string]any {
	t.Helper()
	if len(body) == 0 {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("the body %s is not a JSON object: %v", body, err)
	}
	return m
}

func ptr[T any](v T) *T { return &v }
