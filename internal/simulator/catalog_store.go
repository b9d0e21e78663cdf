package simulator

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// The catalog's store: its records, their lookups, and the views the
// handlers (catalog.go) answer.

// Category is a stored category. Name is the full path ("Food/Snack"); each
// ancestor level is a category of its own.
type Category struct {
	ID, Name, Code string
	Discontinued   bool
}

// Product is a stored product with its variants, as Products reports it.
type Product struct {
	ID, Code, Name, Category, Brand, Description, ImageURL string
	ExtraImagesURL                                         []string
	Discontinued                                           bool
	Variants                                               []Variant
}

// Variant is a stored variant with its outlet prices.
type Variant struct {
	ID, Code, Model, Type, Description      string
	Weight, OrderPrice, UnitCost, UnitPrice int
	Taxable, LoyaltyPoint, Discontinued     bool
	Components                              []Component
	Prices                                  []OutletPrice // in outlet order
}

// Component is one part of a composite variant.
type Component struct {
	Code string
	Qty  float64
}

// Outlet is a stored outlet. The provider only reads outlets, so tests set
// them with Options.Outlets or SetOutlets; a new Server has DefaultOutlets
// unless Options.Outlets says otherwise.
type Outlet struct {
	ID, Name, Code, Receipt, NegativeInventory string
	Suspended                                  bool
}

// OutletPrice is a variant's price and extra cost in one outlet.
type OutletPrice struct {
	Outlet               string
	UnitPrice, ExtraCost int
}

// DefaultOutlets are the outlets of a new Server.
var DefaultOutlets = []Outlet{
	{Name: "Main Outlet", Code: "001", Receipt: "001", NegativeInventory: "Yes"},
	{Name: "Second Outlet", Code: "002", Receipt: "002", NegativeInventory: "Yes"},
}

// variantTypes is the write enum of variant types (the reads add Serialized).
var variantTypes = []string{"Standard", "Composite", "NonInventory", "Manufactured", "MultipleUOM", "Complementary", "PrepaidPackage", "PrepaidPoint"}

type product struct {
	ID, Code, Name, CategoryID, Brand, Description, ImageURL string
	ExtraImages                                              []string
	Discontinued                                             bool
}

type variant struct {
	Variant   // Prices unused here: they live in catalog.prices
	productID string
	seq       int // creation order, the order of a product's variants
}

type price struct{ unit, extra int }

// catalog is the catalog store of one Server. mu guards all of it, with
// the discipline of the customer store: handlers bind the body first and
// hold mu only around store work; exported methods return copies.
type catalog struct {
	mu      sync.Mutex
	cats    map[string]*Category
	prods   map[string]*product
	vars    map[string]*variant
	outlets []*Outlet
	prices  map[string]map[string]price // variant ID -> outlet ID -> price
	seq     int
}

// newCatalog is an empty catalog with outlets (DefaultOutlets when nil).
func newCatalog(outlets []Outlet) *catalog {
	if outlets == nil {
		outlets = DefaultOutlets
	}
	c := &catalog{cats: map[string]*Category{}, prods: map[string]*product{}, vars: map[string]*variant{}, prices: map[string]map[string]price{}}
	c.setOutlets(outlets)
	return c
}

// lockCatalog returns the Server's catalog locked; callers unlock mu.
func (s *Server) lockCatalog() *catalog {
	s.cat.mu.Lock()
	return s.cat
}

// ---- exported store access, for tests, demos and /_sim dumps ----

// SetOutlets replaces the outlets (an empty ID gets a new GUID) and drops
// outlet prices of outlets that are gone.
func (s *Server) SetOutlets(outlets ...Outlet) {
	c := s.lockCatalog()
	defer c.mu.Unlock()
	c.setOutlets(outlets)
}

func (c *catalog) setOutlets(outlets []Outlet) {
	c.outlets = nil
	keep := map[string]bool{}
	for _, o := range outlets {
		if o.ID == "" {
			o.ID = newGUID()
		}
		keep[o.ID] = true
		c.outlets = append(c.outlets, &o)
	}
	for _, m := range c.prices {
		for id := range m {
			if !keep[id] {
				delete(m, id)
			}
		}
	}
}

