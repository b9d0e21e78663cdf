package simulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Date forms: write endpoints and list filters take dateIn; the customer
// read form answers readDate; list items answer listDate.
const (
	dateIn   = "2006-01-02"
	readDate = "02 Jan 2006"
	listDate = "2006-01-02T15:04:05"
)

func formatDate(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // URLs with & stay readable
	if err := enc.Encode(v); err != nil {
		panic("simulator: encoding answer: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// fields is a JSON object body keyed by lower-cased property name: it tells
// an absent property from a present one, and matches names without regard
// to case as the live API's Json.NET binder does.
type fields map[string]json.RawMessage

var errNotObject = errors.New("The request is invalid: the body must be a JSON object.") //nolint:staticcheck // ST1005: this is the message the API answers, not a Go error string

// decodeFields reads a JSON object body; an empty body or null is an empty
// object, so required-field checks give the precise message.
func decodeFields(body []byte) (fields, error) {
	out := fields{}
	if len(bytes.TrimSpace(body)) == 0 {
		return out, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, errNotObject
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errNotObject
	}
	for k, v := range raw {
		out[strings.ToLower(k)] = v
	}
	return out, nil
}

// binder reads typed properties out of fields and keeps the first error, so
// a handler reads everything and checks once.
type binder struct {
	f   fields
	err error
}

// raw is the property's JSON, or nil when it is absent or null: Json.NET
// leaves a property at its default for null, which the API treats as absent.
func (b *binder) raw(name string) json.RawMessage {
	v, ok := b.f[strings.ToLower(name)]
	if !ok || string(bytes.TrimSpace(v)) == "null" {
		return nil
	}
	return v
}

func (b *binder) fail(format string, args ...any) {
	if b.err == nil {
		b.err = fmt.Errorf(format, args...)
	}
}

func (b *binder) str(name string) (string, bool) {
	v := b.raw(name)
	if v == nil {
		return "", false
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		b.fail("The %s field must be a string.", name)
		return "", false
	}
	return s, true
}

// required is a string property that must be present and non-empty.
func (b *binder) required(name string) string {
	s, ok := b.str(name)
	if ok && s == "" || !ok && b.err == nil {
		b.fail("The %s field is required.", name)
	}
	return s
}

func (b *binder) boolean(name string) (bool, bool) {
	v := b.raw(name)
	if v == nil {
		return false, false
	}
	var x bool
	if err := json.Unmarshal(v, &x); err != nil {
		b.fail("The %s field must be a boolean (true or false).", name)
		return false, false
	}
	return x, true
}

// integer accepts only a JSON integer literal: no strings, no fractions.
func (b *binder) integer(name string) (int, bool) {
	v := b.raw(name)
	if v == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(v)))
	if err != nil {
		b.fail("The %s field must be an integer.", name)
		return 0, false
	}
	return n, true
}

func (b *binder) strs(name string) ([]string, bool) {
	v := b.raw(name)
	if v == nil {
		return nil, false
	}
	var x []string
	if err := json.Unmarshal(v, &x); err != nil {
		b.fail("The %s field must be an array of strings.", name)
		return nil, false
	}
	return x, true
}

// date reads a YYYY-MM-DD property. Absent or empty, it is the zero time:
// unset on create, unchanged on update.
func (b *binder) date(name string) time.Time {
	s, ok := b.str(name)
	if !ok || s == "" {
		return time.Time{}
	}
	t, err := time.Parse(dateIn, s)
	if err != nil {
		b.fail("The %s field must be a date in the form YYYY-MM-DD, got '%s'.", name, s)
		return time.Time{}
	}
	return t
}

// bind decodes a request body into a binder. A malformed body becomes the
// binder's error, so handlers still check b.err once after reading.
func bind(r *request) *binder {
	f, err := decodeFields(r.body)
	return &binder{f: f, err: err}
}

// requiredBool is a boolean property that must be present.
func (b *binder) requiredBool(name string) bool {
	v, ok := b.boolean(name)
	if !ok {
		b.fail("The %s field is required.", name)
	}
	return v
}

// positive reads a required integer of at least 1.
func (b *binder) positive(name string) int {
	n, ok := b.integer(name)
	if !ok || n < 1 {
		b.fail("The %s field is required and must be at least 1.", name)
	}
	return n
}

func bad(err error) reply { return msg(400, "%s", err.Error()) }

// readForm is the customer as the read endpoints answer it, in the
// reference's field order. Gender is a string or, on GenderAsBool tenants,
// a boolean.
type readForm struct {
	ID             string
	Name           string
	Email          string
	Title          string
	FirstName      string
	LastName       string
	Gender         any
	Code           string
	Phone          string
	MobilePhone    string
	Fax            string
	Address        string
	City           string
	Nationality    string
	ReferredBy     string
	Identification string
	Birthday       string
	JoinDate       string
	Group          string
	ExpiredGroup   string
	SignUpOutlet   string
	ImageURL       string
	LoyaltyPoint   int
	Status         string
}

func (s *Server) toRead(c *Customer) readForm {
	var gender any = c.Gender
	if s.genderBool.Load() {
		gender = c.Gender == GenderFemale
	}
	return readForm{
		ID: c.ID, Name: c.Name, Email: c.Email, Title: c.Title, FirstName: c.FirstName, LastName: c.LastName,
		Gender: gender, Code: c.Code, Phone: c.Phone, MobilePhone: c.Mobile, Fax: c.Fax, Address: c.Address,
		City: c.City, Nationality: c.Nationality, ReferredBy: c.ReferredBy, Identification: c.Identification,
		Birthday: formatDate(c.Birthday, readDate), JoinDate: formatDate(c.JoinDate, readDate), Group: c.Group,
		ExpiredGroup: formatDate(c.ExpiredGroup, readDate), SignUpOutlet: c.SignUpOutlet, ImageURL: c.ImageURL,
		LoyaltyPoint: c.LoyaltyPoint, Status: c.Status,
	}
}

// listItem is one element of the list endpoints' answers.
type listItem struct {
	Name      string
	Code      string
	Mobile    string
	Email     string
	BirthDate string
	JoinDate  string
	ID        string
}

func toListItem(c *Customer) listItem {
	return listItem{
		Name: c.Name, Code: c.Code, Mobile: c.Mobile, Email: c.Email,
		BirthDate: formatDate(c.Birthday, listDate), JoinDate: formatDate(c.JoinDate, listDate), ID: c.ID,
	}
}
