package simulator

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// tshirt is the reference's product create example.
func tshirt() map[string]any {
	return map[string]any{
		"Category": "Top/Men", "Name": "Captain America T-Shirt", "Brand": "Brand", "Code": "1003",
		"Discontinued": false, "ImageURL": "https://example.com/1003.jpg", "Description": "New Arrival",
		"ExtraImagesURL": []string{"https://example.com/1003-b.jpg"},
		"Variants": []map[string]any{
			{"Model": "Small", "Code": "1003S", "UnitCost": 100000, "UnitPrice": 150000, "Discontinued": false, "Type": map[string]any{"value": "Standard"}, "VariantDescription": "S"},
			{"Model": "Medium", "Code": "1003M", "UnitCost": 100000, "UnitPrice": 160000, "Discontinued": true},
		},
	}
}

type written struct {
	ID            string
	Variants      []struct{ Code, ID string }
	ListVariantID []string
}

func (e *env) createProduct(body map[string]any) written {
	e.t.Helper()
	var out written
	e.call("POST", "/Product", body).expect(e.t, 200, "").decode(e.t, &out)
	if out.ID == "" || len(out.Variants) == 0 || len(out.ListVariantID) != len(out.Variants) {
		e.t.Fatalf("product create answer %+v", out)
	}
	return out
}

func (e *env) categoryNames() []string {
	e.t.Helper()
	var items []struct {
		ID, Name     string
		Discontinued bool
	}
	e.call("POST", "/Category/p", map[string]any{}).expect(e.t, 200, "").decode(e.t, &items)
	var names []string
	for _, it := range items {
		names = append(names, it.Name)
	}
	return names
}

func TestCategoryCreateListRead(t *testing.T) {
	e := newEnv(t, Options{})
	var created struct{ ID string }
	e.call("POST", "/Category", map[string]any{"Name": " Top / Men ", "Code": "TM"}).expect(t, 200, "").decode(t, &created)
	if got := e.categoryNames(); !slices.Equal(got, []string{"Top", "Top/Men"}) {
		t.Fatalf("categories %v, want the parent created too", got)
	}
	// GET with a JSON body and the POST form of /Category/ID, and the query.
	for _, r := range []*resp{
		e.call("GET", "/Category/ID", map[string]any{"ID": created.ID}),
		e.call("POST", "/Category/ID", map[string]any{"ID": created.ID}),
		e.call("GET", "/Category/ID?ID="+strings.ToUpper(created.ID), nil),
	} {
		var d map[string]any
		r.expect(t, 200, "").decode(t, &d)
		if d["Name"] != "Top/Men" || d["Code"] != "TM" || d["Lvl"] != 1.0 || d["ParentID"] == nil || d["TypeID"] != 0.0 {
			t.Fatalf("detail %v", d)
		}
	}
	top := e.srv.Categories()[0]
	var d map[string]any
	e.call("POST", "/Category/ID", map[string]any{"ID": top.ID}).expect(t, 200, "").decode(t, &d)
	if d["ParentID"] != nil || d["Lvl"] != 0.0 || d["Code"] != "" {
		t.Fatalf("top-level detail %v", d)
	}

	e.call("POST", "/Category", map[string]any{"Name": "top/MEN"}).expect(t, 400, "Category 'Top/Men' already exists.")
	e.call("POST", "/Category", map[string]any{"Name": "Top"}).expect(t, 400, "already exists") // implicit parent
	e.call("POST", "/Category", map[string]any{"Name": "A//B"}).expect(t, 400, "empty level")
	e.call("POST", "/Category", map[string]any{"Code": "X"}).expect(t, 400, "The Name field is required.")
	e.call("POST", "/Category/ID", map[string]any{"ID": "nope"}).expect(t, 404, "Category not found.")
	e.call("POST", "/Category/ID", map[string]any{}).expect(t, 400, "The ID field is required.")

	// List filters: Name selects a subtree, Discontinued filters.
	e.call("POST", "/Category", map[string]any{"Name": "Bottom"}).expect(t, 200, "")
	e.call("PUT", "/Category", map[string]any{"Name": "Bottom", "Rename": "Bottom", "Discontinued": true}).expect(t, 200, "")
	var items []struct {
		Name         string
		Discontinued bool
	}
	e.call("GET", "/Category", map[string]any{"Name": "top"}).expect(t, 200, "").decode(t, &items)
	if len(items) != 2 {
		t.Fatalf("subtree of Top: %+v", items)
	}
	e.call("POST", "/Category/p", map[string]any{"Discontinued": true}).expect(t, 200, "").decode(t, &items)
	if len(items) != 1 || items[0].Name != "Bottom" || !items[0].Discontinued {
		t.Fatalf("discontinued: %+v", items)
	}
}

