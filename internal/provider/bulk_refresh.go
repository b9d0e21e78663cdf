package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// privateNotReadYet marks a record created without a read-back
// (skip_create_read_back): its first refresh reads the whole record, even
// with bulk_refresh, whose lists lack some of what only DealPOS knows (a
// customer's gender, loyalty points, sign-up outlet and referrer; a
// category's code).
const privateNotReadYet = "not_read_yet"

// bulkRefresh is the opt-in bulk refresh (bulk_refresh): each kind of record
// is refreshed from the cheapest list the API offers instead of one read per
// record. Each list is fetched once per provider process, by the first Read
// that needs it and with its context (its logger shows the quota waits,
// Ctrl-C stops the fetch); concurrent Reads wait for that fetch and share
// it. A list never says a record is gone: a record it does not hold, or
// holds without every property its read answers, is read on its own. A list
// the API does not serve as sent (dealpos.IsUnserved) is tried once, then
// every record is read on its own.
type bulkRefresh struct {
	client     *dealpos.Client
	customers  shared[map[string]dealpos.CustomerListItem]
	categories shared[map[string]dealpos.Category]
	products   shared[*productSnapshot]
	prices     outletPriceBatches
}

func newBulkRefresh(client *dealpos.Client) *bulkRefresh {
	return &bulkRefresh{client: client}
}

// shared is a value loaded once and shared by every caller.
type shared[T any] struct {
	once sync.Once
	val  T
	err  error
}

func (s *shared[T]) get(load func() (T, error)) (T, error) {
	s.once.Do(func() { s.val, s.err = load() })
	return s.val, s.err
}

// unserved is err, or nil when err says the API does not serve a list as
// sent: every record is then read on its own, and the log says why once.
func unserved(ctx context.Context, list string, err error) error {
	if !dealpos.IsUnserved(err) {
		return err
	}
	tflog.Warn(ctx, "DealPOS does not serve the "+list+" for the bulk refresh; each record is read on its own", map[string]any{"error": err.Error()})
	return nil
}

// customer returns the list item of the customer id; ok is false when the
// list does not hold it.
func (b *bulkRefresh) customer(ctx context.Context, id string) (item dealpos.CustomerListItem, ok bool, err error) {
	byID, err := b.customers.get(func() (map[string]dealpos.CustomerListItem, error) {
		// Lenient: a customer whose list record cannot be decoded is left
		// out, so its Read falls back to its own GET rather than the whole
		// refresh failing.
		list, err := b.client.ListAllCustomers(ctx, dealpos.CustomerFilter{Lenient: true}, 0)
		if err != nil {
			return nil, unserved(ctx, "customer list", err)
		}
		out := make(map[string]dealpos.CustomerListItem, len(list.Items))
		for _, item := range list.Items {
			out[item.ID] = item
		}
		return out, nil
	})
	item, ok = byID[id]
	return item, ok, err
}

// category returns the list item of the category id (ID, full path and
// Discontinued; the list answers no code); ok is false when the list does
// not hold it.
func (b *bulkRefresh) category(ctx context.Context, id string) (item dealpos.Category, ok bool, err error) {
	byID, err := b.categories.get(func() (map[string]dealpos.Category, error) {
		list, err := b.client.ListCategories(ctx)
		if err != nil {
			return nil, unserved(ctx, "category list", err)
		}
		out := make(map[string]dealpos.Category, len(list))
		for _, c := range list {
			out[c.ID] = c
		}
		return out, nil
	})
	item, ok = byID[id]
	return item, ok, err
}

// productSnapshot is the product list: the products it answered whole, by
// ID, and every listed product's ID in list order with the position of
// each variant code, for the outlet price batches.
type productSnapshot struct {
	byID      map[string]*dealpos.Product
	ids       []string
	variantAt map[string]int
}

func (b *bulkRefresh) productList(ctx context.Context) (*productSnapshot, error) {
	return b.products.get(func() (*productSnapshot, error) {
		list, err := b.client.ListProductsForRefresh(ctx)
		if err != nil {
			return nil, unserved(ctx, "product list", err)
		}
		s := &productSnapshot{byID: map[string]*dealpos.Product{}, variantAt: map[string]int{}}
		for i := range list.Products {
			p := &list.Products[i]
			s.byID[p.ID] = p
			for _, v := range p.Variants {
				s.variantAt[v.Code] = len(s.ids)
			}
			s.ids = append(s.ids, p.ID)
		}
		return s, nil
	})
}

// product returns the listed product id, or nil when the list does not
// hold it whole.
func (b *bulkRefresh) product(ctx context.Context, id string) (*dealpos.Product, error) {
	s, err := b.productList(ctx)
	if s == nil || err != nil {
		return nil, err
	}
	return s.byID[id], nil
}

// outletPriceBatches are the answers of the outlet prices by product IDs,
// one request per batch of dealpos.OutletPriceBatch products in list order,
// each fetched when a Read first needs it. mu serialises the fetches, so a
// list the API does not serve is tried once.
type outletPriceBatches struct {
	mu       sync.Mutex
	done     map[int]outletPriceBatch
	unserved bool
}

type outletPriceBatch struct {
	prices map[string][]dealpos.OutletPriceEntry // variant code -> outlet prices
	err    error
}

// outletPrices returns the outlet prices of the variant code as the list
// answers them; ok is false when no list carries them, or carries none for
// the variant (which only the variant's own read may take for "no prices").
func (b *bulkRefresh) outletPrices(ctx context.Context, code string) (prices []dealpos.OutletPriceEntry, ok bool, err error) {
	s, err := b.productList(ctx)
	if s == nil || err != nil {
		return nil, false, err
	}
	at, listed := s.variantAt[code]
	if !listed {
		return nil, false, nil
	}
	batch, err := b.prices.get(ctx, b.client, s.ids, at/dealpos.OutletPriceBatch)
	prices = batch[code]
	return prices, len(prices) > 0, err
}

// get returns batch n of ids' outlet prices, fetching it on first use.
func (p *outletPriceBatches) get(ctx context.Context, client *dealpos.Client, ids []string, n int) (map[string][]dealpos.OutletPriceEntry, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.unserved {
		return nil, nil
	}
	if done, ok := p.done[n]; ok {
		return done.prices, done.err
	}
	batch := ids[n*dealpos.OutletPriceBatch : min((n+1)*dealpos.OutletPriceBatch, len(ids))]
	prices, err := client.ListOutletPricesByProducts(ctx, batch)
	if dealpos.IsUnserved(err) {
		p.unserved = true
		return nil, unserved(ctx, "outlet prices by product IDs", err)
	}
	if p.done == nil {
		p.done = map[int]outletPriceBatch{}
	}
	p.done[n] = outletPriceBatch{prices, err}
	return prices, err
}

// refreshFromList updates what the customer list carries of a customer
// (existence, name, code, mobile, email, birth date, join date) and leaves
// every other attribute as it is in state. found is false when the list
// does not hold the customer.
func (b *bulkRefresh) refreshFromList(ctx context.Context, f *customerFields) (found bool, err error) {
	item, ok, err := b.customer(ctx, f.ID.ValueString())
	if !ok || err != nil {
		return false, err
	}
	tflog.Debug(ctx, "Refreshed DealPOS customer from the bulk list", map[string]any{"id": item.ID})
	f.mergeListItem(item)
	return true, nil
}
