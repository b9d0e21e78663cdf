package simulator

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAuth(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct {
		name, header string
		status       int
	}{
		{"no header", "", 401},
		{"wrong token", "Bearer nope", 401},
		{"wrong scheme", "Basic " + testToken, 401},
		{"empty token", "Bearer ", 401},
		{"valid", "Bearer " + testToken, 404}, // authorized: the customer is unknown
		{"scheme case", "bearer " + testToken, 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.req("GET", "/Customer/id/nobody", nil)
			r.Header.Del("Authorization")
			if c.header != "" {
				r.Header.Set("Authorization", c.header)
			}
			want := "Customer not found."
			if c.status == 401 {
				want = "Authorization has been denied for this request."
			}
			if got := e.do(r).expect(t, c.status, want).message(t); got != want {
				t.Fatalf("message %q, want %q", got, want)
			}
		})
	}
}

func TestOAuth2Token(t *testing.T) {
	e := newEnv(t, Options{Tokens: []string{}, ClientID: "cid", ClientSecret: "secret", TokenTTL: 10 * time.Minute})
	issue := func(path string, body any) *resp {
		r := e.req("POST", path, body)
		r.Header.Del("Authorization") // the token endpoint needs none
		return e.do(r)
	}
	creds := map[string]any{"client_id": "cid", "client_secret": "secret"}

	var toks []string
	for _, path := range []string{"/Token/OAuth2", "/Token/Oauth2", "/token/oauth2"} {
		var tok struct {
			AccessToken string `json:"access_token"`
			TokenType   string `json:"token_type"`
			ExpiresIn   int    `json:"expires_in"`
		}
		issue(path, creds).expect(t, 200, "").decode(t, &tok)
		if tok.AccessToken == "" || tok.TokenType != "Bearer" || tok.ExpiresIn != 600 {
			t.Fatalf("%s: token answer %+v", path, tok)
		}
		toks = append(toks, tok.AccessToken)
	}
	if toks[0] == toks[1] {
		t.Fatal("issued tokens are not random")
	}

	useToken := func(tok string) int {
		r := e.req("GET", "/Customer/id/nobody", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		return e.do(r).status
	}
	if got := useToken(toks[0]); got != 404 {
		t.Fatalf("fresh token: status %d, want 404 (authorized)", got)
	}

	issue("/Token/OAuth2", edit(creds, map[string]any{"client_secret": "wrong"})).expect(t, 401, "invalid client credentials")
	issue("/Token/OAuth2", edit(creds, map[string]any{"client_id": "other"})).expect(t, 401, "invalid client credentials")
	issue("/Token/OAuth2", "{not json").expect(t, 400, "")
	issue("/Token/OAuth2", edit(creds, map[string]any{"client_secret": nil})).expect(t, 400, "client_secret")

	e.clock.Advance(10*time.Minute - time.Second)
	if got := useToken(toks[0]); got != 404 {
		t.Fatalf("token before expiry: status %d, want 404", got)
	}
	e.clock.Advance(time.Second)
	if got := useToken(toks[0]); got != 401 {
		t.Fatalf("expired token: status %d, want 401", got)
	}

	t.Run("short TTL rounds up to 1s", func(t *testing.T) {
		short := newEnv(t, Options{ClientID: "cid", ClientSecret: "secret", TokenTTL: 300 * time.Millisecond})
		var tok struct {
			ExpiresIn int `json:"expires_in"`
		}
		short.call("POST", "/Token/OAuth2", creds).expect(t, 200, "").decode(t, &tok)
		if tok.ExpiresIn != 1 {
			t.Fatalf("expires_in %d, want 1", tok.ExpiresIn)
		}
	})
	t.Run("no client configured", func(t *testing.T) {
		newEnv(t, Options{}).call("POST", "/Token/OAuth2", creds).expect(t, 401, "invalid client credentials")
	})
}

// readFields are exactly the reference's read-form properties.
var readFields = []string{
	"ID", "Name", "Email", "Title", "FirstName", "LastName", "Gender", "Code", "Phone", "MobilePhone", "Fax",
	"Address", "City", "Nationality", "ReferredBy", "Identification", "Birthday", "JoinDate", "Group",
	"ExpiredGroup", "SignUpOutlet", "ImageURL", "LoyaltyPoint", "Status",
}

func TestCreateAndReadForms(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	if len(id) != 36 || strings.ToLower(id) != id || id[14] != '4' {
		t.Fatalf("ID %q is not a lowercase v4 GUID", id)
	}
	want := map[string]any{
		"ID": id, "Name": "Hendry", "Email": "Hendry@dealpos.com", "Title": "", "FirstName": "Hendry",
		"LastName": "Wijaya", "Gender": "Male", "Code": "HW001", "Phone": "0215865894", "MobilePhone": "08569314515",
		"Fax": "", "Address": "Jl. Muara Karang P3T No.30", "City": "", "Nationality": "", "ReferredBy": "",
		"Identification": "", "Birthday": "18 Mar 1994", "JoinDate": "17 May 2024", "Group": "Gold",
		"ExpiredGroup": "31 Dec 2019", "SignUpOutlet": "Outlet1", "ImageURL": "https://example.com/a.jpg?x=1&y=2",
		"LoyaltyPoint": 88.0, "Status": "Active",
	}
	if got := slices.Sorted(maps.Keys(e.read(id))); !slices.Equal(got, slices.Sorted(slices.Values(readFields))) {
		t.Fatalf("read properties %v, want %v", got, readFields)
	}

	lookups := []struct {
		method, path string
		body         any
	}{
		{"GET", "/Customer/id/" + id, nil},
		{"GET", "/Customer/Email", map[string]any{"Email": "hendry@DEALPOS.com"}},
		{"POST", "/Customer/Email", map[string]any{"email": "Hendry@dealpos.com"}},
		{"GET", "/Customer/Code", map[string]any{"Code": "HW001"}},
		{"POST", "/Customer/Code", map[string]any{"Code": "HW001"}},
		{"GET", "/Customer/MobilePhone", map[string]any{"MobilePhone": "08569314515"}},
		{"POST", "/Customer/MobilePhone", map[string]any{"MobilePhone": "0215865894"}}, // the landline also finds it
		{"GET", "/Customer/Detail?ID=" + id, nil},
		{"GET", "/Customer/Detail?code=HW001", nil},
		{"GET", "/Customer/Detail?Email=hendry@dealpos.com", nil},
		{"GET", "/Customer/Detail?Mobile=08569314515&Code=", nil},
	}
	for _, l := range lookups {
		t.Run(l.method+" "+l.path, func(t *testing.T) {
			var got map[string]any
			e.call(l.method, l.path, l.body).expect(t, 200, "").decode(t, &got)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("read form\n got %v\nwant %v", got, want)
			}
		})
	}

	t.Run("unset fields are empty strings, never null", func(t *testing.T) {
		minimal := e.create(map[string]any{"Email": "m@x.io", "Name": "Min", "Mobile": "0811", "Code": "MIN", "Status": "Suspended"})
		got := e.read(minimal)
		for _, f := range readFields {
			switch f {
			case "ID", "Name", "Email", "Code", "MobilePhone", "JoinDate", "Status", "LoyaltyPoint":
			default:
				if got[f] != "" {
					t.Errorf("%s = %#v, want \"\"", f, got[f])
				}
			}
		}
		if got["LoyaltyPoint"] != 0.0 || got["Status"] != "Suspended" {
			t.Fatalf("LoyaltyPoint %v Status %v", got["LoyaltyPoint"], got["Status"])
		}
	})

	t.Run("gender modes", func(t *testing.T) {
		female := e.create(edit(hendry(), map[string]any{"Code": "F1", "Email": "f@x.io", "Mobile": "0822", "Gender": true}))
		unset := e.create(edit(hendry(), map[string]any{"Code": "U1", "Email": "u@x.io", "Mobile": "0833", "Gender": nil}))
		check := func(id string, want any) {
			t.Helper()
			if got := e.read(id)["Gender"]; got != want {
				t.Fatalf("Gender %#v, want %#v", got, want)
			}
		}
		check(female, "Female")
		check(unset, "")
		e.srv.SetGenderAsBool(true)
		defer e.srv.SetGenderAsBool(false)
		check(id, false)
		check(female, true)
		check(unset, false)
	})
}

