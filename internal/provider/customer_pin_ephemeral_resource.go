package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ ephemeral.EphemeralResource              = &customerPINEphemeral{}
	_ ephemeral.EphemeralResourceWithConfigure = &customerPINEphemeral{}
)

// NewCustomerPINEphemeralResource is the dealpos_customer_pin ephemeral resource constructor.
func NewCustomerPINEphemeralResource() ephemeral.EphemeralResource {
	return &customerPINEphemeral{}
}

type customerPINEphemeral struct {
	data *providerData
}

type customerPINEphemeralModel struct {
	CustomerID types.String `tfsdk:"customer_id"`
	PIN        types.String `tfsdk:"pin"`
}

func (e *customerPINEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_pin"
}

func (e *customerPINEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the current redemption PIN of a DealPOS customer without persisting it in plan or state (Terraform 1.10+), " +
			"for use in other ephemeral contexts or write-only arguments such as `dealpos_customer_pin.pin_wo`.",
		Attributes: map[string]schema.Attribute{
			"customer_id": schema.StringAttribute{
				MarkdownDescription: "ID of the customer.",
				Required:            true,
				Validators:          []validator.String{notBlankValidator{}},
			},
			"pin": schema.StringAttribute{
				MarkdownDescription: "The customer's current PIN; null when none is set.",
				Computed:            true,
				Sensitive:           true,
			},
		},
	}
}

func (e *customerPINEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		e.data = pd
	}
}

func (e *customerPINEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m customerPINEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	client := e.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	pin, err := client.GetCustomerPIN(ctx, m.CustomerID.ValueString())
	if dealpos.IsNotFound(err) {
		resp.Diagnostics.AddError("DealPOS customer not found", "No customer has ID "+m.CustomerID.ValueString()+".")
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the PIN of DealPOS customer "+m.CustomerID.ValueString(), err.Error())
		return
	}
	m.PIN = pinFromAPI(pin)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
