package simulator

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestQuotaWindow(t *testing.T) {
	e := newEnv(t, Options{ClientID: "cid", ClientSecret: "s"})
	e.srv.SetFaults(Faults{QuotaLimit: 3, QuotaWindow: 60 * time.Second})
	headers := func(r *resp, remaining string) {
		t.Helper()
		h := r.header
		if h.Get("RateLimit-Limit") != "3" || h.Get("RateLimit-Policy") != "3;w=60" || h.Get("RateLimit-Remaining") != remaining {
			t.Fatalf("headers Limit %q Policy %q Remaining %q, want 3, 3;w=60, %s",
				h.Get("RateLimit-Limit"), h.Get("RateLimit-Policy"), h.Get("RateLimit-Remaining"), remaining)
		}
		if h.Get("Retry-After") != "" {
			t.Fatal("quota 429 carries Retry-After; the live API sends none")
		}
	}
	headers(e.call("GET", "/Customer/id/x", nil).expect(t, 404, ""), "2")
	// The token endpoint counts against the same quota.
	headers(e.call("POST", "/Token/OAuth2", map[string]any{"client_id": "cid", "client_secret": "s"}).expect(t, 200, ""), "1")
	headers(e.call("GET", "/Nope", nil).expect(t, 404, ""), "0")

	e.clock.Advance(20500 * time.Millisecond)
	for range 3 { // 429s consume nothing, so each says the same
		r := e.call("GET", "/Customer/id/x", nil)
		want := "API calls quota exceeded! maximum admitted 3 per 60 seconds. Try again in 40 seconds."
		if got := r.expect(t, 429, "").message(t); got != want {
			t.Fatalf("message %q, want %q", got, want)
		}
		headers(r, "0")
	}
	e.clock.Advance(39*time.Second + 400*time.Millisecond)
	e.call("GET", "/Customer/id/x", nil).expect(t, 429, "Try again in 1 seconds.")

	e.clock.Advance(100 * time.Millisecond) // the window has ended
	headers(e.call("GET", "/Customer/id/x", nil).expect(t, 404, ""), "2")
	// The next window starts at that first request, not on a fixed grid.
	e.clock.Advance(59 * time.Second)
	e.call("GET", "/Customer/id/x", nil).expect(t, 404, "")
	e.call("GET", "/Customer/id/x", nil).expect(t, 404, "")
	e.call("GET", "/Customer/id/x", nil).expect(t, 429, "Try again in 1 seconds.")

	if st := e.srv.Stats(); st.Status[429] != 5 || st.Total != 11 {
		t.Fatalf("stats %+v", st)
	}

	t.Run("default window", func(t *testing.T) {
		e.srv.SetFaults(Faults{QuotaLimit: 50})
		if got := e.srv.Faults().QuotaWindow; got != 180*time.Second {
			t.Fatalf("QuotaWindow %v", got)
		}
		r := e.call("GET", "/Customer/id/x", nil)
		if r.header.Get("RateLimit-Policy") != "50;w=180" || r.header.Get("RateLimit-Remaining") != "49" {
			t.Fatalf("headers %v", r.header)
		}
	})
}

// statuses runs n requests and returns their statuses in order.
func statuses(e *env, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = e.call("GET", "/Customer/id/x", nil).status
	}
	return out
}

func TestProbabilistic429(t *testing.T) {
	run := func(retryAfter bool) (*env, []int) {
		e := newEnv(t, Options{Seed: 42})
		e.srv.SetFaults(Faults{P429: 0.3, P429RetryAfter: retryAfter})
		return e, statuses(e, 200)
	}
	e, first := run(false)
	_, again := run(true)
	if !reflect.DeepEqual(first, again) {
		t.Fatal("the same seed gave a different fault sequence")
	}
	refused := 0
	for _, s := range first {
		if s != 404 && s != 429 {
			t.Fatalf("unexpected status %d", s)
		}
		if s == 429 {
			refused++
		}
	}
	if refused < 30 || refused > 90 {
		t.Fatalf("%d of 200 refused at P429=0.3", refused)
	}
	if e.srv.Stats().Status[429] != refused {
		t.Fatalf("stats disagree: %v", e.srv.Stats().Status)
	}

	for _, retryAfter := range []bool{false, true} {
		e := newEnv(t, Options{})
		e.srv.SetFaults(Faults{P429: 1, P429RetryAfter: retryAfter})
		r := e.call("GET", "/Customer/id/x", nil).expect(t, 429, "quota exceeded")
		if got, want := r.header.Get("Retry-After"), map[bool]string{true: "1"}[retryAfter]; got != want {
			t.Fatalf("Retry-After %q, want %q", got, want)
		}
		if r.header.Get("RateLimit-Remaining") != "1000000" {
			t.Fatalf("a random 429 consumed quota: %v", r.header)
		}
	}
}

