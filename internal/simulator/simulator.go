package simulator

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server. The zero value is usable but accepts no
// token, so set Tokens or ClientID/ClientSecret.
type Options struct {
	Tokens []string // static bearer tokens accepted
	// TokenModules limits static tokens to the role modules named
	// ("Contacts", "Products", "Outlets"); a request to another module's
	// route is refused with the API's JSON 403. Tokens not listed hold
	// every module. A catalog integration's token: {"tok": {"Products"}}.
	TokenModules map[string][]string
	ClientID     string           // OAuth2 client credentials accepted by POST /Token/OAuth2 (empty: the endpoint answers 401)
	ClientSecret string           // the secret that goes with ClientID
	TokenTTL     time.Duration    // lifetime of issued OAuth2 tokens (default 1h)
	PageCap      int              // server-side maximum page size of list endpoints (default 100)
	GenderAsBool bool             // read answers give Gender as a JSON boolean (false=Male or unset, true=Female)
	CodePrefix   string           // enables the Customer Code Generator behind GET /Customer/NewCode
	NewCodeShape string           // NewCode answer: "message" (default), "string" or "object"
	Now          func() time.Time // clock for join dates, quota windows and token expiry (default time.Now)
	Seed         int64            // seed of fault randomness (default 1)
	Outlets      []Outlet         // the tenant's outlets (nil: DefaultOutlets; empty: none)

	// The other readings of what the reference leaves open (doc.go,
	// "Decision:" lines); the zero value is the simulator's default reading.
	UpdateClearsOmitted bool   // customer updates replace the record: a field the body omits is cleared
	DuplicateWording    string // refusal of a taken Code, Email or Mobile: "exists" (default) or "registered"

	// Answers of PUT /Customer/Merge the reference does not show.
	MergeRefusesSuspended bool // a merge naming a suspended customer (target or deleted) answers 400 and changes nothing
	MergeLeavesDeleted    bool // a merge answers "Merge Completed" and changes nothing (a merge DealPOS queues)
}

// Duplicate wordings: how a customer write that takes another customer's
// Code, Email or Mobile is refused (a 400 either way).
const (
	WordingExists     = "exists"     // "Customer with Code 'HW001' already exists."
	WordingRegistered = "registered" // "Code HW001 has been registered."
)

// NewCode answer shapes; the reference does not document the real one.
const (
	ShapeMessage = "message" // {"Message":"MM-004"}
	ShapeString  = "string"  // "MM-004"
	ShapeObject  = "object"  // {"Code":"MM-004"}
)

// Stats counts requests per route ("METHOD /route pattern") and answers per
// HTTP status. Requests to no known route are counted as "METHOD (unmatched)".
type Stats struct {
	Requests map[string]int
	Status   map[int]int
	Total    int
}

// Server is the simulator. Create it with New; it is an http.Handler.
type Server struct {
	opts       Options
	now        func() time.Time
	genderBool atomic.Bool

	// mu guards the customer store.
	mu   sync.Mutex
	recs map[string]*Customer
	// late are creates the LostCreateLate fault holds back until the next
	// POST /Customer.
	late []*Customer

	// cat is the catalog store, with a lock of its own (catalog_store.go).
	cat *catalog

	// ctl guards everything about the traffic rather than the data: faults,
	// their random source, the quota window, stats and issued tokens.
	ctl      sync.Mutex
	faults   Faults
	rng      *rand.Rand
	winStart time.Time
	winCount int
	stats    Stats
	issued   map[string]time.Time // token -> expiry
	static   map[string]bool
}

