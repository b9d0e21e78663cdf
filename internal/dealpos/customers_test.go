package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestTypedMethodsWire checks the method, path, query, headers and body of
// every typed method against what the fake API received, and that the
// answer is decoded.
func TestTypedMethodsWire(t *testing.T) {
	t.Parallel()
	customer := map[string]any{"ID": "5acffe34-346f-4888-afd8-0a551e556681", "Code": "HW008", "Name": "Tafta tata", "Gender": "Male", "Birthday": "18 Mar 1994"}
	updated := map[string]string{"ID": "c27bfb13-4936-43e5-bd7d-410dc8d041c2", "Message": "Record updated"}
	expect := func(what string, got, want any) error {
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("%s: got %#v, want %#v", what, got, want)
		}
		return nil
	}
	cases := []struct {
		name    string
		route   string // as the fake API registers it
		answer  http.HandlerFunc
		call    func(context.Context, *Client) error
		method  string
		path    string
		rawPath string // escaped path, when it differs
		query   string
		body    string // the JSON the server must receive; "" for no body
	}{
		{
			name:   "CreateCustomer",
			route:  "POST /Customer",
			answer: answer(http.StatusOK, map[string]string{"ID": "2ce78ff3-a07d-4205-ba93-1a9d22172985"}),
			call: func(ctx context.Context, c *Client) error {
				id, err := c.CreateCustomer(ctx, CustomerCreate{
					Email: "Hendry@dealpos.com", Name: "Hendry", FirstName: "Hendry", LastName: "Wijaya",
					Birthdate: "1994-03-21", Phone: "0215865894", Mobile: "08569314515", Address: "Jl. Muara Karang P3T No.30",
					Gender: GenderBool(GenderMale), Status: "Active", Code: "HW001", Group: "Gold", ExpiredGroup: "2019-12-31",
					LoyaltyPoint: ptr[int64](88), ImageURL: "https://img.example/0.jpg", SignUpOutlet: "Outlet1", ReferralCode: "HW000",
				})
				if err != nil {
					return err
				}
				return expect("ID", id, "2ce78ff3-a07d-4205-ba93-1a9d22172985")
			},
			method: "POST", path: "/Customer",
			body: `{"Email":"Hendry@dealpos.com","Name":"Hendry","FirstName":"Hendry","LastName":"Wijaya","Birthdate":"1994-03-21",
				"Phone":"0215865894","Mobile":"08569314515","Address":"Jl. Muara Karang P3T No.30","Gender":false,"Status":"Active",
				"Code":"HW001","Group":"Gold","ExpiredGroup":"2019-12-31","LoyaltyPoint":88,"ImageURL":"https://img.example/0.jpg",
				"SignUpOutlet":"Outlet1","ReferralCode":"HW000"}`,
		},
		{
			name:   "GetCustomer",
			route:  "GET /Customer/id/{id}",
			answer: answer(http.StatusOK, customer),
			call: func(ctx context.Context, c *Client) error {
				got, err := c.GetCustomer(ctx, "5acffe34-346f-4888-afd8-0a551e556681")
				if err != nil {
					return err
				}
				return expect("customer", [3]string{got.ID, got.Code, string(got.Birthday)}, [3]string{"5acffe34-346f-4888-afd8-0a551e556681", "HW008", "1994-03-18"})
			},
			method: "GET", path: "/Customer/id/5acffe34-346f-4888-afd8-0a551e556681",
		},
		{
			name:   "GetCustomer escapes the ID",
			route:  "GET /Customer/id/{id}",
			answer: answer(http.StatusOK, map[string]string{"ID": "a/b c?d"}),
			call: func(ctx context.Context, c *Client) error {
				_, err := c.GetCustomer(ctx, "a/b c?d")
				return err
			},
			method: "GET", path: "/Customer/id/a/b c?d", rawPath: "/Customer/id/a%2Fb%20c%3Fd",
		},
		{
			name:   "GetCustomerByCode",
			route:  "POST /Customer/Code",
			answer: answer(http.StatusOK, customer),
			call: func(ctx context.Context, c *Client) error {
				got, err := c.GetCustomerByCode(ctx, "HW008")
				if err != nil {
					return err
				}
				return expect("code", got.Code, "HW008")
			},
			method: "POST", path: "/Customer/Code", body: `{"Code":"HW008"}`,
		},
		{
			name:   "GetCustomerByEmail",
			route:  "POST /Customer/Email",
			answer: answer(http.StatusOK, customer),
			call: func(ctx context.Context, c *Client) error {
				_, err := c.GetCustomerByEmail(ctx, "tafta@dealpos.com")
				return err
			},
			method: "POST", path: "/Customer/Email", body: `{"Email":"tafta@dealpos.com"}`,
		},
		{
			name:   "GetCustomerByMobile",
			route:  "POST /Customer/MobilePhone",
			answer: answer(http.StatusOK, customer),
			call: func(ctx context.Context, c *Client) error {
				_, err := c.GetCustomerByMobile(ctx, "081588818888")
				return err
			},
			method: "POST", path: "/Customer/MobilePhone", body: `{"MobilePhone":"081588818888"}`,
		},
		{
			name:   "UpdateCustomerByID",
			route:  "PUT /Customer/ByID",
			answer: answer(http.StatusOK, updated),
			call: func(ctx context.Context, c *Client) error {
				return c.UpdateCustomerByID(ctx, CustomerUpdate{
					ID: "c27bfb13-4936-43e5-bd7d-410dc8d041c2", Name: ptr("Hendry Wijaya"), Code: ptr("0011"),
					Birthdate: ptr(Date("1994-03-21")), Gender: ptr(GenderMale), LoyaltyPoint: ptr[int64](80), Status: ptr("Active"),
				})
			},
			method: "PUT", path: "/Customer/ByID",
			body: `{"ID":"c27bfb13-4936-43e5-bd7d-410dc8d041c2","Code":"0011","Name":"Hendry Wijaya","Birthdate":"1994-03-21",
				"Gender":"Male","LoyaltyPoint":80,"Status":"Active"}`,
		},

		{
			name:   "DeleteCustomerByCode",
			route:  "DELETE /Customer/DeleteByCode",
			answer: answer(http.StatusOK, map[string]string{"Message": "Customer ID: 4b237266 has been deleted successfully."}),
			call: func(ctx context.Context, c *Client) error {
				return c.DeleteCustomerByCode(ctx, "0011")
			},
			method: "DELETE", path: "/Customer/DeleteByCode", body: `{"Code":"0011"}`,
		},

		{
			name:  "listPage uses the POST form",
			route: "POST /Customer/p",
			answer: answer(http.StatusOK, []map[string]string{
				{"Name": "A WI", "Code": "TIA20887", "Mobile": "089621973221", "Email": "secyliac@gmail.com", "BirthDate": "1995-03-01T00:00:00", "JoinDate": "2021-01-31T00:00:00", "ID": "298bb6ce"},
			}),
			call: func(ctx context.Context, c *Client) error {
				page, err := c.listPage(ctx, ListCustomersRequest{Name: "Ferdiansyah", Outlet: "Outlet1", PageNumber: 1, PageSize: 20, From: "2021-01-01", To: "2021-01-28"}, false)
				if err != nil {
					return err
				}
				got, err := pageItems(page)
				if err != nil {
					return err
				}
				return expect("items", got, []CustomerListItem{{ID: "298bb6ce", Name: "A WI", Code: "TIA20887", Mobile: "089621973221", Email: "secyliac@gmail.com", BirthDate: "1995-03-01", JoinDate: "2021-01-31"}})
			},
			method: "POST", path: "/Customer/p",
			body: `{"Name":"Ferdiansyah","Outlet":"Outlet1","PageNumber":1,"PageSize":20,"From":"2021-01-01","To":"2021-01-28"}`,
		},
		{
			name:   "listPage with the total drops Name and Outlet",
			route:  "POST /Customer/WithTotalCount",
			answer: answer(http.StatusOK, map[string]any{"Data": []map[string]string{{"ID": "a"}, {"ID": "b"}}, "TotalCount": 100}),
			call: func(ctx context.Context, c *Client) error {
				page, err := c.listPage(ctx, ListCustomersRequest{Name: "x", Outlet: "y", PageNumber: 2, PageSize: 2, From: "2021-01-01"}, true)
				if err != nil {
					return err
				}
				return expect("page", [2]int{len(page.records), page.total}, [2]int{2, 100})
			},
			method: "POST", path: "/Customer/WithTotalCount", body: `{"PageNumber":2,"PageSize":2,"From":"2021-01-01"}`,
		},

		{
			name:   "NewCustomerCode",
			route:  "GET /Customer/NewCode",
			answer: answer(http.StatusOK, map[string]string{"Message": "MM-004"}),
			call: func(ctx context.Context, c *Client) error {
				code, err := c.NewCustomerCode(ctx)
				if err != nil {
					return err
				}
				return expect("code", code, "MM-004")
			},
			method: "GET", path: "/Customer/NewCode",
		},
		{
			name:   "GetCustomerPIN",
			route:  "GET /Customer/PIN",
			answer: answer(http.StatusOK, map[string]string{"PIN": "123654"}),
			call: func(ctx context.Context, c *Client) error {
				pin, err := c.GetCustomerPIN(ctx, "2b4c7d76")
				if err != nil {
					return err
				}
				return expect("PIN", pin, "123654")
			},
			method: "GET", path: "/Customer/PIN", query: "ID=2b4c7d76",
		},
		{
			name:   "SetCustomerPIN",
			route:  "PUT /Customer/PIN",
			answer: answer(http.StatusOK, map[string]string{"Message": "PIN for Customer 2b4c7d76 already set"}),
			call: func(ctx context.Context, c *Client) error {
				return c.SetCustomerPIN(ctx, "2b4c7d76", "123456")
			},
			method: "PUT", path: "/Customer/PIN", body: `{"ID":"2b4c7d76","PIN":"123456"}`,
		},
		{
			name:   "MergeCustomers",
			route:  "PUT /Customer/Merge",
			answer: answer(http.StatusOK, map[string]string{"Message": "Merge Completed"}),
			call: func(ctx context.Context, c *Client) error {
				return c.MergeCustomers(ctx, "f930a0ba", []string{"7156869b-cc", "7156869b-cb"})
			},
			method: "PUT", path: "/Customer/Merge", body: `{"mergeTarget":"f930a0ba","deleted":["7156869b-cc","7156869b-cb"]}`,
		},
		{
			name:   "VerifyCustomerEmail",
			route:  "PUT /Customer/VerifyEmail",
			answer: answer(http.StatusOK, map[string]string{"Message": "Update Email Verified is success"}),
			call: func(ctx context.Context, c *Client) error {
				return c.VerifyCustomerEmail(ctx, "raizaldi.achmad@gmail.com", true)
			},
			method: "PUT", path: "/Customer/VerifyEmail", body: `{"Email":"raizaldi.achmad@gmail.com","EmailVerified":true}`,
		},
		{
			name:   "VerifyCustomerMobile",
			route:  "PUT /Customer/VerifyMobile",
			answer: answer(http.StatusOK, map[string]string{"Message": "Update Mobile Verified is success"}),
			call: func(ctx context.Context, c *Client) error {
				return c.VerifyCustomerMobile(ctx, "081574945443", false)
			},
			method: "PUT", path: "/Customer/VerifyMobile", body: `{"Mobile":"081574945443","MobileVerified":false}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle(tc.route, tc.answer)
			if err := tc.call(context.Background(), f.client(nil)); err != nil {
				t.Fatal(err)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests reached the server, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tc.method || r.Path != tc.path || r.RawQuery != tc.query {
				t.Errorf("sent %s %s?%s, want %s %s?%s", r.Method, r.Path, r.RawQuery, tc.method, tc.path, tc.query)
			}
			if tc.rawPath != "" && r.RawPath != tc.rawPath {
				t.Errorf("escaped path %q, want %q", r.RawPath, tc.rawPath)
			}
			for name, want := range map[string]string{
				"Authorization": "Bearer " + testToken,
				"User-Agent":    testUserAgent,
				"Accept":        "application/json",
			} {
				if got := r.Header.Get(name); got != want {
					t.Errorf("header %s = %q, want %q", name, got, want)
				}
			}
			if tc.body == "" {
				if len(r.Body) != 0 {
					t.Errorf("sent a body %s, want none", r.Body)
				}
				if ct, ok := r.Header["Content-Type"]; ok {
					t.Errorf("a request without a body carries Content-Type %q", ct)
				}
				return
			}
			if got := r.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type %q, want application/json", got)
			}
			assertJSON(t, r.Body, tc.body)
		})
	}
}

// TestUpdateNeedsItsKey: an update without the key it addresses the
// customer by fails before any request.
func TestUpdateNeedsItsKey(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	c := f.client(nil)
	ctx := context.Background()
	for name, err := range map[string]error{
		"by ID": c.UpdateCustomerByID(ctx, CustomerUpdate{Name: ptr("x")}),
	} {
		if err == nil {
			t.Errorf("update %s without its key succeeded", name)
		}
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

// TestCustomerCreateBody: unset fields are left out (no null, no ""), and
// Gender is a JSON boolean, false for Male and true for Female.
func TestCustomerCreateBody(t *testing.T) {
	t.Parallel()
	required := CustomerCreate{Code: "HW001", Name: "Hendry", Email: "h@example.com", Mobile: "0856", Status: "Active"}
	with := func(change func(*CustomerCreate)) CustomerCreate {
		in := required
		change(&in)
		return in
	}
	cases := []struct {
		name string
		in   CustomerCreate
		want string
	}{
		{name: "required fields only", in: required, want: `{"Code":"HW001","Name":"Hendry","Email":"h@example.com","Mobile":"0856","Status":"Active"}`},
		{name: "nothing set", in: CustomerCreate{}, want: `{}`},
		{name: "male", in: with(func(c *CustomerCreate) { c.Gender = GenderBool(GenderMale) }),
			want: `{"Code":"HW001","Name":"Hendry","Email":"h@example.com","Mobile":"0856","Status":"Active","Gender":false}`},
		{name: "female", in: with(func(c *CustomerCreate) { c.Gender = GenderBool(GenderFemale) }),
			want: `{"Code":"HW001","Name":"Hendry","Email":"h@example.com","Mobile":"0856","Status":"Active","Gender":true}`},
		{name: "unset gender", in: with(func(c *CustomerCreate) { c.Gender = GenderBool("") }),
			want: `{"Code":"HW001","Name":"Hendry","Email":"h@example.com","Mobile":"0856","Status":"Active"}`},
		{name: "zero loyalty points are sent", in: with(func(c *CustomerCreate) { c.LoyaltyPoint = ptr[int64](0) }),
			want: `{"Code":"HW001","Name":"Hendry","Email":"h@example.com","Mobile":"0856","Status":"Active","LoyaltyPoint":0}`},
		{name: "dates", in: with(func(c *CustomerCreate) { c.Birthdate, c.ExpiredGroup = "1994-03-21", "2019-12-31" }),
			want: `{"Code":"HW001","Name":"Hendry","Email":"h@example.com","Mobile":"0856","Status":"Active","Birthdate":"1994-03-21","ExpiredGroup":"2019-12-31"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("POST /Customer", answer(http.StatusOK, map[string]string{"ID": "new"}))
			if _, err := f.client(nil).CreateCustomer(context.Background(), tc.in); err != nil {
				t.Fatal(err)
			}
			body := f.requests()[0].Body
			assertJSON(t, body, tc.want)
			if bytes.Contains(body, []byte("null")) || bytes.Contains(body, []byte(`""`)) {
				t.Errorf("the body %s sends a value that was not set", body)
			}
		})
	}
}

