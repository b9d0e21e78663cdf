package simulator

import (
	"net/http"
	"slices"
)

// The product lists: the paged list (named only by the reference) and the
// lists by product IDs (Get Product List With Pricebook By List ID, whose
// shape is shown, and With Outlet Price By List ID, named only), with the
// faults that give the other readings of what the reference does not show.

// listProducts is GET /Product (body) and POST /Product/p, answered in the
// {DataArray, RecordsCount} envelope.
func (s *Server) listProducts(r *request) reply {
	b := bind(r)
	number, size := b.positive("PageNumber"), b.positive("PageSize")
	if b.err != nil {
		return bad(b.err)
	}
	f := s.Faults()
	if f.NameOnlyLists == NameOnlyListsRoute {
		return routeNotFound()
	}
	c := s.lockCatalog()
	defer c.mu.Unlock()
	all := c.sortedProducts()
	page := pageOf(all, number, size, s.opts.PageCap)
	if f.OverstatedTotal > 0 && len(page) == 0 && len(all) > 0 {
		// A server that ignores the page number past the end.
		last := (len(all) + min(size, s.opts.PageCap) - 1) / min(size, s.opts.PageCap)
		page = pageOf(all, last, size, s.opts.PageCap)
	}
	items := []any{}
	for _, p := range sparse(page, f.ListShape) {
		if f.ListShape == ListShapeSummary {
			items = append(items, c.listedProduct(p, "Pricebook", noPrices, ""))
			continue
		}
		items = append(items, c.readProduct(p))
	}
	count := len(all) + f.OverstatedTotal
	if f.RecordsCountPerPage {
		count = len(page)
	}
	return jsonReply(http.StatusOK, struct {
		DataArray    []any
		RecordsCount int
	}{items, count})
}

// productsByListID serves the lists by product IDs: body {ListID: [...]},
// an array of products in the Pricebook list's shape, each variant with
// the list named extra (Pricebook, or OutletPrice).
func productsByListID(extra string, nameOnly bool) handler {
	return func(s *Server, r *request) reply {
		b := bind(r)
		ids, _ := b.strs("ListID")
		if b.err != nil {
			return bad(b.err)
		}
		if len(ids) == 0 {
			return msg(http.StatusBadRequest, "ListID is required.")
		}
		f := s.Faults()
		if nameOnly && f.NameOnlyLists == NameOnlyListsRoute {
			return routeNotFound()
		}
		c := s.lockCatalog()
		defer c.mu.Unlock()
		list, prices := extra, noPrices
		if extra == "OutletPrice" {
			prices = func(v *variant) []outletPriceItem { return c.priceItems(v.ID) }
			switch {
			case f.ListShape == ListShapeNoPrices:
				list = ""
			case f.OutletPriceRead == OutletPriceRenamed:
				list = "Outlets" // GET /OutletPrice's name for the list
			}
		}
		var found []*product
		for _, id := range uniqueIDs(ids) {
			if p := c.prods[id]; p != nil { // unknown IDs are left out
				found = append(found, p)
			}
		}
		items := []any{}
		for _, p := range sparse(found, f.ListShape) {
			items = append(items, c.listedProduct(p, list, prices, f.OutletPriceRead))
		}
		return jsonReply(http.StatusOK, items)
	}
}

// noPrices is a variant's list of price books: there are none here.
func noPrices(*variant) []outletPriceItem { return []outletPriceItem{} }

// uniqueIDs drops repeated IDs, keeping the first of each.
func uniqueIDs(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// listedProduct is a product in the shape the Pricebook list shows: {ID,
// Name, Code, CategoryID, Category, Description, ThumbnailUrl, ImageUrl,
// Created, Variants[{ID, Model, Code, UnitPrice, <extra>}]}, extra being
// the name of each variant's list of prices ("" for none). readMode is the
// OutletPriceRead reading of the price items.
func (c *catalog) listedProduct(p *product, extra string, prices func(*variant) []outletPriceItem, readMode string) map[string]any {
	out := map[string]any{
		"ID": p.ID, "Name": p.Name, "Code": p.Code, "CategoryID": p.CategoryID, "Category": c.cats[p.CategoryID].Name,
		"Description": p.Description, "ThumbnailUrl": p.ImageURL, "ImageUrl": p.ImageURL, "Created": "",
	}
	vs := []map[string]any{}
	for _, v := range c.variantsOf(p.ID) {
		item := map[string]any{"ID": v.ID, "Model": v.Model, "Code": v.Code, "UnitPrice": v.UnitPrice}
		if extra != "" {
			item[extra] = priceList(prices(v), readMode)
		}
		vs = append(vs, item)
	}
	out["Variants"] = vs
	return out
}

// priceList writes outlet price items under the OutletPriceRead reading:
// the amount as UnitPrice (default), as Price, or left out ("bare").
func priceList(items []outletPriceItem, mode string) []map[string]any {
	list := []map[string]any{}
	for _, item := range items {
		e := map[string]any{"Outlet": item.Outlet, "UnitPrice": item.UnitPrice, "ExtraCost": item.ExtraCost}
		switch mode {
		case OutletPricePrice:
			e["Price"] = item.UnitPrice
			delete(e, "UnitPrice")
		case OutletPriceBare:
			delete(e, "UnitPrice")
		}
		list = append(list, e)
	}
	return list
}

// sparse is the ListShapeSparse reading of a list: every second record is
// left out.
func sparse[T any](items []T, shape string) []T {
	if shape != ListShapeSparse {
		return items
	}
	out := []T{}
	for i, item := range items {
		if i%2 == 0 {
			out = append(out, item)
		}
	}
	return out
}