func TestCreateValidation(t *testing.T) {
	e := newEnv(t, Options{})
	e.create(edit(hendry(), map[string]any{"Code": "REF", "Email": "ref@x.io", "Mobile": "0899"}))
	cases := []struct {
		name string
		body any
		want string
	}{
		{"missing Email", edit(hendry(), map[string]any{"Email": nil}), "Email field is required"},
		{"missing Name", edit(hendry(), map[string]any{"Name": nil}), "Name field is required"},
		{"missing Mobile", edit(hendry(), map[string]any{"Mobile": ""}), "Mobile field is required"},
		{"missing Code", edit(hendry(), map[string]any{"Code": nil}), "Code field is required"},
		{"missing Status", edit(hendry(), map[string]any{"Status": nil}), "Status field is required"},
		{"string Gender", edit(hendry(), map[string]any{"Gender": "Male"}), "Gender"},
		{"bad Birthdate", edit(hendry(), map[string]any{"Birthdate": "18/03/1994"}), "Birthdate"},
		{"datetime Birthdate", edit(hendry(), map[string]any{"Birthdate": "1994-03-18T00:00:00"}), "Birthdate"},
		{"bad ExpiredGroup", edit(hendry(), map[string]any{"ExpiredGroup": "31 Dec 2019"}), "ExpiredGroup"},
		{"bad Status", edit(hendry(), map[string]any{"Status": "active"}), "Status"},
		{"negative LoyaltyPoint", edit(hendry(), map[string]any{"LoyaltyPoint": -1}), "LoyaltyPoint"},
		{"string LoyaltyPoint", edit(hendry(), map[string]any{"LoyaltyPoint": "5"}), "LoyaltyPoint"},
		{"fractional LoyaltyPoint", edit(hendry(), map[string]any{"LoyaltyPoint": 1.5}), "LoyaltyPoint"},
		{"number Name", edit(hendry(), map[string]any{"Name": 7}), "Name"},
		{"unknown ReferralCode", edit(hendry(), map[string]any{"ReferralCode": "NOPE"}), "NOPE"},
		{"not JSON", "{", "invalid"},
		{"not an object", "[1]", "invalid"},
		{"empty body", nil, "required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.call("POST", "/Customer", c.body).expect(t, 400, c.want)
		})
	}
	if n := e.srv.Len(); n != 1 {
		t.Fatalf("refused creates stored records: Len %d, want 1", n)
	}

	t.Run("unknown properties ignored, referral resolved", func(t *testing.T) {
		id := e.create(edit(hendry(), map[string]any{"Title": "Mr.", "Bogus": 1, "ReferralCode": "REF"}))
		c, _ := e.srv.Get(id)
		ref, _ := e.srv.FindByCode("REF")
		if c.Title != "" || c.ReferredBy != ref.ID {
			t.Fatalf("Title %q ReferredBy %q, want \"\" and %q", c.Title, c.ReferredBy, ref.ID)
		}
	})
	t.Run("body without JSON content type", func(t *testing.T) {
		r := e.req("POST", "/Customer", hendry())
		r.Header.Set("Content-Type", "text/plain")
		e.do(r).expect(t, 415, "text/plain")
	})
}

