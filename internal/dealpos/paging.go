package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxPageSize is what the listings ask for; servers cap it lower.
const maxPageSize = 1000

// Page is one page of a paged list: its records, and the count the API
// answered with it (Counted false when the endpoint answers none). Whether
// that count is the list's total or the page's own is never assumed.
type Page[T any] struct {
	Records []T
	Count   int
	Counted bool
}

// Pager reads a paged list of the API, page by page, in the API's order. It
// is the one paging loop of the client: every paged list goes through it.
//
// The server may cap the page size below what was asked, so a page shorter
// than the request proves nothing: the first page's length is taken as the
// effective page size. The walk stops at an empty page, a page shorter than
// that, a page that adds no record not seen before (a server that repeats
// its last page past the end), or when the count reaches what was listed.
// A count the API documents as the total (CountIsTotal) ends the walk as
// soon as it is reached; any other count only when it also covers more
// than the page it came with, which a per-page count never does, so a
// per-page count is never taken for the total. Listing n records costs at most
// ceil(n / page size) + 1 requests whatever the count means, and a record
// that two pages both hold (one inserted or deleted between them shifts
// the pages) is handed over once.
type Pager[T any] struct {
	// PageSize is asked of the server; 0 means maxPageSize.
	PageSize int
	// Fetch reads page number (1-based) with the given size.
	Fetch func(ctx context.Context, number, size int) (Page[T], error)
	// Key identifies a record, to hand each over once.
	Key func(T) string
	// CountIsTotal: the pages' Count is documented as the list's total.
	CountIsTotal bool
}

// PageWalk is what a Pager's walk learnt.
type PageWalk struct {
	Requests int  // list requests sent
	Listed   int  // distinct records handed over
	Complete bool // the walk reached the end of the list (not stopped by the caller)
	// Count is the last count the API answered, when Counted.
	Count   int
	Counted bool
}

// Each hands every record of the list to fn once, until fn answers false
// (or an error, which ends the walk with it).
func (p Pager[T]) Each(ctx context.Context, fn func(T) (bool, error)) (PageWalk, error) {
	size := p.PageSize
	if size <= 0 {
		size = maxPageSize
	}
	var walk PageWalk
	seen := map[string]bool{}
	effective := 0
	for number := 1; ; number++ {
		walk.Requests++
		page, err := p.Fetch(ctx, number, size)
		if err != nil {
			return walk, err
		}
		walk.Count, walk.Counted = page.Count, page.Counted
		if number == 1 {
			effective = len(page.Records)
		}
		added := 0
		for _, rec := range page.Records {
			key := p.Key(rec)
			if seen[key] {
				continue
			}
			seen[key] = true
			added++
			walk.Listed++
			more, err := fn(rec)
			if err != nil {
				return walk, err
			}
			if !more {
				return walk, nil
			}
		}
		total := page.Counted && walk.Listed >= page.Count && (p.CountIsTotal || page.Count > len(page.Records))
		if len(page.Records) == 0 || len(page.Records) < effective || added == 0 || total {
			walk.Complete = true
			return walk, nil
		}
	}
}

// CustomerFilter selects customers for ListAllCustomers. From and To bound
// the join date (YYYY-MM-DD), inclusive.
type CustomerFilter struct {
	Name   string
	Outlet string
	From   string
	To     string
	// Lenient lists past a record that cannot be decoded, reporting it in
	// CustomerList.Undecoded, for a caller that can read those customers
	// another way; otherwise such a record fails the listing.
	Lenient bool
}

// UndecodedItem is a list record that could not be decoded: its ID when
// the record has one, and why.
type UndecodedItem struct {
	ID  string
	Err error
}

// CustomerList is the result of ListAllCustomers.
type CustomerList struct {
	Items []CustomerListItem
	// Total is the number of matching customers, when known: always when
	// every page was read, and from the API's count when the filter allows
	// the WithTotalCount form.
	Total      int
	TotalKnown bool
	// Requests is how many list requests the read took.
	Requests int
	// Undecoded are the records a lenient listing skipped.
	Undecoded []UndecodedItem
}

