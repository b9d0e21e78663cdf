package simulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
)

// The catalog's handlers; the store and its views are in catalog_store.go,
// the request and answer shapes in catalog_wire.go.

// ---- answers ----

// withRecord runs fn on the record find gives for key, under the catalog
// lock; missing answers when there is none.
func withRecord[T any](s *Server, find func(*catalog, string) *T, key string, missing func() reply, fn func(*catalog, *T) reply) reply {
	c := s.lockCatalog()
	defer c.mu.Unlock()
	rec := find(c, key)
	if rec == nil {
		return missing()
	}
	return fn(c, rec)
}

// withVariant is withRecord for a variant code.
func (s *Server) withVariant(code string, fn func(*catalog, *variant) reply) reply {
	return withRecord(s, (*catalog).variantByCode, code, variantNotFound, fn)
}

func categoryNotFound() reply { return msg(http.StatusNotFound, "Category not found.") }
func productNotFound() reply  { return msg(http.StatusNotFound, "Product not found.") }
func variantNotFound() reply  { return msg(http.StatusNotFound, "Variant not found.") }
func outletNotFound() reply   { return msg(http.StatusNotFound, "Outlet not found.") }

// created answers a stored create, unless the lost-create fault takes the
// answer away (as for POST /Customer).
func (s *Server) created(rep reply) reply {
	if lost, mode := s.lostCreate(); lost {
		if mode == LostCreateDrop {
			return reply{drop: true}
		}
		return badGateway()
	}
	return rep
}

func idReply(id string) reply { return jsonReply(http.StatusOK, struct{ ID string }{id}) }

// pageOf slices one page (1-based) out of items, capped at cap per page.
func pageOf[T any](items []T, number, size, capSize int) []T {
	size = min(size, capSize)
	start := (number - 1) * size
	if start >= len(items) {
		return []T{}
	}
	return items[start:min(start+size, len(items))]
}

// ---- Category ----

func (s *Server) createCategory(r *request) reply {
	b := bind(r)
	name := b.required("Name")
	code, _ := b.str("Code")
	if b.err != nil {
		return bad(b.err)
	}
	levels, err := splitPath(name)
	if err != nil {
		return bad(err)
	}
	c := s.lockCatalog()
	if existing := c.categoryByName(strings.Join(levels, "/")); existing != nil {
		c.mu.Unlock()
		return msg(http.StatusBadRequest, "Category '%s' already exists.", existing.Name)
	}
	cat := c.ensure(levels)
	cat.Code = code
	c.mu.Unlock()
	return s.created(idReply(cat.ID))
}

// getCategory is /Category/ID: the ID in the body (GET with a body, or
// POST) or in the query.
func (s *Server) getCategory(r *request) reply {
	id, err := requiredArg(r, "ID")
	if err != nil {
		return bad(err)
	}
	categories := func(c *catalog) map[string]*Category { return c.cats }
	mode := s.Faults().CategoryRead
	return readOneOf(s, id, "", categories, (*catalog).categoryByName, categoryNotFound, func(c *catalog, cat *Category) categoryDetail {
		d := c.detail(cat)
		switch mode {
		case CategoryLastLevel:
			d.Name = path.Base(d.Name)
		case CategoryNoID:
			d.ID = ""
		}
		return d
	})
}

