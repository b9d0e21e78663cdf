package dealpos

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestProductListForRefreshTakesOnlyWholeItems: the bulk refresh's product
// list keeps the items that carry everything the product read does; items
// of another shape (the price book list's) are reported partial, and a
// first page without one whole item ends the walk.
func TestProductListForRefreshTakesOnlyWholeItems(t *testing.T) {
	c, sim := simClient(t)
	seedProducts(t, c, 150)
	list, err := c.ListProductsForRefresh(context.Background())
	if err != nil || len(list.Products) != 150 || len(list.Partial) != 0 || list.Requests != 2 {
		t.Fatalf("default reading: %d whole, %d partial, %d requests, %v", len(list.Products), len(list.Partial), list.Requests, err)
	}
	sim.SetFaults(simulator.Faults{ListShape: simulator.ListShapeSummary})
	list, err = c.ListProductsForRefresh(context.Background())
	if err != nil || len(list.Products) != 0 || len(list.Partial) != productPageSize || list.Requests != 1 {
		t.Fatalf("summary items: %d whole, %d partial, %d requests, %v", len(list.Products), len(list.Partial), list.Requests, err)
	}
	want := []string{"Brand", "Discontinued", "ExtraImagesURL", "Variants[0].UnitCost", "Variants[0].Discontinued", "Variants[0].Description"}
	if !reflect.DeepEqual(list.Missing, want) {
		t.Errorf("missing %v, want %v", list.Missing, want)
	}
}

// TestListAllProductsReadsPartialItemsOnTheirOwn: the product data
// sources take no value from a list item that lacks it: such a product is
// read on its own, and the result is the same as from whole items.
func TestListAllProductsReadsPartialItemsOnTheirOwn(t *testing.T) {
	c, sim := simClient(t)
	seedProducts(t, c, 5)
	all := func(Product) bool { return true }
	whole, _, err := c.ListAllProducts(context.Background(), all, 0)
	if err != nil {
		t.Fatal(err)
	}
	sim.SetFaults(simulator.Faults{ListShape: simulator.ListShapeSummary})
	sim.ResetStats()
	read, _, err := c.ListAllProducts(context.Background(), all, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read, whole) {
		t.Errorf("from partial items: %+v\nwant %+v", read, whole)
	}
	if n := sim.Stats().Requests["GET /Product/ID"]; n != 5 {
		t.Errorf("%d products read on their own, want 5", n)
	}
}

// TestOutletPricesByProductsUnderEachReading: the outlet prices list takes
// the amount as UnitPrice or Price and the list as OutletPrice or Outlets;
// a variant without a list, or with items without an amount, is left out
// (nothing is said of it), and an unserved list is told apart.
func TestOutletPricesByProductsUnderEachReading(t *testing.T) {
	c, sim := simClient(t)
	ctx := context.Background()
	res, err := c.CreateProduct(ctx, testProduct())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetOutletPrices(ctx, OutletPrice{Code: "1003S", Outlets: []OutletPriceEntry{{Outlet: "Main Outlet", UnitPrice: 155000, ExtraCost: 10}}}); err != nil {
		t.Fatal(err)
	}
	priced := map[string][]OutletPriceEntry{"1003S": {{Outlet: "Main Outlet", UnitPrice: 155000, ExtraCost: 10}}, "1003M": {}}
	for _, tc := range []struct {
		name   string
		faults simulator.Faults
		want   map[string][]OutletPriceEntry
	}{
		{"UnitPrice in OutletPrice", simulator.Faults{}, priced},
		{"Price", simulator.Faults{OutletPriceRead: simulator.OutletPricePrice}, priced},
		{"the list named Outlets", simulator.Faults{OutletPriceRead: simulator.OutletPriceRenamed}, priced},
		{"no amount", simulator.Faults{OutletPriceRead: simulator.OutletPriceBare}, map[string][]OutletPriceEntry{"1003M": {}}},
		{"no list", simulator.Faults{ListShape: simulator.ListShapeNoPrices}, map[string][]OutletPriceEntry{}},
	} {
		sim.SetFaults(tc.faults)
		got, err := c.ListOutletPricesByProducts(ctx, []string{res.ID, "no-such-product"})
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	sim.SetFaults(simulator.Faults{NameOnlyLists: simulator.NameOnlyListsRoute})
	if _, err := c.ListOutletPricesByProducts(ctx, []string{res.ID}); !IsUnserved(err) {
		t.Errorf("unknown route: %v, want an unserved list", err)
	}
	if _, err := c.ListProductsForRefresh(ctx); !IsUnserved(err) {
		t.Errorf("unknown route of the product list: %v, want an unserved list", err)
	}
}

// TestProductListsOfAnotherShapeAreUnserved: answers that are not the list
// the client reads (the category list's too), and the refusals of a request
// as sent, are unserved (a caller does without the list); a failure of the
// server is not.
func TestProductListsOfAnotherShapeAreUnserved(t *testing.T) {
	for _, tc := range []struct {
		name     string
		h        http.HandlerFunc
		unserved bool
	}{
		{"an envelope", answer(http.StatusOK, map[string]any{"Data": []any{}}), true},
		{"a list of strings", answer(http.StatusOK, []string{"x"}), true},
		{"405", answer(http.StatusMethodNotAllowed, map[string]string{"Message": "The requested resource does not support http method 'POST'."}), true},
		{"400", answer(http.StatusBadRequest, map[string]string{"Message": "ListID must have at most 50 items."}), true},
		{"403", answer(http.StatusForbidden, map[string]string{"Message": `You must have "VIEW" role in "Products" Module`}), true},
		{"500", answer(http.StatusInternalServerError, map[string]string{"Message": "An error has occurred."}), false},
	} {
		f := newFakeAPI(t)
		f.handle("POST /Product/WithOutletPriceByListID", tc.h)
		f.handle("POST /Product/p", tc.h)
		f.handle("POST /Category/p", tc.h)
		c := f.client(nil)
		_, err := c.ListOutletPricesByProducts(context.Background(), []string{"p1"})
		if err == nil || IsUnserved(err) != tc.unserved {
			t.Errorf("outlet prices, %s: %v, unserved %v", tc.name, err, IsUnserved(err))
		}
		_, err = c.ListProductsForRefresh(context.Background())
		if err == nil || IsUnserved(err) != tc.unserved {
			t.Errorf("product list, %s: %v, unserved %v", tc.name, err, IsUnserved(err))
		}
		if _, err = c.ListCategories(context.Background()); err == nil || IsUnserved(err) != tc.unserved {
			t.Errorf("category list, %s: %v, unserved %v", tc.name, err, IsUnserved(err))
		}
	}
}
