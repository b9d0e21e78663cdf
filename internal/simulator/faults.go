package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Faults configures misbehaviour; see the package doc for the order in which
// each knob applies. The zero value is a well-behaved server.
type Faults struct {
	QuotaLimit     int           // >0: at most QuotaLimit requests per QuotaWindow, then 429
	QuotaWindow    time.Duration // default 180s when QuotaLimit > 0
	P429           float64       // probability of a random 429
	P429RetryAfter bool          // random 429s carry "Retry-After: 1"
	P5xx           float64       // probability of a random 502, 503 or 504
	PLostCreate    float64       // probability a stored POST /Customer, /Category or /Product loses its answer
	LostCreateMode string        // "502" (default), "drop" or "late"
	Latency        time.Duration // added to every API request

	// Answers the live API (or what stands in front of it) may give that
	// the reference does not show.
	RedirectStatus    int           // 3xx: every API request is redirected with this status...
	RedirectLocation  string        // ...to this URL followed by the request's path below /api/v3
	HTMLNotFound      bool          // every API request answers a web server's HTML 404 page
	RouteNotFound     bool          // every API request answers ASP.NET's JSON 404 for an unknown route
	JSONNotFound      bool          // every API request answers a JSON 404 of a proxy in front of the API
	EmptyRead         string        // GET /Customer/id/{id} answers 200 with "null", "{}" or ("other") another ID
	Create500         bool          // POST /Customer answers 500 with the API's JSON error body and stores nothing
	OverstatedTotal   int           // list TotalCount overstated by this many; pages past the end repeat the last one
	BadListRecord     string        // the list record of the customer with this code has an undecodable BirthDate
	NoRateLimitPolicy bool          // answers carry RateLimit-Limit and -Remaining but no RateLimit-Policy
	WindowHeadStart   time.Duration // the first quota window started this long before the first request
	RetryAfter        time.Duration // every API request is refused with a 429 asking to wait this long
	ImageURLRewrite   string        // "cdn": product image URLs are stored as a CDN copy's URL
	Create400         string        // POST /Customer answers 400 with this Message and stores nothing

	// Other readings of what the reference leaves open.
	NewCode              string // GET /Customer/NewCode answers "404" or "403" (the API's JSON), or "route" (a deployment without it)
	NotFoundBody         string // the API's 404 about a record comes as "text" (text/plain) or "empty" instead of JSON
	DeleteKeeps          string // catalog DELETEs keep the record and answer "404" (the API's JSON not-found), or "ok": the two whose form the reference does not show (Product, OutletPrice) answer success
	OutletPriceDeleteAll bool   // DELETE /OutletPrice clears every outlet of the variant, whatever outlets it names

	// Catalog readings the reference leaves open (see the package doc).
	OutletPriceRead     string // GET /OutletPrice items: "price" name the amount Price, "bare" carry none; "renamed": the list is OutletPrice, not Outlets
	CategoryRead        string // GET /Category/ID: "level" answers Name as the last level only, "noid" answers no ID
	RecordsCountPerPage bool   // POST /Product/p's RecordsCount counts the page's products, not all
	ProductVariants     string // PUT /Product with Variants: "merge" (default) keeps unlisted variants, "replace" deletes them
	LastVariantDelete   string // DELETE /Variant of a product's last variant: "refuse" (default) or "allow" (the product is left without variants)
	NameOnlyLists       string // "route": the lists the reference names only (GET /Product, POST /Product/p, /Product/WithOutletPriceByListID) answer the unknown-route 404
	ListShape           string // "summary": product list items in the Pricebook list's shape; "noprices": WithOutletPriceByListID variants carry no outlet prices; "sparse": the category and product lists leave out every second record
}

