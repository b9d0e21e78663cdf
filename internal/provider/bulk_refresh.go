package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// customerSnapshot is the opt-in bulk refresh: every customer of the tenant,
// read from the paged list endpoint once per provider process (the first
// Read fetches it; concurrent Reads wait for that one fetch) and shared by
// every dealpos_customer Read, instead of one GET per customer.
type customerSnapshot struct {
	client *dealpos.Client
	once   sync.Once
	byID   map[string]dealpos.CustomerListItem
	err    error
}

func newCustomerSnapshot(client *dealpos.Client) *customerSnapshot {
	return &customerSnapshot{client: client}
}

// load fetches the list on the first call, with that Read's context: its
// logger shows the quota waits, and Ctrl-C stops the fetch.
func (s *customerSnapshot) load(ctx context.Context) (map[string]dealpos.CustomerListItem, error) {
	s.once.Do(func() {
		// Lenient: a customer whose list record cannot be decoded is left
		// out of the snapshot, so its Read falls back to its own GET
		// rather than the whole refresh failing.
		list, err := s.client.ListAllCustomers(ctx, dealpos.CustomerFilter{Lenient: true}, 0)
		if err != nil {
			s.err = err
			return
		}
		s.byID = make(map[string]dealpos.CustomerListItem, len(list.Items))
		for _, item := range list.Items {
			s.byID[item.ID] = item
		}
	})
	return s.byID, s.err
}

// refreshFromList updates what the list endpoint carries of a customer
// (existence, name, code, mobile, email, birth date, join date) and leaves
// every other attribute as it is in state. found is false when the list
// does not hold the customer.
func (s *customerSnapshot) refreshFromList(ctx context.Context, f *customerFields) (found bool, err error) {
	byID, err := s.load(ctx)
	if err != nil {
		return false, err
	}
	item, ok := byID[f.ID.ValueString()]
	if !ok {
		return false, nil
	}
	tflog.Debug(ctx, "Refreshed DealPOS customer from the bulk list", map[string]any{"id": item.ID, "customers_listed": len(byID)})
	f.mergeListItem(item)
	return true, nil
}
