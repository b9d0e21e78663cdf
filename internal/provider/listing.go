package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds the one List of the list resources (Terraform 1.14+).

// listing is the List of a list resource over items of type T.
type listing[T any] struct {
	what string // what is listed, such as "customers", for a failed list
	// list fetches the items, at most limit of them (0: all), with the
	// configuration already read.
	list func(ctx context.Context, client *dealpos.Client, limit int) ([]T, error)
	// result names an item: its ID (the identity) and display name.
	result func(item T) (id, displayName string)
	// object builds an item's resource object, for a request that includes
	// them; nil after an error it reports.
	object func(ctx context.Context, client *dealpos.Client, item T, diags *diag.Diagnostics) any
}

// stream reads the list block's configuration into cfg, fetches the items
// and streams a result for each.
func (l listing[T]) stream(ctx context.Context, data *providerData, req list.ListRequest, cfg any, stream *list.ListResultsStream) {
	diags := req.Config.Get(ctx, cfg)
	client := data.clientOrError(&diags)
	if diags.HasError() || client == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	items, err := l.list(ctx, client, int(req.Limit))
	if err != nil {
		diags.AddError("Could not list DealPOS "+l.what, err.Error())
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for _, item := range items {
			id, name := l.result(item)
			result := req.NewListResult(ctx)
			result.DisplayName = name
			result.Diagnostics.Append(result.Identity.Set(ctx, idIdentity{ID: types.StringValue(id)})...)
			if req.IncludeResource && !result.Diagnostics.HasError() {
				if m := l.object(ctx, client, item, &result.Diagnostics); m != nil {
					result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}
