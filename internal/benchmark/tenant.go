package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// This file measures one terraform plan over a whole tenant: customers and
// a catalog in one configuration, as a shop keeps them, refreshed with and
// without bulk_refresh. A plan is what a tenant runs most, so its requests
// are what the quota sees most.

// tenantCategories is the number of categories a tenant's products are
// spread over.
const tenantCategories = 20

// tenantMix is the mixed tenant: customers next to a catalog.
var tenantMix = tenant{customers: 300, products: 100}

// tenant is one tenant configuration: customers, tenantCategories
// categories, products of three variants (-S, -M, -L) and one outlet price
// per product, for its -S variant.
type tenant struct {
	customers, products int
}

// resources is the number of resource instances the configuration holds.
func (t tenant) resources() int {
	return t.customers + tenantCategories + 2*t.products
}

// describe names what the configuration holds, for the table's notes.
func (t tenant) describe() string {
	s := fmt.Sprintf("%d categories, %d products of 3 variants, %d outlet prices", tenantCategories, t.products, t.products)
	if t.customers > 0 {
		s = fmt.Sprintf("%d customers, %s", t.customers, s)
	}
	return s
}

// hcl is the configuration under the provider block block: the customers,
// then the catalog section's configuration at this size, with a third
// variant per product.
func (t tenant) hcl(block string) string {
	config := block
	if t.customers > 0 {
		config = customersHCL(t.customers, "", block)
	}
	c := catalog{categories: tenantCategories, products: t.products, mediumPrice: 155000, large: true, outletPrice: 155000}
	return config + c.resourcesHCL()
}

// bulkBlock is the provider block with bulk_refresh on.
const bulkBlock = requiredProviders + "provider \"dealpos\" {\n  bulk_refresh = true\n}\n"

// tenantRow is one row of the tenant table.
type tenantRow struct {
	config    string
	resources int
	requests  int
	planned   string // "no change", "CHANGES PLANNED", or what the row ran instead of a plan
	detail    string
}

// tenantPlans measures the plans of the mixed tenant and of a catalog of
// products products, and prints them as one table.
func (b *bench) tenantPlans(out *strings.Builder, products int) error {
	large := tenant{products: products}
	mix, err := b.tenantRows("tenant-mix", "Tenant mix", tenantMix, true)
	if err != nil {
		return err
	}
	big, err := b.tenantRows("tenant-products", fmt.Sprintf("%d products", products), large, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "#### Tenant plan: requests of one terraform plan over a whole tenant (no quota)\n\n")
	fmt.Fprintf(out, "Tenant mix: %s. %d products: %s. Each plan refreshes every instance; Planned is what `terraform plan -detailed-exitcode` answered.\n\n",
		tenantMix.describe(), products, large.describe())
	fmt.Fprintln(out, "| Configuration | Resources | Requests | Planned | Requests by endpoint |")
	fmt.Fprintln(out, "|---|---|---|---|---|")
	for _, r := range append(mix, big...) {
		fmt.Fprintf(out, "| %s | %d | %d | %s | %s |\n", r.config, r.resources, r.requests, r.planned, r.detail)
	}
	fmt.Fprintln(out)
	return nil
}

// tenantRows creates t in a fresh workspace, measures its plans (default
// refresh, bulk_refresh, and with nameOnly bulk_refresh when the name-only
// lists answer 404), then destroys it so the next configuration starts
// from an empty simulator.
func (b *bench) tenantRows(name, label string, t tenant, nameOnly bool) ([]tenantRow, error) {
	ws, err := b.workspace(name, t.hcl(providerBlock))
	if err != nil {
		return nil, err
	}
	n := t.resources()
	total, d, st, err := b.measure(func() (time.Duration, error) { return b.terraform(ws, "apply", "-auto-approve") })
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "benchmark: tenant: %s: terraform apply took %.1f s\n", label, d.Seconds())
	rows := []tenantRow{{label + ": create (`terraform apply`, not a plan)", n, total, "n/a (apply)", endpoints(st)}}
	row, err := b.planRow(ws, label+": plan, default refresh", n)
	if err != nil {
		return nil, err
	}
	rows = append(rows, row)
	if err := setConfig(ws, t.hcl(bulkBlock)); err != nil {
		return nil, err
	}
	if row, err = b.planRow(ws, label+": plan, `bulk_refresh = true`", n); err != nil {
		return nil, err
	}
	rows = append(rows, row)
	if nameOnly {
		row, err := b.nameOnlyPlanRow(ws, label+": plan, `bulk_refresh = true`, lists the reference names only answer 404", n)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	_, err = b.terraform(ws, "destroy", "-auto-approve", "-refresh=false")
	return rows, err
}

// nameOnlyPlanRow measures the plan of ws when the lists the reference
// names only answer the unknown-route 404 (the NameOnlyLists fault), then
// clears the fault.
func (b *bench) nameOnlyPlanRow(ws, config string, n int) (tenantRow, error) {
	b.sim.SetFaults(simulator.Faults{NameOnlyLists: simulator.NameOnlyListsRoute})
	defer b.sim.SetFaults(simulator.Faults{})
	return b.planRow(ws, config, n)
}

// planRow measures one terraform plan of ws, refresh included. The plan
// runs with -detailed-exitcode so the row says whether it planned a
// change, which a refresh of an unchanged tenant must not; changes are
// reported, not failed on.
func (b *bench) planRow(ws, config string, n int) (tenantRow, error) {
	changes := false
	total, _, st, err := b.measure(func() (time.Duration, error) {
		d, err := b.terraform(ws, "plan", "-detailed-exitcode")
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 2 {
			changes, err = true, nil
		}
		return d, err
	})
	if err != nil {
		return tenantRow{}, err
	}
	planned := "no change"
	if changes {
		planned = "CHANGES PLANNED"
		fmt.Fprintf(os.Stderr, "benchmark: tenant: %s: the plan planned changes (run terraform plan in %s to see them)\n", config, ws)
	}
	return tenantRow{config, n, total, planned, endpoints(st)}, nil
}
