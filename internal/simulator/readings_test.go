package simulator

import (
	"fmt"
	"strings"
	"testing"
)

// The catalog readings the reference leaves open: each switch gives its
// answer, and the default answers stay as they were.

func TestOutletPriceReadings(t *testing.T) {
	e := newEnv(t, Options{})
	e.createProduct(tshirt())
	e.call("PUT", "/OutletPrice", map[string]any{"Code": "1003S", "Outlets": []map[string]any{{"Outlet": "Main Outlet", "UnitPrice": 5, "ExtraCost": 1}}}).expect(t, 200, "")
	for mode, want := range map[string]string{
		"":                 `{"Code":"1003S","Outlets":[{"Outlet":"Main Outlet","UnitPrice":5,"ExtraCost":1}]}`,
		OutletPricePrice:   `{"Code":"1003S","Outlets":[{"ExtraCost":1,"Outlet":"Main Outlet","Price":5}]}`,
		OutletPriceBare:    `{"Code":"1003S","Outlets":[{"ExtraCost":1,"Outlet":"Main Outlet"}]}`,
		OutletPriceRenamed: `{"Code":"1003S","OutletPrice":[{"ExtraCost":1,"Outlet":"Main Outlet","UnitPrice":5}]}`,
	} {
		e.srv.SetFaults(Faults{OutletPriceRead: mode})
		if got := strings.TrimSpace(string(e.call("GET", "/OutletPrice?Code=1003S", nil).expect(t, 200, "").body)); got != want {
			t.Errorf("OutletPriceRead %q answered %s, want %s", mode, got, want)
		}
	}
}

func TestCategoryReadings(t *testing.T) {
	e := newEnv(t, Options{})
	var created struct{ ID string }
	e.call("POST", "/Category", map[string]any{"Name": "Food/Snack"}).expect(t, 200, "").decode(t, &created)
	read := func(mode string) map[string]any {
		e.srv.SetFaults(Faults{CategoryRead: mode})
		var out map[string]any
		e.call("POST", "/Category/ID", map[string]any{"ID": created.ID}).expect(t, 200, "").decode(t, &out)
		return out
	}
	if got := read(""); got["Name"] != "Food/Snack" || got["ID"] != created.ID || got["Lvl"] != 1.0 {
		t.Fatalf("default read %v", got)
	}
	if got := read(CategoryLastLevel); got["Name"] != "Snack" || got["ID"] != created.ID || got["ParentID"] == nil || got["Lvl"] != 1.0 {
		t.Fatalf("last-level read %v", got)
	}
	if got := read(CategoryNoID); got["Name"] != "Food/Snack" || hasKey(got, "ID") {
		t.Fatalf("read without ID %v", got)
	}
}

func TestProductListCountReadings(t *testing.T) {
	e := newEnv(t, Options{PageCap: 2})
	for i := range 5 {
		e.createProduct(edit(tshirt(), map[string]any{"Code": fmt.Sprint(i), "Variants": []map[string]any{{"Model": "x", "Code": fmt.Sprintf("V%d", i)}}}))
	}
	page := func(f Faults, number int) (codes []string, count int) {
		e.srv.SetFaults(f)
		var out struct {
			DataArray    []struct{ Code string }
			RecordsCount int
		}
		e.call("POST", "/Product/p", map[string]any{"PageNumber": number, "PageSize": 10}).expect(t, 200, "").decode(t, &out)
		for _, p := range out.DataArray {
			codes = append(codes, p.Code)
		}
		return codes, out.RecordsCount
	}
	if codes, n := page(Faults{}, 3); fmt.Sprint(codes) != "[4]" || n != 5 {
		t.Fatalf("default last page %v, count %d", codes, n)
	}
	if codes, n := page(Faults{}, 4); len(codes) != 0 || n != 5 {
		t.Fatalf("default page past the end %v, count %d", codes, n)
	}
	if codes, n := page(Faults{RecordsCountPerPage: true}, 1); len(codes) != 2 || n != 2 {
		t.Fatalf("per-page count: page %v, count %d", codes, n)
	}
	if codes, n := page(Faults{OverstatedTotal: 3}, 7); fmt.Sprint(codes) != "[4]" || n != 8 {
		t.Fatalf("overstated: page past the end %v, count %d", codes, n)
	}
}

