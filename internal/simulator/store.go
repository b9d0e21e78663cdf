package simulator

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Customer is a stored record in natural Go types.
type Customer struct {
	ID, Code, Name, FirstName, LastName, Title, Email, Phone, Mobile, Fax, Address, City, Nationality, Identification string

	Gender       string    // "", "Male" or "Female"
	Birthday     time.Time // zero = unset
	JoinDate     time.Time
	Group        string
	ExpiredGroup time.Time // zero = unset
	SignUpOutlet string
	ImageURL     string
	LoyaltyPoint int
	Status       string // Active, WaitingForApproval, Suspended
	ReferredBy   string // customer ID
	PIN          string

	EmailVerified, MobileVerified bool
}

// Values of Customer.Status and Customer.Gender.
const (
	StatusActive             = "Active"
	StatusWaitingForApproval = "WaitingForApproval"
	StatusSuspended          = "Suspended"
	GenderMale               = "Male"
	GenderFemale             = "Female"
)

func validStatus(s string) bool {
	return s == StatusActive || s == StatusWaitingForApproval || s == StatusSuspended
}

// stringFields maps each text field name to its place in a Customer. The
// update forms and the CSV loader both set fields through it.
var stringFields = map[string]func(*Customer) *string{
	"ID":             func(c *Customer) *string { return &c.ID },
	"Code":           func(c *Customer) *string { return &c.Code },
	"Name":           func(c *Customer) *string { return &c.Name },
	"FirstName":      func(c *Customer) *string { return &c.FirstName },
	"LastName":       func(c *Customer) *string { return &c.LastName },
	"Title":          func(c *Customer) *string { return &c.Title },
	"Email":          func(c *Customer) *string { return &c.Email },
	"Phone":          func(c *Customer) *string { return &c.Phone },
	"Mobile":         func(c *Customer) *string { return &c.Mobile },
	"Fax":            func(c *Customer) *string { return &c.Fax },
	"Address":        func(c *Customer) *string { return &c.Address },
	"City":           func(c *Customer) *string { return &c.City },
	"Nationality":    func(c *Customer) *string { return &c.Nationality },
	"Identification": func(c *Customer) *string { return &c.Identification },
	"Group":          func(c *Customer) *string { return &c.Group },
	"SignUpOutlet":   func(c *Customer) *string { return &c.SignUpOutlet },
	"ImageURL":       func(c *Customer) *string { return &c.ImageURL },
	"Status":         func(c *Customer) *string { return &c.Status },
	"ReferredBy":     func(c *Customer) *string { return &c.ReferredBy },
	"PIN":            func(c *Customer) *string { return &c.PIN },
}

// newGUID returns a random lowercase version-4 GUID, the live API's ID form.
func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// today is the clock's calendar date, the granularity of every stored date.
func (s *Server) today() time.Time {
	y, m, d := s.now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// listLess is the stable list order: Name case-insensitively, then Code, then ID.
func listLess(a, b *Customer) int {
	return cmp.Or(
		cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.ID, b.ID),
	)
}

// sorted returns the records in list order; callers hold mu.
func (s *Server) sorted() []*Customer {
	out := make([]*Customer, 0, len(s.recs))
	for _, c := range s.recs {
		out = append(out, c)
	}
	slices.SortFunc(out, listLess)
	return out
}

// find returns the first record in list order that matches; callers hold mu.
// Scanning keeps out-of-band edits (Update) free of index bookkeeping.
func (s *Server) find(pred func(*Customer) bool) *Customer {
	var best *Customer
	for _, c := range s.recs {
		if pred(c) && (best == nil || listLess(c, best) < 0) {
			best = c
		}
	}
	return best
}

func (s *Server) byCode(code string) *Customer {
	return s.find(func(c *Customer) bool { return code != "" && c.Code == code })
}

func (s *Server) byEmail(email string) *Customer {
	return s.find(func(c *Customer) bool { return email != "" && strings.EqualFold(c.Email, email) })
}

func (s *Server) byMobile(mobile string) *Customer {
	return s.find(func(c *Customer) bool { return mobile != "" && c.Mobile == mobile })
}

// byPhone matches the mobile number first, then the landline.
func (s *Server) byPhone(phone string) *Customer {
	if c := s.byMobile(phone); c != nil {
		return c
	}
	return s.find(func(c *Customer) bool { return phone != "" && c.Phone == phone })
}

// conflict reports which unique field of c another record already holds,
// as a 400 message in Options.DuplicateWording, or "".
func (s *Server) conflict(c *Customer) string {
	other := func(o *Customer) bool { return o != nil && o.ID != c.ID }
	var field, value string
	switch {
	case other(s.byCode(c.Code)):
		field, value = "Code", c.Code
	case other(s.byEmail(c.Email)):
		field, value = "Email", c.Email
	case other(s.byMobile(c.Mobile)):
		field, value = "Mobile", c.Mobile
	default:
		return ""
	}
	if s.opts.DuplicateWording == WordingRegistered {
		return fmt.Sprintf("%s %s has been registered.", field, value)
	}
	return fmt.Sprintf("Customer with %s '%s' already exists.", field, value)
}

// Insert stores c as given (a new ID when empty, JoinDate today when zero)
// and returns its ID, or an error when the ID, Code, Email or Mobile is taken.
func (s *Server) Insert(c Customer) (string, error) {
	if c.ID == "" {
		c.ID = newGUID()
	}
	if c.JoinDate.IsZero() {
		c.JoinDate = s.today()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.recs[c.ID]; ok {
		return "", fmt.Errorf("customer with ID '%s' already exists", c.ID)
	}
	if m := s.conflict(&c); m != "" {
		return "", fmt.Errorf("%s", m)
	}
	s.recs[c.ID] = &c
	return c.ID, nil
}

// Seed is Insert for tests: it panics on a conflict.
func (s *Server) Seed(c Customer) string {
	id, err := s.Insert(c)
	if err != nil {
		panic("simulator: Seed: " + err.Error())
	}
	return id
}

// Get returns a copy of the record with that ID.
func (s *Server) Get(id string) (Customer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.recs[id]; ok {
		return *c, true
	}
	return Customer{}, false
}

// FindByCode returns a copy of the record with that Code (exact match).
func (s *Server) FindByCode(code string) (Customer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.byCode(code); c != nil {
		return *c, true
	}
	return Customer{}, false
}

// Update edits a record out of band, as a user of the DealPOS back office
// would. fn may change anything but the ID; uniqueness is not enforced, so
// tests can build states the API would refuse.
func (s *Server) Update(id string, fn func(*Customer)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.recs[id]
	if !ok {
		return false
	}
	// fn edits a copy so a pointer it keeps cannot race with the server.
	edited := *c
	fn(&edited)
	edited.ID = id
	s.recs[id] = &edited
	return true
}

// Delete removes a record out of band.
func (s *Server) Delete(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.recs[id]
	delete(s.recs, id)
	return ok
}

// All returns copies of every record in list order.
func (s *Server) All() []Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Customer{}
	for _, c := range s.sorted() {
		out = append(out, *c)
	}
	return out
}

// Len is the number of stored records.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.recs)
}