func TestUniqueness(t *testing.T) {
	e := newEnv(t, Options{})
	e.create(hendry())
	other := e.create(map[string]any{"Email": "o@x.io", "Name": "O", "Mobile": "0700", "Code": "O1", "Status": "Active"})
	cases := []struct {
		name   string
		method string
		path   string
		body   map[string]any
		want   string
	}{
		{"create Code", "POST", "/Customer", edit(hendry(), map[string]any{"Email": "n@x.io", "Mobile": "1"}), "Customer with Code 'HW001' already exists."},
		{"create Email any case", "POST", "/Customer", edit(hendry(), map[string]any{"Code": "N", "Email": "HENDRY@dealpos.com", "Mobile": "1"}), "Customer with Email 'HENDRY@dealpos.com' already exists."},
		{"create Mobile", "POST", "/Customer", edit(hendry(), map[string]any{"Code": "N", "Email": "n@x.io"}), "Customer with Mobile '08569314515' already exists."},
		{"ByID Code", "PUT", "/Customer/ByID", map[string]any{"ID": other, "Code": "HW001"}, "Customer with Code 'HW001' already exists."},
		{"ByID Email", "PUT", "/Customer/ByID", map[string]any{"ID": other, "Email": "hendry@dealpos.com"}, "Email"},
		{"ByCode Mobile", "PUT", "/Customer/ByCode", map[string]any{"Code": "O1", "Mobile": "08569314515"}, "Mobile"},
		{"ByMobilePhone Code", "PUT", "/Customer/ByMobilePhone", map[string]any{"Mobile": "0700", "Code": "HW001"}, "Code"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.call(c.method, c.path, c.body).expect(t, 400, c.want)
		})
	}
	if got, _ := e.srv.Get(other); got.Code != "O1" || got.Email != "o@x.io" || got.Mobile != "0700" {
		t.Fatalf("refused updates changed the record: %+v", got)
	}
	if e.srv.Len() != 2 {
		t.Fatalf("Len %d, want 2", e.srv.Len())
	}
	// A record may keep its own values.
	e.call("PUT", "/Customer/ByID", map[string]any{"ID": other, "Code": "O1", "Email": "O@X.IO"}).expect(t, 200, "Record updated")
}