// NewCode, NotFoundBody and DeleteKeeps readings, and the catalog readings.
const (
	NewCode404   = "404"
	NewCode403   = "403"
	NewCodeRoute = "route"

	NotFoundText  = "text"
	NotFoundEmpty = "empty"

	DeleteKeeps404 = "404"
	DeleteKeepsOK  = "ok"

	OutletPricePrice   = "price"
	OutletPriceBare    = "bare"
	OutletPriceRenamed = "renamed"
	CategoryLastLevel  = "level"
	CategoryNoID       = "noid"
	VariantsMerge      = "merge"
	VariantsReplace    = "replace"
	LastVariantRefuse  = "refuse"
	LastVariantAllow   = "allow"
	NameOnlyListsRoute = "route"
	ListShapeSummary   = "summary"
	ListShapeNoPrices  = "noprices"
	ListShapeSparse    = "sparse"
)

// EmptyRead answers.
const (
	EmptyReadNull    = "null"
	EmptyReadObject  = "{}"
	EmptyReadOtherID = "other"
)

// ImageURLRewrite modes.
const (
	// ImageRewriteCDN stores a product's ImageURL and ExtraImagesURL, when
	// a create or update sets them, as CDNImagePrefix plus the URL's last
	// path segment.
	ImageRewriteCDN = "cdn"
	// CDNImagePrefix is where ImageRewriteCDN moves images.
	CDNImagePrefix = "https://res.cloudinary.com/dealpos/image/upload/"
)

// Lost-create modes.
const (
	LostCreate502  = "502"
	LostCreateDrop = "drop"
	// LostCreateLate answers a 502 and stores the customer only when the
	// next POST /Customer arrives, before handling it: a create queued
	// behind a gateway that gave up, landing after the client's lookups.
	// Catalog creates answer as under LostCreate502.
	LostCreateLate = "late"
)

const (
	defaultWindow = 180 * time.Second
	// advertised when no quota is configured: large enough that a client
	// pacing itself by the headers never waits.
	unlimited = 1000000
)

// SetFaults replaces the fault configuration and starts a fresh quota window.
func (s *Server) SetFaults(f Faults) {
	if f.QuotaLimit > 0 && f.QuotaWindow <= 0 {
		f.QuotaWindow = defaultWindow
	}
	if f.LostCreateMode == "" {
		f.LostCreateMode = LostCreate502
	}
	s.ctl.Lock()
	s.faults = f
	s.winStart = time.Time{}
	s.winCount = 0
	s.ctl.Unlock()
}

// Faults returns the current fault configuration.
func (s *Server) Faults() Faults {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.faults
}

// roll draws against probability p; callers hold ctl. Nothing is drawn for a
// zero probability so that enabling one knob does not reshuffle the others.
func (s *Server) roll(p float64) bool {
	return p > 0 && s.rng.Float64() < p
}

// admit applies the quota and the random refusals, and sets the rate-limit
// headers on h. It answers (reply, true) when the request is refused.
func (s *Server) admit(h http.Header) (reply, bool) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	f := s.faults
	limit, window := f.QuotaLimit, f.QuotaWindow
	if limit <= 0 {
		limit, window = unlimited, defaultWindow
	}
	now := s.now()
	if s.winStart.IsZero() {
		// Another client may have started the first window before us.
		s.winStart, s.winCount = now.Add(-f.WindowHeadStart), 0
	}
	if !now.Before(s.winStart.Add(window)) {
		s.winStart, s.winCount = now, 0
	}
	secs := int(window / time.Second)
	h.Set("RateLimit-Limit", strconv.Itoa(limit))
	if !f.NoRateLimitPolicy {
		h.Set("RateLimit-Policy", fmt.Sprintf("%d;w=%d", limit, secs))
	}
	remaining := func() {
		left := limit - s.winCount
		if f.QuotaLimit <= 0 {
			left = max(left, 1)
		}
		h.Set("RateLimit-Remaining", strconv.Itoa(max(left, 0)))
	}

	if f.QuotaLimit > 0 && s.winCount >= limit {
		remaining()
		wait := int(math.Ceil(s.winStart.Add(window).Sub(now).Seconds()))
		return quotaReply(limit, secs, max(wait, 1)), true
	}
	if f.RetryAfter > 0 {
		remaining()
		wait := int(math.Ceil(f.RetryAfter.Seconds()))
		rep := quotaReply(limit, secs, wait)
		rep.header = http.Header{"Retry-After": {strconv.Itoa(wait)}}
		return rep, true
	}
	if s.roll(f.P429) {
		remaining()
		rep := quotaReply(limit, secs, 1)
		if f.P429RetryAfter {
			rep.header = http.Header{"Retry-After": {"1"}}
		}
		return rep, true
	}
	s.winCount++
	remaining()
	if s.roll(f.P5xx) {
		switch s.rng.IntN(3) {
		case 0:
			return badGateway(), true
		case 1:
			return msg(http.StatusServiceUnavailable, "The service is unavailable."), true
		default:
			return reply{status: http.StatusGatewayTimeout, raw: "<html><body><h1>504 Gateway Time-out</h1></body></html>", contentType: "text/html"}, true
		}
	}
	return reply{}, false
}