// ListAllCustomers reads every customer matching f through a Pager,
// stopping after limit customers when limit > 0. Without a name or outlet
// filter the WithTotalCount form answers the same question and also gives
// the total, which saves the final empty page.
func (c *Client) ListAllCustomers(ctx context.Context, f CustomerFilter, limit int) (*CustomerList, error) {
	req := ListCustomersRequest{Name: f.Name, Outlet: f.Outlet, From: f.From, To: f.To}
	withTotal := f.Name == "" && f.Outlet == ""
	pager := Pager[listRecord]{
		PageSize:     maxPageSize,
		Key:          func(r listRecord) string { return r.key },
		CountIsTotal: true, // WithTotalCount's TotalCount
		Fetch: func(ctx context.Context, number, size int) (Page[listRecord], error) {
			req.PageNumber, req.PageSize = number, size
			page, err := c.listPage(ctx, req, withTotal)
			if err != nil {
				return Page[listRecord]{}, err
			}
			return Page[listRecord]{Records: page.records, Count: page.total, Counted: withTotal}, nil
		},
	}
	if limit > 0 && limit < maxPageSize {
		pager.PageSize = limit
	}
	out := &CustomerList{}
	walk, err := pager.Each(ctx, func(rec listRecord) (bool, error) {
		if rec.err != nil {
			if !f.Lenient {
				return false, rec.failure()
			}
			tflog.Warn(ctx, "Skipped a DealPOS customer list record that cannot be decoded", map[string]any{"id": rec.id, "error": rec.err.Error()})
			out.Undecoded = append(out.Undecoded, UndecodedItem{ID: rec.id, Err: rec.err})
			return true, nil
		}
		out.Items = append(out.Items, rec.item)
		return limit <= 0 || len(out.Items) < limit, nil
	})
	out.Requests = walk.Requests
	if err != nil {
		return nil, err
	}
	out.Total, out.TotalKnown = walk.Count, walk.Counted
	if walk.Complete && (!out.TotalKnown || out.Total < walk.Listed) {
		out.Total, out.TotalKnown = walk.Listed, true
	}
	return out, nil
}

// listRecord is one record of a list page, decoded on its own so that one
// the client cannot read does not take the page down with it.
type listRecord struct {
	key  string // the ID, or the raw record when it has none
	id   string
	item CustomerListItem
	err  error
}

func (r listRecord) failure() error {
	return fmt.Errorf("DealPOS API: a customer record of the list (ID %q) cannot be decoded: %w", r.id, r.err)
}

type listPage struct {
	records []listRecord
	total   int
}

// listPage reads one page of POST /Customer/p or /Customer/WithTotalCount.
func (c *Client) listPage(ctx context.Context, in ListCustomersRequest, withTotal bool) (*listPage, error) {
	var raw []json.RawMessage
	page := &listPage{}
	if withTotal {
		in.Name, in.Outlet = "", ""
		var env struct {
			Data       []json.RawMessage `json:"Data"`
			TotalCount int               `json:"TotalCount"`
		}
		if err := c.do(ctx, request{method: http.MethodPost, path: "/Customer/WithTotalCount", body: in, idempotent: true}, &env); err != nil {
			return nil, err
		}
		raw, page.total = env.Data, env.TotalCount
	} else if err := c.do(ctx, request{method: http.MethodPost, path: "/Customer/p", body: in, idempotent: true}, &raw); err != nil {
		return nil, err
	}
	for _, r := range raw {
		rec := listRecord{key: string(bytes.TrimSpace(r))}
		var id struct {
			ID string `json:"ID"`
		}
		if json.Unmarshal(r, &id) == nil && id.ID != "" {
			rec.key, rec.id = id.ID, id.ID
		}
		rec.err = json.Unmarshal(r, &rec.item)
		page.records = append(page.records, rec)
	}
	return page, nil
}
