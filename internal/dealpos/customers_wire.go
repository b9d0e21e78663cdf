package dealpos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// DateLayout is the form every write endpoint takes and every Date holds.
const DateLayout = "2006-01-02"

// readDateLayouts are the forms the API family answers dates in: the
// customer read endpoints say "18 Mar 1994", list items say
// "1995-03-01T00:00:00" (with a zone or a fraction on some endpoints), the
// write form shows up in some answers too, and ASP.NET's default
// DateTime.ToString of an en-US tenant says "3/18/1994 12:00:00 AM". A
// zoned timestamp keeps the date it names, never shifted to UTC.
var readDateLayouts = []string{
	"02 Jan 2006",
	"2 Jan 2006",
	"2 January 2006",
	DateLayout,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999",
	"1/2/2006 3:04:05 PM",
	"1/2/2006 15:04:05",
	"1/2/2006",
}

// Date is a calendar date normalised to YYYY-MM-DD, or "" when unset.
// It decodes every date form the API answers with.
type Date string

// ParseDate normalises any date form the API uses to YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range readDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return Date(t.Format(DateLayout)), nil
		}
	}
	return "", fmt.Errorf("unrecognised date %q", s)
}

// UnmarshalJSON accepts a string in any API date form, or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*d = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Gender values as the update endpoints take them and Read normalises to.
const (
	GenderMale   = "Male"
	GenderFemale = "Female"
)

// Gender is "Male", "Female" or "" (unset). The read endpoints answer either
// the string form or, on some tenants, a boolean (false is Male, true is
// Female, as the reference's examples pair them).
type Gender string

// UnmarshalJSON accepts "Male"/"Female" in any case, a boolean, "" or null.
func (g *Gender) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "null":
		*g = ""
		return nil
	case "true":
		*g = GenderFemale
		return nil
	case "false":
		*g = GenderMale
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("gender: %w", err)
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		*g = ""
	case "male", "m", "false":
		*g = GenderMale
	case "female", "f", "true":
		*g = GenderFemale
	default:
		return fmt.Errorf("unrecognised gender %q", s)
	}
	return nil
}

// GenderBool is the create endpoint's boolean form of a gender.
func GenderBool(g string) *bool {
	switch g {
	case GenderMale:
		b := false
		return &b
	case GenderFemale:
		b := true
		return &b
	}
	return nil
}

// Customer is a customer record in the form the read endpoints answer
// (GET /Customer/id/{id}, /Customer/Code, /Customer/Email, /Customer/MobilePhone).
type Customer struct {
	ID             string `json:"ID"`
	Name           string `json:"Name"`
	Email          string `json:"Email"`
	Title          string `json:"Title"`
	FirstName      string `json:"FirstName"`
	LastName       string `json:"LastName"`
	Gender         Gender `json:"Gender"`
	Code           string `json:"Code"`
	Phone          string `json:"Phone"`
	MobilePhone    string `json:"MobilePhone"`
	Fax            string `json:"Fax"`
	Address        string `json:"Address"`
	City           string `json:"City"`
	Nationality    string `json:"Nationality"`
	ReferredBy     string `json:"ReferredBy"`
	Identification string `json:"Identification"`
	Birthday       Date   `json:"Birthday"`
	JoinDate       Date   `json:"JoinDate"`
	Group          string `json:"Group"`
	ExpiredGroup   Date   `json:"ExpiredGroup"`
	SignUpOutlet   string `json:"SignUpOutlet"`
	ImageURL       string `json:"ImageURL"`
	LoyaltyPoint   int64  `json:"LoyaltyPoint"`
	Status         string `json:"Status"`
}

