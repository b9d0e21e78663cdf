package dealpos_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestListAllCustomersAgainstSimulator checks the paging rules and counts
// the requests against the simulator, which caps pages server side.
func TestListAllCustomersAgainstSimulator(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name         string
		records      int
		pageCap      int
		filter       dealpos.CustomerFilter
		limit        int
		wantItems    int
		wantTotal    int
		totalKnown   bool
		wantRequests int
	}{
		{name: "several pages with total", records: 260, pageCap: 100, wantItems: 260, wantTotal: 260, totalKnown: true, wantRequests: 3},
		{name: "exact multiple with total needs no empty page", records: 200, pageCap: 100, wantItems: 200, wantTotal: 200, totalKnown: true, wantRequests: 2},
		{name: "name filter reads until a short page", records: 260, pageCap: 100, filter: dealpos.CustomerFilter{Name: "customer"}, wantItems: 260, wantTotal: 260, totalKnown: true, wantRequests: 3},
		{name: "name filter exact multiple ends at an empty page", records: 200, pageCap: 100, filter: dealpos.CustomerFilter{Name: "customer"}, wantItems: 200, wantTotal: 200, totalKnown: true, wantRequests: 3},
		{name: "small server cap", records: 120, pageCap: 25, wantItems: 120, wantTotal: 120, totalKnown: true, wantRequests: 5},
		{name: "limit within first page", records: 260, pageCap: 100, limit: 5, wantItems: 5, wantTotal: 260, totalKnown: true, wantRequests: 1},
		{name: "limit with name filter leaves total unknown", records: 260, pageCap: 100, filter: dealpos.CustomerFilter{Outlet: "North"}, limit: 120, wantItems: 120, wantRequests: 2},
		{name: "join date range", records: 260, pageCap: 100, filter: dealpos.CustomerFilter{From: "2024-01-11", To: "2024-01-20"}, wantItems: 10, wantTotal: 10, totalKnown: true, wantRequests: 1},
		{name: "empty tenant", records: 0, pageCap: 100, wantItems: 0, wantTotal: 0, totalKnown: true, wantRequests: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sim := simulator.New(simulator.Options{Tokens: []string{"tok"}, PageCap: tc.pageCap})
			sim.SeedSample(tc.records)
			srv := httptest.NewServer(sim)
			defer srv.Close()
			c, err := dealpos.New(dealpos.Config{BaseURL: srv.URL + "/api/v3", Token: "tok"})
			if err != nil {
				t.Fatal(err)
			}
			list, err := c.ListAllCustomers(context.Background(), tc.filter, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(list.Items) != tc.wantItems || list.TotalKnown != tc.totalKnown || (tc.totalKnown && list.Total != tc.wantTotal) {
				t.Errorf("got %d items, total %d (known %v); want %d, %d (known %v)", len(list.Items), list.Total, list.TotalKnown, tc.wantItems, tc.wantTotal, tc.totalKnown)
			}
			if list.Requests != tc.wantRequests || sim.Stats().Total != tc.wantRequests {
				t.Errorf("took %d requests (simulator saw %d), want %d", list.Requests, sim.Stats().Total, tc.wantRequests)
			}
			seen := map[string]bool{}
			for i, item := range list.Items {
				if seen[item.ID] {
					t.Fatalf("customer %s listed twice", item.ID)
				}
				seen[item.ID] = true
				if i > 0 && list.Items[i-1].Name > item.Name {
					t.Fatalf("order not stable by name at %d: %q after %q", i, item.Name, list.Items[i-1].Name)
				}
			}
		})
	}
}