func TestProbabilistic5xx(t *testing.T) {
	e := newEnv(t, Options{})
	e.srv.SetFaults(Faults{P5xx: 1})
	seen := map[int]bool{}
	for range 60 {
		r := e.call("POST", "/Customer", hendry())
		seen[r.status] = true
		switch r.status {
		case 502, 504:
			if json.Valid(r.body) || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				t.Fatalf("%d answered JSON: %s", r.status, r.body)
			}
		case 503:
			r.expect(t, 503, "unavailable")
		default:
			t.Fatalf("status %d at P5xx=1", r.status)
		}
		if r.header.Get("RateLimit-Limit") == "" {
			t.Fatal("5xx without rate-limit headers")
		}
	}
	if !seen[502] || !seen[503] || !seen[504] {
		t.Fatalf("statuses seen %v, want all of 502, 503, 504", seen)
	}
	if e.srv.Len() != 0 {
		t.Fatal("a refused create was stored")
	}
	// Faults come before auth: even an unauthenticated request gets them.
	r := e.req("GET", "/Customer/id/x", nil)
	r.Header.Del("Authorization")
	if s := e.do(r).status; s < 502 || s > 504 {
		t.Fatalf("status %d", s)
	}
}

func TestLostCreate(t *testing.T) {
	t.Run("502", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.srv.SetFaults(Faults{PLostCreate: 1})
		r := e.call("POST", "/Customer", hendry())
		if r.status != 502 || json.Valid(r.body) {
			t.Fatalf("status %d body %s, want a non-JSON 502", r.status, r.body)
		}
		if _, ok := e.srv.FindByCode("HW001"); !ok || e.srv.Len() != 1 {
			t.Fatal("the lost create was not stored")
		}
		// A retry of the same create meets the stored record.
		e.srv.SetFaults(Faults{})
		e.call("POST", "/Customer", hendry()).expect(t, 400, "Customer with Code 'HW001' already exists.")
		// Other endpoints are unaffected by the knob.
		e.srv.SetFaults(Faults{PLostCreate: 1})
		e.call("GET", "/Customer/Code", map[string]any{"Code": "HW001"}).expect(t, 200, "")
	})
	t.Run("drop", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.srv.SetFaults(Faults{PLostCreate: 1, LostCreateMode: LostCreateDrop})
		res, err := e.hs.Client().Do(e.req("POST", "/Customer", hendry()))
		if err == nil {
			res.Body.Close()
			t.Fatalf("got an answer (%d), want a transport error", res.StatusCode)
		}
		if _, ok := e.srv.FindByCode("HW001"); !ok {
			t.Fatal("the dropped create was not stored")
		}
		if st := e.srv.Stats(); st.Requests["POST /Customer"] != 1 || len(st.Status) != 0 {
			t.Fatalf("stats %+v: a dropped answer is no answer", st)
		}
	})
	t.Run("late", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.srv.SetFaults(Faults{PLostCreate: 1, LostCreateMode: LostCreateLate})
		if r := e.call("POST", "/Customer", hendry()); r.status != 502 {
			t.Fatalf("status %d, want 502", r.status)
		}
		// Not there for the lookups ...
		e.call("POST", "/Customer/Code", map[string]any{"Code": "HW001"}).expect(t, 404, "")
		// ... it lands when the create is sent again, which it refuses.
		e.call("POST", "/Customer", hendry()).expect(t, 400, "Customer with Code 'HW001' already exists.")
		e.call("POST", "/Customer/Code", map[string]any{"Code": "HW001"}).expect(t, 200, "")
		if e.srv.Len() != 1 {
			t.Fatalf("Len %d, want the one late customer", e.srv.Len())
		}
	})
	t.Run("refused create is not lost", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.srv.SetFaults(Faults{PLostCreate: 1})
		e.call("POST", "/Customer", edit(hendry(), map[string]any{"Code": nil})).expect(t, 400, "Code")
	})
}