// TestDuplicateWording: under Options.DuplicateWording "registered" every
// write that takes another customer's Code, Email or Mobile is refused with
// the second phrasing, and stores nothing.
func TestDuplicateWording(t *testing.T) {
	e := newEnv(t, Options{DuplicateWording: WordingRegistered})
	e.create(hendry())
	other := e.create(map[string]any{"Email": "o@x.io", "Name": "O", "Mobile": "0700", "Code": "O1", "Status": "Active"})
	e.call("POST", "/Customer", edit(hendry(), map[string]any{"Email": "n@x.io", "Mobile": "1"})).expect(t, 400, "Code HW001 has been registered.")
	e.call("POST", "/Customer", edit(hendry(), map[string]any{"Code": "N", "Mobile": "1"})).expect(t, 400, "Email Hendry@dealpos.com has been registered.")
	e.call("PUT", "/Customer/ByID", map[string]any{"ID": other, "Mobile": "08569314515"}).expect(t, 400, "Mobile 08569314515 has been registered.")
	if e.srv.Len() != 2 {
		t.Fatalf("Len %d, want 2", e.srv.Len())
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted an unknown DuplicateWording")
		}
	}()
	New(Options{DuplicateWording: "taken"})
}

func TestNotFound(t *testing.T) {
	e := newEnv(t, Options{})
	ghost := "5acffe34-346f-4888-afd8-0a551e556681"
	e.create(hendry())
	cases := []struct {
		method, path string
		body         any
	}{
		{"GET", "/Customer/id/" + ghost, nil},
		{"GET", "/Customer/Email", map[string]any{"Email": "no@x.io"}},
		{"POST", "/Customer/Code", map[string]any{"Code": "NO"}},
		{"GET", "/Customer/MobilePhone", map[string]any{"MobilePhone": "000"}},
		{"GET", "/Customer/Detail?Code=NO", nil},
		{"PUT", "/Customer/ByID", map[string]any{"ID": ghost, "Name": "x"}},
		{"PUT", "/Customer/ByCode", map[string]any{"Code": "NO", "Name": "x"}},
		{"PUT", "/Customer/ByMobilePhone", map[string]any{"Mobile": "000", "Name": "x"}},
		{"PUT", "/Customer", edit(hendry(), map[string]any{"Email": "no@x.io"})},
		{"DELETE", "/Customer", map[string]any{"Email": "no@x.io"}},
		{"DELETE", "/Customer/DeleteByCode", map[string]any{"Code": "NO"}},
		{"PUT", "/Customer/Suspend", map[string]any{"ID": ghost}},
		{"PUT", "/Customer/Unsuspend", map[string]any{"Code": "NO"}},
		{"PUT", "/Customer/VerifyMobile", map[string]any{"Mobile": "000", "MobileVerified": true}},
		{"PUT", "/Customer/VerifyEmail", map[string]any{"Email": "no@x.io", "EmailVerified": true}},
		{"PUT", "/Customer/Merge", map[string]any{"mergeTarget": ghost, "deleted": []string{ghost + "0"}}},
		{"GET", "/Customer/PIN?ID=" + ghost, nil},
		{"PUT", "/Customer/PIN", map[string]any{"ID": ghost, "PIN": "1234"}},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			if got := e.call(c.method, c.path, c.body).expect(t, 404, "").message(t); got != "Customer not found." {
				t.Fatalf("message %q", got)
			}
		})
	}
	if e.srv.Len() != 1 {
		t.Fatalf("Len %d, want 1", e.srv.Len())
	}
}