func TestCategoryRenameAndDelete(t *testing.T) {
	e := newEnv(t, Options{})
	e.call("POST", "/Category", map[string]any{"Name": "Food/Snack/Pastries", "Code": "FSP"}).expect(t, 200, "")
	snack := e.srv.Categories()[1]

	// All three fields are required on every update.
	e.call("PUT", "/Category", map[string]any{"Name": "Food/Snack", "Discontinued": false}).expect(t, 400, "The Rename field is required.")
	e.call("PUT", "/Category", map[string]any{"Name": "Food/Snack", "Rename": "Food/Snack"}).expect(t, 400, "The Discontinued field is required.")
	e.call("PUT", "/Category", map[string]any{"Name": "Nope", "Rename": "X", "Discontinued": false}).expect(t, 404, "Category not found.")

	// A rename moves the subtree and creates missing parents.
	var out struct{ ID string }
	e.call("PUT", "/Category", map[string]any{"Name": "food/snack", "Rename": "Drinks/Cold", "Discontinued": true}).expect(t, 200, "").decode(t, &out)
	if out.ID != snack.ID {
		t.Fatalf("update answered ID %q, want %q", out.ID, snack.ID)
	}
	if got := e.categoryNames(); !slices.Equal(got, []string{"Drinks", "Drinks/Cold", "Drinks/Cold/Pastries", "Food"}) {
		t.Fatalf("after rename %v", got)
	}
	for _, c := range e.srv.Categories() {
		if c.Discontinued != (c.ID == snack.ID) {
			t.Fatalf("Discontinued must apply to the renamed level only: %+v", c)
		}
	}
	e.call("PUT", "/Category", map[string]any{"Name": "Drinks/Cold", "Rename": "Food", "Discontinued": false}).expect(t, 400, "already exists")
	e.call("PUT", "/Category", map[string]any{"Name": "Drinks/Cold", "Rename": "Drinks/Cold/Pastries/X", "Discontinued": false}).expect(t, 400, "below itself")
	// A case-only rename of itself is allowed.
	e.call("PUT", "/Category", map[string]any{"Name": "Drinks/Cold", "Rename": "Drinks/COLD", "Discontinued": false}).expect(t, 200, "")

	// Delete refuses while sub-categories or products exist.
	e.call("DELETE", "/Category", map[string]any{"Name": "Drinks/COLD"}).expect(t, 400, "has sub-categories")
	e.createProduct(edit(tshirt(), map[string]any{"Category": "Drinks/COLD/Pastries"}))
	e.call("DELETE", "/Category", map[string]any{"Name": "Drinks/COLD/Pastries"}).expect(t, 400, "is used by product '1003'")
	e.call("DELETE", "/Product", map[string]any{"Code": "1003"}).expect(t, 200, "")
	e.call("DELETE", "/Category", map[string]any{"Name": "drinks/cold/pastries"}).expect(t, 200, "")
	e.call("DELETE", "/Category", map[string]any{"Name": "Drinks/COLD/Pastries"}).expect(t, 404, "Category not found.")
	e.call("DELETE", "/Category", map[string]any{}).expect(t, 400, "The Name field is required.")
}

