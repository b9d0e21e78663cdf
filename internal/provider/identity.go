package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// This file holds the resource identities (Terraform 1.12+) and what uses
// them in imports by identity; listing.go streams the list resources'
// results, each an identity and, on request, a resource object.

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