func TestUpdateByID(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	before := e.read(id)

	var ans struct{ ID, Message string }
	e.call("PUT", "/Customer/ByID", map[string]any{
		"ID": id, "Name": "Hendry Wijaya", "Code": "0011", "Phone": "", "Birthdate": "", "ExpiredGroup": "2020-12-12",
		"Gender": "Female", "LoyaltyPoint": 80, "Status": "WaitingForApproval", "Email": "hendryw@gmail.com",
	}).expect(t, 200, "").decode(t, &ans)
	if ans.ID != id || ans.Message != "Record updated" {
		t.Fatalf("answer %+v", ans)
	}
	want := edit(before, map[string]any{
		"Name": "Hendry Wijaya", "Code": "0011", "Phone": "", "ExpiredGroup": "12 Dec 2020", "Gender": "Female",
		"LoyaltyPoint": 80.0, "Status": "WaitingForApproval", "Email": "hendryw@gmail.com",
	})
	if got := e.read(id); !reflect.DeepEqual(got, want) {
		t.Fatalf("after update\n got %v\nwant %v", got, want)
	}
	if _, ok := e.srv.FindByCode("HW001"); ok {
		t.Fatal("old code still finds the record")
	}

	refused := []struct {
		name string
		body map[string]any
		want string
	}{
		{"missing ID", map[string]any{"Name": "x"}, "ID field is required"},
		{"boolean Gender", map[string]any{"ID": id, "Gender": true}, "Gender"},
		{"lowercase Gender", map[string]any{"ID": id, "Gender": "male"}, "Gender"},
		{"empty Gender", map[string]any{"ID": id, "Gender": ""}, "Gender"},
		{"empty Name", map[string]any{"ID": id, "Name": ""}, "Name"},
		{"empty Code", map[string]any{"ID": id, "Code": ""}, "Code"},
		{"bad date", map[string]any{"ID": id, "Birthdate": "1994/03/18"}, "Birthdate"},
		{"empty Status", map[string]any{"ID": id, "Status": ""}, "Status"},
		{"valid change with invalid one", map[string]any{"ID": id, "Name": "Changed", "LoyaltyPoint": -5}, "LoyaltyPoint"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			e.call("PUT", "/Customer/ByID", c.body).expect(t, 400, c.want)
		})
	}
	if got := e.read(id); !reflect.DeepEqual(got, want) {
		t.Fatalf("refused updates changed the record: %v", got)
	}
}

// TestUpdateClearsOmitted: by default an update keeps what its body omits;
// under Options.UpdateClearsOmitted it replaces the record, clearing what
// the body omits, keeping only what the form cannot write, and refusing a
// body without a property create requires.
func TestUpdateClearsOmitted(t *testing.T) {
	body := map[string]any{"Name": "Renamed", "Code": "HW001", "Email": "Hendry@dealpos.com", "Mobile": "08569314515", "Status": "Active"}
	for _, replaces := range []bool{false, true} {
		t.Run(fmt.Sprintf("replaces=%v", replaces), func(t *testing.T) {
			e := newEnv(t, Options{UpdateClearsOmitted: replaces})
			id := e.create(hendry())
			before := e.read(id)
			e.call("PUT", "/Customer/ByID", edit(body, map[string]any{"ID": id})).expect(t, 200, "Record updated")
			want := edit(before, map[string]any{"Name": "Renamed"})
			if replaces {
				want = edit(want, map[string]any{
					"FirstName": "", "LastName": "", "Phone": "", "Address": "", "Group": "", "ImageURL": "",
					"Gender": "", "Birthday": "", "ExpiredGroup": "", "LoyaltyPoint": 0.0,
				})
			}
			if got := e.read(id); !reflect.DeepEqual(got, want) {
				t.Fatalf("after update\n got %v\nwant %v", got, want)
			}
			status := 200
			if replaces {
				status = 400
			}
			e.call("PUT", "/Customer/ByID", map[string]any{"ID": id, "Name": "Only the name"}).expect(t, status, "")
		})
	}
}

