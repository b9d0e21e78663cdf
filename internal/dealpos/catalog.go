package dealpos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Catalog endpoints: categories, products, variants, outlets and outlet
// prices. Writes address records by their natural keys (category path,
// product and variant code, outlet name); reads take IDs or codes.

// notFoundError is the 404 a read reports when the API answered 200 with
// nothing in it (an empty body, null, {} or a record without its key):
// some tenants answer an unknown key that way.
func notFoundError(r request, what string) error {
	return &APIError{Method: r.method, Path: r.path, StatusCode: http.StatusNotFound, Message: what + " not found"}
}

// read performs an idempotent read into out and reports a not-found when
// key() is empty afterwards.
func (c *Client) read(ctx context.Context, r request, out any, what string, key func() string) error {
	r.idempotent = true
	if err := c.do(ctx, r, out); err != nil {
		return err
	}
	if strings.TrimSpace(key()) == "" {
		return c.confirmNotFound(ctx, notFoundError(r, what))
	}
	return nil
}

// write performs an idempotent PUT or DELETE and ignores the answer, which
// is an object, a message or a bare string depending on the endpoint.
func (c *Client) write(ctx context.Context, method, path string, body any) error {
	return c.do(ctx, request{method: method, path: path, body: body, idempotent: true}, nil)
}

// CreateCategory creates a category (POST /Category) and returns its ID.
// The API creates missing parent levels of in.Name itself. createOrAdopt
// runs it: when the outcome is unknown, the category is looked up by name.
func (c *Client) CreateCategory(ctx context.Context, in CategoryCreate) (string, error) {
	return createOrAdopt(ctx, c, creation[string]{
		what: "category " + in.Name,
		create: func(ctx context.Context) (string, error) {
			var out struct {
				ID string `json:"ID"`
			}
			r := request{method: http.MethodPost, path: "/Category", body: in}
			if err := c.do(ctx, r, &out); err != nil {
				return "", err
			}
			if out.ID == "" {
				return "", errors.New("DealPOS API POST /Category answered without the new category's ID")
			}
			return out.ID, nil
		},
		lookups: []func(context.Context) (string, bool, error){func(ctx context.Context) (string, bool, error) {
			cat, err := c.GetCategoryByName(ctx, in.Name)
			if err != nil {
				return notThere("", err)
			}
			return cat.ID, true, nil
		}},
	})
}

// GetCategory reads a category by ID (the POST form of /Category/ID) with
// its full path as Name. It is the only read that answers the category's
// Code.
func (c *Client) GetCategory(ctx context.Context, id string) (*Category, error) {
	return c.GetCategoryAt(ctx, id, "")
}

// GetCategoryAt is GetCategory for a category last known at the full path
// known ("" when not known). The reference cuts the read's answer short
// after ParentID, TypeID, Lvl and Descript..., so its Name may be the last
// level only ("Snack" for Food/Snack): a Name without "/" below the top
// level (a ParentID or Lvl > 0) is completed from known when known ends in
// that level at that depth, which costs nothing, and from the category list
// (POST /Category/p, one request) otherwise, so a rename done elsewhere is
// seen. An answer that holds a category but no ID is an error.
func (c *Client) GetCategoryAt(ctx context.Context, id, known string) (*Category, error) {
	var out Category
	r := request{method: http.MethodPost, path: "/Category/ID", body: map[string]string{"ID": id}}
	err := c.read(ctx, r, &out, "category", func() string { return out.ID + out.Name })
	if err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, fmt.Errorf("DealPOS API POST /Category/ID answered category %q (asked for ID %s) without its ID", out.Name, id)
	}
	if strings.Contains(out.Name, "/") || (out.ParentID == "" && out.Lvl == 0) {
		return &out, nil
	}
	if i := strings.LastIndex(known, "/"); i > 0 && strings.EqualFold(known[i+1:], out.Name) &&
		(out.Lvl == 0 || strings.Count(known, "/") == out.Lvl) {
		out.Name = known[:i] + "/" + out.Name
		return &out, nil
	}
	all, err := c.ListCategories(ctx)
	if err != nil {
		return nil, fmt.Errorf("completing the path of category %s (%q, answered as its last level): %w", id, out.Name, err)
	}
	for _, item := range all {
		if strings.EqualFold(item.ID, out.ID) {
			out.Name = item.Name
			return &out, nil
		}
	}
	return nil, fmt.Errorf("DealPOS API answered category %s by its last level %q, and the category list does not hold it to give its full path", id, out.Name)
}

