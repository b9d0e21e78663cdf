package dealpos

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// The catalog under the readings the reference leaves open, against the
// simulator's switch for each.

// TestPagerGuarantees walks a list of n records through a Pager whose
// server answers each way a count and a page past the end may go: at most
// ceil(n / page size) + 1 requests, every record once, none missed.
func TestPagerGuarantees(t *testing.T) {
	t.Parallel()
	type server struct {
		name    string
		count   func(n, page int) int // the count a page carries
		repeats bool                  // a page past the end repeats the last one
		total   bool                  // CountIsTotal
	}
	servers := []server{
		{name: "total", count: func(n, _ int) int { return n }},
		{name: "total documented", count: func(n, _ int) int { return n }, total: true},
		{name: "per-page count", count: func(_, page int) int { return page }},
		{name: "overstated count, repeated pages", count: func(n, _ int) int { return n + 7 }, repeats: true},
		{name: "understated count", count: func(n, _ int) int { return n / 2 }},
		{name: "no count", count: nil, repeats: true},
	}
	for _, srv := range servers {
		for _, n := range []int{0, 1, 99, 100, 101, 250, 300} {
			t.Run(fmt.Sprintf("%s/%d", srv.name, n), func(t *testing.T) {
				t.Parallel()
				const size = 100
				requests := 0
				pager := Pager[int]{
					PageSize:     1000, // capped to size by the "server"
					Key:          func(i int) string { return fmt.Sprint(i) },
					CountIsTotal: srv.total,
					Fetch: func(_ context.Context, number, _ int) (Page[int], error) {
						requests++
						start := (number - 1) * size
						if start >= n && srv.repeats && n > 0 {
							start = (n - 1) / size * size
						}
						var recs []int
						for i := start; i < min(start+size, n); i++ {
							recs = append(recs, i)
						}
						if srv.count == nil {
							return Page[int]{Records: recs}, nil
						}
						return Page[int]{Records: recs, Count: srv.count(n, len(recs)), Counted: true}, nil
					},
				}
				seen := map[int]bool{}
				walk, err := pager.Each(context.Background(), func(i int) (bool, error) {
					if seen[i] {
						t.Fatalf("record %d handed over twice", i)
					}
					seen[i] = true
					return true, nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if srv.name == "understated count" {
					return // a count below the truth is believed only for customers' documented total
				}
				if len(seen) != n || walk.Listed != n || !walk.Complete {
					t.Fatalf("listed %d of %d records (walk %+v)", len(seen), n, walk)
				}
				if bound := (n+size-1)/size + 1; requests > bound || walk.Requests != requests {
					t.Fatalf("%d requests (walk says %d), want at most %d", requests, walk.Requests, bound)
				}
			})
		}
	}
}

// seedProducts creates n products of one variant each through the client.
func seedProducts(t *testing.T, c *Client, n int) {
	t.Helper()
	for i := range n {
		in := testProduct()
		in.Code = fmt.Sprintf("P%03d", i)
		in.Variants = []VariantInput{{Model: "Only", Code: in.Code + "-V"}}
		if _, err := c.CreateProduct(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
}

func TestListAllProductsUnderEachCountReading(t *testing.T) {
	c, sim := simClient(t)
	seedProducts(t, c, 300) // three full pages: no short page ends the walk
	for _, tc := range []struct {
		name   string
		faults simulator.Faults
		want   int // requests
	}{
		{"RecordsCount is the total", simulator.Faults{}, 3},
		{"RecordsCount counts the page", simulator.Faults{RecordsCountPerPage: true}, 4},
		{"RecordsCount overstated, pages past the end repeat", simulator.Faults{OverstatedTotal: 40}, 4},
	} {
		sim.SetFaults(tc.faults)
		sim.ResetStats()
		all, walk, err := c.ListAllProducts(context.Background(), func(Product) bool { return true }, 0)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range all {
			seen[p.Code] = true
		}
		if len(all) != 300 || len(seen) != 300 {
			t.Errorf("%s: listed %d products (%d distinct), want 300", tc.name, len(all), len(seen))
		}
		if n := sim.Stats().Total; n != tc.want || walk.Requests != n {
			t.Errorf("%s: %d requests (walk says %d), want %d", tc.name, n, walk.Requests, tc.want)
		}
	}
	sim.SetFaults(simulator.Faults{})
	some, _, err := c.ListAllProducts(context.Background(), func(p Product) bool { return strings.HasSuffix(p.Code, "7") }, 5)
	if err != nil || len(some) != 5 {
		t.Fatalf("a filter with a limit listed %d, %v", len(some), err)
	}
}

func TestOutletPricesUnderEachFieldName(t *testing.T) {
	c, sim := simClient(t)
	ctx := context.Background()
	if _, err := c.CreateProduct(ctx, testProduct()); err != nil {
		t.Fatal(err)
	}
	if err := c.SetOutletPrices(ctx, OutletPrice{Code: "1003S", Outlets: []OutletPriceEntry{{Outlet: "Main Outlet", UnitPrice: 155000, ExtraCost: 10}}}); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"", simulator.OutletPricePrice} {
		sim.SetFaults(simulator.Faults{OutletPriceRead: mode})
		got, err := c.GetOutletPrices(ctx, "1003S")
		if err != nil || len(got.Outlets) != 1 || got.Outlets[0].UnitPrice != 155000 || got.Outlets[0].ExtraCost != 10 {
			t.Fatalf("reading %q: %+v, %v", mode, got, err)
		}
	}
	sim.SetFaults(simulator.Faults{OutletPriceRead: simulator.OutletPriceBare})
	if _, err := c.GetOutletPrices(ctx, "1003S"); err == nil || !strings.Contains(err.Error(), `neither UnitPrice nor Price`) || !strings.Contains(err.Error(), `"Main Outlet"`) {
		t.Fatalf("an entry without a price: %v", err)
	}
	sim.SetFaults(simulator.Faults{OutletPriceRead: simulator.OutletPriceRenamed})
	if _, err := c.GetOutletPrices(ctx, "1003S"); err == nil || IsNotFound(err) || !strings.Contains(err.Error(), "without an Outlets list") ||
		!strings.Contains(err.Error(), `"OutletPrice":[`) {
		t.Fatalf("a list under another name: %v", err)
	}
	// A variant without prices answers an empty list: no prices, no error.
	sim.SetFaults(simulator.Faults{})
	got, err := c.GetOutletPrices(ctx, "1003M")
	if err != nil || len(got.Outlets) != 0 {
		t.Fatalf("no prices: %+v, %v", got, err)
	}
}

func TestCategoryPathFromALastLevelName(t *testing.T) {
	c, sim := simClient(t)
	ctx := context.Background()
	id, err := c.CreateCategory(ctx, CategoryCreate{Name: "Food/Snack/Chips"})
	if err != nil {
		t.Fatal(err)
	}
	top, err := c.GetCategoryByName(ctx, "Food")
	if err != nil {
		t.Fatal(err)
	}
	sim.SetFaults(simulator.Faults{CategoryRead: simulator.CategoryLastLevel})
	read := func(known string) (string, int) {
		t.Helper()
		sim.ResetStats()
		got, err := c.GetCategoryAt(ctx, id, known)
		if err != nil {
			t.Fatal(err)
		}
		return got.Name, sim.Stats().Total
	}
	// From the known path when it ends in the answered level: no request more.
	if name, n := read("Food/Snack/Chips"); name != "Food/Snack/Chips" || n != 1 {
		t.Fatalf("from the known path: %q in %d requests", name, n)
	}
	// Not known, or known at another depth: from the list.
	for _, known := range []string{"", "Chips", "Other/Chips"} {
		if name, n := read(known); name != "Food/Snack/Chips" || n != 2 {
			t.Fatalf("known %q: %q in %d requests", known, name, n)
		}
	}
	// Renamed elsewhere: the last level differs, so the list tells.
	if err := c.UpdateCategory(ctx, "Food/Snack/Chips", "Food/Snack/Crisps", false); err != nil {
		t.Fatal(err)
	}
	if name, _ := read("Food/Snack/Chips"); name != "Food/Snack/Crisps" {
		t.Fatalf("a rename elsewhere read as %q", name)
	}
	// A top-level category's Name is its path.
	if got, err := c.GetCategoryAt(ctx, top.ID, ""); err != nil || got.Name != "Food" {
		t.Fatalf("top level: %+v, %v", got, err)
	}
	sim.SetFaults(simulator.Faults{CategoryRead: simulator.CategoryNoID})
	if _, err := c.GetCategory(ctx, id); err == nil || IsNotFound(err) || !strings.Contains(err.Error(), "without its ID") {
		t.Fatalf("an answer without ID: %v", err)
	}
}