func TestProductUpdateVariantReadings(t *testing.T) {
	e := newEnv(t, Options{})
	e.createProduct(tshirt())
	upd := map[string]any{"Category": "Top/Men", "Name": "Renamed", "Code": "1003", "Discontinued": false,
		"Variants": []map[string]any{{"Model": "Large", "Code": "1003L", "Discontinued": false}}}
	codes := func() (out []string) {
		for _, v := range e.srv.Products()[0].Variants {
			out = append(out, v.Code)
		}
		return out
	}
	e.srv.SetFaults(Faults{ProductVariants: VariantsMerge})
	e.call("PUT", "/Product", upd).expect(t, 200, "")
	if got := fmt.Sprint(codes()); got != "[1003S 1003M 1003L]" {
		t.Fatalf("merge kept %s", got)
	}
	e.srv.SetFaults(Faults{ProductVariants: VariantsReplace})
	e.call("PUT", "/Product", edit(upd, map[string]any{"Variants": []any{}})).expect(t, 400, "at least one variant")
	e.call("PUT", "/Product", edit(upd, map[string]any{"Variants": nil})).expect(t, 200, "")
	if got := fmt.Sprint(codes()); got != "[1003S 1003M 1003L]" {
		t.Fatalf("replace without Variants changed them: %s", got)
	}
	e.call("PUT", "/Product", upd).expect(t, 200, "")
	if got := fmt.Sprint(codes()); got != "[1003L]" {
		t.Fatalf("replace kept %s", got)
	}
}

func TestLastVariantDeleteReadings(t *testing.T) {
	e := newEnv(t, Options{})
	e.createProduct(edit(tshirt(), map[string]any{"Variants": []map[string]any{{"Model": "x", "Code": "ONLY"}}}))
	e.call("DELETE", "/Variant", map[string]any{"Code": "ONLY"}).expect(t, 400, "only variant")
	e.srv.SetFaults(Faults{LastVariantDelete: LastVariantAllow})
	e.call("DELETE", "/Variant", map[string]any{"Code": "ONLY"}).expect(t, 200, "")
	if p := e.srv.Products(); len(p) != 1 || len(p[0].Variants) != 0 {
		t.Fatalf("after deleting the last variant: %+v", p)
	}
}

func TestSerializedVariants(t *testing.T) {
	e := newEnv(t, Options{})
	e.createProduct(tshirt())
	if err := e.srv.SetVariantType("1003S", "Serialized"); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.SetVariantType("nope", "Serialized"); err == nil {
		t.Fatal("an unknown variant took a type")
	}
	var d map[string]any
	e.call("GET", "/Variant/Detail?Code=1003S", nil).expect(t, 200, "").decode(t, &d)
	if d["Type"] != "Serialized" {
		t.Fatalf("seeded type read as %v", d["Type"])
	}
	e.call("PUT", "/Variant", map[string]any{"Code": "1003M", "Type": "Serialized"}).expect(t, 400, "Type")
	e.call("POST", "/Variant/Add", map[string]any{"Code": "1003", "Variants": []map[string]any{{"Model": "x", "Code": "X", "Type": "Serialized"}}}).expect(t, 400, "Type")
	e.call("PUT", "/Variant", map[string]any{"Code": "1003S", "UnitPrice": 7}).expect(t, 200, "")
	e.call("GET", "/Variant/Detail?Code=1003S", nil).expect(t, 200, "").decode(t, &d)
	if d["Type"] != "Serialized" || d["UnitPrice"] != 7.0 {
		t.Fatalf("an update of another field changed the type or missed the price: %v", d)
	}
}

func TestCatalogReadingsFaultsJSON(t *testing.T) {
	e := newEnv(t, Options{})
	put := `{"OutletPriceRead":"price","CategoryRead":"level","RecordsCountPerPage":true,"ProductVariants":"replace","LastVariantDelete":"allow"}`
	var got Faults
	e.call("PUT", "/_sim/faults", put).expect(t, 200, "").decode(t, &got)
	want := Faults{OutletPriceRead: OutletPricePrice, CategoryRead: CategoryLastLevel, RecordsCountPerPage: true,
		ProductVariants: VariantsReplace, LastVariantDelete: LastVariantAllow, LostCreateMode: LostCreate502}
	if got != want {
		t.Fatalf("faults %+v, want %+v", got, want)
	}
	for _, bad := range []string{`{"OutletPriceRead":"Price"}`, `{"CategoryRead":"x"}`, `{"ProductVariants":"merged"}`, `{"LastVariantDelete":"yes"}`} {
		e.call("PUT", "/_sim/faults", bad).expect(t, 400, "Invalid faults")
	}
}
