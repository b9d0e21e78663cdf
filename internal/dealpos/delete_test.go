package dealpos

import (
	"context"
	"errors"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestDeleteBelievedOnlyWhenGone: a catalog delete answered with the API's
// not-found while the record stays (the simulator's DeleteKeeps "404"), or
// with success to a request form the reference does not show (DELETE
// /Product and /OutletPrice, DeleteKeeps "ok"), is a *KeptError naming the
// record and the request; one read confirms, and a documented delete's
// success costs no read. Without the fault every delete succeeds.
func TestDeleteBelievedOnlyWhenGone(t *testing.T) {
	t.Parallel()
	cases := []struct {
		keeps string
		kept  map[string]bool // delete -> still there afterwards
	}{
		{"", map[string]bool{}},
		{simulator.DeleteKeeps404, map[string]bool{"variant": true, "prices": true, "product": true, "category": true}},
		{simulator.DeleteKeepsOK, map[string]bool{"prices": true, "product": true}},
	}
	for _, tc := range cases {
		t.Run("keeps "+tc.keeps, func(t *testing.T) {
			t.Parallel()
			c, sim := simClient(t)
			ctx := context.Background()
			catID, err := c.CreateCategory(ctx, CategoryCreate{Name: "Food/Snack"})
			if err != nil {
				t.Fatal(err)
			}
			p, err := c.CreateProduct(ctx, testProduct())
			if err != nil {
				t.Fatal(err)
			}
			if err := c.CreateOutletPrices(ctx, OutletPrice{Code: "1003S", Outlets: []OutletPriceEntry{{Outlet: simulator.DefaultOutlets[0].Name, UnitPrice: 1}}}); err != nil {
				t.Fatal(err)
			}
			sim.SetFaults(simulator.Faults{DeleteKeeps: tc.keeps})
			sim.ResetStats()
			deletes := []struct {
				name  string
				del   func() error
				reads string // the read that confirms it
			}{
				{"variant", func() error { return c.DeleteVariant(ctx, "1003M") }, "GET /Variant/Detail"},
				{"prices", func() error { return c.DeleteOutletPrices(ctx, "1003S") }, "GET /OutletPrice"},
				{"product", func() error { return c.DeleteProduct(ctx, "1003", p.ID) }, "GET /Product/ID"},
				{"category", func() error { return c.DeleteCategory(ctx, "Food/Snack", catID) }, "POST /Category/ID"},
			}
			for _, d := range deletes {
				err := d.del()
				var kept *KeptError
				if errors.As(err, &kept) != tc.kept[d.name] {
					t.Fatalf("%s: %v, want kept = %v", d.name, err, tc.kept[d.name])
				}
				if err != nil && (kept == nil || kept.Request == "" || kept.What == "") {
					t.Fatalf("%s: %v, want a *KeptError naming the record and the request", d.name, err)
				}
			}
			reads := sim.Stats().Requests
			if tc.keeps == "" && (reads["POST /Category/ID"] != 0 || reads["GET /Variant/Detail"] != 0) {
				t.Errorf("a documented delete answered success was read back: %v", reads)
			}
			if reads["GET /Product/ID"] != 1 || reads["GET /OutletPrice"] != 1 {
				t.Errorf("the guessed deletes were not confirmed by exactly one read each: %v", reads)
			}
		})
	}
}

// TestDeleteCategoryMovedByParentRename: a category deleted at a path it
// no longer has (a parent renamed since it was read) is found by ID and
// deleted at its current path.
func TestDeleteCategoryMovedByParentRename(t *testing.T) {
	t.Parallel()
	c, sim := simClient(t)
	ctx := context.Background()
	id, err := c.CreateCategory(ctx, CategoryCreate{Name: "Food/Snack"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateCategory(ctx, "Food", "Meals", false); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCategory(ctx, "Food/Snack", id); err != nil {
		t.Fatal(err)
	}
	for _, cat := range sim.Categories() {
		if cat.ID == id {
			t.Fatalf("category %s is still there", cat.Name)
		}
	}
}