// CustomerCreate is the body of POST /Customer. Empty fields are left out
// of the JSON, the required ones too: the API is never sent a value the
// caller did not set, and answers a missing required field itself.
type CustomerCreate struct {
	Email        string `json:"Email,omitempty"`
	Name         string `json:"Name,omitempty"`
	FirstName    string `json:"FirstName,omitempty"`
	LastName     string `json:"LastName,omitempty"`
	Birthdate    Date   `json:"Birthdate,omitempty"`
	Phone        string `json:"Phone,omitempty"`
	Mobile       string `json:"Mobile,omitempty"`
	Address      string `json:"Address,omitempty"`
	Gender       *bool  `json:"Gender,omitempty"`
	Code         string `json:"Code,omitempty"`
	Group        string `json:"Group,omitempty"`
	ExpiredGroup Date   `json:"ExpiredGroup,omitempty"`
	LoyaltyPoint *int64 `json:"LoyaltyPoint,omitempty"`
	ImageURL     string `json:"ImageURL,omitempty"`
	Status       string `json:"Status,omitempty"`
	ReferralCode string `json:"ReferralCode,omitempty"`
	SignUpOutlet string `json:"SignUpOutlet,omitempty"`
}

// CustomerUpdate is the body of PUT /Customer/ByID. A nil field is left out and keeps its value on
// the server; a pointer to "" clears a text field.
type CustomerUpdate struct {
	ID           string  `json:"ID,omitempty"`
	Code         *string `json:"Code,omitempty"`
	Name         *string `json:"Name,omitempty"`
	FirstName    *string `json:"FirstName,omitempty"`
	LastName     *string `json:"LastName,omitempty"`
	Birthdate    *Date   `json:"Birthdate,omitempty"`
	Email        *string `json:"Email,omitempty"`
	Phone        *string `json:"Phone,omitempty"`
	Mobile       *string `json:"Mobile,omitempty"`
	Address      *string `json:"Address,omitempty"`
	Gender       *string `json:"Gender,omitempty"`
	Group        *string `json:"Group,omitempty"`
	ExpiredGroup *Date   `json:"ExpiredGroup,omitempty"`
	LoyaltyPoint *int64  `json:"LoyaltyPoint,omitempty"`
	ImageURL     *string `json:"ImageURL,omitempty"`
	Status       *string `json:"Status,omitempty"`
}

// keepCurrent sets every field left nil to cur's value, in the write form:
// MobilePhone is sent as Mobile, dates as YYYY-MM-DD, Gender as "Male" or
// "Female" (whatever form the read answered). A value cur lacks ("", no
// date, no gender, no points) stays nil: omitted or cleared, it ends empty.
// The referrer and sign-up outlet are not fields of the update.
func (u *CustomerUpdate) keepCurrent(cur *Customer) {
	keep(&u.Code, cur.Code)
	keep(&u.Name, cur.Name)
	keep(&u.FirstName, cur.FirstName)
	keep(&u.LastName, cur.LastName)
	keep(&u.Email, cur.Email)
	keep(&u.Phone, cur.Phone)
	keep(&u.Mobile, cur.MobilePhone)
	keep(&u.Address, cur.Address)
	keep(&u.Gender, string(cur.Gender))
	keep(&u.Group, cur.Group)
	keep(&u.ImageURL, cur.ImageURL)
	keep(&u.Status, cur.Status)
	keep(&u.Birthdate, cur.Birthday)
	keep(&u.ExpiredGroup, cur.ExpiredGroup)
	keep(&u.LoyaltyPoint, cur.LoyaltyPoint)
}

// keep points a nil field at v, unless v is the zero value.
func keep[T comparable](field **T, v T) {
	var zero T
	if *field == nil && v != zero {
		*field = &v
	}
}

// CustomerListItem is one entry of the list endpoints' answers.
type CustomerListItem struct {
	ID        string `json:"ID"`
	Name      string `json:"Name"`
	Code      string `json:"Code"`
	Mobile    string `json:"Mobile"`
	Email     string `json:"Email"`
	BirthDate Date   `json:"BirthDate"`
	JoinDate  Date   `json:"JoinDate"`
}

// ListCustomersRequest is the body of POST /Customer/p. From and To bound the
// join date (YYYY-MM-DD). Name and Outlet are ignored by the WithTotalCount form.
type ListCustomersRequest struct {
	Name       string `json:"Name,omitempty"`
	Outlet     string `json:"Outlet,omitempty"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	From       string `json:"From,omitempty"`
	To         string `json:"To,omitempty"`
}

// CustomerPage is the answer of POST /Customer/WithTotalCount.
type CustomerPage struct {
	Data       []CustomerListItem `json:"Data"`
	TotalCount int                `json:"TotalCount"`
}