func quotaReply(limit, windowSecs, wait int) reply {
	return msg(http.StatusTooManyRequests,
		"API calls quota exceeded! maximum admitted %d per %d seconds. Try again in %d seconds.", limit, windowSecs, wait)
}

// lostCreate decides whether a stored create loses its answer, and how.
func (s *Server) lostCreate() (lost bool, mode string) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.roll(s.faults.PLostCreate), s.faults.LostCreateMode
}

// faultsJSON is the wire form of Faults: durations as Go duration strings.
type faultsJSON struct {
	QuotaLimit        int
	QuotaWindow       jsonDuration
	P429              float64
	P429RetryAfter    bool
	P5xx              float64
	PLostCreate       float64
	LostCreateMode    string
	Latency           jsonDuration
	RedirectStatus    int          `json:",omitempty"`
	RedirectLocation  string       `json:",omitempty"`
	HTMLNotFound      bool         `json:",omitempty"`
	RouteNotFound     bool         `json:",omitempty"`
	JSONNotFound      bool         `json:",omitempty"`
	EmptyRead         string       `json:",omitempty"`
	Create500         bool         `json:",omitempty"`
	OverstatedTotal   int          `json:",omitempty"`
	BadListRecord     string       `json:",omitempty"`
	NoRateLimitPolicy bool         `json:",omitempty"`
	WindowHeadStart   jsonDuration `json:",omitempty"`
	RetryAfter        jsonDuration `json:",omitempty"`
	ImageURLRewrite   string       `json:",omitempty"`
	Create400         string       `json:",omitempty"`

	NewCode              string `json:",omitempty"`
	NotFoundBody         string `json:",omitempty"`
	DeleteKeeps          string `json:",omitempty"`
	OutletPriceDeleteAll bool   `json:",omitempty"`
	OutletPriceRead      string `json:",omitempty"`
	CategoryRead         string `json:",omitempty"`
	RecordsCountPerPage  bool   `json:",omitempty"`
	ProductVariants      string `json:",omitempty"`
	LastVariantDelete    string `json:",omitempty"`
	NameOnlyLists        string `json:",omitempty"`
	ListShape            string `json:",omitempty"`
}

// MarshalJSON writes durations as Go duration strings.
func (f Faults) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultsJSON{
		f.QuotaLimit, jsonDuration(f.QuotaWindow), f.P429, f.P429RetryAfter,
		f.P5xx, f.PLostCreate, f.LostCreateMode, jsonDuration(f.Latency),
		f.RedirectStatus, f.RedirectLocation, f.HTMLNotFound, f.RouteNotFound, f.JSONNotFound, f.EmptyRead, f.Create500,
		f.OverstatedTotal, f.BadListRecord, f.NoRateLimitPolicy, jsonDuration(f.WindowHeadStart), jsonDuration(f.RetryAfter),
		f.ImageURLRewrite, f.Create400,
		f.NewCode, f.NotFoundBody, f.DeleteKeeps, f.OutletPriceDeleteAll,
		f.OutletPriceRead, f.CategoryRead, f.RecordsCountPerPage, f.ProductVariants, f.LastVariantDelete,
		f.NameOnlyLists, f.ListShape,
	})
}