func TestUpdateOtherForms(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	referrer := e.create(map[string]any{"Email": "r@x.io", "Name": "Ref", "Mobile": "0700", "Code": "R1", "Status": "Active"})

	t.Run("ByCode", func(t *testing.T) {
		e.call("PUT", "/Customer/ByCode", map[string]any{"Code": "HW001", "Address": "", "ReferredByID": referrer, "Gender": "Female"}).expect(t, 200, "Record updated")
		c, _ := e.srv.Get(id)
		if c.Address != "" || c.ReferredBy != referrer || c.Gender != GenderFemale || c.Name != "Hendry" {
			t.Fatalf("after ByCode: %+v", c)
		}
		e.call("PUT", "/Customer/ByCode", map[string]any{"Code": "HW001", "ReferredByID": "no-such-id"}).expect(t, 400, "no-such-id")
		e.call("PUT", "/Customer/ByCode", map[string]any{"Code": "HW001", "ReferredByID": id}).expect(t, 400, "itself")
		e.call("PUT", "/Customer/ByCode", map[string]any{"Code": "HW001", "ReferredByID": ""}).expect(t, 200, "")
		if c, _ := e.srv.Get(id); c.ReferredBy != "" {
			t.Fatalf("empty ReferredByID did not clear: %q", c.ReferredBy)
		}
	})
	t.Run("ByMobilePhone changes Code", func(t *testing.T) {
		e.call("PUT", "/Customer/ByMobilePhone", map[string]any{"Mobile": "08569314515", "Code": "HW002", "Group": "Silver"}).expect(t, 200, "Record updated")
		c, _ := e.srv.Get(id)
		if c.Code != "HW002" || c.Group != "Silver" || c.Mobile != "08569314515" {
			t.Fatalf("after ByMobilePhone: %+v", c)
		}
	})
	t.Run("PUT /Customer by Email", func(t *testing.T) {
		body := map[string]any{"Email": "HENDRY@dealpos.com", "Name": "H2", "Mobile": "0999", "Code": "HW002", "Status": "Active", "Gender": false, "ReferralCode": "R1"}
		e.call("PUT", "/Customer", body).expect(t, 200, "Record updated")
		c, _ := e.srv.Get(id)
		if c.Name != "H2" || c.Mobile != "0999" || c.Gender != GenderMale || c.ReferredBy != referrer || c.Email != "Hendry@dealpos.com" || c.Phone != "0215865894" {
			t.Fatalf("after PUT /Customer: %+v", c)
		}
		e.call("PUT", "/Customer", edit(body, map[string]any{"Name": nil})).expect(t, 400, "Name field is required")
		e.call("PUT", "/Customer", edit(body, map[string]any{"Gender": "Male"})).expect(t, 400, "Gender")
	})
}

func TestDelete(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	other := e.create(map[string]any{"Email": "o@x.io", "Name": "O", "Mobile": "0700", "Code": "O1", "Status": "Active"})

	want := "Customer ID: " + id + " has been deleted successfully."
	if got := e.call("DELETE", "/Customer/DeleteByCode", map[string]any{"Code": "HW001"}).expect(t, 200, "").message(t); got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	e.call("DELETE", "/Customer/DeleteByCode", map[string]any{"Code": "HW001"}).expect(t, 404, "Customer not found.")
	e.call("DELETE", "/Customer/DeleteByCode", nil).expect(t, 400, "Code field is required")

	var s string
	e.call("DELETE", "/Customer", map[string]any{"Email": "O@X.IO"}).expect(t, 200, "").decode(t, &s)
	if s != "Customer has been deleted successfully." {
		t.Fatalf("answer %q", s)
	}
	if _, ok := e.srv.Get(other); ok || e.srv.Len() != 0 {
		t.Fatalf("records remain: %d", e.srv.Len())
	}
	e.call("DELETE", "/Customer", map[string]any{"Email": "o@x.io"}).expect(t, 404, "Customer not found.")
}

func TestRouting(t *testing.T) {
	e := newEnv(t, Options{})
	e.call("GET", "/Nothing/here", nil).expect(t, 404, "No HTTP resource was found that matches the request URI.")
	e.call("GET", "/Customer/id/a/b", nil).expect(t, 404, "No HTTP resource")
	r := e.call("PATCH", "/Customer", nil).expect(t, 405, "PATCH")
	if got := r.header.Get("Allow"); got != "DELETE, GET, POST, PUT" {
		t.Fatalf("Allow %q", got)
	}
	e.call("DELETE", "/Customer/NewCode", nil).expect(t, 405, "")
	e.call("GET", "/customer/ID/x/", nil).expect(t, 404, "Customer not found.") // case and trailing slash ignored

	// Outside /api/v3 nothing is served, and an unauthenticated unknown
	// route is still a 404 (routing happens before auth).
	req := e.req("GET", "/Customer", nil)
	req.URL.Path = "/api/v2/Customer"
	req.Header.Del("Authorization")
	e.do(req).expect(t, 404, "No HTTP resource")
	stats := e.srv.Stats()
	if stats.Requests["GET (unmatched)"] != 3 || stats.Requests["PATCH /Customer"] != 1 || stats.Requests["GET /Customer/id/{id}"] != 1 {
		t.Fatalf("route keys: %v", stats.Requests)
	}
}