func TestLatency(t *testing.T) {
	e := newEnv(t, Options{})
	e.srv.SetFaults(Faults{Latency: 80 * time.Millisecond})
	start := time.Now()
	e.call("GET", "/Customer/id/x", nil).expect(t, 404, "")
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Fatalf("answered in %v, want at least the latency", d)
	}

	e.srv.SetFaults(Faults{Latency: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err := e.hs.Client().Do(e.req("GET", "/Customer/id/x", nil).WithContext(ctx))
	if err == nil || time.Since(start) > 10*time.Second {
		t.Fatalf("err %v after %v, want a prompt cancellation", err, time.Since(start))
	}
	e.srv.SetFaults(Faults{})
	e.call("GET", "/Customer/id/x", nil).expect(t, 404, "")
	// The cancelled request was counted, but nothing was answered to it.
	if st := e.srv.Stats(); st.Total != 3 || st.Status[404] != 2 {
		t.Fatalf("stats %+v", st)
	}
}

func TestControlEndpoints(t *testing.T) {
	e := newEnv(t, Options{})
	e.create(hendry())

	var st struct {
		Requests map[string]int
		Status   map[string]int
		Total    int
	}
	e.call("GET", "/_sim/stats", nil).expect(t, 200, "").decode(t, &st)
	if st.Total != 1 || st.Requests["POST /Customer"] != 1 || st.Status["200"] != 1 {
		t.Fatalf("stats %+v", st)
	}
	e.call("POST", "/_sim/stats/reset", nil).expect(t, 200, "")
	if e.srv.Stats().Total != 0 {
		t.Fatal("reset did not reset")
	}

	put := `{"QuotaLimit":5,"QuotaWindow":"30s","P429":0.1,"P429RetryAfter":true,"P5xx":0.2,"PLostCreate":0.3,"LostCreateMode":"drop","Latency":1000000}`
	var got Faults
	e.call("PUT", "/_sim/faults", put).expect(t, 200, "").decode(t, &got)
	want := Faults{QuotaLimit: 5, QuotaWindow: 30 * time.Second, P429: 0.1, P429RetryAfter: true, P5xx: 0.2, PLostCreate: 0.3, LostCreateMode: LostCreateDrop, Latency: time.Millisecond}
	if got != want || e.srv.Faults() != want {
		t.Fatalf("faults %+v / %+v, want %+v", got, e.srv.Faults(), want)
	}
	if raw := string(e.call("GET", "/_sim/faults", nil).body); !strings.Contains(raw, `"QuotaWindow":"30s"`) || !strings.Contains(raw, `"Latency":"1ms"`) {
		t.Fatalf("durations not written as strings: %s", raw)
	}
	for _, bad := range []string{`{"P429":2}`, `{"Latncy":"1s"}`, `{"LostCreateMode":"boom"}`, `{"QuotaWindow":"soon"}`, `{"QuotaLimit":-1}`, `[`} {
		e.call("PUT", "/_sim/faults", bad).expect(t, 400, "Invalid faults")
	}
	if e.srv.Faults() != want {
		t.Fatal("a refused PUT changed the faults")
	}
	var all []Customer
	e.call("GET", "/_sim/customers", nil).expect(t, 200, "").decode(t, &all)
	if len(all) != 1 || all[0].Code != "HW001" {
		t.Fatalf("customers %+v", all)
	}
	e.call("GET", "/_sim/nothing", nil).expect(t, 404, "")
	if e.srv.Stats().Total != 0 {
		t.Fatal("control endpoints were counted in the API stats")
	}
}

func TestConcurrency(t *testing.T) {
	e := newEnv(t, Options{})
	const n = 100
	var wg sync.WaitGroup
	codes := make(chan int, 2*n)
	create := func(i int) {
		defer wg.Done()
		body := map[string]any{"Email": fmt.Sprintf("c%d@x.io", i), "Name": "N", "Mobile": fmt.Sprint(i), "Code": fmt.Sprintf("C%03d", i), "Status": "Active"}
		codes <- e.call("POST", "/Customer", body).status
	}
	for i := range n {
		wg.Add(2)
		go create(i)
		go create(i) // the same customer again: exactly one of the pair wins
	}
	// Readers, stats and fault changes race with the writers.
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.call("POST", "/Customer/p", map[string]any{"PageNumber": 1, "PageSize": 100}).expect(t, 200, "")
			e.srv.SetFaults(Faults{})
			_ = e.srv.Stats()
			_ = e.srv.All()
		}()
	}
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[200] != n || count[400] != n || e.srv.Len() != n {
		t.Fatalf("answers %v, Len %d; want %d of 200 and 400 each and %d records", count, e.srv.Len(), n, n)
	}
	seen := map[string]bool{}
	for _, c := range e.srv.All() {
		if seen[c.Code] {
			t.Fatalf("duplicate code %s", c.Code)
		}
		seen[c.Code] = true
	}
	if st := e.srv.Stats(); st.Requests["POST /Customer"] != 2*n || st.Total != 2*n+10 {
		t.Fatalf("stats %+v", st)
	}
}