// New builds a Server from opts, filling in defaults. It panics on an unknown
// NewCodeShape or DuplicateWording, which can only be a programming mistake.
func New(opts Options) *Server {
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = time.Hour
	}
	if opts.PageCap <= 0 {
		opts.PageCap = 100
	}
	switch opts.NewCodeShape {
	case "":
		opts.NewCodeShape = ShapeMessage
	case ShapeMessage, ShapeString, ShapeObject:
	default:
		panic(fmt.Sprintf("simulator: unknown NewCodeShape %q", opts.NewCodeShape))
	}
	switch opts.DuplicateWording {
	case "":
		opts.DuplicateWording = WordingExists
	case WordingExists, WordingRegistered:
	default:
		panic(fmt.Sprintf("simulator: unknown DuplicateWording %q", opts.DuplicateWording))
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	s := &Server{
		opts:   opts,
		now:    opts.Now,
		recs:   map[string]*Customer{},
		cat:    newCatalog(opts.Outlets),
		rng:    rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed)),
		issued: map[string]time.Time{},
		static: map[string]bool{},
	}
	for _, t := range opts.Tokens {
		if t != "" {
			s.static[t] = true
		}
	}
	s.genderBool.Store(opts.GenderAsBool)
	s.stats = emptyStats()
	return s
}

// SetGenderAsBool switches the Gender form of read answers at run time.
func (s *Server) SetGenderAsBool(b bool) { s.genderBool.Store(b) }

func emptyStats() Stats {
	return Stats{Requests: map[string]int{}, Status: map[int]int{}}
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	out := emptyStats()
	for k, v := range s.stats.Requests {
		out.Requests[k] = v
	}
	for k, v := range s.stats.Status {
		out.Status[k] = v
	}
	out.Total = s.stats.Total
	return out
}

// ResetStats zeroes the counters.
func (s *Server) ResetStats() {
	s.ctl.Lock()
	s.stats = emptyStats()
	s.ctl.Unlock()
}

func (s *Server) countRequest(key string) {
	s.ctl.Lock()
	s.stats.Requests[key]++
	s.stats.Total++
	s.ctl.Unlock()
}

func (s *Server) countStatus(code int) {
	s.ctl.Lock()
	s.stats.Status[code]++
	s.ctl.Unlock()
}

// reply is what a handler answers; ServeHTTP writes it. Keeping answers as
// values lets the pipeline (lost creates, stats) act on them uniformly.
type reply struct {
	status      int
	body        any    // encoded as JSON unless raw is set
	raw         string // a non-JSON body, sent with contentType
	contentType string
	header      http.Header
	drop        bool // close the connection without answering
	empty       bool // no body at all
}

func jsonReply(status int, body any) reply { return reply{status: status, body: body} }

// message is the API's {"Message": ...} body, used for errors and info alike.
type message struct {
	Message string
}

func msg(status int, format string, args ...any) reply {
	return jsonReply(status, message{fmt.Sprintf(format, args...)})
}

func badGateway() reply {
	return reply{status: http.StatusBadGateway, raw: "<html><body><h1>502 Bad Gateway</h1></body></html>", contentType: "text/html"}
}

const maxBody = 1 << 20

// request is what a handler sees: the HTTP request, its body already read,
// and the path parameters of the matched route.
type request struct {
	*http.Request
	body   []byte
	params map[string]string
}

// ServeHTTP routes /api/v3/... through the fault pipeline and /_sim/... to the
// control endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_sim/") {
		s.serveControl(w, r)
		return
	}
	rt, params := match(r.URL.Path)
	key := r.Method + " (unmatched)"
	if rt != nil {
		key = r.Method + " " + rt.pattern
	}
	s.countRequest(key)

	if !s.sleep(r.Context()) {
		return // the client gave up; there is nobody to answer
	}
	if rep, ok := s.misroute(r); ok {
		s.write(w, rep)
		return
	}
	if rep, refused := s.admit(w.Header()); refused {
		s.write(w, rep)
		return
	}
	if rep, ok := s.refuseCreate(rt, r); ok {
		s.write(w, rep)
		return
	}
	if rep, ok := s.keepOnDelete(rt, r); ok {
		s.write(w, rep)
		return
	}
	// The body is kept for the faults that answer another page.
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.write(w, s.reshapeNotFound(s.distort(rt, params, r, body, s.dispatch(rt, params, r))))
}

