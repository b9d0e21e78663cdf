package dealpos

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The product lists: the paged list (POST /Product/p) and the outlet
// prices of products by their IDs (POST /Product/WithOutletPriceByListID).
// The reference names both only, so their answers are read for what they
// carry: an item without a property the product read answers is no
// substitute for that read, and a variant without a list of outlet prices
// says nothing about them.

// ListedProduct is a product as the product list answers it. Missing names
// the properties of the product read (GET /Product/ID) that the item lacks;
// a product is Complete when it lacks none.
type ListedProduct struct {
	Product
	Missing []string
}

// Complete tells whether the item carries everything the product read does.
func (p ListedProduct) Complete() bool { return len(p.Missing) == 0 }

// productKeys and variantKeys are the properties of the product read a
// list item must carry to stand for it; each group lists one property's
// names (the legacy BrandName, the detail read's Variant for Model).
var (
	productKeys = [][]string{{"ID"}, {"Code"}, {"Name"}, {"Category"}, {"Brand", "BrandName"}, {"Discontinued"},
		{"Description"}, {"ImageURL"}, {"ExtraImagesURL"}, {"Variants"}}
	variantKeys = [][]string{{"ID"}, {"Code"}, {"Model", "Variant"}, {"UnitCost"}, {"UnitPrice"}, {"Discontinued"}, {"Description"}}
)

// jsonObject is a JSON object by property name, lower-cased: the API's JSON
// names are case-insensitive (ThumbnailUrl in one answer, ThumbnailURL in
// another).
type jsonObject map[string]json.RawMessage

