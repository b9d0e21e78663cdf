package dealpos

import "context"

// maxPageSize is what ListAllCustomers asks for; servers cap it lower.
const maxPageSize = 1000

// CustomerFilter selects customers for ListAllCustomers. From and To bound
// the join date (YYYY-MM-DD), inclusive.
type CustomerFilter struct {
	Name   string
	Outlet string
	From   string
	To     string
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
}

// ListAllCustomers reads every customer matching f, page by page, in the
// API's order, stopping after limit customers when limit > 0.
//
// The server may cap the page size below what was asked, so a page shorter
// than the request proves nothing: the first page's length is taken as the
// effective page size, and the read stops at an empty page, a page shorter
// than that, or the known total. Without a name or outlet filter the
// WithTotalCount form answers the same question and also gives the total,
// which saves the final empty page.
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
		var batch []CustomerListItem
		out.Requests++
		if withTotal {
			page, err := c.ListCustomersWithTotalCount(ctx, req)
			if err != nil {
				return nil, err
			}
			batch, out.Total, out.TotalKnown = page.Data, page.TotalCount, true
		} else {
			var err error
			if batch, err = c.ListCustomers(ctx, req); err != nil {
				return nil, err
			}
		}
		if req.PageNumber == 1 {
			effective = len(batch)
		}
		for _, item := range batch {
			// A record inserted or deleted between two pages shifts the
			// pages; never list one customer twice.
			if seen[item.ID] {
				continue
			}
			seen[item.ID] = true
			out.Items = append(out.Items, item)
			if limit > 0 && len(out.Items) == limit {
				return out, nil
			}
		}
		if len(batch) == 0 || len(batch) < effective || (out.TotalKnown && len(out.Items) >= out.Total) {
			break
		}
	}
	if !out.TotalKnown {
		out.Total, out.TotalKnown = len(out.Items), true
	}
	return out, nil
}
