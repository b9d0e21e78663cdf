package simulator

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// finder looks a customer up by one key; callers hold mu.
type finder func(*Server, string) *Customer

// namedFinder pairs a finder with the property or parameter that feeds it,
// for endpoints that try several keys in a fixed order.
type namedFinder struct {
	name   string
	lookup finder
}

// byID matches the stored ID; GUIDs compare without regard to case.
func (s *Server) byID(id string) *Customer {
	if c, ok := s.recs[id]; ok {
		return c
	}
	return s.recs[strings.ToLower(id)]
}

func notFound() reply { return msg(http.StatusNotFound, "Customer not found.") }

// form describes one write body of the reference: which text properties it
// takes, how Gender is typed, how a referrer is named, and for updates the
// key property that finds the record.
type form struct {
	key        string // update key property; "" for create
	lookup     finder // finds the record by key
	required   []string
	text       []string // text properties, each stored in the Customer field of the same name
	genderBool bool     // Gender is a JSON boolean (create-shaped bodies) rather than "Male"/"Female"
	referral   string   // "ReferralCode" (a customer Code), "ReferredByID" (a customer ID) or ""
}

// with returns the common update properties plus extra, in a fresh slice.
func with(extra ...string) []string {
	return append([]string{"Name", "FirstName", "LastName", "Phone", "Address", "Group", "ImageURL", "Status"}, extra...)
}

var (
	createRequired = []string{"Email", "Name", "Mobile", "Code", "Status"}
	createForm     = form{
		required: createRequired, text: with("Email", "Mobile", "Code", "SignUpOutlet"),
		genderBool: true, referral: "ReferralCode",
	}
	// byEmailForm is the older PUT /Customer: create-shaped, keyed by Email,
	// with the reference's required properties.
	byEmailForm = form{
		key: "Email", lookup: (*Server).byEmail, required: createRequired,
		text: with("Mobile", "Code", "SignUpOutlet"), genderBool: true, referral: "ReferralCode",
	}
	byIDForm     = form{key: "ID", lookup: (*Server).byID, text: with("Code", "Email", "Mobile")}
	byCodeForm   = form{key: "Code", lookup: (*Server).byCode, text: with("Email", "Mobile"), referral: "ReferredByID"}
	byMobileForm = form{key: "Mobile", lookup: (*Server).byMobile, text: with("Code", "Email")}
)

// uncleared are text properties an update may not empty: create requires
// them and the unique lookups depend on them.
var uncleared = []string{"Name", "Code", "Email", "Mobile"}

// replaceRequired are the properties an update under
// Options.UpdateClearsOmitted must carry: the record would lose them.
var replaceRequired = slices.Concat(uncleared, []string{"Status"})

// patch is a parsed write body: only what the body carried changes.
type patch struct {
	text         map[string]string // Customer field -> value; "" clears
	birthday     time.Time         // zero: leave as is (an empty date string does not clear)
	expiredGroup time.Time
	gender       string // "" leaves as is
	loyalty      *int
	referral     *string // as sent; "" clears
}

// parse reads f's properties from b; problems end up in b.err.
func (f form) parse(b *binder) patch {
	for _, name := range f.required {
		b.required(name)
	}
	p := patch{text: map[string]string{}}
	for _, name := range f.text {
		if v, ok := b.str(name); ok {
			p.text[name] = v
		}
	}
	p.birthday = b.date("Birthdate")
	p.expiredGroup = b.date("ExpiredGroup")
	if f.genderBool {
		if female, ok := b.boolean("Gender"); ok {
			p.gender = GenderMale
			if female {
				p.gender = GenderFemale
			}
		}
	} else if g, ok := b.str("Gender"); ok {
		if g != GenderMale && g != GenderFemale {
			b.fail("The Gender field must be 'Male' or 'Female', got '%s'.", g)
		}
		p.gender = g
	}
	if n, ok := b.integer("LoyaltyPoint"); ok {
		if n < 0 {
			b.fail("The LoyaltyPoint field must not be negative.")
		}
		p.loyalty = &n
	}
	if f.referral != "" {
		if v, ok := b.str(f.referral); ok {
			p.referral = &v
		}
	}
	for _, name := range uncleared {
		if v, ok := p.text[name]; ok && v == "" {
			b.fail("The %s field must not be empty.", name)
		}
	}
	if v, ok := p.text["Status"]; ok && !validStatus(v) {
		b.fail("The Status field must be one of Active, WaitingForApproval or Suspended, got '%s'.", v)
	}
	return p
}

