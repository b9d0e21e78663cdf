package dealpos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Catalog endpoints: categories, products, variants, outlets and outlet
// prices. Writes address records by their natural keys (category path,
// product and variant code, outlet name); reads take IDs or codes.

// createOrAdopt runs a non-idempotent create. When its outcome is unknown
// (transport error, timeout, 5xx) it looks for what the create may have
// stored and adopts it, and only sends the create again when nothing is
// there; an "already exists" refusal after such an attempt is adopted too.
func createOrAdopt[T any](ctx context.Context, c *Client, what string, create func() (T, error), find func() (T, bool, error)) (T, error) {
	var zero T
	var uncertain error
	for attempt := 0; ; attempt++ {
		out, err := create()
		switch {
		case err == nil:
			return out, nil
		case ctx.Err() != nil:
			return zero, err
		case outcomeUnknown(err):
			uncertain = err
			tflog.Warn(ctx, "The outcome of a DealPOS create is unknown; looking the record up before trying again",
				map[string]any{"record": what, "error": err.Error()})
			found, ok, lookupErr := find()
			if lookupErr != nil {
				return zero, fmt.Errorf("creating %s: the outcome is unknown (%v) and looking it up failed: %w", what, err, lookupErr)
			}
			if ok {
				tflog.Info(ctx, "Adopted a DealPOS record whose create answer was lost", map[string]any{"record": what})
				return found, nil
			}
			if attempt >= c.maxRetries {
				return zero, fmt.Errorf("creating %s: gave up after %d attempts whose outcome was unknown: %w", what, attempt+1, uncertain)
			}
			if err := sleepContext(ctx, jitteredBackoff(c.waitMin, c.waitMax, attempt)); err != nil {
				return zero, err
			}
		case uncertain != nil && IsAlreadyExists(err):
			if found, ok, lookupErr := find(); lookupErr == nil && ok {
				return found, nil
			}
			return zero, err
		default:
			return zero, err
		}
	}
}

// lookupResult turns a lookup's not-found into "not there" for createOrAdopt.
func lookupResult[T any](v T, err error) (T, bool, error) {
	if IsNotFound(err) {
		var zero T
		return zero, false, nil
	}
	return v, err == nil, err
}

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
		return notFoundError(r, what)
	}
	return nil
}

// write performs an idempotent PUT or DELETE and ignores the answer, which
// is an object, a message or a bare string depending on the endpoint.
func (c *Client) write(ctx context.Context, method, path string, body any) error {
	return c.do(ctx, request{method: method, path: path, body: body, idempotent: true}, nil)
}