// snapshot converts the records list picks, under the catalog lock.
func snapshot[T, R any](s *Server, pick func(*catalog) []*T, conv func(*catalog, *T) R) []R {
	c := s.lockCatalog()
	defer c.mu.Unlock()
	out := []R{}
	for _, rec := range pick(c) {
		out = append(out, conv(c, rec))
	}
	return out
}

func deref[T any](_ *catalog, p *T) T { return *p }

// Outlets returns copies of the outlets in list order.
func (s *Server) Outlets() []Outlet {
	return snapshot(s, func(c *catalog) []*Outlet { return c.outlets }, deref)
}

// Categories returns copies of every category, ordered by path.
func (s *Server) Categories() []Category {
	return snapshot(s, (*catalog).sortedCategories, deref)
}

// Products returns every product with its variants, ordered by name.
func (s *Server) Products() []Product {
	return snapshot(s, (*catalog).sortedProducts, (*catalog).export)
}

func (c *catalog) export(p *product) Product {
	out := Product{
		ID: p.ID, Code: p.Code, Name: p.Name, Category: c.cats[p.CategoryID].Name, Brand: p.Brand,
		Description: p.Description, ImageURL: p.ImageURL, ExtraImagesURL: slices.Clone(p.ExtraImages), Discontinued: p.Discontinued,
	}
	for _, v := range c.variantsOf(p.ID) {
		cp := v.Variant
		cp.Components = slices.Clone(v.Components)
		cp.Prices = nil
		for _, item := range c.priceItems(v.ID) {
			cp.Prices = append(cp.Prices, OutletPrice(item))
		}
		out.Variants = append(out.Variants, cp)
	}
	return out
}

// SetVariantType sets the stored type of the variant with that code,
// Serialized included (a type only DealPOS itself assigns: no write takes
// it), as a tenant's own data would have it.
func (s *Server) SetVariantType(code, typ string) error {
	c := s.lockCatalog()
	defer c.mu.Unlock()
	v := c.variantByCode(code)
	if v == nil {
		return fmt.Errorf("no variant has code %q", code)
	}
	v.Type = typ
	return nil
}

// ---- store helpers; callers hold mu ----

func (c *catalog) nextSeq() int { c.seq++; return c.seq }

func (c *catalog) sortedCategories() []*Category {
	out := slices.Collect(maps.Values(c.cats))
	slices.SortFunc(out, func(a, b *Category) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out
}

func (c *catalog) sortedProducts() []*product {
	out := slices.Collect(maps.Values(c.prods))
	slices.SortFunc(out, func(a, b *product) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Code, b.Code))
	})
	return out
}

// categoryByName matches a full path without regard to case, like the SQL
// Server collation behind the live API.
func (c *catalog) categoryByName(name string) *Category {
	return firstWhere(c.cats, func(cat *Category) bool { return strings.EqualFold(cat.Name, name) })
}

// ensure returns the category at levels, creating it and every missing
// ancestor (unmanaged parents with no code).
func (c *catalog) ensure(levels []string) *Category {
	var cat *Category
	for i := range levels {
		name := strings.Join(levels[:i+1], "/")
		if cat = c.categoryByName(name); cat == nil {
			cat = &Category{ID: newGUID(), Name: name}
			c.cats[cat.ID] = cat
		}
	}
	return cat
}

// descendants are the categories below cat, at any depth.
func (c *catalog) descendants(cat *Category) []*Category {
	var out []*Category
	prefix := strings.ToLower(cat.Name) + "/"
	for _, o := range c.cats {
		if strings.HasPrefix(strings.ToLower(o.Name), prefix) {
			out = append(out, o)
		}
	}
	return out
}

func (c *catalog) detail(cat *Category) categoryDetail {
	out := categoryDetail{ID: cat.ID, Name: cat.Name, Code: cat.Code, Discontinued: cat.Discontinued, Lvl: strings.Count(cat.Name, "/")}
	if i := strings.LastIndex(cat.Name, "/"); i >= 0 {
		if parent := c.categoryByName(cat.Name[:i]); parent != nil {
			out.ParentID = &parent.ID
		}
	}
	return out
}