func TestProductCreateAndRead(t *testing.T) {
	e := newEnv(t, Options{})
	w := e.createProduct(tshirt())
	if w.Variants[0].Code != "1003S" || w.Variants[1].Code != "1003M" || w.ListVariantID[0] != w.Variants[0].ID {
		t.Fatalf("create answer %+v", w)
	}
	if got := e.categoryNames(); !slices.Equal(got, []string{"Top", "Top/Men"}) {
		t.Fatalf("the product's category path was not created: %v", got)
	}
	var byID, byCode, byPost map[string]any
	e.call("GET", "/Product/ID?ID="+w.ID, nil).expect(t, 200, "").decode(t, &byID)
	e.call("GET", "/Product/Detail?Code=1003", nil).expect(t, 200, "").decode(t, &byCode)
	e.call("POST", "/Product/ID", map[string]any{"ID": w.ID}).expect(t, 200, "").decode(t, &byPost)
	if fmt.Sprint(byID) != fmt.Sprint(byCode) || fmt.Sprint(byID) != fmt.Sprint(byPost) {
		t.Fatalf("reads differ:\n%v\n%v\n%v", byID, byCode, byPost)
	}
	want := map[string]any{
		"ID": w.ID, "Category": "Top/Men", "Name": "Captain America T-Shirt", "Brand": "Brand", "Code": "1003",
		"Discontinued": false, "Description": "New Arrival", "ImageURL": "https://example.com/1003.jpg",
		"ThumbnailURL": "https://example.com/1003.jpg", "SupplierName": "",
	}
	for k, v := range want {
		if byID[k] != v {
			t.Fatalf("%s = %v, want %v", k, byID[k], v)
		}
	}
	vs, _ := byID["Variants"].([]any)
	v0, _ := vs[0].(map[string]any)
	if len(vs) != 2 || v0["Model"] != "Small" || v0["UnitPrice"] != 150000.0 || v0["Description"] != "S" || v0["ID"] != w.Variants[0].ID {
		t.Fatalf("variants %v", vs)
	}
	e.call("GET", "/Product/Detail?ID="+w.ID, nil).expect(t, 200, "")
	e.call("GET", "/Product/Detail", nil).expect(t, 400, "Code or ID")
	e.call("GET", "/Product/Detail?Code=nope", nil).expect(t, 404, "Product not found.")
	e.call("GET", "/Product/ID", nil).expect(t, 400, "The ID field is required.")

	cases := []struct {
		change map[string]any
		want   string
	}{
		{map[string]any{"Brand": nil}, "The Brand field is required."},
		{map[string]any{"ImageURL": ""}, "The ImageURL field is required."},
		{map[string]any{"Discontinued": nil}, "The Discontinued field is required."},
		{map[string]any{"Category": nil}, "The Category field is required."},
		{map[string]any{"Variants": nil}, "The Variants field is required"},
		{map[string]any{"Variants": []any{}}, "The Variants field is required"},
		{map[string]any{"Variants": []map[string]any{{"Code": "X"}}}, "Variants[0]: The Model field is required."},
		{map[string]any{"Variants": []map[string]any{{"Code": "X", "Model": "x", "UnitPrice": 1.5}}}, "must be an integer"},
		{map[string]any{"Variants": []map[string]any{{"Code": "X", "Model": "x", "UnitPrice": -1}}}, "must not be negative"},
		{map[string]any{"Variants": []map[string]any{{"Code": "X", "Model": "x", "Type": "Serialized"}}}, "The Type field must be one of"},
		{map[string]any{"Variants": []map[string]any{{"Code": "X", "Model": "x"}, {"Code": "X", "Model": "y"}}}, "listed twice"},
		{map[string]any{}, "Product with code '1003' already exists."},
		{map[string]any{"Code": "1004"}, "Variant with code '1003S' already exists."},
	}
	for _, c := range cases {
		e.call("POST", "/Product", edit(tshirt(), c.change)).expect(t, 400, c.want)
	}
	// BrandName is the legacy name of Brand; a product code may equal a variant code.
	e.createProduct(edit(tshirt(), map[string]any{"Code": "1003S", "Brand": nil, "BrandName": "Legacy",
		"Variants": []map[string]any{{"Model": "One", "Code": "2000", "Type": "NonInventory"}}}))
	var p map[string]any
	e.call("GET", "/Product/Detail?Code=1003S", nil).expect(t, 200, "").decode(t, &p)
	if p["Brand"] != "Legacy" {
		t.Fatalf("BrandName not taken: %v", p)
	}
}

func TestProductUpdateMergesVariants(t *testing.T) {
	e := newEnv(t, Options{})
	w := e.createProduct(tshirt())
	upd := map[string]any{
		"Category": "Top/Unisex", "Name": "Renamed", "Code": "1003", "Discontinued": true, "Description": "",
		"Variants": []map[string]any{
			{"Model": "Small v2", "Code": "1003S", "UnitPrice": 170000, "Discontinued": false, "Type": "Composite"},
			{"Model": "Large", "Code": "1003L", "Discontinued": false, "Type": "NonInventory"},
		},
	}
	var out written
	e.call("PUT", "/Product", upd).expect(t, 200, "").decode(t, &out)
	if out.ID != w.ID || len(out.Variants) != 3 || out.Variants[2].Code != "1003L" {
		t.Fatalf("update answer %+v", out)
	}
	p := e.srv.Products()[0]
	s, m, l := p.Variants[0], p.Variants[1], p.Variants[2]
	switch {
	case p.Name != "Renamed" || p.Category != "Top/Unisex" || !p.Discontinued || p.Description != "":
		t.Fatalf("product fields %+v", p)
	case p.Brand != "Brand" || p.ImageURL == "" || len(p.ExtraImagesURL) != 1:
		t.Fatalf("absent optional fields must keep their values: %+v", p)
	case s.Model != "Small v2" || s.UnitPrice != 170000 || s.UnitCost != 100000 || s.Description != "S":
		t.Fatalf("listed variant: absent properties must keep their values: %+v", s)
	case s.Type != "Standard":
		t.Fatalf("Type must be ignored for an existing variant on PUT /Product: %+v", s)
	case m.Model != "Medium" || !m.Discontinued:
		t.Fatalf("an unlisted variant must be kept as is: %+v", m)
	case l.Type != "NonInventory" || l.UnitPrice != 0:
		t.Fatalf("new variant %+v", l)
	}

	e.call("PUT", "/Product", edit(upd, map[string]any{"Code": "nope"})).expect(t, 404, "Product not found.")
	e.call("PUT", "/Product", edit(upd, map[string]any{"Variants": []map[string]any{{"Model": "x", "Code": "y"}}})).expect(t, 400, "The Discontinued field is required.")
	e.call("PUT", "/Product", edit(upd, map[string]any{"Name": nil})).expect(t, 400, "The Name field is required.")
	// A variant code of another product is refused and nothing changes.
	e.createProduct(edit(tshirt(), map[string]any{"Code": "2", "Variants": []map[string]any{{"Model": "x", "Code": "2X"}}}))
	e.call("PUT", "/Product", edit(upd, map[string]any{"Name": "Changed", "Variants": []map[string]any{{"Model": "x", "Code": "2X", "Discontinued": false}}})).
		expect(t, 400, "Variant with code '2X' already exists.")
	if p := e.srv.Products()[1]; p.Code != "1003" || p.Name != "Renamed" {
		t.Fatalf("a refused update changed the product: %+v", p)
	}
	// Without Variants the variants stay.
	e.call("PUT", "/Product", edit(upd, map[string]any{"Variants": nil})).expect(t, 200, "")
	if n := len(e.srv.Products()[1].Variants); n != 3 {
		t.Fatalf("%d variants after an update without Variants", n)
	}
}

