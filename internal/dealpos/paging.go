package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxPageSize is what ListAllCustomers asks for; servers cap it lower.
const maxPageSize = 1000

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

// ListAllCustomers reads every customer matching f, page by page, in the
// API's order, stopping after limit customers when limit > 0.
//
// The server may cap the page size below what was asked, so a page shorter
// than the request proves nothing: the first page's length is taken as the
// effective page size. The read stops at a page shorter than that, at a
// page that adds no customer not seen before (a server that repeats its
// last page past the end), or when the known total is reached: listing n
// customers costs at most ceil(n / page size) + 1 requests, whatever the
// total says. Without a name or outlet filter the WithTotalCount form
// answers the same question and also gives the total, which saves the
// final empty page.
func (c *Client) ListAllCustomers(ctx context.Context, f CustomerFilter, limit int) (*CustomerList, error) {
	req := ListCustomersRequest{Name: f.Name, Outlet: f.Outlet, From: f.From, To: f.To, PageSize: maxPageSize}
	if limit > 0 && limit < maxPageSize {
		req.PageSize = limit
	}
	withTotal := f.Name == "" && f.Outlet == ""
	out := &CustomerList{}
	seen := map[string]bool{}
	effective := 0
	for req.PageNumber = 1; ; req.PageNumber++ {
		out.Requests++
		page, err := c.listPage(ctx, req, withTotal)
		if err != nil {
			return nil, err
		}
		if withTotal {
			out.Total, out.TotalKnown = page.total, true
		}
		if req.PageNumber == 1 {
			effective = len(page.records)
		}
		added := 0
		for _, rec := range page.records {
			// A record inserted or deleted between two pages shifts the
			// pages; never list one customer twice.
			if seen[rec.key] {
				continue
			}
			seen[rec.key] = true
			added++
			if rec.err != nil {
				if !f.Lenient {
					return nil, rec.failure()
				}
				tflog.Warn(ctx, "Skipped a DealPOS customer list record that cannot be decoded", map[string]any{"id": rec.id, "error": rec.err.Error()})
				out.Undecoded = append(out.Undecoded, UndecodedItem{ID: rec.id, Err: rec.err})
				continue
			}
			out.Items = append(out.Items, rec.item)
			if limit > 0 && len(out.Items) == limit {
				return out, nil
			}
		}
		listed := len(out.Items) + len(out.Undecoded)
		if len(page.records) == 0 || len(page.records) < effective || added == 0 || (out.TotalKnown && listed >= out.Total) {
			break
		}
	}
	if !out.TotalKnown || out.Total < len(out.Items)+len(out.Undecoded) {
		out.Total, out.TotalKnown = len(out.Items)+len(out.Undecoded), true
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