// UnmarshalJSON reads durations as duration strings or nanoseconds, refuses
// unknown fields and validates the values.
func (f *Faults) UnmarshalJSON(b []byte) error {
	var w faultsJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return err
	}
	out := Faults{
		w.QuotaLimit, time.Duration(w.QuotaWindow), w.P429, w.P429RetryAfter,
		w.P5xx, w.PLostCreate, w.LostCreateMode, time.Duration(w.Latency),
		w.RedirectStatus, w.RedirectLocation, w.HTMLNotFound, w.RouteNotFound, w.JSONNotFound, w.EmptyRead, w.Create500,
		w.OverstatedTotal, w.BadListRecord, w.NoRateLimitPolicy, time.Duration(w.WindowHeadStart), time.Duration(w.RetryAfter),
		w.ImageURLRewrite, w.Create400,
		w.NewCode, w.NotFoundBody, w.DeleteKeeps, w.OutletPriceDeleteAll,
		w.OutletPriceRead, w.CategoryRead, w.RecordsCountPerPage, w.ProductVariants, w.LastVariantDelete,
		w.NameOnlyLists, w.ListShape,
	}
	if err := out.validate(); err != nil {
		return err
	}
	*f = out
	return nil
}

func (f Faults) validate() error {
	for name, p := range map[string]float64{"P429": f.P429, "P5xx": f.P5xx, "PLostCreate": f.PLostCreate} {
		if p < 0 || p > 1 {
			return fmt.Errorf("%s must be within [0, 1], got %v", name, p)
		}
	}
	if f.QuotaLimit < 0 || f.QuotaWindow < 0 || f.Latency < 0 || f.OverstatedTotal < 0 || f.WindowHeadStart < 0 || f.RetryAfter < 0 {
		return fmt.Errorf("QuotaLimit, QuotaWindow, Latency, OverstatedTotal, WindowHeadStart and RetryAfter must not be negative")
	}
	if f.RedirectStatus != 0 && (f.RedirectStatus < 300 || f.RedirectStatus > 399 || f.RedirectLocation == "") {
		return fmt.Errorf("RedirectStatus must be a 3xx status and come with a RedirectLocation, got %d %q", f.RedirectStatus, f.RedirectLocation)
	}
	if f.ImageURLRewrite != "" && f.ImageURLRewrite != ImageRewriteCDN {
		return fmt.Errorf("ImageURLRewrite must be %q or empty, got %q", ImageRewriteCDN, f.ImageURLRewrite)
	}
	for name, pick := range map[string][2]string{
		"NewCode":           {f.NewCode, NewCode404 + " " + NewCode403 + " " + NewCodeRoute},
		"NotFoundBody":      {f.NotFoundBody, NotFoundText + " " + NotFoundEmpty},
		"DeleteKeeps":       {f.DeleteKeeps, DeleteKeeps404 + " " + DeleteKeepsOK},
		"OutletPriceRead":   {f.OutletPriceRead, OutletPricePrice + " " + OutletPriceBare + " " + OutletPriceRenamed},
		"CategoryRead":      {f.CategoryRead, CategoryLastLevel + " " + CategoryNoID},
		"ProductVariants":   {f.ProductVariants, VariantsMerge + " " + VariantsReplace},
		"LastVariantDelete": {f.LastVariantDelete, LastVariantRefuse + " " + LastVariantAllow},
		"NameOnlyLists":     {f.NameOnlyLists, NameOnlyListsRoute},
		"ListShape":         {f.ListShape, ListShapeSummary + " " + ListShapeNoPrices + " " + ListShapeSparse},
	} {
		if pick[0] != "" && !slices.Contains(strings.Fields(pick[1]), pick[0]) {
			return fmt.Errorf("%s must be empty or one of %s, got %q", name, pick[1], pick[0])
		}
	}
	switch f.EmptyRead {
	case "", EmptyReadNull, EmptyReadObject, EmptyReadOtherID:
	default:
		return fmt.Errorf("EmptyRead must be %q, %q or %q, got %q", EmptyReadNull, EmptyReadObject, EmptyReadOtherID, f.EmptyRead)
	}
	switch f.LostCreateMode {
	case "", LostCreate502, LostCreateDrop, LostCreateLate:
		return nil
	}
	return fmt.Errorf("LostCreateMode must be %q, %q or %q, got %q", LostCreate502, LostCreateDrop, LostCreateLate, f.LostCreateMode)
}