// TestCustomerUpdateBody: a nil field is left out, a pointer to "" clears.
func TestCustomerUpdateBody(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   CustomerUpdate
		want string
	}{
		{name: "only the ID", in: CustomerUpdate{ID: "c1"}, want: `{"ID":"c1"}`},
		{name: "empty strings clear", in: CustomerUpdate{ID: "c1", Name: ptr(""), Phone: ptr(""), Address: ptr("")},
			want: `{"ID":"c1","Name":"","Phone":"","Address":""}`},
		{name: "set and unset mixed", in: CustomerUpdate{ID: "c1", Email: ptr("e@example.com"), Gender: ptr(GenderFemale), LoyaltyPoint: ptr[int64](0)},
			want: `{"ID":"c1","Email":"e@example.com","Gender":"Female","LoyaltyPoint":0}`},
		{name: "dates", in: CustomerUpdate{ID: "c1", Birthdate: ptr(Date("1994-03-21")), ExpiredGroup: ptr(Date(""))},
			want: `{"ID":"c1","Birthdate":"1994-03-21","ExpiredGroup":""}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("PUT /Customer/ByID", answer(http.StatusOK, map[string]string{"Message": "Record updated"}))
			if err := f.client(nil).UpdateCustomerByID(context.Background(), tc.in); err != nil {
				t.Fatal(err)
			}
			body := f.requests()[0].Body
			assertJSON(t, body, tc.want)
			if bytes.Contains(body, []byte("null")) {
				t.Errorf("the body %s sends null", body)
			}
		})
	}
}

func TestGenderBool(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{GenderMale: "false", GenderFemale: "true", "": "nil", "Other": "nil"} {
		got := "nil"
		if b := GenderBool(in); b != nil {
			got = fmt.Sprint(*b)
		}
		if got != want {
			t.Errorf("GenderBool(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestLookupEmptyRecordIsNotFound: some tenants answer 200 with an empty
// record for an unknown key.
func TestLookupEmptyRecordIsNotFound(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Customer/Code", answer(http.StatusOK, map[string]any{}))
	_, err := f.client(nil).GetCustomerByCode(context.Background(), "nope")
	if !IsNotFound(err) {
		t.Fatalf("got %v, want a not-found error", err)
	}
}

func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("the test's %s is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body\n got %s\nwant %s", strings.TrimSpace(string(got)), want)
	}
}

// pageItems is a page's items, or the error of its first undecodable record.
func pageItems(p *listPage) ([]CustomerListItem, error) {
	items := make([]CustomerListItem, 0, len(p.records))
	for _, rec := range p.records {
		if rec.err != nil {
			return nil, rec.failure()
		}
		items = append(items, rec.item)
	}
	return items, nil
}

// TestUpdateCustomerWholeSendsCurrentValues: every field the update leaves
// nil is sent as the read answers it, in the write form (MobilePhone as
// Mobile, "18 Mar 1994" as 1994-03-18, a boolean Gender as "Female"); set
// fields are sent as set, and a value the record lacks stays out.
func TestUpdateCustomerWholeSendsCurrentValues(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/c1", answer(http.StatusOK, map[string]any{
		"ID": "c1", "Code": "HW001", "Name": "Hendry", "Email": "h@example.com", "MobilePhone": "0856", "FirstName": "",
		"Gender": true, "Birthday": "18 Mar 1994", "ExpiredGroup": "", "LoyaltyPoint": 250, "Status": "Active",
		"Group": "Gold", "ReferredBy": "c0", "SignUpOutlet": "Outlet1", "City": "Jakarta",
	}))
	f.handle("PUT /Customer/ByID", answer(http.StatusOK, map[string]string{"Message": "Record updated"}))
	err := f.client(nil).UpdateCustomerWhole(context.Background(), CustomerUpdate{ID: "c1", Name: ptr("Renamed"), Group: ptr("")})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[0].Method != http.MethodGet || reqs[1].Method != http.MethodPut {
		t.Fatalf("requests %v, want the read and then the write", reqs)
	}
	assertJSON(t, reqs[1].Body, `{"ID":"c1","Code":"HW001","Name":"Renamed","Email":"h@example.com","Mobile":"0856",`+
		`"Gender":"Female","Birthdate":"1994-03-18","LoyaltyPoint":250,"Status":"Active","Group":""}`)
}

// TestUpdateCustomerWholeNeedsTheRecord: no write without the read: a
// customer that is gone is a not-found, and nothing is sent.
func TestUpdateCustomerWholeNeedsTheRecord(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/c1", answer(http.StatusNotFound, map[string]string{"Message": "Customer not found."}))
	f.handle("GET /Customer/NewCode", answer(http.StatusOK, map[string]string{"Message": "C-001"}))
	err := f.client(nil).UpdateCustomerWhole(context.Background(), CustomerUpdate{ID: "c1", Name: ptr("x")})
	if !IsNotFound(err) {
		t.Fatalf("got %v, want the not-found", err)
	}
	if n := f.count(http.MethodPut, "/Customer/ByID"); n != 0 {
		t.Fatalf("%d writes after a failed read", n)
	}
	if err := f.client(nil).UpdateCustomerWhole(context.Background(), CustomerUpdate{Name: ptr("x")}); err == nil {
		t.Fatal("an update without an ID succeeded")
	}
}

// TestUpdateCustomerWholeUnderEitherReading: against the simulator, an update
// of the name keeps everything else whether the API keeps or clears what a
// body omits, on a tenant that answers Gender as a boolean too.
func TestUpdateCustomerWholeUnderEitherReading(t *testing.T) {
	t.Parallel()
	for _, replaces := range []bool{false, true} {
		t.Run(fmt.Sprintf("clears omitted: %v", replaces), func(t *testing.T) {
			t.Parallel()
			c, sim := simClientWith(t, simulator.Options{UpdateClearsOmitted: replaces, GenderAsBool: true})
			ctx := context.Background()
			in := createIn
			in.Gender, in.Birthdate, in.ExpiredGroup, in.LoyaltyPoint = GenderBool(GenderFemale), "1994-03-18", "2031-07-31", ptr[int64](88)
			in.FirstName, in.Group, in.SignUpOutlet = "Hendry", "Gold", "Outlet1"
			id, err := c.CreateCustomer(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := sim.Get(id)
			if err := c.UpdateCustomerWhole(ctx, CustomerUpdate{ID: id, Name: ptr("Renamed")}); err != nil {
				t.Fatal(err)
			}
			after, _ := sim.Get(id)
			before.Name = "Renamed"
			if after != before {
				t.Fatalf("after the update\n got %+v\nwant %+v", after, before)
			}
		})
	}
}

// TestLateCreateAdoptedUnderEitherWording: a create whose answer is lost
// and which lands only after the lookups missed it is refused as a duplicate
// when sent again; whichever way the API words that refusal, the customer is
// looked up and adopted, never reported as taken.
func TestLateCreateAdoptedUnderEitherWording(t *testing.T) {
	t.Parallel()
	for _, wording := range []string{simulator.WordingExists, simulator.WordingRegistered} {
		t.Run(wording, func(t *testing.T) {
			t.Parallel()
			c, sim := simClientWith(t, simulator.Options{DuplicateWording: wording})
			sim.SetFaults(simulator.Faults{PLostCreate: 1, LostCreateMode: simulator.LostCreateLate})
			id, err := c.CreateCustomer(context.Background(), createIn)
			if err != nil {
				t.Fatalf("the late create was not adopted: %v", err)
			}
			stored, ok := sim.FindByCode(createIn.Code)
			if !ok || stored.ID != id || sim.Len() != 1 {
				t.Fatalf("adopted %q; the simulator holds %d customers, %+v", id, sim.Len(), stored)
			}
			if n := sim.Stats().Requests["POST /Customer"]; n != 2 {
				t.Fatalf("the create was sent %d times, want 2 (the lost one, the one refused as a duplicate)", n)
			}
		})
	}
}