func TestProductDeleteAndList(t *testing.T) {
	e := newEnv(t, Options{PageCap: 2})
	w := e.createProduct(tshirt())
	for i := range 3 {
		e.createProduct(edit(tshirt(), map[string]any{"Code": fmt.Sprint(i), "Name": fmt.Sprint("P", i), "Variants": []map[string]any{{"Model": "x", "Code": fmt.Sprint("V", i)}}}))
	}
	var page struct {
		DataArray    []struct{ Code string }
		RecordsCount int
	}
	e.call("POST", "/Product/p", map[string]any{"PageNumber": 1, "PageSize": 10}).expect(t, 200, "").decode(t, &page)
	if page.RecordsCount != 4 || len(page.DataArray) != 2 || page.DataArray[0].Code != "1003" {
		t.Fatalf("page 1 (capped at 2): %+v", page)
	}
	e.call("GET", "/Product", map[string]any{"PageNumber": 3, "PageSize": 2}).expect(t, 200, "").decode(t, &page)
	if len(page.DataArray) != 0 || page.RecordsCount != 4 {
		t.Fatalf("page past the end: %+v", page)
	}
	e.call("POST", "/Product/p", map[string]any{"PageSize": 2}).expect(t, 400, "PageNumber")

	e.call("PUT", "/OutletPrice", map[string]any{"Code": "1003S", "Outlets": []map[string]any{{"Outlet": "Main Outlet", "UnitPrice": 1}}}).expect(t, 200, "")
	e.call("DELETE", "/Product", map[string]any{}).expect(t, 400, "The Code field is required.")
	e.call("DELETE", "/Product", map[string]any{"Code": "1003"}).expect(t, 200, "Product with code 1003 has been successfully deleted.")
	e.call("GET", "/Product/ID?ID="+w.ID, nil).expect(t, 404, "Product not found.")
	e.call("GET", "/Variant/Detail?Code=1003S", nil).expect(t, 404, "Variant not found.")
	e.call("DELETE", "/Product", map[string]any{"ID": e.srv.Products()[0].ID}).expect(t, 200, "")
	e.call("DELETE", "/Product", map[string]any{"Code": "1003"}).expect(t, 404, "Product not found.")
	// The deleted variant's code is free again, its outlet prices gone.
	e.createProduct(tshirt())
	var op struct{ Outlets []any }
	e.call("GET", "/OutletPrice?Code=1003S", nil).expect(t, 200, "").decode(t, &op)
	if len(op.Outlets) != 0 {
		t.Fatalf("outlet prices survived their variant: %+v", op)
	}
}

