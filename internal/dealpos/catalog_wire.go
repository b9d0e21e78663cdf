package dealpos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Integer is an amount, weight or count as the catalog reads answer it. The
// reference types the same value as an integer on writes and as a number on
// reads, so it decodes a JSON number (rounded to the nearest integer), a
// numeric string, "" or null; it encodes as a plain JSON integer.
type Integer int64

// UnmarshalJSON accepts a number, a numeric string, "" or null.
func (n *Integer) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		*n = 0
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s = strings.TrimSpace(s); s == "" {
			*n = 0
			return nil
		}
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = Integer(i)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > math.MaxInt64 {
		return fmt.Errorf("not an integer: %s", s)
	}
	*n = Integer(math.Round(f))
	return nil
}

// Variant types: what PUT /Variant and the product writes take. Reads may
// also answer VariantSerialized, which no write accepts.
const (
	VariantStandard       = "Standard"
	VariantComposite      = "Composite"
	VariantNonInventory   = "NonInventory"
	VariantManufactured   = "Manufactured"
	VariantMultipleUOM    = "MultipleUOM"
	VariantComplementary  = "Complementary"
	VariantPrepaidPackage = "PrepaidPackage"
	VariantPrepaidPoint   = "PrepaidPoint"
	VariantSerialized     = "Serialized"
)

// VariantTypes lists the variant types a write accepts.
var VariantTypes = []string{
	VariantStandard, VariantComposite, VariantNonInventory, VariantManufactured,
	VariantMultipleUOM, VariantComplementary, VariantPrepaidPackage, VariantPrepaidPoint,
}

// ReadVariantTypes lists the variant types a read may answer: those a
// write takes, and Serialized.
var ReadVariantTypes = append(slices.Clone(VariantTypes), VariantSerialized)

// WritableVariantType tells whether a write takes the variant type t.
func WritableVariantType(t string) bool {
	return slices.Contains(VariantTypes, t)
}

// Category is a category as GET /Category/ID answers it; list items carry
// only ID, Name and Discontinued. Name is the full path ("Food/Snack").
type Category struct {
	ID           string `json:"ID"`
	Name         string `json:"Name"`
	Code         string `json:"Code"`
	Discontinued bool   `json:"Discontinued"`
	// ParentID is "" for a top-level category; Lvl is the depth (0 at the top).
	ParentID string `json:"ParentID"`
	Lvl      int    `json:"Lvl"`
}

