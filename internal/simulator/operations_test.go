package simulator

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// seedList stores customers whose names sort in the order given by the
// letters, across outlets and join dates.
func seedList(e *env) {
	rows := []struct{ name, code, outlet, join, birth string }{
		{"delta", "D1", "Outlet1", "2021-01-05", ""},
		{"Alpha", "A2", "Outlet2", "2021-01-31", "1995-03-01"},
		{"alpha", "A1", "outlet1", "2021-02-28", ""},
		{"Charlie Brown", "C1", "Outlet1", "2021-03-25", ""},
		{"bravo", "B1", "", "2021-01-01", ""},
		{"Echo", "E1", "Outlet2", "2022-06-01", ""},
		{"foxtrot brown", "F1", "Outlet1", "2021-01-28", ""},
	}
	for i, r := range rows {
		c := Customer{
			Name: r.name, Code: r.code, SignUpOutlet: r.outlet, JoinDate: day(r.join),
			Email: fmt.Sprintf("c%d@x.io", i), Mobile: fmt.Sprintf("08%d", i), Status: StatusActive,
		}
		if r.birth != "" {
			c.Birthday = day(r.birth)
		}
		e.srv.Seed(c)
	}
}

func codes(items []listItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Code)
	}
	return out
}

func TestList(t *testing.T) {
	e := newEnv(t, Options{PageCap: 3})
	seedList(e)
	list := func(method, path string, body map[string]any) []string {
		t.Helper()
		var items []listItem
		e.call(method, path, body).expect(t, 200, "").decode(t, &items)
		return codes(items)
	}
	page := func(n, size int, extra map[string]any) map[string]any {
		return edit(map[string]any{"PageNumber": n, "PageSize": size}, extra)
	}
	cases := []struct {
		name string
		body map[string]any
		want []string
	}{
		{"first page capped", page(1, 50, nil), []string{"A1", "A2", "B1"}},
		{"second page capped", page(2, 50, nil), []string{"C1", "D1", "E1"}},
		{"last page", page(3, 50, nil), []string{"F1"}},
		{"beyond the end", page(4, 50, nil), []string{}},
		{"small pages", page(2, 2, nil), []string{"B1", "C1"}},
		{"name substring any case", page(1, 10, map[string]any{"Name": "BROWN"}), []string{"C1", "F1"}},
		{"outlet any case", page(1, 10, map[string]any{"Outlet": "OUTLET1"}), []string{"A1", "C1", "D1"}},
		{"join range inclusive", page(1, 10, map[string]any{"From": "2021-01-05", "To": "2021-01-31"}), []string{"A2", "D1", "F1"}},
		{"from only", page(1, 10, map[string]any{"From": "2021-03-01"}), []string{"C1", "E1"}},
		{"filters combine", page(1, 10, map[string]any{"Outlet": "Outlet1", "To": "2021-02-28", "Name": "a"}), []string{"A1", "D1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := list("POST", "/Customer/p", c.body); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("POST /Customer/p: %v, want %v", got, c.want)
			}
			if got := list("GET", "/Customer", c.body); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("GET /Customer: %v, want %v", got, c.want)
			}
		})
	}

	t.Run("filters from the query string", func(t *testing.T) {
		if got := list("GET", "/Customer?Name=brown&outlet=Outlet1", page(1, 10, nil)); !reflect.DeepEqual(got, []string{"C1", "F1"}) {
			t.Fatalf("%v", got)
		}
	})

	t.Run("item form", func(t *testing.T) {
		var items []map[string]any
		e.call("POST", "/Customer/p", page(1, 2, nil)).expect(t, 200, "").decode(t, &items)
		a2, _ := e.srv.FindByCode("A2")
		want := map[string]any{
			"Name": "Alpha", "Code": "A2", "Mobile": "081", "Email": "c1@x.io",
			"BirthDate": "1995-03-01T00:00:00", "JoinDate": "2021-01-31T00:00:00", "ID": a2.ID,
		}
		if !reflect.DeepEqual(items[1], want) {
			t.Fatalf("item %v, want %v", items[1], want)
		}
		if items[0]["BirthDate"] != "" {
			t.Fatalf("unset BirthDate %#v", items[0]["BirthDate"])
		}
	})

	refused := []struct {
		name string
		body any
		want string
	}{
		{"no body", nil, "PageNumber"},
		{"missing PageSize", map[string]any{"PageNumber": 1}, "PageSize"},
		{"zero PageNumber", page(0, 10, nil), "PageNumber"},
		{"negative PageSize", page(1, -1, nil), "PageSize"},
		{"string PageSize", map[string]any{"PageNumber": 1, "PageSize": "10"}, "PageSize"},
		{"bad From", page(1, 10, map[string]any{"From": "01/01/2021"}), "From"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			e.call("POST", "/Customer/p", c.body).expect(t, 400, c.want)
		})
	}
}