// apply writes p into c, resolving the referrer against the store, and
// returns a 400 message when the result would break a rule. Callers hold mu
// and pass a copy, so a refused write leaves the record untouched.
func (s *Server) apply(c *Customer, p patch, f form) string {
	for name, v := range p.text {
		*stringFields[name](c) = v
	}
	if !p.birthday.IsZero() {
		c.Birthday = p.birthday
	}
	if !p.expiredGroup.IsZero() {
		c.ExpiredGroup = p.expiredGroup
	}
	if p.gender != "" {
		c.Gender = p.gender
	}
	if p.loyalty != nil {
		c.LoyaltyPoint = *p.loyalty
	}
	if p.referral != nil {
		ref := *p.referral
		var referrer *Customer
		switch {
		case ref == "":
		case f.referral == "ReferralCode":
			if referrer = s.byCode(ref); referrer == nil {
				return fmt.Sprintf("Referral code '%s' does not belong to any customer.", ref)
			}
		default:
			if referrer = s.byID(ref); referrer == nil {
				return fmt.Sprintf("Referrer customer '%s' does not exist.", ref)
			}
		}
		c.ReferredBy = ""
		if referrer != nil {
			if referrer.ID == c.ID {
				return "A customer cannot refer itself."
			}
			c.ReferredBy = referrer.ID
		}
	}
	return s.conflict(c)
}

// cleared is c with every property f takes reset, but its key: text "",
// dates and gender unset, no loyalty points, no referrer. An update under
// Options.UpdateClearsOmitted applies its body to it, so what the body omits
// is gone; what f cannot write (join date, sign-up outlet, the read-only
// extras, a referrer f does not take) stays.
func (f form) cleared(c Customer) Customer {
	for _, name := range f.text {
		*stringFields[name](&c) = ""
	}
	c.Birthday, c.ExpiredGroup, c.Gender, c.LoyaltyPoint = time.Time{}, time.Time{}, "", 0
	if f.referral != "" {
		c.ReferredBy = ""
	}
	return c
}

// requiredAfterReplace refuses a replacing update that left out one of
// replaceRequired.
func requiredAfterReplace(c *Customer) string {
	for _, name := range replaceRequired {
		if *stringFields[name](c) == "" {
			return fmt.Sprintf("The %s field is required.", name)
		}
	}
	return ""
}

// create is POST /Customer. The record is stored before the lost-create
// fault decides whether the client hears about it.
func (s *Server) create(r *request) reply {
	b := bind(r)
	p := createForm.parse(b)
	if b.err != nil {
		return bad(b.err)
	}
	c := &Customer{ID: newGUID(), JoinDate: s.today()}
	s.mu.Lock()
	s.landLate()
	if m := s.apply(c, p, createForm); m != "" {
		s.mu.Unlock()
		return msg(http.StatusBadRequest, "%s", m)
	}
	s.recs[c.ID] = c
	s.mu.Unlock()

	if lost, mode := s.lostCreate(); lost {
		switch mode {
		case LostCreateDrop:
			return reply{drop: true}
		case LostCreateLate:
			s.mu.Lock()
			delete(s.recs, c.ID)
			s.late = append(s.late, c)
			s.mu.Unlock()
		}
		return badGateway()
	}
	return jsonReply(http.StatusOK, struct{ ID string }{c.ID})
}

// landLate stores the creates LostCreateLate held back, unless a record
// stored since takes their code, email or mobile. Callers hold mu.
func (s *Server) landLate() {
	for _, c := range s.late {
		if s.conflict(c) == "" {
			s.recs[c.ID] = c
		}
	}
	s.late = nil
}