// UnmarshalJSON tolerates a null ParentID (a top-level category) and a
// numeric Lvl written as a number or a string.
func (c *Category) UnmarshalJSON(b []byte) error {
	type plain Category
	aux := struct {
		*plain
		ParentID *string `json:"ParentID"`
		Lvl      Integer `json:"Lvl"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.ParentID = ""
	if aux.ParentID != nil {
		c.ParentID = *aux.ParentID
	}
	c.Lvl = int(aux.Lvl)
	return nil
}

// CategoryCreate is the body of POST /Category. Missing parent levels of
// Name are created by the API.
type CategoryCreate struct {
	Name string `json:"Name"`
	Code string `json:"Code,omitempty"`
}

// categoryUpdate is the body of PUT /Category: all three are required on
// every call, so Rename = Name only flips Discontinued.
type categoryUpdate struct {
	Name         string `json:"Name"`
	Rename       string `json:"Rename"`
	Discontinued bool   `json:"Discontinued"`
}

// Product is a product as GET /Product/ID and GET /Product/Detail answer it.
type Product struct {
	ID             string           `json:"ID"`
	Category       string           `json:"Category"`
	Name           string           `json:"Name"`
	SupplierName   string           `json:"SupplierName"`
	Brand          string           `json:"Brand"`
	Code           string           `json:"Code"`
	Discontinued   bool             `json:"Discontinued"`
	Description    string           `json:"Description"`
	Storage        []ProductStorage `json:"Storage"`
	Tags           json.RawMessage  `json:"Tags"` // item shape not documented, kept raw
	ThumbnailURL   string           `json:"ThumbnailURL"`
	ImageURL       string           `json:"ImageURL"`
	ExtraImagesURL []string         `json:"ExtraImagesURL"`
	Variants       []Variant        `json:"Variants"`
}

// UnmarshalJSON also reads the legacy BrandName when Brand is empty.
func (p *Product) UnmarshalJSON(b []byte) error {
	type plain Product
	aux := struct {
		*plain
		BrandName string `json:"BrandName"`
	}{plain: (*plain)(p)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	if p.Brand == "" {
		p.Brand = aux.BrandName
	}
	return nil
}

// Variant returns the product's variant with that code, or nil.
func (p *Product) Variant(code string) *Variant {
	for i := range p.Variants {
		if p.Variants[i].Code == code {
			return &p.Variants[i]
		}
	}
	return nil
}

// ProductStorage is a product's storage location in one outlet.
type ProductStorage struct {
	OutletName  string `json:"OutletName"`
	StorageName string `json:"StorageName"`
}

// Variant is a variant as GET /Variant/Detail answers it. Inside a Product
// only ID, Model, Code, UnitCost, UnitPrice, Discount, Discontinued and
// Description are filled.
type Variant struct {
	ID           string               `json:"ID"`
	Code         string               `json:"Code"`
	Model        string               `json:"Model"`
	Name         string               `json:"Name"`     // detail only
	Product      string               `json:"Product"`  // detail only: the product's name
	Category     string               `json:"Category"` // detail only
	Brand        string               `json:"Brand"`    // detail only
	Type         string               `json:"Type"`     // detail only; one of the Variant* constants
	Weight       Integer              `json:"Weight"`
	OrderPrice   Integer              `json:"OrderPrice"` // last purchase price, set by the server
	UnitCost     Integer              `json:"UnitCost"`
	UnitPrice    Integer              `json:"UnitPrice"`
	Discount     float64              `json:"Discount"` // percent, product read only
	Taxable      bool                 `json:"Taxable"`
	LoyaltyPoint bool                 `json:"LoyaltyPoint"`
	Discontinued bool                 `json:"Discontinued"`
	Description  string               `json:"Description"`
	ImageURL     string               `json:"ImageURL"`
	ThumbnailURL string               `json:"ThumbnailURL"`
	Components   []Component          `json:"Components"`
	OutletPrice  []VariantOutletPrice `json:"OutletPrice"`
}

// UnmarshalJSON fills Model from the detail read's Variant property, its
// name for the variant's model there.
func (v *Variant) UnmarshalJSON(b []byte) error {
	type plain Variant
	aux := struct {
		*plain
		Variant string `json:"Variant"`
	}{plain: (*plain)(v)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	if v.Model == "" {
		v.Model = aux.Variant
	}
	return nil
}

// Component is one part of a Composite or Manufactured variant. Name is
// answered by reads and ignored by writes.
type Component struct {
	Code string  `json:"Code"`
	Name string  `json:"Name,omitempty"`
	Qty  float64 `json:"Qty"`
}

// VariantOutletPrice is the inline per-outlet price of PUT /Variant and of
// the variant detail read.
type VariantOutletPrice struct {
	Outlet    string  `json:"Outlet"`
	Price     Integer `json:"Price"`
	ExtraCost Integer `json:"ExtraCost"`
}

// UnmarshalJSON also reads UnitPrice, the Outlet Price endpoints' name for
// Price, since the detail read's item shape is not documented.
func (v *VariantOutletPrice) UnmarshalJSON(b []byte) error {
	type plain VariantOutletPrice
	aux := struct {
		*plain
		UnitPrice *Integer `json:"UnitPrice"`
	}{plain: (*plain)(v)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	if aux.UnitPrice != nil && v.Price == 0 {
		v.Price = *aux.UnitPrice
	}
	return nil
}

// VariantInput is one element of Variants in POST /Product, PUT /Product and
// POST /Variant/Add. Type is taken by the creates only (PUT /Variant changes
// it); empty means Standard.
type VariantInput struct {
	Model              string `json:"Model"`
	Code               string `json:"Code"`
	UnitCost           int64  `json:"UnitCost"`
	UnitPrice          int64  `json:"UnitPrice"`
	Discontinued       bool   `json:"Discontinued"`
	Type               string `json:"Type,omitempty"`
	VariantDescription string `json:"VariantDescription"`
}

// ProductInput is the body of POST /Product and PUT /Product (which selects
// the product by Code). A nil Variants leaves the variants alone on update;
// variants listed are added or updated, unlisted ones are kept (delete them
// with DeleteVariant). A nil ExtraImagesURL leaves the list alone, an empty
// one clears it. The API creates a missing Category path.
type ProductInput struct {
	Category       string         `json:"Category"`
	Name           string         `json:"Name"`
	Brand          string         `json:"Brand,omitempty"`
	Code           string         `json:"Code"`
	Discontinued   bool           `json:"Discontinued"`
	ImageURL       string         `json:"ImageURL,omitempty"`
	ExtraImagesURL []string       `json:"ExtraImagesURL,omitzero"`
	Description    string         `json:"Description"`
	Variants       []VariantInput `json:"Variants,omitzero"`
}

// ProductResult is the answer of the product writes and of POST /Variant/Add:
// the product's ID and the IDs of its variants.
type ProductResult struct {
	ID            string       `json:"ID"`
	Variants      []VariantRef `json:"Variants"`
	ListVariantID []string     `json:"ListVariantID"`
}

// VariantID returns the ID of the variant with that code, or "".
func (r *ProductResult) VariantID(code string) string {
	for _, v := range r.Variants {
		if v.Code == code {
			return v.ID
		}
	}
	return ""
}

// VariantRef pairs a variant's code with its ID.
type VariantRef struct {
	Code string `json:"Code"`
	ID   string `json:"ID"`
}

// VariantUpdate is the body of PUT /Variant, which selects the variant by
// Code. A nil field keeps its value; a nil Components or OutletPrice keeps
// the list, an empty one clears Components. OutletPrice entries are merged
// into the variant's outlet prices by outlet name.
type VariantUpdate struct {
	Code               string               `json:"Code"`
	Model              *string              `json:"Model,omitempty"`
	ProductCode        string               `json:"ProductCode,omitempty"`
	Weight             *int64               `json:"Weight,omitempty"`
	Type               *string              `json:"Type,omitempty"`
	OrderPrice         *int64               `json:"OrderPrice,omitempty"`
	UnitCost           *int64               `json:"UnitCost,omitempty"`
	UnitPrice          *int64               `json:"UnitPrice,omitempty"`
	Taxable            *bool                `json:"Taxable,omitempty"`
	LoyaltyPoint       *bool                `json:"LoyaltyPoint,omitempty"`
	Discontinued       *bool                `json:"Discontinued,omitempty"`
	VariantDescription *string              `json:"VariantDescription,omitempty"`
	Components         []Component          `json:"Components,omitzero"`
	OutletPrice        []VariantOutletPrice `json:"OutletPrice,omitzero"`
}

// Outlet is an outlet as GET /Outlet lists it.
type Outlet struct {
	ID        string `json:"ID"`
	Name      string `json:"Name"`
	Code      string `json:"Code"`
	Suspended bool   `json:"Suspended"`
}

// UnmarshalJSON reads Suspended as a boolean or as the "Yes"/"No" strings
// the outlet filter uses, since the reference does not type the field.
func (o *Outlet) UnmarshalJSON(b []byte) error {
	type plain Outlet
	aux := struct {
		*plain
		Suspended json.RawMessage `json:"Suspended"`
	}{plain: (*plain)(o)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	o.Suspended = false
	raw := strings.Trim(strings.ToLower(string(bytes.TrimSpace(aux.Suspended))), `"`)
	switch raw {
	case "", "null", "false", "no", "0":
	case "true", "yes", "1":
		o.Suspended = true
	default:
		return fmt.Errorf("outlet %s: unrecognised Suspended value %s", o.Name, aux.Suspended)
	}
	return nil
}

// OutletPrice is a variant's per-outlet prices: the answer of GET
// /OutletPrice and the body of its writes. Outlets are named, not IDs.
type OutletPrice struct {
	Code    string             `json:"Code"` // variant code
	Outlets []OutletPriceEntry `json:"Outlets"`
	// unlisted is, for a read whose answer has no Outlets list at all (a
	// list under another name, say), the answer, shortened: that is not
	// "no prices".
	unlisted string
}

// UnmarshalJSON notes whether the answer names an Outlets list.
func (p *OutletPrice) UnmarshalJSON(b []byte) error {
	type plain OutletPrice
	aux := struct {
		*plain
		Outlets *[]OutletPriceEntry `json:"Outlets"`
	}{plain: (*plain)(p)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	p.Outlets, p.unlisted = nil, ""
	if aux.Outlets == nil {
		p.unlisted = truncate(string(bytes.TrimSpace(b)), 200)
		return nil
	}
	p.Outlets = *aux.Outlets
	return nil
}

// OutletPriceEntry is a variant's price and extra cost in one outlet.
type OutletPriceEntry struct {
	Outlet    string  `json:"Outlet"`
	UnitPrice Integer `json:"UnitPrice"`
	ExtraCost Integer `json:"ExtraCost"`
}

// UnmarshalJSON reads the price as UnitPrice (the Outlet Price pages'
// name) or Price (the name of Update Variant's OutletPrice items); an
// entry with neither is an error, never a price of 0.
func (e *OutletPriceEntry) UnmarshalJSON(b []byte) error {
	aux := struct {
		Outlet    string   `json:"Outlet"`
		UnitPrice *Integer `json:"UnitPrice"`
		Price     *Integer `json:"Price"`
		ExtraCost Integer  `json:"ExtraCost"`
	}{}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	price := aux.UnitPrice
	if price == nil {
		price = aux.Price
	}
	if price == nil {
		return fmt.Errorf("the outlet price entry %s has neither UnitPrice nor Price", truncate(string(bytes.TrimSpace(b)), 200))
	}
	*e = OutletPriceEntry{Outlet: aux.Outlet, UnitPrice: *price, ExtraCost: aux.ExtraCost}
	return nil
}