func TestVariantEndpoints(t *testing.T) {
	e := newEnv(t, Options{})
	w := e.createProduct(tshirt())

	var added written
	e.call("POST", "/Variant/Add", map[string]any{"Code": "1003", "Variants": []map[string]any{{"Model": "Large", "Code": "1003L", "UnitPrice": 170000, "Type": "Composite"}}}).
		expect(t, 200, "").decode(t, &added)
	if added.ID != w.ID || len(added.Variants) != 3 || added.Variants[2].Code != "1003L" {
		t.Fatalf("add answer %+v", added)
	}
	e.call("POST", "/Variant/Add", map[string]any{"Code": "nope", "Variants": []map[string]any{{"Model": "x", "Code": "x"}}}).expect(t, 404, "Product not found.")
	e.call("POST", "/Variant/Add", map[string]any{"Code": "1003", "Variants": []map[string]any{{"Model": "x", "Code": "1003S"}}}).expect(t, 400, "already exists")
	e.call("POST", "/Variant/Add", map[string]any{"Variants": []any{}}).expect(t, 400, "The Code field is required.")

	upd := map[string]any{
		"Code": "1003L", "Name": "Large (legacy name)", "ProductCode": "1003", "Weight": 250, "Type": "Manufactured",
		"OrderPrice": 90000, "UnitCost": 95000, "UnitPrice": 175000, "Taxable": true, "LoyaltyPoint": true, "Discontinued": true,
		"Components":  []map[string]any{{"Code": "1003S", "Name": "ignored", "Qty": 2.5}},
		"OutletPrice": []map[string]any{{"Outlet": "main outlet", "Price": 180000, "ExtraCost": 500}},
	}
	e.call("PUT", "/Variant", upd).expect(t, 200, "Update Success")
	var d map[string]any
	e.call("GET", "/Variant/Detail?Code=1003L", nil).expect(t, 200, "").decode(t, &d)
	want := map[string]any{
		"ID": added.Variants[2].ID, "Category": "Top/Men", "Brand": "Brand", "Product": "Captain America T-Shirt",
		"Variant": "Large (legacy name)", "Name": "Large (legacy name)", "Code": "1003L", "Weight": 250.0, "Type": "Manufactured",
		"OrderPrice": 90000.0, "UnitCost": 95000.0, "UnitPrice": 175000.0, "Taxable": true, "LoyaltyPoint": true, "Discontinued": true,
	}
	for k, v := range want {
		if d[k] != v {
			t.Fatalf("%s = %v, want %v (%v)", k, d[k], v, d)
		}
	}
	if fmt.Sprint(d["Components"]) != "[map[Code:1003S Name:Captain America T-Shirt Small Qty:2.5]]" ||
		fmt.Sprint(d["OutletPrice"]) != "[map[ExtraCost:500 Outlet:Main Outlet Price:180000]]" {
		t.Fatalf("components %v, outlet price %v", d["Components"], d["OutletPrice"])
	}
	// Model wins over Name; absent properties keep their values.
	e.call("PUT", "/Variant", map[string]any{"Code": "1003L", "Model": "L", "Name": "ignored"}).expect(t, 200, "")
	e.call("GET", "/Variant/Detail?ID="+added.Variants[2].ID, nil).expect(t, 200, "").decode(t, &d)
	if d["Name"] != "L" || d["UnitPrice"] != 175000.0 || d["Type"] != "Manufactured" {
		t.Fatalf("after a partial update %v", d)
	}

	for _, c := range []struct {
		body   map[string]any
		status int
		want   string
	}{
		{map[string]any{"Model": "x"}, 400, "The Code field is required."},
		{map[string]any{"Code": "nope"}, 404, "Variant not found."},
		{map[string]any{"Code": "1003L", "ProductCode": "other"}, 400, "moving it"},
		{map[string]any{"Code": "1003L", "Type": "Serialized"}, 400, "must be one of"},
		{map[string]any{"Code": "1003L", "Components": []map[string]any{{"Code": "1003L", "Qty": 1}}}, 400, "Component '1003L'"},
		{map[string]any{"Code": "1003L", "Components": []map[string]any{{"Code": "zzz", "Qty": 1}}}, 400, "Component 'zzz'"},
		{map[string]any{"Code": "1003L", "Components": []map[string]any{{"Code": "1003S"}}}, 400, "Qty"},
		{map[string]any{"Code": "1003L", "OutletPrice": []map[string]any{{"Outlet": "Mars", "Price": 1}}}, 400, "Outlet 'Mars' not found."},
	} {
		e.call("PUT", "/Variant", c.body).expect(t, c.status, c.want)
	}
	e.call("GET", "/Variant/Detail", nil).expect(t, 400, "Code or ID")

	var ids []struct{ ID, ProductID, Code string }
	e.call("GET", "/Variant/GetIDByListCode", []string{"1003S", "nope", "1003L"}).expect(t, 200, "").decode(t, &ids)
	if len(ids) != 2 || ids[0].Code != "1003S" || ids[0].ProductID != w.ID || ids[1].ID != added.Variants[2].ID {
		t.Fatalf("GetIDByListCode %+v", ids)
	}
	e.call("GET", "/Variant/GetIDByListCode", map[string]any{"Code": "x"}).expect(t, 400, "JSON array")

	var list []struct{ Code string }
	e.call("POST", "/Variant", map[string]any{"Category": "top/men", "PageNumber": 1, "PageSize": 2}).expect(t, 200, "").decode(t, &list)
	if len(list) != 2 || list[0].Code != "1003S" {
		t.Fatalf("variant list %+v", list)
	}
	e.call("GET", "/Variant", map[string]any{"Category": "Other", "PageNumber": 1, "PageSize": 2}).expect(t, 200, "").decode(t, &list)
	if len(list) != 0 {
		t.Fatalf("variant list of another category %+v", list)
	}

	// Delete answers a bare string, drops outlet prices, keeps the last variant.
	r := e.call("DELETE", "/Variant", map[string]any{"Code": "1003L"}).expect(t, 200, "")
	var s string
	r.decode(t, &s)
	if s != "Variant with code 1003L has been successfully deleted." {
		t.Fatalf("delete answer %q", s)
	}
	e.call("DELETE", "/Variant", map[string]any{"Code": "1003L"}).expect(t, 404, "Variant not found.")
	e.call("DELETE", "/Variant", map[string]any{"Code": "1003M"}).expect(t, 200, "")
	e.call("DELETE", "/Variant", map[string]any{"Code": "1003S"}).expect(t, 400, "only variant of product '1003'")
}