func decodeObject(raw json.RawMessage) (jsonObject, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	out := make(jsonObject, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out, nil
}

// first returns the value of the first of names the object has.
func (o jsonObject) first(names ...string) (json.RawMessage, bool) {
	for _, n := range names {
		if v, ok := o[strings.ToLower(n)]; ok {
			return v, true
		}
	}
	return nil, false
}

// missing names, with prefix, the groups of keys the object has none of.
func (o jsonObject) missing(prefix string, keys [][]string) []string {
	var out []string
	for _, names := range keys {
		if _, ok := o.first(names...); !ok {
			out = append(out, prefix+names[0])
		}
	}
	return out
}

// decodeListedProduct decodes one item of the product list. An item whose
// properties do not decode is partial, like one that lacks some; one that
// is not an object is an error.
func decodeListedProduct(raw json.RawMessage) (ListedProduct, error) {
	var out ListedProduct
	obj, err := decodeObject(raw)
	if err != nil {
		return out, err
	}
	if decodeErr := json.Unmarshal(raw, &out.Product); decodeErr != nil {
		return undecodable(raw, decodeErr), nil
	}
	out.Missing = obj.missing("", productKeys)
	var variants []json.RawMessage
	if v, ok := obj.first("Variants"); ok && json.Unmarshal(v, &variants) == nil {
		for i, v := range variants {
			vobj, err := decodeObject(v)
			if err != nil {
				return out, err
			}
			out.Missing = append(out.Missing, vobj.missing(fmt.Sprintf("Variants[%d].", i), variantKeys)...)
		}
	}
	return out, nil
}

// undecodable is a list item whose values do not decode: partial, with
// the ID it names, so that the product is read on its own.
func undecodable(raw json.RawMessage, err error) ListedProduct {
	var id struct {
		ID string `json:"ID"`
	}
	_ = json.Unmarshal(raw, &id)
	return ListedProduct{Product: Product{ID: id.ID}, Missing: []string{"readable values (" + err.Error() + ")"}}
}

// eachListedProduct hands every product of the paged list to fn once
// (see Pager). RecordsCount is not documented as a total (it may count the
// page), so it ends the walk only when it covers more than its page. When
// firstOnly answers true for the first page, the walk ends with it.
func (c *Client) eachListedProduct(ctx context.Context, fn func(ListedProduct) (bool, error), firstOnly func([]ListedProduct) bool) (PageWalk, error) {
	left := -1 // records of a first page that ends the walk, still to hand over
	pager := Pager[ListedProduct]{
		PageSize: productPageSize,
		Key:      func(p ListedProduct) string { return p.ID },
		Fetch: func(ctx context.Context, number, size int) (Page[ListedProduct], error) {
			records, count, err := c.listProductPage(ctx, number, size)
			if number == 1 && firstOnly != nil && firstOnly(records) {
				left = len(records)
			}
			return Page[ListedProduct]{Records: records, Count: count, Counted: true}, err
		},
	}
	return pager.Each(ctx, func(p ListedProduct) (bool, error) {
		more, err := fn(p)
		if left--; left == 0 {
			return false, err
		}
		return more, err
	})
}

// productPageSize is the page size of the product list: a product page
// carries every variant, so pages stay smaller than customer pages.
const productPageSize = 100

// listProductPage reads one page of products (POST /Product/p, answered as
// {DataArray, RecordsCount}). The server may cap pageSize.
func (c *Client) listProductPage(ctx context.Context, pageNumber, pageSize int) ([]ListedProduct, int, error) {
	body := struct {
		PageNumber int `json:"PageNumber"`
		PageSize   int `json:"PageSize"`
	}{pageNumber, pageSize}
	r := request{method: http.MethodPost, path: "/Product/p", body: body, idempotent: true}
	var raw json.RawMessage
	if err := c.do(withoutBaseCheck(ctx), r, &raw); err != nil {
		return nil, 0, err
	}
	var page struct {
		DataArray    *[]json.RawMessage `json:"DataArray"`
		RecordsCount int                `json:"RecordsCount"`
	}
	if err := json.Unmarshal(raw, &page); err != nil || page.DataArray == nil {
		return nil, 0, &shapeError{r: r, want: "an object with a DataArray list", err: err}
	}
	out := make([]ListedProduct, 0, len(*page.DataArray))
	for _, raw := range *page.DataArray {
		p, err := decodeListedProduct(raw)
		if err != nil {
			return nil, 0, &shapeError{r: r, want: "a list of product objects", err: err}
		}
		out = append(out, p)
	}
	return out, page.RecordsCount, nil
}

// ListAllProducts reads every product of the list and hands each one match
// accepts to the result, at most limit of them (0: all). A listed product
// that lacks a property of the product read is read on its own (GET
// /Product/ID), so no value is taken from an answer that does not carry it.
func (c *Client) ListAllProducts(ctx context.Context, match func(Product) bool, limit int) ([]Product, PageWalk, error) {
	var out []Product
	walk, err := c.eachListedProduct(ctx, func(p ListedProduct) (bool, error) {
		if !p.Complete() {
			read, err := c.GetProduct(ctx, p.ID)
			if err != nil {
				return false, fmt.Errorf("the product list answered product %s without %s, and reading it failed: %w", p.ID, strings.Join(p.Missing, ", "), err)
			}
			p.Product = *read
		}
		if match(p.Product) {
			out = append(out, p.Product)
		}
		return limit <= 0 || len(out) < limit, nil
	}, nil)
	if err != nil {
		return nil, walk, err
	}
	return out, walk, nil
}

// ProductListing is the product list as a bulk refresh takes it.
type ProductListing struct {
	// Products are the complete items, in list order.
	Products []Product
	// Partial are the IDs of items that lack a property of the product
	// read; Missing says which, for the first of them.
	Partial []string
	Missing []string
	// Requests is how many list requests the walk took.
	Requests int
}

// ListProductsForRefresh reads the product list for a bulk refresh: its
// complete items, and the IDs of the others, which need a read of their
// own. When the first page holds no complete item the list is of another
// shape than the read, and the walk stops there.
func (c *Client) ListProductsForRefresh(ctx context.Context) (*ProductListing, error) {
	out := &ProductListing{}
	walk, err := c.eachListedProduct(ctx, func(p ListedProduct) (bool, error) {
		if !p.Complete() {
			out.Partial = append(out.Partial, p.ID)
			if out.Missing == nil {
				out.Missing = p.Missing
			}
			return true, nil
		}
		out.Products = append(out.Products, p.Product)
		return true, nil
	}, noneComplete)
	out.Requests = walk.Requests
	if err != nil {
		return nil, err
	}
	if len(out.Partial) > 0 {
		tflog.Warn(ctx, "The DealPOS product list answered products without every property of the product read; those are read on their own",
			map[string]any{"partial": len(out.Partial), "complete": len(out.Products), "missing": strings.Join(out.Missing, ", ")})
	}
	return out, nil
}

// noneComplete tells whether a non-empty page holds no complete product:
// a list of another shape than the read.
func noneComplete(page []ListedProduct) bool {
	for _, p := range page {
		if p.Complete() {
			return false
		}
	}
	return len(page) > 0
}

// OutletPriceBatch is how many product IDs one request of
// ListOutletPricesByProducts names. The reference shows no limit; 100
// keeps an answer (every variant's outlet prices) to a size a page of the
// product list also has.
const OutletPriceBatch = 100

// ListOutletPricesByProducts reads the outlet prices of the variants of
// the products ids (POST /Product/WithOutletPriceByListID, body {ListID}):
// per variant code, the prices the answer carries. A variant whose item has
// no list of outlet prices (OutletPrice, or Outlets as GET /OutletPrice
// names it), or a list that does not decode, is left out: the answer says
// nothing about it. An answer that is not a list of products is a shape
// error (IsUnserved).
func (c *Client) ListOutletPricesByProducts(ctx context.Context, ids []string) (map[string][]OutletPriceEntry, error) {
	body := struct {
		ListID []string `json:"ListID"`
	}{ids}
	r := request{method: http.MethodPost, path: "/Product/WithOutletPriceByListID", body: body, idempotent: true}
	var raw json.RawMessage
	if err := c.do(withoutBaseCheck(ctx), r, &raw); err != nil {
		return nil, err
	}
	var items []struct {
		Variants []json.RawMessage `json:"Variants"`
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, &shapeError{r: r, want: "a list of products", err: err}
	}
	out := map[string][]OutletPriceEntry{}
	for _, item := range items {
		for _, v := range item.Variants {
			code, prices, ok := variantOutletPrices(v)
			if ok {
				out[code] = prices
			}
		}
	}
	return out, nil
}

// variantOutletPrices reads a variant item's code and outlet prices; ok is
// false when the item carries no list of them that decodes.
func variantOutletPrices(raw json.RawMessage) (code string, prices []OutletPriceEntry, ok bool) {
	obj, err := decodeObject(raw)
	if err != nil {
		return "", nil, false
	}
	codeRaw, hasCode := obj.first("Code")
	list, hasList := obj.first("OutletPrice", "OutletPrices", "Outlets")
	if !hasCode || !hasList || json.Unmarshal(codeRaw, &code) != nil || code == "" {
		return "", nil, false
	}
	if json.Unmarshal(list, &prices) != nil || prices == nil {
		return "", nil, false
	}
	return code, prices, true
}
