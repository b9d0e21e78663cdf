package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// idIdentity is the resource identity of dealpos_customer and
// dealpos_customer_pin (Terraform 1.12+): the customer ID.
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

// setIdentity records the customer ID as the identity. Terraform before 1.12
// has no identities; the framework then passes none and there is nothing to set.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	if identity == nil || !known(id) {
		return
	}
	diags.Append(identity.Set(ctx, idIdentity{ID: id})...)
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