// TestMisrouteFaults: a redirect, a web server's HTML 404 and the
// framework's unknown-route 404 answer every API request, before the quota
// and auth, and change nothing.
func TestMisrouteFaults(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	noFollow := *e.hs.Client()
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	e.srv.SetFaults(Faults{RedirectStatus: 307, RedirectLocation: "https://elsewhere.example/api/v3/"})
	res, err := noFollow.Do(e.req("GET", "/Customer/id/"+id+"?x=1", nil))
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.StatusCode != 307 || res.Header.Get("Location") != "https://elsewhere.example/api/v3/Customer/id/"+id+"?x=1" {
		t.Fatalf("status %d Location %q", res.StatusCode, res.Header.Get("Location"))
	}

	e.srv.SetFaults(Faults{HTMLNotFound: true})
	r := e.call("DELETE", "/Customer/DeleteByCode", map[string]any{"Code": "HW001"})
	if r.status != 404 || json.Valid(r.body) || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d body %s, want an HTML 404", r.status, r.body)
	}
	e.srv.SetFaults(Faults{RouteNotFound: true})
	e.call("GET", "/Customer/id/"+id, nil).expect(t, 404, "No HTTP resource was found")
	e.srv.SetFaults(Faults{})
	if e.srv.Len() != 1 {
		t.Fatal("a misrouted request changed the store")
	}
	// Without the fault, an unknown path answers the framework's 404 too.
	e.call("GET", "/Nope", nil).expect(t, 404, "No HTTP resource was found")
}

// TestEmptyReadFault: GET /Customer/id/{id} answers null, {} or the record
// under another ID.
func TestEmptyReadFault(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	for mode, want := range map[string]string{EmptyReadNull: "null", EmptyReadObject: "{}"} {
		e.srv.SetFaults(Faults{EmptyRead: mode})
		if r := e.call("GET", "/Customer/id/"+id, nil).expect(t, 200, ""); string(r.body) != want {
			t.Fatalf("%s: body %s", mode, r.body)
		}
	}
	e.srv.SetFaults(Faults{EmptyRead: EmptyReadOtherID})
	if got := e.read(id); got["ID"] == id || got["Code"] != "HW001" {
		t.Fatalf("record %v, want HW001 under another ID", got)
	}
	// Other reads and unknown IDs are untouched.
	e.call("GET", "/Customer/id/nope", nil).expect(t, 404, "Customer not found.")
	e.call("GET", "/Customer/Code", map[string]any{"Code": "HW001"}).expect(t, 200, "")
}

// TestCreate500Fault: POST /Customer answers the API's JSON 500 and stores
// nothing.
func TestCreate500Fault(t *testing.T) {
	e := newEnv(t, Options{})
	e.srv.SetFaults(Faults{Create500: true})
	e.call("POST", "/Customer", hendry()).expect(t, 500, "An error has occurred.")
	e.srv.SetFaults(Faults{Create400: "Outlet Nowhere does not exist."})
	e.call("POST", "/Customer", hendry()).expect(t, 400, "Outlet Nowhere does not exist.")
	if e.srv.Len() != 0 {
		t.Fatal("a refused create was stored")
	}
}

