package simulator

import (
	"fmt"
	"strings"
	"testing"
)

// TestProductListsByID: the lists by product IDs answer the price book
// list's shape, each variant with its price book (empty: the simulator has
// none) or its outlet prices, leave unknown and repeated IDs out, and need
// a ListID.
func TestProductListsByID(t *testing.T) {
	e := newEnv(t, Options{})
	w := e.createProduct(tshirt())
	e.call("PUT", "/OutletPrice", map[string]any{"Code": "1003S", "Outlets": []map[string]any{{"Outlet": "Main Outlet", "UnitPrice": 5, "ExtraCost": 1}}}).expect(t, 200, "")
	var got []map[string]any
	e.call("POST", "/Product/WithOutletPriceByListID", map[string]any{"ListID": []string{w.ID, "nope", w.ID}}).expect(t, 200, "").decode(t, &got)
	if len(got) != 1 {
		t.Fatalf("%d products, want 1: %v", len(got), got)
	}
	want := fmt.Sprintf("map[Category:Top/Men CategoryID:%s Code:1003 Created: Description:New Arrival ID:%s ImageUrl:%s Name:Captain America T-Shirt ThumbnailUrl:%s Variants:[", got[0]["CategoryID"], w.ID, got[0]["ImageUrl"], got[0]["ImageUrl"])
	if s := fmt.Sprint(got[0]); len(s) < len(want) || s[:len(want)] != want {
		t.Errorf("product %s\nwant prefix %s", s, want)
	}
	if s := fmt.Sprint(got[0]["Variants"]); !strings.HasPrefix(s, "[map[Code:1003S ID:"+w.Variants[0].ID+" Model:Small OutletPrice:[map[ExtraCost:1 Outlet:Main Outlet UnitPrice:5]] UnitPrice:150000]") {
		t.Errorf("variants %s", s)
	}
	e.call("GET", "/Product/WithPricebookByListID", map[string]any{"ListID": []string{w.ID}}).expect(t, 200, "").decode(t, &got)
	if s := fmt.Sprint(got[0]["Variants"]); !strings.HasSuffix(s, "map[Code:1003M ID:"+w.Variants[1].ID+" Model:Medium Pricebook:[] UnitPrice:160000]]") {
		t.Errorf("price book variants %s", s)
	}
	e.call("POST", "/Product/WithOutletPriceByListID", map[string]any{}).expect(t, 400, "ListID")
}

// TestListReadingFaults: NameOnlyLists answers the unknown-route 404 for
// the lists the reference names only (the price book list, whose shape it
// shows, stays); ListShape gives the other shapes.
func TestListReadingFaults(t *testing.T) {
	e := newEnv(t, Options{})
	w := e.createProduct(tshirt())
	e.createProduct(edit(tshirt(), map[string]any{"Code": "2", "Name": "Second", "Category": "Other", "Variants": []map[string]any{{"Model": "x", "Code": "V2"}}}))
	page := map[string]any{"PageNumber": 1, "PageSize": 10}
	ids := map[string]any{"ListID": []string{w.ID}}

	e.srv.SetFaults(Faults{NameOnlyLists: NameOnlyListsRoute})
	e.call("POST", "/Product/p", page).expect(t, 404, routeNotFoundMessage)
	e.call("GET", "/Product", page).expect(t, 404, routeNotFoundMessage)
	e.call("POST", "/Product/WithOutletPriceByListID", ids).expect(t, 404, routeNotFoundMessage)
	e.call("POST", "/Product/WithPricebookByListID", ids).expect(t, 200, "")

	e.srv.SetFaults(Faults{ListShape: ListShapeSummary})
	var listed struct{ DataArray []map[string]any }
	e.call("POST", "/Product/p", page).expect(t, 200, "").decode(t, &listed)
	if _, ok := listed.DataArray[0]["Brand"]; ok || len(listed.DataArray) != 2 {
		t.Errorf("summary items: %v", listed.DataArray)
	}

	e.srv.SetFaults(Faults{ListShape: ListShapeNoPrices})
	var got []map[string]any
	e.call("POST", "/Product/WithOutletPriceByListID", ids).expect(t, 200, "").decode(t, &got)
	if _, ok := got[0]["Variants"].([]any)[0].(map[string]any)["OutletPrice"]; ok {
		t.Errorf("noprices: %v", got)
	}

	e.srv.SetFaults(Faults{ListShape: ListShapeSparse})
	e.call("POST", "/Product/p", page).expect(t, 200, "").decode(t, &listed)
	var cats []map[string]any
	e.call("POST", "/Category/p", map[string]any{}).expect(t, 200, "").decode(t, &cats)
	if len(listed.DataArray) != 1 || len(cats) != 2 { // of 2 products; of Other, Top, Top/Men
		t.Errorf("sparse: %d products, %d categories", len(listed.DataArray), len(cats))
	}
}