func TestListWithTotalCount(t *testing.T) {
	e := newEnv(t, Options{PageCap: 2})
	seedList(e)
	for _, method := range []string{"GET", "POST"} {
		var got struct {
			Data       []listItem
			TotalCount int
		}
		body := map[string]any{"PageNumber": 2, "PageSize": 10, "From": "2021-01-01", "To": "2021-02-28", "Name": "ignored"}
		e.call(method, "/Customer/WithTotalCount", body).expect(t, 200, "").decode(t, &got)
		if got.TotalCount != 5 || !reflect.DeepEqual(codes(got.Data), []string{"B1", "D1"}) {
			t.Fatalf("%s: %v total %d, want [B1 D1] total 5", method, codes(got.Data), got.TotalCount)
		}
	}
	e.call("GET", "/Customer/WithTotalCount", map[string]any{"PageSize": 1}).expect(t, 400, "PageNumber")
}

func TestNewCode(t *testing.T) {
	newCode := func(t *testing.T, opts Options, want string) {
		t.Helper()
		e := newEnv(t, opts)
		for _, code := range []string{"MM-003", "MM-010", "MM-ABC", "XX-999", "MM-", "mm-500"} {
			e.srv.Seed(Customer{Code: code, Name: code})
		}
		if got := string(e.call("GET", "/Customer/NewCode", nil).expect(t, 200, "").body); got != want {
			t.Fatalf("answer %s, want %s", got, want)
		}
	}
	t.Run("message", func(t *testing.T) { newCode(t, Options{CodePrefix: "MM-"}, `{"Message":"MM-011"}`) })
	t.Run("string", func(t *testing.T) { newCode(t, Options{CodePrefix: "MM-", NewCodeShape: ShapeString}, `"MM-011"`) })
	t.Run("object", func(t *testing.T) {
		newCode(t, Options{CodePrefix: "MM-", NewCodeShape: ShapeObject}, `{"Code":"MM-011"}`)
	})
	t.Run("first code", func(t *testing.T) { newCode(t, Options{CodePrefix: "NEW"}, `{"Message":"NEW001"}`) })
	t.Run("disabled", func(t *testing.T) {
		newEnv(t, Options{}).call("GET", "/Customer/NewCode", nil).expect(t, 400, "not enabled")
	})
	t.Run("unknown shape panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Fatal("New accepted an unknown NewCodeShape")
			}
		}()
		New(Options{NewCodeShape: "xml"})
	})
}

