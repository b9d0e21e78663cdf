package dealpos

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeList serves POST /Customer/p and POST /Customer/WithTotalCount over
// n sample customers ("Customer 000", ...), joined one a day from
// 2024-01-01 at outlets North and South alternately, in name order, with
// pages capped at pageCap like a real tenant.
type fakeList struct {
	pageCap int
	// beforePage, when set, runs before a page is served (to shift records).
	beforePage func(l *fakeList, page int)

	mu   sync.Mutex
	recs []fakeListRecord
}

type fakeListRecord struct {
	item   CustomerListItem
	outlet string
}

var fakeJoinStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func newFakeList(f *fakeAPI, n, pageCap int) *fakeList {
	l := &fakeList{pageCap: pageCap}
	for i := range n {
		outlet := "North"
		if i%2 == 1 {
			outlet = "South"
		}
		l.recs = append(l.recs, fakeListRecord{outlet: outlet, item: CustomerListItem{
			ID:       fmt.Sprintf("id-%03d", i),
			Name:     fmt.Sprintf("Customer %03d", i),
			Code:     fmt.Sprintf("C%03d", i),
			JoinDate: Date(fakeJoinStart.AddDate(0, 0, i).Format(DateLayout)),
		}})
	}
	f.handle("POST /Customer/p", func(w http.ResponseWriter, r *http.Request) { l.serve(w, r, false) })
	f.handle("POST /Customer/WithTotalCount", func(w http.ResponseWriter, r *http.Request) { l.serve(w, r, true) })
	return l
}

func (l *fakeList) serve(w http.ResponseWriter, r *http.Request, withTotal bool) {
	var in ListCustomersRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.PageNumber < 1 || in.PageSize < 1 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"Message": "PageNumber and PageSize are required"})
		return
	}
	if l.beforePage != nil {
		l.beforePage(l, in.PageNumber)
	}
	if withTotal {
		in.Name, in.Outlet = "", ""
	}
	l.mu.Lock()
	var hits []CustomerListItem
	for _, rec := range l.recs {
		join := string(rec.item.JoinDate)
		switch {
		case in.Name != "" && !strings.Contains(strings.ToLower(rec.item.Name), strings.ToLower(in.Name)),
			in.Outlet != "" && !strings.EqualFold(rec.outlet, in.Outlet),
			in.From != "" && join < in.From,
			in.To != "" && join > in.To:
			continue
		}
		hits = append(hits, rec.item)
	}
	l.mu.Unlock()
	size := min(in.PageSize, l.pageCap)
	page := []CustomerListItem{}
	if start := (in.PageNumber - 1) * size; start < len(hits) {
		page = hits[start:min(start+size, len(hits))]
	}
	if withTotal {
		writeJSON(w, http.StatusOK, CustomerPage{Data: page, TotalCount: len(hits)})
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// TestListAllCustomers checks the paging rules and counts the requests
// against a fake that caps pages server side.
func TestListAllCustomers(t *testing.T) {
	t.Parallel()
	// insertFirst adds a customer that sorts first once page 1 is served,
	// shifting every later page by one.
	insertFirst := func(l *fakeList, page int) {
		if page != 2 {
			return
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.recs[0].item.ID != "id-new" {
			l.recs = append([]fakeListRecord{{outlet: "North", item: CustomerListItem{ID: "id-new", Name: "Customer", JoinDate: "2024-01-01"}}}, l.recs...)
		}
	}
	cases := []struct {
		name         string
		records      int
		pageCap      int
		beforePage   func(*fakeList, int)
		filter       CustomerFilter
		limit        int
		wantItems    int
		wantTotal    int
		totalKnown   bool
		wantRequests int
		wantPath     string
	}{
		{name: "several pages with total", records: 260, pageCap: 100, wantItems: 260, wantTotal: 260, totalKnown: true, wantRequests: 3, wantPath: "/Customer/WithTotalCount"},
		{name: "exact multiple with total needs no empty page", records: 200, pageCap: 100, wantItems: 200, wantTotal: 200, totalKnown: true, wantRequests: 2, wantPath: "/Customer/WithTotalCount"},
		{name: "name filter reads until a short page", records: 260, pageCap: 100, filter: CustomerFilter{Name: "customer"}, wantItems: 260, wantTotal: 260, totalKnown: true, wantRequests: 3, wantPath: "/Customer/p"},
		{name: "name filter exact multiple ends at an empty page", records: 200, pageCap: 100, filter: CustomerFilter{Name: "customer"}, wantItems: 200, wantTotal: 200, totalKnown: true, wantRequests: 3, wantPath: "/Customer/p"},
		{name: "small server cap", records: 120, pageCap: 25, wantItems: 120, wantTotal: 120, totalKnown: true, wantRequests: 5, wantPath: "/Customer/WithTotalCount"},
		{name: "limit within first page", records: 260, pageCap: 100, limit: 5, wantItems: 5, wantTotal: 260, totalKnown: true, wantRequests: 1, wantPath: "/Customer/WithTotalCount"},
		{name: "limit with outlet filter leaves total unknown", records: 260, pageCap: 100, filter: CustomerFilter{Outlet: "North"}, limit: 120, wantItems: 120, wantRequests: 2, wantPath: "/Customer/p"},
		{name: "join date range", records: 260, pageCap: 100, filter: CustomerFilter{From: "2024-01-11", To: "2024-01-20"}, wantItems: 10, wantTotal: 10, totalKnown: true, wantRequests: 1, wantPath: "/Customer/WithTotalCount"},
		{name: "empty tenant", records: 0, pageCap: 100, wantItems: 0, wantTotal: 0, totalKnown: true, wantRequests: 1, wantPath: "/Customer/WithTotalCount"},
		{name: "a record inserted between pages is not listed twice", records: 260, pageCap: 100, beforePage: insertFirst, filter: CustomerFilter{Name: "customer"}, wantItems: 260, wantTotal: 260, totalKnown: true, wantRequests: 3, wantPath: "/Customer/p"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			newFakeList(f, tc.records, tc.pageCap).beforePage = tc.beforePage
			list, err := f.client(nil).ListAllCustomers(context.Background(), tc.filter, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(list.Items) != tc.wantItems || list.TotalKnown != tc.totalKnown || (tc.totalKnown && list.Total != tc.wantTotal) {
				t.Errorf("got %d items, total %d (known %v); want %d, %d (known %v)", len(list.Items), list.Total, list.TotalKnown, tc.wantItems, tc.wantTotal, tc.totalKnown)
			}
			reqs := f.requests()
			if list.Requests != tc.wantRequests || len(reqs) != tc.wantRequests {
				t.Errorf("took %d requests (the server saw %d), want %d", list.Requests, len(reqs), tc.wantRequests)
			}
			for i, r := range reqs {
				if r.Method != http.MethodPost || r.Path != tc.wantPath {
					t.Errorf("request %d: %s %s, want POST %s", i+1, r.Method, r.Path, tc.wantPath)
				}
				if got := decodeBody(t, r.Body)["PageNumber"]; got != float64(i+1) {
					t.Errorf("request %d asked for page %v", i+1, got)
				}
			}
			seen := map[string]bool{}
			for i, item := range list.Items {
				if seen[item.ID] {
					t.Fatalf("customer %s listed twice", item.ID)
				}
				seen[item.ID] = true
				if i > 0 && list.Items[i-1].Name > item.Name {
					t.Fatalf("order not kept at %d: %q after %q", i, item.Name, list.Items[i-1].Name)
				}
			}
		})
	}
}