// TestListFaults: an overstated TotalCount with the last page repeated past
// the end, and an undecodable record.
func TestListFaults(t *testing.T) {
	e := newEnv(t, Options{PageCap: 2})
	for i := range 3 {
		e.create(edit(hendry(), map[string]any{"Code": fmt.Sprintf("C%d", i), "Email": fmt.Sprintf("c%d@x.io", i), "Mobile": fmt.Sprint(i)}))
	}
	e.srv.SetFaults(Faults{OverstatedTotal: 10, BadListRecord: "C2"})
	var page struct {
		Data       []map[string]any
		TotalCount int
	}
	e.call("POST", "/Customer/WithTotalCount", map[string]any{"PageNumber": 7, "PageSize": 2}).expect(t, 200, "").decode(t, &page)
	if page.TotalCount != 13 || len(page.Data) != 1 || page.Data[0]["Code"] != "C2" || page.Data[0]["BirthDate"] != "31/02/1994" {
		t.Fatalf("page past the end %+v, want the last page (C2, its date broken) and TotalCount 13", page)
	}
	var items []map[string]any
	e.call("POST", "/Customer/p", map[string]any{"PageNumber": 5, "PageSize": 2}).expect(t, 200, "").decode(t, &items)
	if len(items) != 1 || items[0]["Code"] != "C2" {
		t.Fatalf("items %v", items)
	}
	e.call("POST", "/Customer/p", map[string]any{"PageNumber": 1, "PageSize": 2}).expect(t, 200, "").decode(t, &items)
	if len(items) != 2 || items[0]["BirthDate"] == "31/02/1994" {
		t.Fatalf("first page %v", items)
	}
}