func TestPIN(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	getPIN := func() string {
		var p struct{ PIN string }
		e.call("GET", "/Customer/PIN?ID="+id, nil).expect(t, 200, "").decode(t, &p)
		return p.PIN
	}
	if got := getPIN(); got != "" {
		t.Fatalf("unset PIN %q", got)
	}
	want := "PIN for Customer " + id + " already set"
	if got := e.call("PUT", "/Customer/PIN", map[string]any{"ID": id, "PIN": "123456"}).expect(t, 200, "").message(t); got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	if got := getPIN(); got != "123456" {
		t.Fatalf("PIN %q", got)
	}
	for _, pin := range []any{"1234567", "12a4", "", " 123", 1234, "-1"} {
		e.call("PUT", "/Customer/PIN", map[string]any{"ID": id, "PIN": pin}).expect(t, 400, "PIN")
	}
	e.call("PUT", "/Customer/PIN", map[string]any{"ID": id, "PIN": "7"}).expect(t, 200, "")
	if got := getPIN(); got != "7" {
		t.Fatalf("PIN %q", got)
	}
	e.call("GET", "/Customer/PIN", nil).expect(t, 400, "ID")
}

func TestSuspendAndUnsuspend(t *testing.T) {
	e := newEnv(t, Options{})
	a := e.srv.Seed(Customer{Name: "A", Code: "A", Email: "a@x.io", Mobile: "0811", Phone: "021-1", Status: StatusActive})
	b := e.srv.Seed(Customer{Name: "B", Code: "B", Email: "b@x.io", Mobile: "0822", Status: StatusWaitingForApproval})
	status := func(id string) string {
		c, _ := e.srv.Get(id)
		return c.Status
	}
	steps := []struct {
		name, path string
		body       map[string]any
		id, want   string
	}{
		{"by ID", "/Customer/Suspend", map[string]any{"ID": a}, a, StatusSuspended},
		{"unsuspend by Code", "/Customer/Unsuspend", map[string]any{"Code": "A"}, a, StatusActive},
		{"ID wins over Code", "/Customer/Suspend", map[string]any{"ID": b, "Code": "A"}, b, StatusSuspended},
		{"unknown ID falls to Code", "/Customer/Unsuspend", map[string]any{"ID": "nobody", "Code": "B", "Email": "a@x.io"}, b, StatusActive},
		{"Email", "/Customer/Suspend", map[string]any{"Email": "A@X.IO"}, a, StatusSuspended},
		{"landline Phone", "/Customer/Unsuspend", map[string]any{"Phone": "021-1"}, a, StatusActive},
		{"mobile as Phone", "/Customer/Suspend", map[string]any{"Phone": "0822"}, b, StatusSuspended},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			word := map[string]string{StatusSuspended: "suspended", StatusActive: "unsuspended"}[s.want]
			e.call("PUT", s.path, s.body).expect(t, 200, "The contact has been successfully "+word+".")
			if got := status(s.id); got != s.want {
				t.Fatalf("Status %q, want %q", got, s.want)
			}
		})
	}
	e.call("PUT", "/Customer/Suspend", map[string]any{"ID": "", "Code": ""}).expect(t, 400, "")
	e.call("PUT", "/Customer/Suspend", map[string]any{"Email": "none@x.io"}).expect(t, 404, "Customer not found.")
}

func TestVerify(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	e.call("PUT", "/Customer/VerifyMobile", map[string]any{"Mobile": "08569314515", "MobileVerified": true}).expect(t, 200, "Update Mobile Verified is success")
	e.call("PUT", "/Customer/VerifyEmail", map[string]any{"Email": "hendry@dealpos.com", "EmailVerified": true}).expect(t, 200, "Update Email Verified is success")
	if c, _ := e.srv.Get(id); !c.MobileVerified || !c.EmailVerified {
		t.Fatalf("flags not set: %+v", c)
	}
	e.call("PUT", "/Customer/VerifyMobile", map[string]any{"Mobile": "08569314515", "MobileVerified": false}).expect(t, 200, "")
	if c, _ := e.srv.Get(id); c.MobileVerified || !c.EmailVerified {
		t.Fatalf("flags after unverify: %+v", c)
	}
	e.call("PUT", "/Customer/VerifyEmail", map[string]any{"Email": "hendry@dealpos.com"}).expect(t, 400, "EmailVerified")
	e.call("PUT", "/Customer/VerifyMobile", map[string]any{"Mobile": "08569314515", "MobileVerified": "yes"}).expect(t, 400, "MobileVerified")
}