func TestOutlets(t *testing.T) {
	e := newEnv(t, Options{})
	var outlets []struct {
		ID, Name, Code string
		Suspended      bool
	}
	e.call("GET", "/Outlet", nil).expect(t, 200, "").decode(t, &outlets)
	if len(outlets) != 2 || outlets[0].Name != "Main Outlet" || outlets[1].Code != "002" || outlets[0].ID == "" {
		t.Fatalf("default outlets %+v", outlets)
	}
	e.srv.SetOutlets(Outlet{ID: "o1", Name: "Emporium Pluit", Code: "001"}, Outlet{Name: "Closed", Suspended: true})
	e.call("GET", "/Outlet?SuspendedStatus=No", nil).expect(t, 200, "").decode(t, &outlets)
	if len(outlets) != 1 || outlets[0].ID != "o1" {
		t.Fatalf("active outlets %+v", outlets)
	}
	e.call("POST", "/Outlet/p", map[string]any{"SuspendedStatus": "Yes"}).expect(t, 200, "").decode(t, &outlets)
	if len(outlets) != 1 || outlets[0].Name != "Closed" || !outlets[0].Suspended {
		t.Fatalf("suspended outlets %+v", outlets)
	}
	e.call("GET", "/Outlet?Name=pluit&Access=All", nil).expect(t, 200, "").decode(t, &outlets)
	if len(outlets) != 1 {
		t.Fatalf("by name %+v", outlets)
	}
	e.call("GET", "/Outlet?SuspendedStatus=Maybe", nil).expect(t, 400, "SuspendedStatus")

	e.call("POST", "/Outlet", map[string]any{"Name": "Third", "Code": "003", "Receipt": "003", "NegativeInventory": "No"}).expect(t, 200, "Outlet has been created")
	e.call("POST", "/Outlet", map[string]any{"Name": "third"}).expect(t, 400, "already exists")
	e.call("POST", "/Outlet", map[string]any{"Name": "Fourth", "NegativeInventory": "Maybe"}).expect(t, 400, "NegativeInventory")
	e.call("PUT", "/Outlet", map[string]any{"Outlet": "Third", "Code": "T3"}).expect(t, 200, "Outlet has been updated")
	e.call("PUT", "/Outlet", map[string]any{"Outlet": "Nope"}).expect(t, 404, "Outlet not found.")
	got := e.srv.Outlets()
	if third := got[2]; third.Code != "T3" || third.Receipt != "003" || third.NegativeInventory != "No" {
		t.Fatalf("after update %+v", third)
	}
}

func TestOutletPrices(t *testing.T) {
	e := newEnv(t, Options{})
	e.createProduct(tshirt())
	read := func(code string) []outletPriceItem {
		t.Helper()
		var out outletPriceRead
		e.call("GET", "/OutletPrice?Code="+code, nil).expect(t, 200, "").decode(t, &out)
		if out.Code != code {
			t.Fatalf("Code %q", out.Code)
		}
		return out.Outlets
	}
	if got := read("1003S"); len(got) != 0 {
		t.Fatalf("a new variant has outlet prices %+v", got)
	}
	body := func(items ...map[string]any) map[string]any { return map[string]any{"Code": "1003S", "Outlets": items} }
	main := map[string]any{"Outlet": "main outlet", "UnitPrice": 155000, "ExtraCost": 1000}
	second := map[string]any{"Outlet": "Second Outlet", "UnitPrice": 156000}

	var out struct{ ID string }
	e.call("POST", "/OutletPrice", body(main)).expect(t, 200, "").decode(t, &out)
	if out.ID != e.srv.Products()[0].Variants[0].ID {
		t.Fatalf("create answered %q, want the variant's ID", out.ID)
	}
	e.call("POST", "/OutletPrice", body(second, main)).expect(t, 400, "in outlet 'Main Outlet' already exists")
	if got := read("1003S"); len(got) != 1 || got[0] != (outletPriceItem{"Main Outlet", 155000, 1000}) {
		t.Fatalf("after create (and a refused one) %+v", got)
	}
	// PUT merges: listed outlets set, others kept.
	e.call("PUT", "/OutletPrice", body(second)).expect(t, 200, "")
	e.call("PUT", "/OutletPrice", body(edit(main, map[string]any{"UnitPrice": 1}))).expect(t, 200, "")
	if got := read("1003S"); len(got) != 2 || got[0].UnitPrice != 1 || got[0].ExtraCost != 1000 || got[1] != (outletPriceItem{"Second Outlet", 156000, 0}) {
		t.Fatalf("after merge %+v", got)
	}
	var viaPost outletPriceRead
	e.call("POST", "/OutletPrice/p", map[string]any{"Code": "1003S"}).expect(t, 200, "").decode(t, &viaPost)
	if len(viaPost.Outlets) != 2 {
		t.Fatalf("POST form %+v", viaPost)
	}

	for _, c := range []struct {
		method string
		body   map[string]any
		status int
		want   string
	}{
		{"PUT", body(map[string]any{"Outlet": "Mars", "UnitPrice": 1}), 400, "Outlet 'Mars' not found."},
		{"PUT", body(main, main), 400, "listed twice"},
		{"PUT", body(map[string]any{"Outlet": "Main Outlet"}), 400, "The UnitPrice field is required."},
		{"PUT", body(map[string]any{"Outlet": "Main Outlet", "UnitPrice": -1}), 400, "must not be negative"},
		{"PUT", map[string]any{"Code": "1003S"}, 400, "The Outlets field is required"},
		{"POST", map[string]any{"Outlets": []any{main}}, 400, "The Code field is required."},
		{"POST", edit(body(main), map[string]any{"Code": "nope"}), 404, "Variant not found."},
		{"GET", nil, 400, "The Code field is required."},
		{"DELETE", body(map[string]any{"Outlet": "Mars"}), 400, "Outlet 'Mars' not found."},
	} {
		e.call(c.method, "/OutletPrice", c.body).expect(t, c.status, c.want)
	}
	e.call("GET", "/OutletPrice?Code=nope", nil).expect(t, 404, "Variant not found.")

	e.call("DELETE", "/OutletPrice", body(map[string]any{"Outlet": "Second Outlet"})).expect(t, 200, "Outlet price has been deleted.")
	if got := read("1003S"); len(got) != 1 || got[0].Outlet != "Main Outlet" {
		t.Fatalf("after deleting one outlet %+v", got)
	}
	e.call("DELETE", "/OutletPrice", body(map[string]any{"Outlet": "Second Outlet"})).expect(t, 404, "Outlet price not found.")
	e.call("DELETE", "/OutletPrice", map[string]any{"Code": "1003S"}).expect(t, 200, "")
	if got := read("1003S"); len(got) != 0 {
		t.Fatalf("after deleting all %+v", got)
	}
	e.call("DELETE", "/OutletPrice", map[string]any{"Code": "1003S"}).expect(t, 404, "Outlet price not found.")

	// An outlet that goes away takes its prices with it.
	e.call("PUT", "/OutletPrice", body(main, second)).expect(t, 200, "")
	e.srv.SetOutlets(e.srv.Outlets()[1])
	if got := read("1003S"); len(got) != 1 || got[0].Outlet != "Second Outlet" {
		t.Fatalf("after removing an outlet %+v", got)
	}
}