type jsonDuration time.Duration

func (d jsonDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

func (d *jsonDuration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		*d = jsonDuration(v)
		return err
	}
	var n int64
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("duration must be a string like \"180s\" or integer nanoseconds")
	}
	*d = jsonDuration(n)
	return nil
}

// misroute answers for what may stand between the client and the API: a
// redirect, a web server's HTML 404 page (a base URL without /api/v3), the
// framework's 404 for an unknown route, or a proxy's JSON 404. ok is false
// when no such fault is set.
func (s *Server) misroute(r *http.Request) (rep reply, ok bool) {
	f := s.Faults()
	switch {
	case f.RedirectStatus != 0:
		rest := r.URL.Path
		if len(rest) >= len(apiBase) && strings.EqualFold(rest[:len(apiBase)], apiBase) {
			rest = rest[len(apiBase):]
		}
		loc := strings.TrimRight(f.RedirectLocation, "/") + rest
		if r.URL.RawQuery != "" {
			loc += "?" + r.URL.RawQuery
		}
		return reply{status: f.RedirectStatus, raw: "<html><body>Moved</body></html>", contentType: "text/html", header: http.Header{"Location": {loc}}}, true
	case f.HTMLNotFound:
		return reply{status: http.StatusNotFound, contentType: "text/html",
			raw: "<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>"}, true
	case f.RouteNotFound:
		return routeNotFound(), true
	case f.JSONNotFound:
		// An API gateway's answer for a path it does not route: JSON, and
		// worded like a missing record.
		return jsonReply(http.StatusNotFound, map[string]any{"statusCode": http.StatusNotFound, "message": "Resource not found"}), true
	}
	return reply{}, false
}

// routeNotFound is ASP.NET Web API's answer for a path no route matches.
func routeNotFound() reply {
	return msg(http.StatusNotFound, "%s", routeNotFoundMessage)
}

const routeNotFoundMessage = "No HTTP resource was found that matches the request URI."

// refuseCreate is the Create500 and Create400 faults: the API's own 500, or
// a 400 with the given message, for POST /Customer.
func (s *Server) refuseCreate(rt *route, r *http.Request) (reply, bool) {
	if rt == nil || rt.pattern != "/Customer" || r.Method != http.MethodPost {
		return reply{}, false
	}
	switch f := s.Faults(); {
	case f.Create500:
		return msg(http.StatusInternalServerError, "An error has occurred."), true
	case f.Create400 != "":
		return msg(http.StatusBadRequest, "%s", f.Create400), true
	}
	return reply{}, false
}

// distort applies the faults that change a handler's answer: an empty or
// foreign record for GET /Customer/id/{id}, an overstated list total with
// the last page repeated past the end, an undecodable list record. body is
// the request body, read before dispatch.
func (s *Server) distort(rt *route, params map[string]string, r *http.Request, body []byte, rep reply) reply {
	f := s.Faults()
	if rt == nil || rep.status != http.StatusOK {
		return rep
	}
	switch {
	case rt.pattern == "/Customer/id/{id}" && f.EmptyRead != "":
		switch f.EmptyRead {
		case EmptyReadOtherID:
			var rec map[string]any
			_ = json.Unmarshal(encodeJSON(rep.body), &rec)
			rec["ID"] = newGUID()
			return jsonReply(http.StatusOK, rec)
		default:
			return reply{status: http.StatusOK, raw: f.EmptyRead, contentType: "application/json"}
		}
	case isList(rt, r) && (f.OverstatedTotal > 0 || f.BadListRecord != ""):
		return s.distortList(rt, params, r, body, rep, f)
	}
	return rep
}