// TestQuotaHeaderFaults: no RateLimit-Policy; a first window that started
// before the first request; a long Retry-After on every request.
func TestQuotaHeaderFaults(t *testing.T) {
	e := newEnv(t, Options{})
	e.srv.SetFaults(Faults{QuotaLimit: 5, QuotaWindow: time.Minute, NoRateLimitPolicy: true, WindowHeadStart: 50 * time.Second})
	r := e.call("GET", "/Customer/id/x", nil)
	if r.header.Get("RateLimit-Policy") != "" || r.header.Get("RateLimit-Limit") != "5" || r.header.Get("RateLimit-Remaining") != "4" {
		t.Fatalf("headers %v", r.header)
	}
	e.clock.Advance(11 * time.Second) // the window another client started is over
	if r := e.call("GET", "/Customer/id/x", nil); r.header.Get("RateLimit-Remaining") != "4" {
		t.Fatalf("remaining %q, want a fresh window", r.header.Get("RateLimit-Remaining"))
	}
	e.srv.SetFaults(Faults{RetryAfter: time.Hour})
	r = e.call("GET", "/Customer/id/x", nil).expect(t, 429, "Try again in 3600 seconds.")
	if r.header.Get("Retry-After") != "3600" {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
}

// TestLiveAnswerFaultsJSON: the new knobs go through PUT /_sim/faults and
// are validated.
func TestLiveAnswerFaultsJSON(t *testing.T) {
	e := newEnv(t, Options{})
	put := `{"RedirectStatus":308,"RedirectLocation":"http://x/api/v3","EmptyRead":"{}","Create500":true,"OverstatedTotal":3,` +
		`"BadListRecord":"C1","NoRateLimitPolicy":true,"WindowHeadStart":"10s","RetryAfter":"1h","HTMLNotFound":true,"RouteNotFound":true}`
	var got Faults
	e.call("PUT", "/_sim/faults", put).expect(t, 200, "").decode(t, &got)
	want := Faults{RedirectStatus: 308, RedirectLocation: "http://x/api/v3", EmptyRead: "{}", Create500: true, OverstatedTotal: 3,
		BadListRecord: "C1", NoRateLimitPolicy: true, WindowHeadStart: 10 * time.Second, RetryAfter: time.Hour, HTMLNotFound: true, RouteNotFound: true,
		LostCreateMode: LostCreate502}
	if got != want {
		t.Fatalf("faults %+v, want %+v", got, want)
	}
	for _, bad := range []string{`{"RedirectStatus":200,"RedirectLocation":"x"}`, `{"RedirectStatus":302}`, `{"EmptyRead":"nil"}`, `{"OverstatedTotal":-1}`, `{"RetryAfter":"-1s"}`} {
		e.call("PUT", "/_sim/faults", bad).expect(t, 400, "Invalid faults")
	}
}

// TestJSONNotFoundFault: every API request answers a proxy's JSON 404,
// which reads like a missing record; the store is untouched.
func TestJSONNotFoundFault(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	e.call("PUT", "/_sim/faults", `{"JSONNotFound":true}`).expect(t, 200, "")
	for _, r := range []*resp{
		e.call("GET", "/Customer/id/"+id, nil),
		e.call("GET", "/Customer/NewCode", nil),
		e.call("DELETE", "/Customer/DeleteByCode", map[string]any{"Code": "HW001"}),
	} {
		var body struct{ Message string }
		r.decode(t, &body)
		if r.status != 404 || body.Message != "Resource not found" {
			t.Fatalf("status %d body %s, want a JSON 404", r.status, r.body)
		}
	}
	if e.srv.Len() != 1 {
		t.Fatal("a request under JSONNotFound changed the store")
	}
}

// TestReadingFaults: the switches for readings the reference leaves open go
// through PUT /_sim/faults, are validated, and change the answers they name.
func TestReadingFaults(t *testing.T) {
	e := newEnv(t, Options{CodePrefix: "MM-"})
	put := `{"NewCode":"404","NotFoundBody":"text","DeleteKeeps":"ok","OutletPriceDeleteAll":true}`
	var got Faults
	e.call("PUT", "/_sim/faults", put).expect(t, 200, "").decode(t, &got)
	want := Faults{NewCode: NewCode404, NotFoundBody: NotFoundText, DeleteKeeps: DeleteKeepsOK, OutletPriceDeleteAll: true, LostCreateMode: LostCreate502}
	if got != want {
		t.Fatalf("faults %+v, want %+v", got, want)
	}
	for _, bad := range []string{`{"NewCode":"500"}`, `{"NotFoundBody":"html"}`, `{"DeleteKeeps":"yes"}`} {
		e.call("PUT", "/_sim/faults", bad).expect(t, 400, "Invalid faults")
	}
	for fault, status := range map[string]int{NewCode404: 404, NewCode403: 403, NewCodeRoute: 404} {
		e.srv.SetFaults(Faults{NewCode: fault})
		if r := e.call("GET", "/Customer/NewCode", nil); r.status != status || !strings.Contains(r.header.Get("Content-Type"), "json") {
			t.Fatalf("NewCode %q: HTTP %d %s", fault, r.status, r.body)
		}
	}
	for form, contentType := range map[string]string{NotFoundText: "text/plain", NotFoundEmpty: ""} {
		e.srv.SetFaults(Faults{NotFoundBody: form})
		r := e.call("GET", "/Customer/id/nope", nil)
		if r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), contentType) || (form == NotFoundEmpty) != (len(r.body) == 0) {
			t.Fatalf("NotFoundBody %q: HTTP %d %q %q", form, r.status, r.header.Get("Content-Type"), r.body)
		}
		if r := e.call("GET", "/Nowhere", nil); r.status != 404 || !strings.Contains(string(r.body), "No HTTP resource") {
			t.Fatalf("NotFoundBody %q reshaped the unknown-route answer: %s", form, r.body)
		}
	}
}

// TestTokenModules: a token limited to the Products module reads and
// writes the catalog and is refused the customers and outlets with the
// API's JSON 403 naming the module.
func TestTokenModules(t *testing.T) {
	e := newEnv(t, Options{TokenModules: map[string][]string{testToken: {"Products"}}})
	e.call("POST", "/Category/p", map[string]any{}).expect(t, 200, "")
	for _, path := range []string{"/Customer/id/x", "/Outlet"} {
		e.call("GET", path, nil).expect(t, 403, "Module")
	}
}