// dispatch runs everything after the faults: routing errors, auth, the
// request-shape checks and the handler.
func (s *Server) dispatch(rt *route, params map[string]string, r *http.Request) reply {
	if rt == nil {
		return routeNotFound()
	}
	h, ok := rt.methods[r.Method]
	if !ok {
		rep := msg(http.StatusMethodNotAllowed, "The requested resource does not support http method '%s'.", r.Method)
		rep.header = http.Header{"Allow": {rt.allow()}}
		return rep
	}
	if !rt.public && !s.authorized(r) {
		return msg(http.StatusUnauthorized, "Authorization has been denied for this request.")
	}
	if module := moduleOf(rt); !rt.public && !s.permitted(r, module) {
		return msg(http.StatusForbidden, "You must have %q role in %q Module", rightOf(r.Method), module)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return msg(http.StatusBadRequest, "The request body could not be read.")
	}
	if len(body) > maxBody {
		return msg(http.StatusRequestEntityTooLarge, "The request body is too large.")
	}
	_, hasCT := r.Header["Content-Type"]
	if r.Method == http.MethodGet && hasCT && len(body) == 0 {
		// The live API fails model binding this way; clients must send a
		// Content-Type only together with a body.
		return msg(http.StatusInternalServerError, "An error has occurred.")
	}
	if len(strings.TrimSpace(string(body))) > 0 {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if mt != "application/json" {
			return msg(http.StatusUnsupportedMediaType, "The request entity's media type '%s' is not supported for this resource.", mt)
		}
	}
	return h(s, &request{Request: r, body: body, params: params})
}

// write sends rep and counts its status. A dropped answer hijacks and closes
// the connection, which the client sees as a transport error.
func (s *Server) write(w http.ResponseWriter, rep reply) {
	if rep.drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		// HTTP/2 or a recorder: the standard way to abort an answer.
		panic(http.ErrAbortHandler)
	}
	for k, vs := range rep.header {
		w.Header()[k] = vs
	}
	var payload []byte
	switch {
	case rep.empty:
	case rep.raw != "":
		w.Header().Set("Content-Type", rep.contentType+"; charset=utf-8")
		payload = []byte(rep.raw)
	default:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		payload = encodeJSON(rep.body)
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(payload)
	s.countStatus(rep.status)
}

// sleep waits the configured latency; false when the request was cancelled.
func (s *Server) sleep(ctx context.Context) bool {
	d := s.Faults().Latency
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// permitted tells whether the request's token holds the role module (see
// Options.TokenModules).
func (s *Server) permitted(r *http.Request, module string) bool {
	_, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	modules, limited := s.opts.TokenModules[strings.TrimSpace(tok)]
	return !limited || slices.ContainsFunc(modules, func(m string) bool { return strings.EqualFold(m, module) })
}

// moduleOf is the role module the reference names for a route: Contacts
// for customers, Outlets for outlets, Products for the rest of the catalog.
func moduleOf(rt *route) string {
	switch p := strings.ToLower(rt.pattern); {
	case strings.HasPrefix(p, "/customer"):
		return "Contacts"
	case p == "/outlet" || strings.HasPrefix(p, "/outlet/"):
		return "Outlets"
	}
	return "Products"
}

// rightOf is the role right a method needs, as the reference words it.
func rightOf(method string) string {
	switch method {
	case http.MethodPut:
		return "EDIT"
	case http.MethodDelete:
		return "DELETE"
	}
	return "VIEW"
}

// authorized accepts a static token or an unexpired issued one.
func (s *Server) authorized(r *http.Request) bool {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	tok = strings.TrimSpace(tok)
	if tok == "" {
		return false
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	if s.static[tok] {
		return true
	}
	exp, ok := s.issued[tok]
	return ok && s.now().Before(exp)
}