// updateHandler serves one of the update forms.
func updateHandler(f form) handler {
	return func(s *Server, r *request) reply {
		b := bind(r)
		key := b.required(f.key)
		p := f.parse(b)
		if b.err != nil {
			return bad(b.err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		cur := f.lookup(s, key)
		if cur == nil {
			return notFound()
		}
		next := *cur
		if s.opts.UpdateClearsOmitted {
			next = f.cleared(next)
		}
		m := s.apply(&next, p, f)
		if m == "" && s.opts.UpdateClearsOmitted {
			m = requiredAfterReplace(&next)
		}
		if m != "" {
			return msg(http.StatusBadRequest, "%s", m)
		}
		s.recs[next.ID] = &next
		return jsonReply(http.StatusOK, struct{ ID, Message string }{next.ID, "Record updated"})
	}
}

// locate binds the body, finds the customer named by the required property
// prop and runs fn on it under the store lock. extra, when set, reads more
// properties before the lookup so every 400 comes before a 404.
func (s *Server) locate(r *request, prop string, lookup finder, extra func(*binder), fn func(*Customer) reply) reply {
	b := bind(r)
	key := b.required(prop)
	if extra != nil {
		extra(b)
	}
	if b.err != nil {
		return bad(b.err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := lookup(s, key)
	if c == nil {
		return notFound()
	}
	return fn(c)
}

// readOne answers the read form of the customer lookup finds by key.
func (s *Server) readOne(lookup finder, key string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := lookup(s, key)
	if c == nil {
		return notFound()
	}
	return jsonReply(http.StatusOK, s.toRead(c))
}

func (s *Server) getByID(r *request) reply {
	return s.readOne((*Server).byID, r.params["id"])
}

// lookupHandler serves the GET-or-POST lookups by a body property.
func lookupHandler(prop string, lookup finder) handler {
	return func(s *Server, r *request) reply {
		return s.locate(r, prop, lookup, nil, func(c *Customer) reply {
			return jsonReply(http.StatusOK, s.toRead(c))
		})
	}
}

// query returns a query parameter, matching its name without regard to case.
func query(r *request, name string) string {
	for k, vs := range r.URL.Query() {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

// detail is the newer GET /Customer/Detail: the first of ID, Code, Email,
// Mobile given in the query decides the lookup.
func (s *Server) detail(r *request) reply {
	keys := []namedFinder{{"ID", (*Server).byID}, {"Code", (*Server).byCode}, {"Email", (*Server).byEmail}, {"Mobile", (*Server).byMobile}}
	for _, k := range keys {
		if v := query(r, k.name); v != "" {
			return s.readOne(k.lookup, v)
		}
	}
	return msg(http.StatusBadRequest, "One of the query parameters ID, Code, Email or Mobile is required.")
}

func (s *Server) deleteByCode(r *request) reply {
	return s.locate(r, "Code", (*Server).byCode, nil, func(c *Customer) reply {
		delete(s.recs, c.ID)
		return msg(http.StatusOK, "Customer ID: %s has been deleted successfully.", c.ID)
	})
}

// deleteByEmail answers a bare JSON string, as the reference shows.
func (s *Server) deleteByEmail(r *request) reply {
	return s.locate(r, "Email", (*Server).byEmail, nil, func(c *Customer) reply {
		delete(s.recs, c.ID)
		return jsonReply(http.StatusOK, "Customer has been deleted successfully.")
	})
}

// verifyHandler serves VerifyMobile and VerifyEmail.
func verifyHandler(prop, flag string, lookup finder) handler {
	return func(s *Server, r *request) reply {
		var verified bool
		read := func(b *binder) { verified = b.requiredBool(flag) }
		return s.locate(r, prop, lookup, read, func(c *Customer) reply {
			if flag == "MobileVerified" {
				c.MobileVerified = verified
				return msg(http.StatusOK, "Update Mobile Verified is success")
			}
			c.EmailVerified = verified
			return msg(http.StatusOK, "Update Email Verified is success")
		})
	}
}

// statusHandler serves Suspend and Unsuspend: the first of ID, Code, Email,
// Phone that finds a customer wins, in that order, as the reference's
// hierarchy says.
func statusHandler(status, done string) handler {
	return func(s *Server, r *request) reply {
		b := bind(r)
		keys := []namedFinder{{"ID", (*Server).byID}, {"Code", (*Server).byCode}, {"Email", (*Server).byEmail}, {"Phone", (*Server).byPhone}}
		vals := make([]string, len(keys))
		given := false
		for i, k := range keys {
			vals[i], _ = b.str(k.name)
			given = given || vals[i] != ""
		}
		if b.err != nil {
			return bad(b.err)
		}
		if !given {
			return msg(http.StatusBadRequest, "One of ID, Code, Email or Phone is required.")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for i, k := range keys {
			if c := k.lookup(s, vals[i]); vals[i] != "" && c != nil {
				c.Status = status
				return msg(http.StatusOK, "%s", done)
			}
		}
		return notFound()
	}
}

// page runs a list query: filter, stable order, cap the page size, slice.
// It answers the page and the count of every match.
func (s *Server) page(r *request, nameAndOutlet bool) ([]listItem, int, error) {
	b := bind(r)
	// The newer reference passes the filters in the query string; a body
	// property wins over a query parameter of the same name.
	str := func(name string) string {
		if v, ok := b.str(name); ok {
			return v
		}
		return query(r, name)
	}
	date := func(name string) time.Time {
		v := str(name)
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse(dateIn, v)
		if err != nil {
			b.fail("The %s field must be a date in the form YYYY-MM-DD, got '%s'.", name, v)
		}
		return t
	}
	number, size := b.positive("PageNumber"), b.positive("PageSize")
	from, to := date("From"), date("To")
	var name, outlet string
	if nameAndOutlet {
		name, outlet = strings.ToLower(str("Name")), str("Outlet")
	}
	if b.err != nil {
		return nil, 0, b.err
	}
	size = min(size, s.opts.PageCap)

	s.mu.Lock()
	defer s.mu.Unlock()
	var hits []listItem
	for _, c := range s.sorted() {
		join := dateOnly(c.JoinDate)
		switch {
		case name != "" && !strings.Contains(strings.ToLower(c.Name), name),
			outlet != "" && !strings.EqualFold(c.SignUpOutlet, outlet),
			!from.IsZero() && join.Before(from),
			!to.IsZero() && join.After(to):
			continue
		}
		hits = append(hits, toListItem(c))
	}
	items := []listItem{}
	if pages := (len(hits) + size - 1) / size; number <= pages {
		start := (number - 1) * size
		items = hits[start:min(start+size, len(hits))]
	}
	return items, len(hits), nil
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// list is GET /Customer (JSON body) and POST /Customer/p.
func (s *Server) list(r *request) reply {
	items, _, err := s.page(r, true)
	if err != nil {
		return bad(err)
	}
	return jsonReply(http.StatusOK, items)
}

// listWithTotal is /Customer/WithTotalCount: no Name or Outlet filter.
func (s *Server) listWithTotal(r *request) reply {
	items, total, err := s.page(r, false)
	if err != nil {
		return bad(err)
	}
	return jsonReply(http.StatusOK, struct {
		Data       []listItem
		TotalCount int
	}{items, total})
}

// newCode answers the next code the Customer Code Generator would assign:
// one past the highest number among codes of the form prefix+digits.
func (s *Server) newCode(*request) reply {
	if rep, ok := s.answerNewCode(); ok {
		return rep
	}
	prefix := s.opts.CodePrefix
	if prefix == "" {
		return msg(http.StatusBadRequest, "The Customer Code Generator is not enabled for this account.")
	}
	s.mu.Lock()
	highest := 0
	for _, c := range s.recs {
		// Atoi, not Sscan: a leading zero must not make "010" octal.
		digits, ok := strings.CutPrefix(c.Code, prefix)
		if n, err := strconv.Atoi(digits); ok && err == nil && n > highest && strings.Trim(digits, "0123456789") == "" {
			highest = n
		}
	}
	s.mu.Unlock()
	code := fmt.Sprintf("%s%03d", prefix, highest+1)
	switch s.opts.NewCodeShape {
	case ShapeString:
		return jsonReply(http.StatusOK, code)
	case ShapeObject:
		return jsonReply(http.StatusOK, struct{ Code string }{code})
	}
	return msg(http.StatusOK, "%s", code)
}

// merge moves the deleted customers' loyalty points to the target and
// deletes them; the target keeps everything else of its own (see the
// package doc). Everything is checked before anything changes.
func (s *Server) merge(r *request) reply {
	b := bind(r)
	target := b.required("mergeTarget")
	deleted, ok := b.strs("deleted")
	if b.err == nil && (!ok || len(deleted) == 0) {
		b.fail("The deleted field is required and must list at least one customer ID.")
	}
	if b.err != nil {
		return bad(b.err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.byID(target)
	if t == nil {
		return notFound()
	}
	var gone []*Customer
	for _, id := range deleted {
		c := s.byID(id)
		switch {
		case c == nil:
			return notFound()
		case c.ID == t.ID:
			return msg(http.StatusBadRequest, "The merge target cannot also be deleted.")
		case !slices.Contains(gone, c):
			gone = append(gone, c)
		}
	}
	if s.opts.MergeRefusesSuspended {
		for _, c := range append([]*Customer{t}, gone...) {
			if c.Status == StatusSuspended {
				return msg(http.StatusBadRequest, "Customer %s is suspended and cannot be merged.", c.Code)
			}
		}
	}
	if s.opts.MergeLeavesDeleted {
		return msg(http.StatusOK, "Merge Completed")
	}
	for _, c := range gone {
		t.LoyaltyPoint += c.LoyaltyPoint
		delete(s.recs, c.ID)
	}
	return msg(http.StatusOK, "Merge Completed")
}

func (s *Server) getPIN(r *request) reply {
	id := query(r, "ID")
	if id == "" {
		return msg(http.StatusBadRequest, "The ID query parameter is required.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.byID(id)
	if c == nil {
		return notFound()
	}
	return jsonReply(http.StatusOK, struct{ PIN string }{c.PIN})
}

// setPIN takes 1 to 6 digits, the reference's "Max-length= 6 digits and
// only number".
func (s *Server) setPIN(r *request) reply {
	var pin string
	read := func(b *binder) {
		pin = b.required("PIN")
		if b.err == nil && (len(pin) > 6 || strings.Trim(pin, "0123456789") != "") {
			b.fail("The PIN must be 1 to 6 digits.")
		}
	}
	return s.locate(r, "ID", (*Server).byID, read, func(c *Customer) reply {
		c.PIN = pin
		return msg(http.StatusOK, "PIN for Customer %s already set", c.ID)
	})
}