func TestCatalogLostCreate(t *testing.T) {
	e := newEnv(t, Options{})
	e.srv.SetFaults(Faults{PLostCreate: 1})
	e.call("POST", "/Category", map[string]any{"Name": "Lost/Found"}).expect(t, 502, "")
	e.call("POST", "/Product", tshirt()).expect(t, 502, "")
	if len(e.srv.Categories()) != 4 || len(e.srv.Products()) != 1 {
		t.Fatalf("a lost create must still store: %v %v", e.srv.Categories(), e.srv.Products())
	}
	// Only creates lose their answer.
	e.call("POST", "/Variant/Add", map[string]any{"Code": "1003"}).expect(t, 200, "")
	e.srv.SetFaults(Faults{PLostCreate: 1, LostCreateMode: LostCreateDrop})
	r := e.req("POST", "/Category", map[string]any{"Name": "Dropped"})
	if res, err := e.hs.Client().Do(r); err == nil {
		_ = res.Body.Close()
		t.Fatal("a dropped create answered")
	}
	if len(e.srv.Categories()) != 5 {
		t.Fatal("a dropped create must still store")
	}
}

func TestCatalogFaultsAndAuth(t *testing.T) {
	e := newEnv(t, Options{})
	e.srv.SetFaults(Faults{QuotaLimit: 1})
	e.call("GET", "/Outlet", nil).expect(t, 200, "")
	e.call("GET", "/Outlet", nil).expect(t, 429, "quota exceeded")
	e.srv.SetFaults(Faults{})
	r := e.req("GET", "/Outlet", nil)
	r.Header.Del("Authorization")
	e.do(r).expect(t, 401, "")
	e.call("PATCH", "/OutletPrice", nil).expect(t, 405, "")
	stats := e.srv.Stats()
	if stats.Requests["GET /Outlet"] != 3 || stats.Requests["PATCH /OutletPrice"] != 1 {
		t.Fatalf("stats %v", stats.Requests)
	}
}

func TestCatalogConcurrency(t *testing.T) {
	e := newEnv(t, Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			code := fmt.Sprint("C", i)
			e.call("POST", "/Product", edit(tshirt(), map[string]any{"Code": code, "Category": fmt.Sprint("Shared/", i),
				"Variants": []map[string]any{{"Model": "x", "Code": code + "V"}}})).expect(t, 200, "")
			e.call("PUT", "/OutletPrice", map[string]any{"Code": code + "V", "Outlets": []map[string]any{{"Outlet": "Main Outlet", "UnitPrice": i}}}).expect(t, 200, "")
			e.call("GET", "/Product/Detail?Code="+code, nil).expect(t, 200, "")
			e.call("POST", "/Category/p", map[string]any{}).expect(t, 200, "")
			_ = e.srv.Products()
		})
	}
	wg.Wait()
	if n := len(e.srv.Categories()); n != 9 {
		t.Fatalf("%d categories, want Shared and its 8 children once each", n)
	}
}

