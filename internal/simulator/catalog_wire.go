package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Wire forms of the catalog answers, in the reference's field order.

type categoryItem struct {
	ID           string
	Name         string
	Discontinued bool
}

// categoryDetail is GET /Category/ID. The reference shows only the first
// fields (ParentID, TypeID, Lvl, Descript...); the rest is our guess.
type categoryDetail struct {
	ParentID     *string // null at the top level
	TypeID       int
	Lvl          int
	Description  string
	ID           string `json:",omitempty"` // left out by the CategoryRead "noid" reading
	Name         string
	Code         string
	Discontinued bool
}

type storageItem struct {
	OutletName  string
	StorageName string
}

type productVariant struct {
	ID           string
	Model        string
	Code         string
	UnitCost     int
	UnitPrice    int
	Discount     float64
	Discontinued bool
	Description  string
}

type productRead struct {
	ID             string
	Category       string
	Name           string
	SupplierName   string
	Brand          string
	Code           string
	Discontinued   bool
	Description    string
	Storage        []storageItem
	Tags           []string
	ThumbnailURL   string
	ImageURL       string
	ExtraImagesURL []string
	Variants       []productVariant
}

type variantRef struct {
	Code string
	ID   string
}

// productWritten answers POST/PUT /Product and POST /Variant/Add.
type productWritten struct {
	ID            string
	Variants      []variantRef
	ListVariantID []string
}

type componentItem struct {
	Name string
	Code string
	Qty  float64
}

type variantOutletPrice struct {
	Outlet    string
	Price     int
	ExtraCost int
}

// variantDetail is GET /Variant/Detail.
type variantDetail struct {
	ID           string
	Category     string
	Brand        string
	Product      string
	Variant      string
	Name         string
	Code         string
	Weight       int
	Type         string
	OrderPrice   int
	UnitCost     int
	UnitPrice    int
	Taxable      bool
	LoyaltyPoint bool
	Discontinued bool
	ImageURL     string
	ThumbnailURL string
	Components   []componentItem
	Description  string
	OutletPrice  []variantOutletPrice
}

type outletItem struct {
	ID        string
	Name      string
	Code      string
	Suspended bool
}

type outletPriceItem struct {
	Outlet    string
	UnitPrice int
	ExtraCost int
}

type outletPriceRead struct {
	Code    string
	Outlets []outletPriceItem
}

// each binds every element of the array property name as an object and runs
// fn on it. Element errors are reported with the element's position. It
// answers whether the property was present.
func (b *binder) each(name string, fn func(*binder)) bool {
	v := b.raw(name)
	if v == nil {
		return false
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(v, &elems); err != nil {
		b.fail("The %s field must be an array.", name)
		return true
	}
	for i, e := range elems {
		f, err := decodeFields(e)
		if err != nil {
			b.fail("The %s field must be an array of objects.", name)
			return true
		}
		sub := &binder{f: f}
		fn(sub)
		if sub.err != nil {
			b.fail("%s[%d]: %s", name, i, sub.err.Error())
			return true
		}
	}
	return true
}

// amount reads an optional integer that must not be negative.
func (b *binder) amount(name string) (int, bool) {
	n, ok := b.integer(name)
	if ok && n < 0 {
		b.fail("The %s field must not be negative.", name)
	}
	return n, ok
}

// number reads an optional JSON number (fractions allowed).
func (b *binder) number(name string) (float64, bool) {
	v := b.raw(name)
	if v == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64)
	if err != nil {
		b.fail("The %s field must be a number.", name)
		return 0, false
	}
	return f, true
}

// variantType reads Type as a string or, as the product create example
// shows it, as {"value": "..."}, and checks it against the write enum; ""
// when absent.
func (b *binder) variantType(name string) string {
	v := b.raw(name)
	if v == nil {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		var obj struct{ Value string }
		if json.Unmarshal(v, &obj) != nil {
			b.fail("The %s field must be a string.", name)
			return ""
		}
		s = obj.Value
	}
	for _, t := range variantTypes {
		if strings.EqualFold(s, t) {
			return t
		}
	}
	b.fail("The %s field must be one of %s, got '%s'.", name, strings.Join(variantTypes, ", "), s)
	return ""
}

// arg is a property of the body or, failing that, a query parameter: the
// older reference sends lookups in a JSON body, the newer in the query.
func arg(r *request, b *binder, name string) string {
	if v, ok := b.str(name); ok {
		return v
	}
	return query(r, name)
}

// requiredArg is arg for a key the lookup cannot do without.
func requiredArg(r *request, name string) (string, error) {
	b := bind(r)
	v := arg(r, b, name)
	if b.err == nil && v == "" {
		b.fail("The %s field is required.", name)
	}
	return v, b.err
}

// splitPath normalises a category path: levels trimmed, none empty.
func splitPath(name string) ([]string, error) {
	levels := strings.Split(name, "/")
	for i, l := range levels {
		if levels[i] = strings.TrimSpace(l); levels[i] == "" {
			return nil, fmt.Errorf("The category name '%s' has an empty level.", name) //nolint:staticcheck // ST1005: the API's message
		}
	}
	return levels, nil
}