func isList(rt *route, r *http.Request) bool {
	return rt.pattern == "/Customer/p" || rt.pattern == "/Customer/WithTotalCount" || (rt.pattern == "/Customer" && r.Method == http.MethodGet)
}

// distortList serves the last page again for a page past the end, adds
// OverstatedTotal to TotalCount, and breaks BadListRecord's BirthDate.
func (s *Server) distortList(rt *route, params map[string]string, r *http.Request, body []byte, rep reply, f Faults) reply {
	var env struct {
		Data       []map[string]any
		TotalCount int
	}
	withTotal := rt.pattern == "/Customer/WithTotalCount"
	decode := func(rep reply) []map[string]any {
		b := encodeJSON(rep.body)
		if withTotal {
			_ = json.Unmarshal(b, &env)
			return env.Data
		}
		var items []map[string]any
		_ = json.Unmarshal(b, &items)
		return items
	}
	items := decode(rep)
	if f.OverstatedTotal > 0 {
		// Walk back from a page past the end to the last one that holds
		// records: a server that ignores the page number past the end.
		var in map[string]any
		_ = json.Unmarshal(body, &in)
		for key, v := range in {
			n, isNum := v.(float64)
			if !strings.EqualFold(key, "PageNumber") || !isNum {
				continue
			}
			for page := int(n) - 1; len(items) == 0 && page >= 1; page-- {
				in[key] = page
				again := r.Clone(r.Context())
				again.Body = io.NopCloser(bytes.NewReader(encodeJSON(in)))
				items = decode(s.dispatch(rt, params, again))
			}
		}
	}
	for _, item := range items {
		if f.BadListRecord != "" && item["Code"] == f.BadListRecord {
			item["BirthDate"] = "31/02/1994"
		}
	}
	if !withTotal {
		return jsonReply(http.StatusOK, items)
	}
	return jsonReply(http.StatusOK, map[string]any{"Data": items, "TotalCount": env.TotalCount + f.OverstatedTotal})
}

// answerNewCode is the NewCode fault: the endpoint's answer for a tenant
// without the code generator (404) or a token without the Contacts role
// (403), in the API's JSON form, or a deployment that lacks the route.
func (s *Server) answerNewCode() (reply, bool) {
	switch s.Faults().NewCode {
	case NewCode404:
		return msg(http.StatusNotFound, "The Customer Code Generator is not enabled for this account."), true
	case NewCode403:
		return msg(http.StatusForbidden, "You must have \"VIEW\" role in \"Contacts\" Module"), true
	case NewCodeRoute:
		return routeNotFound(), true
	}
	return reply{}, false
}

// reshapeNotFound is the NotFoundBody fault: a handler's 404 about a record
// (not the unknown-route answer) as plain text or an empty body.
func (s *Server) reshapeNotFound(rep reply) reply {
	form := s.Faults().NotFoundBody
	m, isMessage := rep.body.(message)
	if form == "" || rep.status != http.StatusNotFound || !isMessage || m.Message == routeNotFoundMessage {
		return rep
	}
	if form == NotFoundEmpty {
		return reply{status: http.StatusNotFound, empty: true}
	}
	return reply{status: http.StatusNotFound, raw: m.Message, contentType: "text/plain"}
}

// keepOnDelete is the DeleteKeeps fault: a catalog DELETE that leaves the
// record where it is and answers the API's not-found, or success.
func (s *Server) keepOnDelete(rt *route, r *http.Request) (reply, bool) {
	keeps := s.Faults().DeleteKeeps
	if keeps == "" || rt == nil || r.Method != http.MethodDelete || moduleOf(rt) != "Products" {
		return reply{}, false
	}
	what := strings.TrimPrefix(rt.pattern, "/")
	switch {
	case keeps == DeleteKeeps404:
		return msg(http.StatusNotFound, "%s not found.", what), true
	case rt.pattern == "/Product" || rt.pattern == "/OutletPrice":
		// A guessed request form the live API ignores, answering success.
		return msg(http.StatusOK, "%s has been deleted successfully.", what), true
	}
	return reply{}, false
}