// listCategories is GET /Category (body) and POST /Category/p. Name selects
// one category and its sub-categories; Discontinued filters.
func (s *Server) listCategories(r *request) reply {
	b := bind(r)
	name := arg(r, b, "Name")
	disc, hasDisc := b.boolean("Discontinued")
	if b.err != nil {
		return bad(b.err)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	items := []categoryItem{}
	prefix := strings.ToLower(name) + "/"
	for _, cat := range c.sortedCategories() {
		lower := strings.ToLower(cat.Name)
		switch {
		case name != "" && lower != strings.ToLower(name) && !strings.HasPrefix(lower, prefix),
			hasDisc && cat.Discontinued != disc:
			continue
		}
		items = append(items, categoryItem{ID: cat.ID, Name: cat.Name, Discontinued: cat.Discontinued})
	}
	return jsonReply(http.StatusOK, sparse(items, s.Faults().ListShape))
}

// updateCategory is PUT /Category: Name selects, Rename renames (the paths
// of sub-categories follow), Discontinued sets the flag of this level only.
func (s *Server) updateCategory(r *request) reply {
	b := bind(r)
	name := b.required("Name")
	rename := b.required("Rename")
	disc := b.requiredBool("Discontinued")
	if b.err != nil {
		return bad(b.err)
	}
	levels, err := splitPath(rename)
	if err != nil {
		return bad(err)
	}
	newName := strings.Join(levels, "/")
	c := s.lockCatalog()
	defer c.mu.Unlock()
	cat := c.categoryByName(name)
	if cat == nil {
		return categoryNotFound()
	}
	if newName != cat.Name {
		if other := c.categoryByName(newName); other != nil && other != cat {
			return msg(http.StatusBadRequest, "Category '%s' already exists.", other.Name)
		}
		if strings.HasPrefix(strings.ToLower(newName), strings.ToLower(cat.Name)+"/") {
			return msg(http.StatusBadRequest, "Category '%s' cannot be moved below itself.", cat.Name)
		}
		below := c.descendants(cat)
		old := cat.Name
		if len(levels) > 1 {
			c.ensure(levels[:len(levels)-1])
		}
		cat.Name = newName
		for _, d := range below {
			d.Name = newName + d.Name[len(old):]
		}
	}
	cat.Discontinued = disc
	return idReply(cat.ID)
}

// deleteCategory is DELETE /Category by Name; it refuses while the category
// has sub-categories or products.
func (s *Server) deleteCategory(r *request) reply {
	b := bind(r)
	name := b.required("Name")
	if b.err != nil {
		return bad(b.err)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	cat := c.categoryByName(name)
	if cat == nil {
		return categoryNotFound()
	}
	if len(c.descendants(cat)) > 0 {
		return msg(http.StatusBadRequest, "Category '%s' has sub-categories; delete them first.", cat.Name)
	}
	for _, p := range c.prods {
		if p.CategoryID == cat.ID {
			return msg(http.StatusBadRequest, "Category '%s' is used by product '%s'.", cat.Name, p.Code)
		}
	}
	delete(c.cats, cat.ID)
	return idReply(cat.ID)
}

// ---- Product and Variant writes ----

// variantIn is one element of a Variants array, absent properties nil.
type variantIn struct {
	code, model, typ   string
	cost, price        *int
	discontinued       *bool
	description        *string
	weight, orderPrice *int
	taxable, loyalty   *bool
	components         *[]Component
	outletPrices       *[]OutletPrice
	productCode        string
}

func optional[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

// parseVariants reads a Variants array. strict is the PUT /Product schema,
// where Discontinued is required too.
func parseVariants(b *binder, strict bool) ([]variantIn, bool) {
	var out []variantIn
	present := b.each("Variants", func(e *binder) {
		v := variantIn{model: e.required("Model"), code: e.required("Code")}
		v.cost = optional(e.amount("UnitCost"))
		v.price = optional(e.amount("UnitPrice"))
		if strict {
			v.discontinued = optional(e.requiredBool("Discontinued"), true)
		} else {
			v.discontinued = optional(e.boolean("Discontinued"))
		}
		v.typ = e.variantType("Type")
		v.description = optional(e.str("VariantDescription"))
		out = append(out, v)
	})
	seen := map[string]bool{}
	for _, v := range out {
		if seen[v.code] {
			b.fail("The variant code '%s' is listed twice.", v.code)
		}
		seen[v.code] = true
	}
	return out, present
}

// apply writes the properties v carries into a stored variant.
func (v variantIn) apply(dst *variant) {
	set := func(dst *int, src *int) {
		if src != nil {
			*dst = *src
		}
	}
	setBool := func(dst *bool, src *bool) {
		if src != nil {
			*dst = *src
		}
	}
	if v.model != "" {
		dst.Model = v.model
	}
	if v.typ != "" {
		dst.Type = v.typ
	}
	set(&dst.UnitCost, v.cost)
	set(&dst.UnitPrice, v.price)
	set(&dst.Weight, v.weight)
	set(&dst.OrderPrice, v.orderPrice)
	setBool(&dst.Discontinued, v.discontinued)
	setBool(&dst.Taxable, v.taxable)
	setBool(&dst.LoyaltyPoint, v.loyalty)
	if v.description != nil {
		dst.Description = *v.description
	}
	if v.components != nil {
		dst.Components = *v.components
	}
}

// addVariants checks that no code in vs belongs to another product and
// stores the new ones (updating those p already has when update is set).
// It answers a 400 message, or "" when done; nothing is stored on a refusal.
func (c *catalog) addVariants(p *product, vs []variantIn, update bool) string {
	for _, v := range vs {
		if cur := c.variantByCode(v.code); cur != nil && (!update || cur.productID != p.ID) {
			return fmt.Sprintf("Variant with code '%s' already exists.", v.code)
		}
	}
	for _, v := range vs {
		cur := c.variantByCode(v.code)
		if cur == nil {
			cur = &variant{Variant: Variant{ID: newGUID(), Code: v.code, Type: "Standard"}, productID: p.ID, seq: c.nextSeq()}
			c.vars[cur.ID] = cur
		} else {
			v.typ = "" // not in the PUT /Product schema: PUT /Variant changes it
		}
		v.apply(cur)
	}
	return ""
}

// keepOnly removes the variants of a product that vs does not list (the
// replacing reading of PUT /Product).
func (c *catalog) keepOnly(productID string, vs []variantIn) {
	for _, v := range c.variantsOf(productID) {
		if !slices.ContainsFunc(vs, func(in variantIn) bool { return in.code == v.Code }) {
			c.removeVariant(v)
		}
	}
}

// productFields reads the product properties shared by create and update:
// the category path and a patch that writes the properties sent.
func productFields(b *binder, create bool) ([]string, func(*product)) {
	name := b.required("Name")
	cat := b.required("Category")
	disc := b.requiredBool("Discontinued")
	brand, hasBrand := b.str("Brand")
	if !hasBrand {
		brand, hasBrand = b.str("BrandName")
	}
	image, hasImage := b.str("ImageURL")
	desc, hasDesc := b.str("Description")
	extra, hasExtra := b.strs("ExtraImagesURL")
	if create && b.err == nil && brand == "" {
		b.fail("The Brand field is required.")
	}
	if create && b.err == nil && image == "" {
		b.fail("The ImageURL field is required.")
	}
	var levels []string
	if b.err == nil {
		var err error
		if levels, err = splitPath(cat); err != nil {
			b.fail("%s", err.Error())
		}
	}
	return levels, func(p *product) {
		p.Name, p.Discontinued = name, disc
		if hasBrand {
			p.Brand = brand
		}
		if hasImage {
			p.ImageURL = image
		}
		if hasDesc {
			p.Description = desc
		}
		if hasExtra {
			p.ExtraImages = append([]string{}, extra...)
		}
	}
}

// createProduct is POST /Product: the product with its variants, creating
// the category path when missing.
func (s *Server) createProduct(r *request) reply {
	b := bind(r)
	code := b.required("Code")
	p := &product{ID: newGUID(), Code: code}
	levels, patch := productFields(b, true)
	patch(p)
	vs, present := parseVariants(b, false)
	if b.err == nil && (!present || len(vs) == 0) {
		b.fail("The Variants field is required and must list at least one variant.")
	}
	if b.err != nil {
		return bad(b.err)
	}
	rewrite := s.Faults().ImageURLRewrite
	c := s.lockCatalog()
	if c.productByCode(code) != nil {
		c.mu.Unlock()
		return msg(http.StatusBadRequest, "Product with code '%s' already exists.", code)
	}
	if m := c.addVariants(p, vs, false); m != "" {
		c.mu.Unlock()
		return msg(http.StatusBadRequest, "%s", m)
	}
	p.CategoryID = c.ensure(levels).ID
	rewriteImages(rewrite, p, &product{})
	c.prods[p.ID] = p
	out := c.written(p)
	c.mu.Unlock()
	return s.created(jsonReply(http.StatusOK, out))
}

// updateProduct is PUT /Product by Code. Variants listed are updated or
// added; variants not listed are kept.
func (s *Server) updateProduct(r *request) reply {
	b := bind(r)
	code := b.required("Code")
	levels, patch := productFields(b, false)
	vs, listed := parseVariants(b, true)
	if b.err != nil {
		return bad(b.err)
	}
	f := s.Faults()
	replace := listed && f.ProductVariants == VariantsReplace
	if replace && len(vs) == 0 {
		return msg(http.StatusBadRequest, "The Variants field must list at least one variant.")
	}
	return withRecord(s, (*catalog).productByCode, code, productNotFound, func(c *catalog, cur *product) reply {
		next := *cur // a refused write must leave the product as it was
		patch(&next)
		rewriteImages(f.ImageURLRewrite, &next, cur)
		if m := c.addVariants(&next, vs, true); m != "" {
			return msg(http.StatusBadRequest, "%s", m)
		}
		if replace {
			c.keepOnly(cur.ID, vs)
		}
		next.CategoryID = c.ensure(levels).ID
		*cur = next
		return jsonReply(http.StatusOK, c.written(cur))
	})
}

// deleteProduct is our guess at the unseen "Delete a Product": DELETE
// /Product with Code (or ID) in the body. Variants and their outlet prices go too.
func (s *Server) deleteProduct(r *request) reply {
	b := bind(r)
	code, _ := b.str("Code")
	id, _ := b.str("ID")
	if b.err == nil && code == "" && id == "" {
		b.fail("The Code field is required.")
	}
	if b.err != nil {
		return bad(b.err)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	p := c.productByCode(code)
	if code == "" {
		p = byGUID(c.prods, id)
	}
	if p == nil {
		return productNotFound()
	}
	for _, v := range c.variantsOf(p.ID) {
		c.removeVariant(v)
	}
	delete(c.prods, p.ID)
	return msg(http.StatusOK, "Product with code %s has been successfully deleted.", p.Code)
}

// readOneOf answers the record found by id (when given) or by code, in
// the form answer gives it; missing when there is none.
func readOneOf[T, R any](s *Server, id, code string, ids func(*catalog) map[string]*T, byCode func(*catalog, string) *T,
	missing func() reply, answer func(*catalog, *T) R,
) reply {
	c := s.lockCatalog()
	defer c.mu.Unlock()
	rec := byGUID(ids(c), id)
	if id == "" {
		rec = byCode(c, code)
	}
	if rec == nil {
		return missing()
	}
	return jsonReply(http.StatusOK, answer(c, rec))
}

// detailHandler serves the newer GET .../Detail reads, by Code or ID in
// the query.
func detailHandler[T, R any](ids func(*catalog) map[string]*T, byCode func(*catalog, string) *T, missing func() reply, answer func(*catalog, *T) R) handler {
	return func(s *Server, r *request) reply {
		id, code := query(r, "ID"), query(r, "Code")
		if id == "" && code == "" {
			return msg(http.StatusBadRequest, "One of the query parameters Code or ID is required.")
		}
		return readOneOf(s, id, code, ids, byCode, missing, answer)
	}
}

func products(c *catalog) map[string]*product { return c.prods }
func variants(c *catalog) map[string]*variant { return c.vars }

// getProductByID is /Product/ID (ID in the query, or the body of the POST form).
func (s *Server) getProductByID(r *request) reply {
	id, err := requiredArg(r, "ID")
	if err != nil {
		return bad(err)
	}
	return readOneOf(s, id, "", products, (*catalog).productByCode, productNotFound, (*catalog).readProduct)
}

// addVariant is POST /Variant/Add: Code is the product's code.
func (s *Server) addVariant(r *request) reply {
	b := bind(r)
	code := b.required("Code")
	vs, _ := parseVariants(b, false)
	if b.err != nil {
		return bad(b.err)
	}
	return withRecord(s, (*catalog).productByCode, code, productNotFound, func(c *catalog, p *product) reply {
		if m := c.addVariants(p, vs, false); m != "" {
			return msg(http.StatusBadRequest, "%s", m)
		}
		return jsonReply(http.StatusOK, c.written(p))
	})
}

// parseVariantUpdate reads the PUT /Variant body.
func parseVariantUpdate(b *binder) variantIn {
	v := variantIn{code: b.required("Code")}
	// Name (legacy: Variant) and Model both name the variant; Model wins.
	for _, name := range []string{"Variant", "Name", "Model"} {
		if m, _ := b.str(name); m != "" {
			v.model = m
		}
	}
	v.productCode, _ = b.str("ProductCode")
	v.typ = b.variantType("Type")
	v.weight = optional(b.amount("Weight"))
	v.orderPrice = optional(b.amount("OrderPrice"))
	v.cost = optional(b.amount("UnitCost"))
	v.price = optional(b.amount("UnitPrice"))
	v.taxable = optional(b.boolean("Taxable"))
	v.loyalty = optional(b.boolean("LoyaltyPoint"))
	v.discontinued = optional(b.boolean("Discontinued"))
	v.description = optional(b.str("VariantDescription"))
	if v.description == nil {
		v.description = optional(b.str("Description"))
	}
	var comps []Component
	if b.each("Components", func(e *binder) {
		comp := Component{Code: e.required("Code")}
		qty, ok := e.number("Qty")
		if e.err == nil && (!ok || qty <= 0) {
			e.fail("The Qty field is required and must be positive.")
		}
		comp.Qty = qty
		comps = append(comps, comp)
	}) {
		v.components = &comps
	}
	var prices []OutletPrice
	if b.each("OutletPrice", func(e *binder) {
		op := OutletPrice{Outlet: e.required("Outlet")}
		op.UnitPrice, _ = e.amount("Price")
		op.ExtraCost, _ = e.amount("ExtraCost")
		prices = append(prices, op)
	}) {
		v.outletPrices = &prices
	}
	return v
}

// updateVariant is PUT /Variant by Code: properties sent change, others keep.
func (s *Server) updateVariant(r *request) reply {
	b := bind(r)
	in := parseVariantUpdate(b)
	if b.err != nil {
		return bad(b.err)
	}
	return s.withVariant(in.code, func(c *catalog, v *variant) reply {
		return c.updateVariant(v, in)
	})
}

func (c *catalog) updateVariant(v *variant, in variantIn) reply {
	if p := c.prods[v.productID]; in.productCode != "" && in.productCode != p.Code {
		return msg(http.StatusBadRequest, "Variant '%s' belongs to product '%s'; moving it to '%s' is not supported.", v.Code, p.Code, in.productCode)
	}
	if in.components != nil {
		for _, comp := range *in.components {
			if comp.Code == v.Code || c.variantByCode(comp.Code) == nil {
				return msg(http.StatusBadRequest, "Component '%s' is not a variant that can be a part of '%s'.", comp.Code, v.Code)
			}
		}
	}
	var prices map[string]price
	if in.outletPrices != nil {
		var m string
		if prices, m = c.resolvePrices(*in.outletPrices); m != "" {
			return msg(http.StatusBadRequest, "%s", m)
		}
	}
	in.apply(v)
	c.mergePrices(v.ID, prices)
	return msg(http.StatusOK, "Update Success")
}

// deleteVariant is DELETE /Variant by Code; it answers a bare JSON string
// and refuses to delete a product's last variant.
func (s *Server) deleteVariant(r *request) reply {
	b := bind(r)
	code := b.required("Code")
	if b.err != nil {
		return bad(b.err)
	}
	allowLast := s.Faults().LastVariantDelete == LastVariantAllow
	return s.withVariant(code, func(c *catalog, v *variant) reply {
		if len(c.variantsOf(v.productID)) == 1 && !allowLast {
			return msg(http.StatusBadRequest, "Variant '%s' is the only variant of product '%s'; delete the product instead.", code, c.prods[v.productID].Code)
		}
		c.removeVariant(v)
		return jsonReply(http.StatusOK, fmt.Sprintf("Variant with code %s has been successfully deleted.", code))
	})
}

// variantIDsByCode is the deprecated GET /Variant/GetIDByListCode: a JSON
// array of codes in, {ID, ProductID, Code} for each known code out.
func (s *Server) variantIDsByCode(r *request) reply {
	var codes []string
	if err := json.Unmarshal(r.body, &codes); err != nil {
		return msg(http.StatusBadRequest, "The request body must be a JSON array of variant codes.")
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	type ids struct{ ID, ProductID, Code string }
	out := []ids{}
	for _, code := range codes {
		if v := c.variantByCode(code); v != nil {
			out = append(out, ids{v.ID, v.productID, v.Code})
		}
	}
	return jsonReply(http.StatusOK, out)
}

// listVariants is GET /Variant (body) and its POST form: Category (exact
// path) filters, PageNumber and PageSize page; items are the detail form.
func (s *Server) listVariants(r *request) reply {
	b := bind(r)
	category := arg(r, b, "Category")
	number, size := b.positive("PageNumber"), b.positive("PageSize")
	if b.err != nil {
		return bad(b.err)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	var all []*variant
	for _, p := range c.sortedProducts() {
		if category == "" || strings.EqualFold(c.cats[p.CategoryID].Name, category) {
			all = append(all, c.variantsOf(p.ID)...)
		}
	}
	items := []variantDetail{}
	for _, v := range pageOf(all, number, size, s.opts.PageCap) {
		items = append(items, c.variantDetail(v))
	}
	return jsonReply(http.StatusOK, items)
}

// ---- Outlet ----

// listOutlets is GET /Outlet (query) and POST /Outlet/p (body): Name
// (substring, any case), SuspendedStatus No, Yes or All (default All).
func (s *Server) listOutlets(r *request) reply {
	b := bind(r)
	name := strings.ToLower(arg(r, b, "Name"))
	status := arg(r, b, "SuspendedStatus")
	if b.err != nil {
		return bad(b.err)
	}
	want := map[string]func(bool) bool{
		"":    func(bool) bool { return true },
		"all": func(bool) bool { return true },
		"no":  func(s bool) bool { return !s },
		"yes": func(s bool) bool { return s },
	}[strings.ToLower(status)]
	if want == nil {
		return msg(http.StatusBadRequest, "The SuspendedStatus field must be No, Yes or All, got '%s'.", status)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	items := []outletItem{}
	for _, o := range c.outlets {
		if strings.Contains(strings.ToLower(o.Name), name) && want(o.Suspended) {
			items = append(items, outletItem{ID: o.ID, Name: o.Name, Code: o.Code, Suspended: o.Suspended})
		}
	}
	return jsonReply(http.StatusOK, items)
}

// outletFields reads the optional outlet properties of POST and PUT
// /Outlet and returns a patch that writes those sent.
func outletFields(b *binder) func(*Outlet) {
	sent := map[string]string{}
	for _, name := range []string{"Code", "Receipt", "NegativeInventory"} {
		if v, ok := b.str(name); ok {
			sent[name] = v
		}
	}
	if v, ok := sent["NegativeInventory"]; ok && v != "Yes" && v != "No" {
		b.fail("The NegativeInventory field must be Yes or No, got '%s'.", v)
	}
	return func(o *Outlet) {
		fields := map[string]*string{"Code": &o.Code, "Receipt": &o.Receipt, "NegativeInventory": &o.NegativeInventory}
		for name, v := range sent {
			*fields[name] = v
		}
	}
}

// createOutlet is POST /Outlet; it answers a message, no ID.
func (s *Server) createOutlet(r *request) reply {
	b := bind(r)
	o := Outlet{ID: newGUID(), Name: b.required("Name")}
	outletFields(b)(&o)
	if b.err != nil {
		return bad(b.err)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	if c.outletByName(o.Name) != nil {
		return msg(http.StatusBadRequest, "Outlet '%s' already exists.", o.Name)
	}
	c.outlets = append(c.outlets, &o)
	return msg(http.StatusOK, "Outlet has been created")
}

// updateOutlet is PUT /Outlet: the Outlet property names the outlet.
func (s *Server) updateOutlet(r *request) reply {
	b := bind(r)
	name := b.required("Outlet")
	patch := outletFields(b)
	if b.err != nil {
		return bad(b.err)
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	o := c.outletByName(name)
	if o == nil {
		return outletNotFound()
	}
	patch(o)
	return msg(http.StatusOK, "Outlet has been updated")
}

// ---- Outlet Price ----

// resolvePrices maps outlet names to IDs; unknown or repeated names are a
// 400 message.
func (c *catalog) resolvePrices(in []OutletPrice) (map[string]price, string) {
	out := map[string]price{}
	for _, op := range in {
		o := c.outletByName(op.Outlet)
		if o == nil {
			return nil, fmt.Sprintf("Outlet '%s' not found.", op.Outlet)
		}
		if _, dup := out[o.ID]; dup {
			return nil, fmt.Sprintf("Outlet '%s' is listed twice.", o.Name)
		}
		out[o.ID] = price{op.UnitPrice, op.ExtraCost}
	}
	return out, ""
}

func (c *catalog) mergePrices(variantID string, prices map[string]price) {
	if len(prices) == 0 {
		return
	}
	if c.prices[variantID] == nil {
		c.prices[variantID] = map[string]price{}
	}
	for id, p := range prices {
		c.prices[variantID][id] = p
	}
}

// outletPriceBody reads {Code, Outlets: [{Outlet, UnitPrice, ExtraCost}]}.
// full requires UnitPrice and a non-empty list (the create and update forms).
func outletPriceBody(b *binder, full bool) (string, []OutletPrice) {
	code := b.required("Code")
	var list []OutletPrice
	present := b.each("Outlets", func(e *binder) {
		op := OutletPrice{Outlet: e.required("Outlet")}
		var ok bool
		op.UnitPrice, ok = e.amount("UnitPrice")
		if full && !ok && e.err == nil {
			e.fail("The UnitPrice field is required.")
		}
		op.ExtraCost, _ = e.amount("ExtraCost")
		list = append(list, op)
	})
	if full && b.err == nil && (!present || len(list) == 0) {
		b.fail("The Outlets field is required and must list at least one outlet.")
	}
	return code, list
}

// getOutletPrice is GET /OutletPrice?Code= and POST /OutletPrice/p.
func (s *Server) getOutletPrice(r *request) reply {
	code, err := requiredArg(r, "Code")
	if err != nil {
		return bad(err)
	}
	mode := s.Faults().OutletPriceRead
	return s.withVariant(code, func(c *catalog, v *variant) reply {
		items := c.priceItems(v.ID)
		if mode == "" {
			return jsonReply(http.StatusOK, outletPriceRead{Code: v.Code, Outlets: items})
		}
		// The OutletPriceRead readings: another name for the amount or the list.
		list := priceList(items, mode)
		listName := "Outlets"
		if mode == OutletPriceRenamed {
			listName = "OutletPrice"
		}
		return jsonReply(http.StatusOK, map[string]any{"Code": v.Code, listName: list})
	})
}

// outletPriceHandler binds {Code, Outlets}, finds the variant and the
// outlets named, and runs fn under the catalog lock.
func outletPriceHandler(full bool, fn func(c *catalog, v *variant, named map[string]price, listed bool) reply) handler {
	return func(s *Server, r *request) reply {
		b := bind(r)
		code, list := outletPriceBody(b, full)
		if b.err != nil {
			return bad(b.err)
		}
		// OutletPriceDeleteAll: a DELETE read as clearing the variant.
		listed := len(list) > 0 && (full || !s.Faults().OutletPriceDeleteAll)
		return s.withVariant(code, func(c *catalog, v *variant) reply {
			named, m := c.resolvePrices(list)
			if m != "" {
				return msg(http.StatusBadRequest, "%s", m)
			}
			return fn(c, v, named, listed)
		})
	}
}

// createOutletPrice is POST /OutletPrice: every outlet listed must have no
// price yet. It answers the variant's ID.
func createOutletPrice(c *catalog, v *variant, named map[string]price, _ bool) reply {
	for _, o := range c.outlets {
		if hasKey(named, o.ID) && hasKey(c.prices[v.ID], o.ID) {
			return msg(http.StatusBadRequest, "Outlet price of variant '%s' in outlet '%s' already exists.", v.Code, o.Name)
		}
	}
	return setOutletPrice(c, v, named, true)
}

// setOutletPrice is PUT /OutletPrice: listed outlets are set, others kept.
func setOutletPrice(c *catalog, v *variant, named map[string]price, _ bool) reply {
	c.mergePrices(v.ID, named)
	return idReply(v.ID)
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// deleteOutletPrice is DELETE /OutletPrice: Code, and optionally Outlets
// naming the outlets to clear (default: all). Nothing to delete is a 404.
func deleteOutletPrice(c *catalog, v *variant, named map[string]price, listed bool) reply {
	removed := 0
	for id := range c.prices[v.ID] {
		if !listed || hasKey(named, id) {
			delete(c.prices[v.ID], id)
			removed++
		}
	}
	if removed == 0 {
		return msg(http.StatusNotFound, "Outlet price not found.")
	}
	return msg(http.StatusOK, "Outlet price has been deleted.")
}
