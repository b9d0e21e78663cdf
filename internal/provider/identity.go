package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds the resource identities (Terraform 1.12+) and what uses
// them: imports by identity, and the results of the list resources
// (Terraform 1.14+), each an identity and, on request, a resource object.

// idIdentity is the resource identity of dealpos_customer,
// dealpos_customer_pin, dealpos_category and dealpos_product: the ID
// DealPOS assigned.
type idIdentity struct {
	ID types.String `tfsdk:"id"`
}

func idIdentitySchema(desc string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description:       desc,
				RequiredForImport: true,
			},
		},
	}
}

// setIdentity records the ID as the identity. Terraform before 1.12 has no
// identities; the framework then passes none and there is nothing to set.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	if identity == nil || !known(id) {
		return
	}
	// Written without reflection: every refresh sets it (attrcodec.go).
	v, d := encodeAttrs(ctx, identity.Schema.Type().TerraformType(ctx), []modelAttr{{"id", &id}})
	diags.Append(d...)
	if !d.HasError() {
		identity.Raw = v
	}
}

// identityID reads the ID of an import by identity (import block with
// `identity = { id = ... }`).
func identityID(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	if identity == nil {
		return ""
	}
	var m idIdentity
	diags.Append(identity.Get(ctx, &m)...)
	return m.ID.ValueString()
}

// importID is what an import names: its import ID (terraform import, an
// import block's id), or for an import by identity (an import block's
// identity = { id = ... }) the ID, and then byIdentity. With neither it
// reports usage, how the resource is imported, and answers "".
func importID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics, usage string) (raw string, byIdentity bool) {
	if req.ID != "" {
		return req.ID, false
	}
	if raw = identityID(ctx, req.Identity, diags); raw == "" {
		diags.AddError("Invalid import", usage)
	}
	return raw, true
}

// setImportedID records the ID an import resolved to: the id attribute,
// from which the Read that follows reads the rest, and the identity.
func setImportedID(ctx context.Context, resp *resource.ImportStateResponse, id string) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setIdentity(ctx, resp.Identity, types.StringValue(id), &resp.Diagnostics)
}

// removeGone removes from the state a resource whose object DealPOS no
// longer has, found so by a Read. The framework wants an identity even for a
// removed resource when Terraform (before 1.12) stored none.
func removeGone(ctx context.Context, noun string, id types.String, resp *resource.ReadResponse) {
	tflog.Warn(ctx, "DealPOS "+noun+" no longer exists; removing it from state", map[string]any{"id": id.ValueString()})
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	resp.State.RemoveResource(ctx)
}

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