// CreateCategory creates a category (POST /Category) and returns its ID.
// The API creates missing parent levels of in.Name itself. A lost answer is
// recovered by looking the category up by name.
func (c *Client) CreateCategory(ctx context.Context, in CategoryCreate) (string, error) {
	return createOrAdopt(ctx, c, "category "+in.Name,
		func() (string, error) {
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
		func() (string, bool, error) {
			cat, err := c.GetCategoryByName(ctx, in.Name)
			if err != nil {
				return lookupResult("", err)
			}
			return cat.ID, true, nil
		})
}

// GetCategory reads a category by ID (the POST form of /Category/ID). It is
// the only read that answers the category's Code.
func (c *Client) GetCategory(ctx context.Context, id string) (*Category, error) {
	var out Category
	r := request{method: http.MethodPost, path: "/Category/ID", body: map[string]string{"ID": id}}
	if err := c.read(ctx, r, &out, "category", func() string { return out.ID }); err != nil {
		return nil, err
	}
	return &out, nil
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
	return nil, notFoundError(r, "category "+name)
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

// DeleteCategory deletes a category by its full path (DELETE /Category).
func (c *Client) DeleteCategory(ctx context.Context, name string) error {
	return c.write(ctx, http.MethodDelete, "/Category", map[string]string{"Name": name})
}

// CreateProduct creates a product with its variants (POST /Product) and
// returns the IDs of the product and its variants. A lost answer is
// recovered by reading the product by code.
func (c *Client) CreateProduct(ctx context.Context, in ProductInput) (*ProductResult, error) {
	return createOrAdopt(ctx, c, "product "+in.Code,
		func() (*ProductResult, error) { return c.productWrite(ctx, http.MethodPost, "/Product", in) },
		func() (*ProductResult, bool, error) {
			p, err := c.GetProductByCode(ctx, in.Code)
			if err != nil {
				return lookupResult[*ProductResult](nil, err)
			}
			return p.result(), p.Name == in.Name, nil
		})
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

// DeleteProduct deletes a product and its variants by product code
// (DELETE /Product; the reference names the operation only, so this form
// is a guess).
func (c *Client) DeleteProduct(ctx context.Context, code string) error {
	return c.write(ctx, http.MethodDelete, "/Product", map[string]string{"Code": code})
}

// ListProducts reads one page of products (POST /Product/p, answered as
// {DataArray, RecordsCount}). The server may cap pageSize.
func (c *Client) ListProducts(ctx context.Context, pageNumber, pageSize int) (*ProductPage, error) {
	body := struct {
		PageNumber int `json:"PageNumber"`
		PageSize   int `json:"PageSize"`
	}{pageNumber, pageSize}
	var out ProductPage
	if err := c.do(ctx, request{method: http.MethodPost, path: "/Product/p", body: body, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AddVariants adds variants to the product productCode (POST /Variant/Add)
// and returns the IDs of the product and its variants. A lost answer is
// recovered by reading the product and finding every variant sent.
func (c *Client) AddVariants(ctx context.Context, productCode string, variants []VariantInput) (*ProductResult, error) {
	body := struct {
		Code     string         `json:"Code"`
		Variants []VariantInput `json:"Variants"`
	}{productCode, variants}
	return createOrAdopt(ctx, c, "variants of product "+productCode,
		func() (*ProductResult, error) { return c.productWrite(ctx, http.MethodPost, "/Variant/Add", body) },
		func() (*ProductResult, bool, error) {
			p, err := c.GetProductByCode(ctx, productCode)
			if err != nil {
				return lookupResult[*ProductResult](nil, err)
			}
			for _, v := range variants {
				if got := p.Variant(v.Code); got == nil || got.Model != v.Model {
					return nil, false, nil
				}
			}
			return p.result(), true, nil
		})
}

// GetVariant reads a variant by ID (GET /Variant/Detail?ID=).
func (c *Client) GetVariant(ctx context.Context, id string) (*Variant, error) {
	return c.getVariant(ctx, url.Values{"ID": {id}})
}

// GetVariantByCode reads a variant by code (GET /Variant/Detail?Code=).
func (c *Client) GetVariantByCode(ctx context.Context, code string) (*Variant, error) {
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

// GetVariantIDs maps variant codes to variant and product IDs (the
// deprecated GET /Variant/GetIDByListCode, the only read that links a
// variant code to its product). Unknown codes are left out of the answer.
func (c *Client) GetVariantIDs(ctx context.Context, codes []string) ([]VariantIDs, error) {
	var out []VariantIDs
	if err := c.do(ctx, request{method: http.MethodGet, path: "/Variant/GetIDByListCode", body: codes, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateVariant updates the variant in.Code (PUT /Variant).
func (c *Client) UpdateVariant(ctx context.Context, in VariantUpdate) error {
	return c.write(ctx, http.MethodPut, "/Variant", in)
}

// DeleteVariant deletes a variant by code (DELETE /Variant).
func (c *Client) DeleteVariant(ctx context.Context, code string) error {
	return c.write(ctx, http.MethodDelete, "/Variant", map[string]string{"Code": code})
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
// An empty Outlets means the variant has none; an unknown variant is a 404.
func (c *Client) GetOutletPrices(ctx context.Context, variantCode string) (*OutletPrice, error) {
	var out OutletPrice
	r := request{method: http.MethodGet, path: "/OutletPrice", query: url.Values{"Code": {variantCode}}}
	if err := c.read(ctx, r, &out, "outlet price", func() string { return out.Code }); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateOutletPrices sets a variant's prices in outlets that have none yet
// (POST /OutletPrice). A lost answer is recovered by reading the prices back.
func (c *Client) CreateOutletPrices(ctx context.Context, in OutletPrice) error {
	_, err := createOrAdopt(ctx, c, "outlet prices of variant "+in.Code,
		func() (struct{}, error) {
			return struct{}{}, c.do(ctx, request{method: http.MethodPost, path: "/OutletPrice", body: in}, nil)
		},
		func() (struct{}, bool, error) {
			got, err := c.GetOutletPrices(ctx, in.Code)
			if err != nil {
				return lookupResult(struct{}{}, err)
			}
			return struct{}{}, got.contains(in.Outlets), nil
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
// every outlet when none is named (DELETE /OutletPrice).
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
	return c.write(ctx, http.MethodDelete, "/OutletPrice", body)
}