func TestGetWithContentTypeAndNoBody(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.create(hendry())
	r := e.req("GET", "/Customer/id/"+id, nil)
	r.Header.Set("Content-Type", "application/json")
	e.do(r).expect(t, 500, "An error has occurred.")

	r = e.req("GET", "/Customer/Code", nil)
	r.Header.Set("Content-Type", "application/json")
	e.do(r).expect(t, 500, "An error has occurred.")

	// With a body, or without the header, the same GETs work.
	e.call("GET", "/Customer/Code", map[string]any{"Code": "HW001"}).expect(t, 200, "")
	e.call("GET", "/Customer/id/"+id, nil).expect(t, 200, "")
	// The quirk is specific to GET.
	r = e.req("DELETE", "/Customer", nil)
	r.Header.Set("Content-Type", "application/json")
	e.do(r).expect(t, 400, "Email field is required")
}

func TestContentTypeOfAnswers(t *testing.T) {
	e := newEnv(t, Options{})
	for _, r := range []*resp{
		e.call("GET", "/Customer/id/x", nil),
		e.call("POST", "/Customer", hendry()),
		e.call("GET", "/Nope", nil),
	} {
		if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Fatalf("Content-Type %q", ct)
		}
	}
	// Raw bytes: Gender is a string by default and URLs are not HTML-escaped.
	if body := string(e.call("GET", "/Customer/Code", map[string]any{"Code": "HW001"}).body); !strings.Contains(body, `"Gender":"Male"`) || !strings.Contains(body, `&y=2`) {
		t.Fatalf("raw body %s", body)
	}
}

func TestRateLimitHeadersWithoutQuota(t *testing.T) {
	e := newEnv(t, Options{})
	check := func(r *resp, remaining string) {
		t.Helper()
		if r.header.Get("RateLimit-Limit") != "1000000" || r.header.Get("RateLimit-Policy") != "1000000;w=180" {
			t.Fatalf("headers %v", r.header)
		}
		if got := r.header.Get("RateLimit-Remaining"); got != remaining {
			t.Fatalf("RateLimit-Remaining %q, want %q", got, remaining)
		}
	}
	check(e.call("GET", "/Customer/id/x", nil), "999999")
	unauth := e.req("GET", "/Customer/id/x", nil)
	unauth.Header.Del("Authorization")
	check(e.do(unauth).expect(t, 401, ""), "999998")
	check(e.call("GET", "/Nope", nil), "999997")
	e.clock.Advance(180 * time.Second) // a new window
	check(e.call("GET", "/Customer/id/x", nil), "999999")

	// Remaining never reaches 0 without a quota.
	e.srv.ctl.Lock()
	e.srv.winCount = unlimited + 5
	e.srv.ctl.Unlock()
	check(e.call("GET", "/Customer/id/x", nil).expect(t, 404, ""), "1")
}

func TestStatsCount(t *testing.T) {
	e := newEnv(t, Options{})
	e.create(hendry())
	e.call("POST", "/Customer", hendry()).expect(t, 400, "")
	e.call("GET", "/Customer/id/x", nil)
	e.call("POST", "/Customer/p", map[string]any{"PageNumber": 1, "PageSize": 1})
	got := e.srv.Stats()
	want := Stats{
		Requests: map[string]int{"POST /Customer": 2, "GET /Customer/id/{id}": 1, "POST /Customer/p": 1},
		Status:   map[int]int{200: 2, 400: 1, 404: 1},
		Total:    4,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("stats %+v, want %+v", got, want)
	}
	got.Requests["POST /Customer"] = 99 // a snapshot, not the live map
	e.srv.ResetStats()
	if s := e.srv.Stats(); s.Total != 0 || len(s.Requests) != 0 || len(s.Status) != 0 {
		t.Fatalf("after reset %+v", s)
	}
}