// byGUID finds a record by ID; GUIDs compare without regard to case.
func byGUID[T any](m map[string]*T, id string) *T {
	if v, ok := m[id]; ok {
		return v
	}
	return m[strings.ToLower(id)]
}

// firstWhere is the record of m that matches, or nil.
func firstWhere[T any](m map[string]*T, match func(*T) bool) *T {
	for _, v := range m {
		if match(v) {
			return v
		}
	}
	return nil
}

// productByCode and variantByCode match codes exactly, as for customers.
func (c *catalog) productByCode(code string) *product {
	return firstWhere(c.prods, func(p *product) bool { return code != "" && p.Code == code })
}

func (c *catalog) variantByCode(code string) *variant {
	return firstWhere(c.vars, func(v *variant) bool { return code != "" && v.Code == code })
}

func (c *catalog) variantsOf(productID string) []*variant {
	var out []*variant
	for _, v := range c.vars {
		if v.productID == productID {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b *variant) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

func (c *catalog) outletByName(name string) *Outlet {
	for _, o := range c.outlets {
		if strings.EqualFold(o.Name, name) {
			return o
		}
	}
	return nil
}

func (c *catalog) removeVariant(v *variant) {
	delete(c.vars, v.ID)
	delete(c.prices, v.ID)
}

// priceItems are a variant's outlet prices in outlet order.
func (c *catalog) priceItems(variantID string) []outletPriceItem {
	out := []outletPriceItem{}
	for _, o := range c.outlets {
		if p, ok := c.prices[variantID][o.ID]; ok {
			out = append(out, outletPriceItem{Outlet: o.Name, UnitPrice: p.unit, ExtraCost: p.extra})
		}
	}
	return out
}

func (c *catalog) readProduct(p *product) productRead {
	out := productRead{
		ID: p.ID, Category: c.cats[p.CategoryID].Name, Name: p.Name, Brand: p.Brand, Code: p.Code,
		Discontinued: p.Discontinued, Description: p.Description, Storage: []storageItem{}, Tags: []string{},
		ThumbnailURL: p.ImageURL, ImageURL: p.ImageURL, ExtraImagesURL: append([]string{}, p.ExtraImages...),
		Variants: []productVariant{},
	}
	for _, v := range c.variantsOf(p.ID) {
		out.Variants = append(out.Variants, productVariant{
			ID: v.ID, Model: v.Model, Code: v.Code, UnitCost: v.UnitCost, UnitPrice: v.UnitPrice,
			Discontinued: v.Discontinued, Description: v.Description,
		})
	}
	return out
}

func (c *catalog) written(p *product) productWritten {
	out := productWritten{ID: p.ID, Variants: []variantRef{}, ListVariantID: []string{}}
	for _, v := range c.variantsOf(p.ID) {
		out.Variants = append(out.Variants, variantRef{Code: v.Code, ID: v.ID})
		out.ListVariantID = append(out.ListVariantID, v.ID)
	}
	return out
}

func (c *catalog) variantDetail(v *variant) variantDetail {
	p := c.prods[v.productID]
	out := variantDetail{
		ID: v.ID, Category: c.cats[p.CategoryID].Name, Brand: p.Brand, Product: p.Name, Variant: v.Model, Name: v.Model,
		Code: v.Code, Weight: v.Weight, Type: v.Type, OrderPrice: v.OrderPrice, UnitCost: v.UnitCost, UnitPrice: v.UnitPrice,
		Taxable: v.Taxable, LoyaltyPoint: v.LoyaltyPoint, Discontinued: v.Discontinued, ImageURL: p.ImageURL,
		ThumbnailURL: p.ImageURL, Components: []componentItem{}, Description: v.Description, OutletPrice: []variantOutletPrice{},
	}
	for _, comp := range v.Components {
		name := ""
		if part := c.variantByCode(comp.Code); part != nil {
			name = c.prods[part.productID].Name + " " + part.Model
		}
		out.Components = append(out.Components, componentItem{Name: name, Code: comp.Code, Qty: comp.Qty})
	}
	for _, item := range c.priceItems(v.ID) {
		out.OutletPrice = append(out.OutletPrice, variantOutletPrice{Outlet: item.Outlet, Price: item.UnitPrice, ExtraCost: item.ExtraCost})
	}
	return out
}
