package dealpos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

// TestCustomerReadDecoding feeds GET /Customer/id/{id} answers in every form
// the API uses and checks the normalised Customer.
func TestCustomerReadDecoding(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		birthday   string // raw JSON values
		joinDate   string
		gender     string
		wantBirth  Date
		wantJoin   Date
		wantGender Gender
	}{
		{name: "read form dates, string gender", birthday: `"18 Mar 1994"`, joinDate: `"22 Jul 2019"`, gender: `"Male"`, wantBirth: "1994-03-18", wantJoin: "2019-07-22", wantGender: GenderMale},
		{name: "single-digit day", birthday: `"8 Mar 1994"`, joinDate: `"01 Jan 2020"`, gender: `"Female"`, wantBirth: "1994-03-08", wantJoin: "2020-01-01", wantGender: GenderFemale},
		{name: "ISO date-time", birthday: `"1995-03-01T00:00:00"`, joinDate: `"2021-01-31T00:00:00.000"`, gender: `"female"`, wantBirth: "1995-03-01", wantJoin: "2021-01-31", wantGender: GenderFemale},
		{name: "ISO with zone", birthday: `"1995-03-01T00:00:00+07:00"`, joinDate: `"2021-01-31T10:00:00Z"`, gender: `"MALE"`, wantBirth: "1995-03-01", wantJoin: "2021-01-31", wantGender: GenderMale},
		{name: "write form", birthday: `"1994-03-21"`, joinDate: `"2019-07-22"`, gender: `false`, wantBirth: "1994-03-21", wantJoin: "2019-07-22", wantGender: GenderMale},
		{name: "boolean female", birthday: `""`, joinDate: `"2019-07-22"`, gender: `true`, wantJoin: "2019-07-22", wantGender: GenderFemale},
		{name: "empty strings", birthday: `""`, joinDate: `" "`, gender: `""`},
		{name: "nulls", birthday: `null`, joinDate: `null`, gender: `null`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("GET /Customer/id/{id}", raw(http.StatusOK, fmt.Sprintf(
				`{"ID":"c1","Name":"Tafta tata","MobilePhone":"081588818888","Birthday":%s,"JoinDate":%s,"ExpiredGroup":"31 Jul 2019","Gender":%s,"LoyaltyPoint":88}`,
				tc.birthday, tc.joinDate, tc.gender)))
			got, err := f.client(nil).GetCustomer(context.Background(), "c1")
			if err != nil {
				t.Fatal(err)
			}
			if got.Birthday != tc.wantBirth || got.JoinDate != tc.wantJoin || got.Gender != tc.wantGender {
				t.Errorf("Birthday %q, JoinDate %q, Gender %q; want %q, %q, %q", got.Birthday, got.JoinDate, got.Gender, tc.wantBirth, tc.wantJoin, tc.wantGender)
			}
			if got.MobilePhone != "081588818888" || got.ExpiredGroup != "2019-07-31" || got.LoyaltyPoint != 88 {
				t.Errorf("MobilePhone %q, ExpiredGroup %q, LoyaltyPoint %d", got.MobilePhone, got.ExpiredGroup, got.LoyaltyPoint)
			}
		})
	}
}

func TestCustomerReadRejectsMalformedValues(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"unknown date form": `{"ID":"c1","Birthday":"March 18th"}`,
		"impossible date":   `{"ID":"c1","Birthday":"31 Feb 1994"}`,
		"numeric date":      `{"ID":"c1","Birthday":19940318}`,
		"unknown gender":    `{"ID":"c1","Gender":"Other"}`,
		"numeric gender":    `{"ID":"c1","Gender":1}`,
	}
	for name, body := range cases {
		var c Customer
		if err := json.Unmarshal([]byte(body), &c); err == nil {
			t.Errorf("%s: %s decoded without an error: %+v", name, body, c)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Date{
		"18 Mar 1994":            "1994-03-18",
		"8 Mar 1994":             "1994-03-08",
		"1995-03-01T00:00:00":    "1995-03-01",
		"1995-03-01T23:59:59.99": "1995-03-01",
		"1995-03-01":             "1995-03-01",
		" 1995-03-01 ":           "1995-03-01",
		"":                       "",
		// Zones and fractions: the date named, never shifted to UTC.
		"1994-03-18T00:00:00+07:00":    "1994-03-18",
		"1994-03-18T23:30:00-05:00":    "1994-03-18",
		"1994-03-18T00:00:00Z":         "1994-03-18",
		"1994-03-18T00:00:00.1234567":  "1994-03-18",
		"1994-03-18T00:00:00.123+0700": "1994-03-18",
		"1994-03-18 00:00:00":          "1994-03-18",
		"3/18/1994 12:00:00 AM":        "1994-03-18",
		"12/1/1994 11:59:59 PM":        "1994-12-01",
		"3/18/1994":                    "1994-03-18",
		"18 March 1994":                "1994-03-18",
	} {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseDate("1995/03/01"); err == nil {
		t.Error("ParseDate accepted 1995/03/01")
	}
	if DateLayout != "2006-01-02" {
		t.Errorf("DateLayout = %q", DateLayout)
	}
}

func TestNewCustomerCode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		answer    http.HandlerFunc
		want      string
		noGen     bool // errors.Is(err, ErrNoCodeGenerator)
		apiStatus int  // StatusCode(err), when an error is expected
	}{
		{name: "Message object", answer: answer(http.StatusOK, map[string]string{"Message": "MM-004"}), want: "MM-004"},
		{name: "bare JSON string", answer: answer(http.StatusOK, "MM-004"), want: "MM-004"},
		{name: "Code object", answer: answer(http.StatusOK, map[string]string{"Code": "MM-004"}), want: "MM-004"},
		{name: "lower-case code, padded", answer: answer(http.StatusOK, map[string]string{"code": " MM-004 "}), want: "MM-004"},
		{name: "NewCode object", answer: answer(http.StatusOK, map[string]string{"NewCode": "MM-004"}), want: "MM-004"},
		{name: "no code in the answer", answer: answer(http.StatusOK, map[string]string{}), noGen: true},
		{name: "empty string", answer: answer(http.StatusOK, ""), noGen: true},
		{name: "400 about the generator", answer: answer(http.StatusBadRequest, map[string]string{"Message": "This API only works with the Customer Code Generator enabled."}), noGen: true},
		{name: "400 about something else", answer: answer(http.StatusBadRequest, map[string]string{"Message": "Bad request"}), apiStatus: http.StatusBadRequest},
		{name: "server error", answer: answer(http.StatusInternalServerError, map[string]string{"Message": "boom"}), apiStatus: http.StatusInternalServerError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("GET /Customer/NewCode", tc.answer)
			got, err := f.client(nil).NewCustomerCode(context.Background())
			if tc.want != "" {
				if err != nil || got != tc.want {
					t.Fatalf("got %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %q, want an error", got)
			}
			if errors.Is(err, ErrNoCodeGenerator) != tc.noGen {
				t.Errorf("errors.Is(%q, ErrNoCodeGenerator) = %v, want %v", err, !tc.noGen, tc.noGen)
			}
			if StatusCode(err) != tc.apiStatus {
				t.Errorf("StatusCode(%q) = %d, want %d", err, StatusCode(err), tc.apiStatus)
			}
		})
	}
}
