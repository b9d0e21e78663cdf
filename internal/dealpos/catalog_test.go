package dealpos

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// simClient starts the real simulator in-process and returns a client for it.
func simClient(t *testing.T) (*Client, *simulator.Server) {
	t.Helper()
	return simClientWith(t, simulator.Options{})
}

// simClientWith is simClient with a simulator of the given options.
func simClientWith(t *testing.T, opts simulator.Options) (*Client, *simulator.Server) {
	t.Helper()
	opts.Tokens = []string{testToken}
	sim := simulator.New(opts)
	hs := httptest.NewServer(sim)
	t.Cleanup(hs.Close)
	c, err := New(Config{
		BaseURL: hs.URL + "/api/v3", Token: testToken, RequestTimeout: 10 * time.Second, MaxRetries: 3,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, sim
}

func testProduct() ProductInput {
	return ProductInput{
		Category: "Top/Men", Name: "Captain America T-Shirt", Brand: "Brand", Code: "1003",
		ImageURL: "https://example.com/1003.jpg", Description: "New Arrival",
		Variants: []VariantInput{
			{Model: "Small", Code: "1003S", UnitCost: 100000, UnitPrice: 150000, Type: VariantStandard, VariantDescription: "S"},
			{Model: "Medium", Code: "1003M", UnitCost: 100000, UnitPrice: 160000, Discontinued: true},
		},
	}
}

func TestCategoriesAgainstSimulator(t *testing.T) {
	c, _ := simClient(t)
	ctx := context.Background()
	id, err := c.CreateCategory(ctx, CategoryCreate{Name: "Top/Men", Code: "TM"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetCategory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.Name != "Top/Men" || got.Code != "TM" || got.Lvl != 1 || got.ParentID == "" || got.Discontinued {
		t.Fatalf("GetCategory %+v", got)
	}
	top, err := c.GetCategoryByName(ctx, "top")
	if err != nil || top.ID != got.ParentID || top.Name != "Top" {
		t.Fatalf("GetCategoryByName(top) = %+v, %v", top, err)
	}
	if _, err := c.GetCategoryByName(ctx, "To"); !IsNotFound(err) {
		t.Fatalf("a prefix must not match: %v", err)
	}
	if err := c.UpdateCategory(ctx, "Top/Men", "Top/Women", true); err != nil {
		t.Fatal(err)
	}
	all, err := c.ListCategories(ctx)
	if err != nil || len(all) != 2 || all[1].Name != "Top/Women" || !all[1].Discontinued || all[1].ID != id {
		t.Fatalf("ListCategories = %+v, %v", all, err)
	}
	if _, err := c.CreateCategory(ctx, CategoryCreate{Name: "Top/Women"}); !IsAlreadyExists(err) {
		t.Fatalf("duplicate create: %v", err)
	}
	if err := c.DeleteCategory(ctx, "Top", ""); StatusCode(err) != http.StatusBadRequest {
		t.Fatalf("deleting a parent: %v", err)
	}
	if err := c.DeleteCategory(ctx, "Top/Women", id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCategory(ctx, id); !IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestProductsAndVariantsAgainstSimulator(t *testing.T) {
	c, sim := simClient(t)
	ctx := context.Background()
	res, err := c.CreateProduct(ctx, testProduct())
	if err != nil {
		t.Fatal(err)
	}
	if res.ID == "" || res.VariantID("1003S") == "" || res.VariantID("1003M") == "" || len(res.ListVariantID) != 2 {
		t.Fatalf("CreateProduct %+v", res)
	}
	p, err := c.GetProduct(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	byCode, err := c.GetProductByCode(ctx, "1003")
	if err != nil {
		t.Fatal(err)
	}
	if p.Code != "1003" || p.Category != "Top/Men" || p.Brand != "Brand" || len(p.Variants) != 2 || byCode.ID != p.ID {
		t.Fatalf("GetProduct %+v / %+v", p, byCode)
	}
	if v := p.Variant("1003S"); v == nil || v.UnitPrice != 150000 || v.Description != "S" || v.ID != res.VariantID("1003S") {
		t.Fatalf("variant in product read %+v", v)
	}

	upd := testProduct()
	upd.Name, upd.ExtraImagesURL = "Renamed", []string{}
	upd.Variants = []VariantInput{{Model: "Large", Code: "1003L", UnitPrice: 170000}}
	res2, err := c.UpdateProduct(ctx, upd)
	if err != nil || res2.ID != res.ID || len(res2.Variants) != 3 {
		t.Fatalf("UpdateProduct = %+v, %v", res2, err)
	}
	added, err := c.AddVariants(ctx, "1003", []VariantInput{{Model: "XL", Code: "1003XL", Type: VariantNonInventory}})
	if err != nil || added.VariantID("1003XL") == "" {
		t.Fatalf("AddVariants = %+v, %v", added, err)
	}

	if err := c.UpdateVariant(ctx, VariantUpdate{
		Code: "1003XL", Model: ptr("Extra Large"), Type: ptr(VariantComposite), Weight: ptr[int64](300),
		Taxable: ptr(true), Components: []Component{{Code: "1003S", Qty: 2}},
		OutletPrice: []VariantOutletPrice{{Outlet: "Main Outlet", Price: 180000, ExtraCost: 10}},
	}); err != nil {
		t.Fatal(err)
	}
	v, err := c.getVariantByCode(ctx, "1003XL")
	if err != nil {
		t.Fatal(err)
	}
	if v.Model != "Extra Large" || v.Name != "Extra Large" || v.Type != VariantComposite || v.Weight != 300 || !v.Taxable ||
		len(v.Components) != 1 || v.Components[0].Qty != 2 || len(v.OutletPrice) != 1 || v.OutletPrice[0].Price != 180000 || v.Product != "Renamed" {
		t.Fatalf("GetVariantByCode %+v", v)
	}
	if byID, err := c.GetVariant(ctx, v.ID); err != nil || byID.Code != "1003XL" {
		t.Fatalf("GetVariant = %+v, %v", byID, err)
	}
	if err := c.DeleteVariant(ctx, "1003XL"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.getVariantByCode(ctx, "1003XL"); !IsNotFound(err) {
		t.Fatalf("after DeleteVariant: %v", err)
	}

	page, count, err := c.listProductPage(ctx, 1, 10)
	if err != nil || count != 1 || len(page) != 1 || page[0].Name != "Renamed" || !page[0].Complete() {
		t.Fatalf("listProductPage = %+v, %d, %v", page, count, err)
	}
	if err := c.DeleteProduct(ctx, "1003", res.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetProduct(ctx, res.ID); !IsNotFound(err) {
		t.Fatalf("after DeleteProduct: %v", err)
	}
	if len(sim.Products()) != 0 {
		t.Fatal("the product is still stored")
	}
}

func TestOutletsAndPricesAgainstSimulator(t *testing.T) {
	c, sim := simClient(t)
	ctx := context.Background()
	sim.SetOutlets(simulator.Outlet{Name: "North", Code: "N"}, simulator.Outlet{Name: "South", Code: "S", Suspended: true})
	outlets, err := c.ListOutlets(ctx)
	if err != nil || len(outlets) != 2 || outlets[0].Name != "North" || outlets[0].ID == "" || !outlets[1].Suspended {
		t.Fatalf("ListOutlets = %+v, %v", outlets, err)
	}
	if _, err := c.CreateProduct(ctx, testProduct()); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateOutletPrices(ctx, OutletPrice{Code: "1003S", Outlets: []OutletPriceEntry{{Outlet: "North", UnitPrice: 155000, ExtraCost: 100}}}); err != nil {
		t.Fatal(err)
	}
	if err := c.SetOutletPrices(ctx, OutletPrice{Code: "1003S", Outlets: []OutletPriceEntry{{Outlet: "South", UnitPrice: 1}}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetOutletPrices(ctx, "1003S")
	want := []OutletPriceEntry{{"North", 155000, 100}, {"South", 1, 0}}
	if err != nil || got.Code != "1003S" || !slices.Equal(got.Outlets, want) {
		t.Fatalf("GetOutletPrices = %+v, %v", got, err)
	}
	err = c.SetOutletPrices(ctx, OutletPrice{Code: "1003S", Outlets: []OutletPriceEntry{{Outlet: "Mars", UnitPrice: 1}}})
	if StatusCode(err) != http.StatusBadRequest || IsAlreadyExists(err) {
		t.Fatalf("unknown outlet: %v", err)
	}
	if err := c.DeleteOutletPrices(ctx, "1003S", "South"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteOutletPrices(ctx, "1003S"); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetOutletPrices(ctx, "1003S"); err != nil || len(got.Outlets) != 0 {
		t.Fatalf("after deleting = %+v, %v", got, err)
	}
	if _, err := c.GetOutletPrices(ctx, "nope"); !IsNotFound(err) {
		t.Fatalf("unknown variant: %v", err)
	}
}

// A create whose answer is lost is found and adopted, never sent twice.
func TestCatalogLostCreatesAreAdopted(t *testing.T) {
	for _, mode := range []string{simulator.LostCreate502, simulator.LostCreateDrop} {
		t.Run(mode, func(t *testing.T) {
			c, sim := simClient(t)
			ctx := context.Background()
			sim.SetFaults(simulator.Faults{PLostCreate: 1, LostCreateMode: mode})
			id, err := c.CreateCategory(ctx, CategoryCreate{Name: "Lost/Found"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.CreateProduct(ctx, testProduct())
			if err != nil {
				t.Fatal(err)
			}
			cats, prods := sim.Categories(), sim.Products()
			if len(cats) != 4 || cats[1].ID != id || len(prods) != 1 || prods[0].ID != res.ID || res.VariantID("1003M") != prods[0].Variants[1].ID {
				t.Fatalf("categories %+v, products %+v, result %+v", cats, prods, res)
			}
			if n := sim.Stats().Requests["POST /Product"]; n != 1 {
				t.Fatalf("POST /Product sent %d times", n)
			}
		})
	}
}

// Writes other than creates are idempotent and retried; creates are not
// retried blindly but looked up first.
func TestCatalogRetryPolicy(t *testing.T) {
	f := newFakeAPI(t)
	f.handle("PUT /Category", sequence(status(503), answer(200, map[string]string{"ID": "c1"})))
	f.handle("POST /Category", status(503))
	f.handle("POST /Category/p", sequence(answer(200, []any{}), answer(200, []map[string]any{{"ID": "c2", "Name": "New"}})))
	c := f.client(nil)
	ctx := context.Background()
	if err := c.UpdateCategory(ctx, "A", "A", true); err != nil {
		t.Fatal(err)
	}
	if n := f.count("PUT", "/Category"); n != 2 {
		t.Fatalf("PUT sent %d times, want a retry", n)
	}
	id, err := c.CreateCategory(ctx, CategoryCreate{Name: "New"})
	if err != nil || id != "c2" {
		t.Fatalf("CreateCategory = %q, %v", id, err)
	}
	if n, m := f.count("POST", "/Category"), f.count("POST", "/Category/p"); n != 2 || m != 2 {
		t.Fatalf("POST /Category %d times, lookups %d: want create, lookup (absent), create, lookup (found)", n, m)
	}
	// Every PUT carries all three fields, Discontinued false included.
	var body map[string]any
	reqs := f.requests()
	_ = json.Unmarshal(reqs[0].Body, &body)
	if len(body) != 3 || body["Rename"] != "A" || body["Discontinued"] != true {
		t.Fatalf("PUT body %v", body)
	}
}

// A read answering 200 with nothing in it is a not-found, never an empty record.
func TestCatalogEmptyReadsAreNotFound(t *testing.T) {
	for _, empty := range []string{"", "null", "{}", `{"ID":""}`, `{"Code":""}`} {
		f := newFakeAPI(t)
		for _, route := range []string{"POST /Category/ID", "GET /Product/ID", "GET /Product/Detail", "GET /Variant/Detail", "GET /OutletPrice"} {
			f.handle(route, raw(200, empty))
		}
		c := f.client(nil)
		ctx := context.Background()
		errs := map[string]error{}
		_, errs["GetCategory"] = c.GetCategory(ctx, "x")
		_, errs["GetProduct"] = c.GetProduct(ctx, "x")
		_, errs["GetProductByCode"] = c.GetProductByCode(ctx, "x")
		_, errs["GetVariant"] = c.GetVariant(ctx, "x")
		_, errs["GetVariantByCode"] = c.getVariantByCode(ctx, "x")
		_, errs["GetOutletPrices"] = c.GetOutletPrices(ctx, "x")
		for name, err := range errs {
			if !IsNotFound(err) {
				t.Errorf("%s on %q: %v, want a not-found", name, empty, err)
			}
		}
	}
}

func TestCatalogTolerantDecoding(t *testing.T) {
	var p Product
	err := json.Unmarshal([]byte(`{"ID":"p","BrandName":"Legacy","Tags":[{"x":1}],"Variants":[
		{"ID":"v","UnitPrice":"150000","UnitCost":99999.6,"Weight":null,"OrderPrice":""}]}`), &p)
	if err != nil {
		t.Fatal(err)
	}
	if v := p.Variants[0]; p.Brand != "Legacy" || v.UnitPrice != 150000 || v.UnitCost != 100000 || v.Weight != 0 || v.OrderPrice != 0 {
		t.Fatalf("decoded %+v", p)
	}
	var n Integer
	if err := json.Unmarshal([]byte(`"abc"`), &n); err == nil {
		t.Fatal("a non-numeric string decoded")
	}

	var cat Category
	if err := json.Unmarshal([]byte(`{"ParentID":null,"Lvl":"2","ID":"c","Name":"A/B/C"}`), &cat); err != nil || cat.Lvl != 2 || cat.ParentID != "" {
		t.Fatalf("category %+v, %v", cat, err)
	}

	var outlets []Outlet
	if err := json.Unmarshal([]byte(`[{"Name":"a","Suspended":"Yes"},{"Name":"b","Suspended":false},{"Name":"c"},{"Name":"d","Suspended":1}]`), &outlets); err != nil {
		t.Fatal(err)
	}
	if !outlets[0].Suspended || outlets[1].Suspended || outlets[2].Suspended || !outlets[3].Suspended {
		t.Fatalf("outlets %+v", outlets)
	}
	if err := json.Unmarshal([]byte(`{"Suspended":"perhaps"}`), &outlets[0]); err == nil {
		t.Fatal("an unknown Suspended value decoded")
	}

	var op VariantOutletPrice
	if err := json.Unmarshal([]byte(`{"Outlet":"a","UnitPrice":5}`), &op); err != nil || op.Price != 5 {
		t.Fatalf("UnitPrice alias: %+v, %v", op, err)
	}
}

// Optional lists: nil is left out (kept by the API), empty is sent (cleared).
func TestCatalogWriteBodies(t *testing.T) {
	in := testProduct()
	in.Variants, in.ExtraImagesURL = nil, []string{}
	b, _ := json.Marshal(in)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if _, ok := m["Variants"]; ok {
		t.Fatalf("nil Variants sent: %s", b)
	}
	if v, ok := m["ExtraImagesURL"].([]any); !ok || len(v) != 0 {
		t.Fatalf("empty ExtraImagesURL not sent: %s", b)
	}
	b, _ = json.Marshal(VariantUpdate{Code: "x", Components: []Component{}})
	if string(b) != `{"Code":"x","Components":[]}` {
		t.Fatalf("VariantUpdate %s", b)
	}
}