func TestCatalogIsPerServer(t *testing.T) {
	a, b := newEnv(t, Options{}), newEnv(t, Options{})
	a.createProduct(tshirt())
	b.createProduct(tshirt()) // same codes: another server, another store
	if len(a.srv.Products()) != 1 || len(b.srv.Products()) != 1 {
		t.Fatal("servers share a catalog")
	}
}

func TestOptionsOutlets(t *testing.T) {
	e := newEnv(t, Options{Outlets: []Outlet{{Name: "North", Code: "N"}}})
	if got := e.srv.Outlets(); len(got) != 1 || got[0].Name != "North" || got[0].ID == "" {
		t.Fatalf("outlets %+v, want North only", got)
	}
	if got := New(Options{Outlets: []Outlet{}}).Outlets(); len(got) != 0 {
		t.Fatalf("outlets %+v, want none", got)
	}
	if got := New(Options{}).Outlets(); len(got) != len(DefaultOutlets) {
		t.Fatalf("outlets %+v, want DefaultOutlets", got)
	}
}

// The catalog dumps are read-only control endpoints: copies of the store,
// not counted in the stats.
func TestCatalogControlEndpoints(t *testing.T) {
	e := newEnv(t, Options{})
	w := e.createProduct(tshirt())
	e.srv.ResetStats()
	var cats []Category
	e.call("GET", "/_sim/categories", nil).expect(t, 200, "").decode(t, &cats)
	if len(cats) != 2 || cats[1].Name != "Top/Men" {
		t.Fatalf("categories %+v", cats)
	}
	var prods []Product
	e.call("GET", "/_sim/products", nil).expect(t, 200, "").decode(t, &prods)
	if len(prods) != 1 || prods[0].ID != w.ID || prods[0].Category != "Top/Men" || len(prods[0].Variants) != 2 {
		t.Fatalf("products %+v", prods)
	}
	var outlets []Outlet
	e.call("GET", "/_sim/outlets", nil).expect(t, 200, "").decode(t, &outlets)
	if len(outlets) != 2 || outlets[0].Name != "Main Outlet" {
		t.Fatalf("outlets %+v", outlets)
	}
	e.call("POST", "/_sim/products", nil).expect(t, 404, "No such control endpoint")
	if e.srv.Stats().Total != 0 {
		t.Fatal("control endpoints were counted in the API stats")
	}
}

// ImageURLRewrite "cdn" stores image URLs a write sets as the CDN's copy;
// a write that leaves them alone leaves them alone.
func TestImageURLRewriteFault(t *testing.T) {
	e := newEnv(t, Options{})
	e.call("PUT", "/_sim/faults", `{"ImageURLRewrite":"cdn"}`).expect(t, 200, "")
	e.call("PUT", "/_sim/faults", `{"ImageURLRewrite":"s3"}`).expect(t, 400, "Invalid faults")
	if e.srv.Faults().ImageURLRewrite != ImageRewriteCDN {
		t.Fatal("the fault was not set")
	}
	e.createProduct(edit(tshirt(), map[string]any{"ImageURL": "https://example.com/img/1003.jpg?w=300"}))
	p := e.srv.Products()[0]
	if p.ImageURL != CDNImagePrefix+"1003.jpg" || !slices.Equal(p.ExtraImagesURL, []string{CDNImagePrefix + "1003-b.jpg"}) {
		t.Fatalf("stored %s %v, want the CDN copies", p.ImageURL, p.ExtraImagesURL)
	}
	var read map[string]any
	e.call("GET", "/Product/Detail?Code=1003", nil).expect(t, 200, "").decode(t, &read)
	if read["ImageURL"] != CDNImagePrefix+"1003.jpg" {
		t.Fatalf("read answers %v", read["ImageURL"])
	}

	// An update without the image keeps it; one with another image
	// rewrites that one. Without the fault, URLs are stored as sent.
	update := edit(tshirt(), map[string]any{"ImageURL": nil, "ExtraImagesURL": nil, "Name": "Renamed", "Variants": nil})
	e.call("PUT", "/Product", update).expect(t, 200, "")
	if p := e.srv.Products()[0]; p.ImageURL != CDNImagePrefix+"1003.jpg" || p.Name != "Renamed" {
		t.Fatalf("after an update without images %+v", p)
	}
	e.call("PUT", "/Product", edit(update, map[string]any{"ImageURL": "https://other.example.org/x.png"})).expect(t, 200, "")
	if p := e.srv.Products()[0]; p.ImageURL != CDNImagePrefix+"x.png" || len(p.ExtraImagesURL) != 1 {
		t.Fatalf("after an image change %+v", p)
	}
	e.srv.SetFaults(Faults{})
	e.call("PUT", "/Product", edit(update, map[string]any{"ImageURL": "https://example.com/y.png"})).expect(t, 200, "")
	if p := e.srv.Products()[0]; p.ImageURL != "https://example.com/y.png" {
		t.Fatalf("without the fault %+v", p)
	}
}