func TestMerge(t *testing.T) {
	e := newEnv(t, Options{})
	target := e.srv.Seed(Customer{Name: "T", Code: "T", LoyaltyPoint: 10})
	d1 := e.srv.Seed(Customer{Name: "D1", Code: "D1", LoyaltyPoint: 5})
	d2 := e.srv.Seed(Customer{Name: "D2", Code: "D2", LoyaltyPoint: 7})

	e.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": target, "deleted": []string{d1, "nobody"}}).expect(t, 404, "Customer not found.")
	e.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": target, "deleted": []string{d1, target}}).expect(t, 400, "")
	e.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": target, "deleted": []string{}}).expect(t, 400, "deleted")
	e.call("PUT", "/Customer/Merge", map[string]any{"deleted": []string{d1}}).expect(t, 400, "mergeTarget")
	if e.srv.Len() != 3 {
		t.Fatalf("refused merges changed the store: Len %d", e.srv.Len())
	}

	e.call("PUT", "/Customer/Merge", map[string]any{"mergeTarget": target, "deleted": []string{d1, d2, d1}}).expect(t, 200, "Merge Completed")
	c, _ := e.srv.Get(target)
	if c.LoyaltyPoint != 22 || e.srv.Len() != 1 {
		t.Fatalf("after merge: points %d, Len %d; want 22 and 1", c.LoyaltyPoint, e.srv.Len())
	}
}

func TestOutOfBandHelpers(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.srv.Seed(Customer{Name: "Zed", Code: "Z", Email: "z@x.io"})
	fixed := e.srv.Seed(Customer{ID: "fixed-id", Name: "amy", Code: "A", JoinDate: day("2020-02-02")})
	if fixed != "fixed-id" {
		t.Fatalf("Seed ignored the given ID: %q", fixed)
	}
	c, ok := e.srv.Get(id)
	if !ok || !c.JoinDate.Equal(day("2024-05-17")) {
		t.Fatalf("seeded JoinDate %v, want the clock's date", c.JoinDate)
	}
	if got := e.srv.All(); len(got) != 2 || got[0].Code != "A" || got[1].Code != "Z" || e.srv.Len() != 2 {
		t.Fatalf("All %v", got)
	}
	if !e.srv.Update(id, func(c *Customer) { c.Name = "Zack"; c.ID = "ignored" }) {
		t.Fatal("Update missed")
	}
	if c, _ := e.srv.FindByCode("Z"); c.Name != "Zack" || c.ID != id {
		t.Fatalf("after Update %+v", c)
	}
	if e.read(id)["Name"] != "Zack" {
		t.Fatal("API does not see the out-of-band edit")
	}
	if e.srv.Update("nobody", func(*Customer) {}) || e.srv.Delete("nobody") {
		t.Fatal("helpers claim to find an unknown record")
	}
	if !e.srv.Delete(id) || e.srv.Len() != 1 {
		t.Fatal("Delete failed")
	}
	if _, err := e.srv.Insert(Customer{Code: "A"}); err == nil {
		t.Fatal("Insert accepted a duplicate Code")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Seed did not panic on a duplicate Email")
		}
	}()
	e.srv.Seed(Customer{Code: "NEW", Email: "Z@X.IO"})
	e.srv.Seed(Customer{Code: "NEW2", Email: "z@x.io"})
}

func TestJoinDateFollowsClock(t *testing.T) {
	e := newEnv(t, Options{})
	e.clock.Advance(48 * time.Hour)
	id := e.create(hendry())
	if got := e.read(id)["JoinDate"]; got != "19 May 2024" {
		t.Fatalf("JoinDate %v", got)
	}
}