// GetCategoryByName finds a category by its full path, compared without
// regard to case, through the list (POST /Category/p): the API has no read
// by name. List items carry no Code; GetCategory has it.
func (c *Client) GetCategoryByName(ctx context.Context, name string) (*Category, error) {
	r := request{method: http.MethodPost, path: "/Category/p", body: map[string]string{"Name": name}}
	all, err := c.listCategories(ctx, r)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if strings.EqualFold(all[i].Name, name) {
			return &all[i], nil
		}
	}
	return nil, c.confirmNotFound(ctx, notFoundError(r, "category "+name))
}

// ListCategories lists every category, each ancestor level as its own entry
// (POST /Category/p). Items carry ID, Name and Discontinued.
func (c *Client) ListCategories(ctx context.Context) ([]Category, error) {
	return c.listCategories(ctx, request{method: http.MethodPost, path: "/Category/p", body: struct{}{}})
}

func (c *Client) listCategories(ctx context.Context, r request) ([]Category, error) {
	r.idempotent = true
	var out []Category
	if err := c.do(ctx, r, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateCategory sets a category's Discontinued flag and renames it from
// name to rename (PUT /Category); pass rename = name to keep the name.
// The paths of its sub-categories follow a rename.
func (c *Client) UpdateCategory(ctx context.Context, name, rename string, discontinued bool) error {
	return c.write(ctx, http.MethodPut, "/Category", categoryUpdate{Name: name, Rename: rename, Discontinued: discontinued})
}

// DeleteCategory deletes the category id, addressed by its full path name
// (DELETE /Category). A not-found is confirmed by reading id: a category
// moved by a parent's rename since it was read is deleted at its current
// path; one that is still there is a *KeptError.
func (c *Client) DeleteCategory(ctx context.Context, name, id string) error {
	moved := ""
	err := c.deleteConfirmed(ctx, categoryDelete(name), "category "+name+" (ID "+id+")", false, func(ctx context.Context) (bool, error) {
		// Not GetCategoryAt(name): a Name answered as the last level would
		// be completed from name, hiding a parent renamed elsewhere.
		cat, err := c.GetCategory(ctx, id)
		if err != nil {
			return goneBy(err)
		}
		if !strings.EqualFold(cat.Name, name) {
			moved = cat.Name
		}
		return false, nil
	})
	var kept *KeptError
	if moved == "" || !errors.As(err, &kept) {
		return err
	}
	return c.deleteConfirmed(ctx, categoryDelete(moved), "category "+moved+" (ID "+id+")", false, func(ctx context.Context) (bool, error) {
		_, err := c.GetCategoryAt(ctx, id, moved)
		return goneBy(err)
	})
}

func categoryDelete(name string) request {
	return request{method: http.MethodDelete, path: "/Category", body: map[string]string{"Name": name}}
}

// CreateProduct creates a product with its variants (POST /Product) and
// returns the IDs of the product and its variants. createOrAdopt runs it:
// when the outcome is unknown, the product is read by code and adopted
// when its name is the one sent (without regard to case and surrounding
// spaces, which a server may normalise).
func (c *Client) CreateProduct(ctx context.Context, in ProductInput) (*ProductResult, error) {
	return createOrAdopt(ctx, c, creation[*ProductResult]{
		what: "product " + in.Code,
		create: func(ctx context.Context) (*ProductResult, error) {
			return c.productWrite(ctx, http.MethodPost, "/Product", in)
		},
		lookups: []func(context.Context) (*ProductResult, bool, error){func(ctx context.Context) (*ProductResult, bool, error) {
			p, err := c.GetProductByCode(ctx, in.Code)
			if err != nil {
				return notThere[*ProductResult](nil, err)
			}
			return p.result(), sameText(p.Name, in.Name), nil
		}},
	})
}

// sameText compares what a server may normalise: case and surrounding spaces.
func sameText(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// result is the write answer a product read stands for.
func (p *Product) result() *ProductResult {
	out := &ProductResult{ID: p.ID}
	for _, v := range p.Variants {
		out.Variants = append(out.Variants, VariantRef{Code: v.Code, ID: v.ID})
		out.ListVariantID = append(out.ListVariantID, v.ID)
	}
	return out
}

func (c *Client) productWrite(ctx context.Context, method, path string, body any) (*ProductResult, error) {
	var out ProductResult
	r := request{method: method, path: path, body: body, idempotent: method == http.MethodPut}
	if err := c.do(ctx, r, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, fmt.Errorf("DealPOS API %s %s answered without the product's ID", method, path)
	}
	return &out, nil
}

// GetProduct reads a product and its variants by ID (GET /Product/ID?ID=).
func (c *Client) GetProduct(ctx context.Context, id string) (*Product, error) {
	return c.getProduct(ctx, "/Product/ID", url.Values{"ID": {id}})
}

// GetProductByCode reads a product and its variants by product code
// (GET /Product/Detail?Code=).
func (c *Client) GetProductByCode(ctx context.Context, code string) (*Product, error) {
	return c.getProduct(ctx, "/Product/Detail", url.Values{"Code": {code}})
}

func (c *Client) getProduct(ctx context.Context, path string, q url.Values) (*Product, error) {
	var out Product
	r := request{method: http.MethodGet, path: path, query: q}
	if err := c.read(ctx, r, &out, "product", func() string { return out.ID }); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateProduct updates the product in.Code (PUT /Product). Variants listed
// in in.Variants are updated or added; unlisted variants are kept.
func (c *Client) UpdateProduct(ctx context.Context, in ProductInput) (*ProductResult, error) {
	return c.productWrite(ctx, http.MethodPut, "/Product", in)
}

// DeleteProduct deletes the product id and its variants by product code
// (DELETE /Product). The reference names the operation only, so this form
// is a guess, and whatever it answers is confirmed by reading id: a
// product still there is a *KeptError.
func (c *Client) DeleteProduct(ctx context.Context, code, id string) error {
	r := request{method: http.MethodDelete, path: "/Product", body: map[string]string{"Code": code}}
	return c.deleteConfirmed(ctx, r, "product "+code+" (ID "+id+")", true, func(ctx context.Context) (bool, error) {
		_, err := c.GetProduct(ctx, id)
		return goneBy(err)
	})
}

// AddVariants adds variants to the product productCode (POST /Variant/Add)
// and returns the IDs of the product and its variants. createOrAdopt runs
// it: when the outcome is unknown, the product is read and the variants are
// adopted when every one sent is there with its model.
func (c *Client) AddVariants(ctx context.Context, productCode string, variants []VariantInput) (*ProductResult, error) {
	body := struct {
		Code     string         `json:"Code"`
		Variants []VariantInput `json:"Variants"`
	}{productCode, variants}
	return createOrAdopt(ctx, c, creation[*ProductResult]{
		what: "variants of product " + productCode,
		create: func(ctx context.Context) (*ProductResult, error) {
			return c.productWrite(ctx, http.MethodPost, "/Variant/Add", body)
		},
		lookups: []func(context.Context) (*ProductResult, bool, error){func(ctx context.Context) (*ProductResult, bool, error) {
			p, err := c.GetProductByCode(ctx, productCode)
			if err != nil {
				return notThere[*ProductResult](nil, err)
			}
			for _, v := range variants {
				if got := p.Variant(v.Code); got == nil || !sameText(got.Model, v.Model) {
					return nil, false, nil
				}
			}
			return p.result(), true, nil
		}},
	})
}

// GetVariant reads a variant by ID (GET /Variant/Detail?ID=).
func (c *Client) GetVariant(ctx context.Context, id string) (*Variant, error) {
	return c.getVariant(ctx, url.Values{"ID": {id}})
}

// getVariantByCode reads a variant by code (GET /Variant/Detail?Code=), to
// confirm a variant's deletion.
func (c *Client) getVariantByCode(ctx context.Context, code string) (*Variant, error) {
	return c.getVariant(ctx, url.Values{"Code": {code}})
}

func (c *Client) getVariant(ctx context.Context, q url.Values) (*Variant, error) {
	var out Variant
	r := request{method: http.MethodGet, path: "/Variant/Detail", query: q}
	if err := c.read(ctx, r, &out, "variant", func() string { return out.ID }); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateVariant updates the variant in.Code (PUT /Variant).
func (c *Client) UpdateVariant(ctx context.Context, in VariantUpdate) error {
	return c.write(ctx, http.MethodPut, "/Variant", in)
}

// DeleteVariant deletes a variant by code (DELETE /Variant). A not-found is
// confirmed by reading the variant: one still there is a *KeptError.
func (c *Client) DeleteVariant(ctx context.Context, code string) error {
	r := request{method: http.MethodDelete, path: "/Variant", body: map[string]string{"Code": code}}
	return c.deleteConfirmed(ctx, r, "variant "+code, false, func(ctx context.Context) (bool, error) {
		_, err := c.getVariantByCode(ctx, code)
		return goneBy(err)
	})
}

// ListOutlets lists every outlet, suspended ones included
// (GET /Outlet?SuspendedStatus=All).
func (c *Client) ListOutlets(ctx context.Context) ([]Outlet, error) {
	var out []Outlet
	q := url.Values{"SuspendedStatus": {"All"}}
	if err := c.do(ctx, request{method: http.MethodGet, path: "/Outlet", query: q, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetOutletPrices reads a variant's per-outlet prices (GET /OutletPrice?Code=).
// An empty Outlets means the variant has none; an unknown variant is a 404;
// an answer without an Outlets list is an error, never "no prices".
func (c *Client) GetOutletPrices(ctx context.Context, variantCode string) (*OutletPrice, error) {
	var out OutletPrice
	r := request{method: http.MethodGet, path: "/OutletPrice", query: url.Values{"Code": {variantCode}}}
	if err := c.read(ctx, r, &out, "outlet price", func() string { return out.Code }); err != nil {
		return nil, err
	}
	if out.unlisted != "" {
		return nil, fmt.Errorf("DealPOS API GET /OutletPrice answered variant %s without an Outlets list (%s); "+
			"what prices it has cannot be told, so nothing is changed", variantCode, out.unlisted)
	}
	return &out, nil
}

// CreateOutletPrices sets a variant's prices in outlets that have none yet
// (POST /OutletPrice). createOrAdopt runs it: when the outcome is unknown,
// the prices are read back and adopted when every one sent is there.
func (c *Client) CreateOutletPrices(ctx context.Context, in OutletPrice) error {
	_, err := createOrAdopt(ctx, c, creation[struct{}]{
		what: "outlet prices of variant " + in.Code,
		create: func(ctx context.Context) (struct{}, error) {
			return struct{}{}, c.do(ctx, request{method: http.MethodPost, path: "/OutletPrice", body: in}, nil)
		},
		lookups: []func(context.Context) (struct{}, bool, error){func(ctx context.Context) (struct{}, bool, error) {
			got, err := c.GetOutletPrices(ctx, in.Code)
			if err != nil {
				return notThere(struct{}{}, err)
			}
			return struct{}{}, got.contains(in.Outlets), nil
		}},
	})
	return err
}

// contains tells whether every entry is present with the same values.
func (p *OutletPrice) contains(entries []OutletPriceEntry) bool {
	for _, e := range entries {
		hit := false
		for _, g := range p.Outlets {
			hit = hit || strings.EqualFold(g.Outlet, e.Outlet) && g.UnitPrice == e.UnitPrice && g.ExtraCost == e.ExtraCost
		}
		if !hit {
			return false
		}
	}
	return true
}

// SetOutletPrices sets a variant's prices in the outlets listed, adding or
// overwriting them (PUT /OutletPrice); outlets not listed keep theirs.
func (c *Client) SetOutletPrices(ctx context.Context, in OutletPrice) error {
	return c.write(ctx, http.MethodPut, "/OutletPrice", in)
}

// DeleteOutletPrices removes a variant's prices in the named outlets, or in
// every outlet when none is named (DELETE /OutletPrice). The reference cuts
// the operation's body short, so this form is a guess, and whatever it
// answers is confirmed by reading the variant's prices: a named outlet (any
// outlet, when none is named) still priced is a *KeptError. The delete may
// clear more outlets than named (another reading of the same request):
// callers that keep some set them again afterwards.
func (c *Client) DeleteOutletPrices(ctx context.Context, variantCode string, outlets ...string) error {
	type outlet struct {
		Outlet string `json:"Outlet"`
	}
	body := struct {
		Code    string   `json:"Code"`
		Outlets []outlet `json:"Outlets,omitempty"`
	}{Code: variantCode}
	for _, o := range outlets {
		body.Outlets = append(body.Outlets, outlet{o})
	}
	r := request{method: http.MethodDelete, path: "/OutletPrice", body: body}
	what := "the prices of variant " + variantCode + " in " + strings.Join(outlets, ", ")
	if len(outlets) == 0 {
		what = "the outlet prices of variant " + variantCode
	}
	return c.deleteConfirmed(ctx, r, what, true, func(ctx context.Context) (bool, error) {
		got, err := c.GetOutletPrices(ctx, variantCode)
		if err != nil {
			return goneBy(err)
		}
		for _, e := range got.Outlets {
			if len(outlets) == 0 || slices.ContainsFunc(outlets, func(o string) bool { return strings.EqualFold(o, e.Outlet) }) {
				return false, nil
			}
		}
		return true, nil
	})
}
