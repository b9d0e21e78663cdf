package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file is the one place that maps a variant's outlet prices between
// the API's wire types (package dealpos) and Terraform values.

// outletPriceModel is the dealpos_outlet_price resource.
type outletPriceModel struct {
	ID          types.String   `tfsdk:"id"`
	VariantCode types.String   `tfsdk:"variant_code"`
	Prices      types.Map      `tfsdk:"prices"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// outletPriceEntryModel is one element of prices, keyed by outlet name.
type outletPriceEntryModel struct {
	UnitPrice types.Int64 `tfsdk:"unit_price"`
	ExtraCost types.Int64 `tfsdk:"extra_cost"`
}

var outletPriceEntryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"unit_price": types.Int64Type,
	"extra_cost": types.Int64Type,
}}

func (m outletPriceModel) entries(ctx context.Context) (map[string]outletPriceEntryModel, diag.Diagnostics) {
	out := map[string]outletPriceEntryModel{}
	if !known(m.Prices) {
		return out, nil
	}
	diags := m.Prices.ElementsAs(ctx, &out, false)
	return out, diags
}

// body is the body of the Outlet Price writes for the given outlets, in
// name order.
func outletPriceBody(code string, entries map[string]outletPriceEntryModel) dealpos.OutletPrice {
	in := dealpos.OutletPrice{Code: code, Outlets: []dealpos.OutletPriceEntry{}}
	for _, name := range sortedKeys(entries) {
		e := entries[name]
		in.Outlets = append(in.Outlets, dealpos.OutletPriceEntry{
			Outlet:    name,
			UnitPrice: dealpos.Integer(e.UnitPrice.ValueInt64()),
			ExtraCost: dealpos.Integer(e.ExtraCost.ValueInt64()),
		})
	}
	return in
}

// setFromAPI copies a GET /OutletPrice answer into the model. An outlet the
// API names in another case than the known key keeps the known key: DealPOS
// finds outlets by name without regard to case.
func (m *outletPriceModel) setFromAPI(ctx context.Context, op *dealpos.OutletPrice) diag.Diagnostics {
	prior, diags := m.entries(ctx)
	out := map[string]outletPriceEntryModel{}
	for _, e := range op.Outlets {
		key := e.Outlet
		if k, ok := foldKey(prior, e.Outlet); ok {
			key = k
		}
		out[key] = outletPriceEntryModel{UnitPrice: types.Int64Value(int64(e.UnitPrice)), ExtraCost: types.Int64Value(int64(e.ExtraCost))}
	}
	m.VariantCode = keepSpelling(m.VariantCode, op.Code)
	m.ID = m.VariantCode
	prices, d := types.MapValueFrom(ctx, outletPriceEntryType, out)
	diags.Append(d...)
	m.Prices = prices
	return diags
}
