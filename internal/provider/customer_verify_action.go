package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ action.Action              = &customerVerifyAction{}
	_ action.ActionWithConfigure = &customerVerifyAction{}
)

// contactDetail is what a verify action marks: a customer's email or mobile.
type contactDetail struct {
	key         string // the attribute, and the lookup key: keyEmail or keyMobile
	noun        string // in messages: "email", "mobile number"
	endpoint    string // the API's endpoint, for the description
	description string
	validators  []validator.String
	verify      func(c *dealpos.Client, ctx context.Context, value string, verified bool) error
}

var (
	verifiedEmail = contactDetail{
		key: keyEmail, noun: "email", endpoint: "PUT /Customer/VerifyEmail",
		description: "The customer's email address, as `dealpos_customer` takes it; compared without regard to case.",
		validators:  []validator.String{notBlankValidator{}, emailAddress},
		verify:      (*dealpos.Client).VerifyCustomerEmail,
	}
	verifiedMobile = contactDetail{
		key: keyMobile, noun: "mobile number", endpoint: "PUT /Customer/VerifyMobile",
		description: "The customer's mobile phone number, as `dealpos_customer` takes it.",
		validators:  []validator.String{notBlankValidator{}},
		verify:      (*dealpos.Client).VerifyCustomerMobile,
	}
)

// NewCustomerVerifyEmailAction is the dealpos_customer_verify_email action.
func NewCustomerVerifyEmailAction() action.Action {
	return &customerVerifyAction{detail: verifiedEmail}
}

// NewCustomerVerifyMobileAction is the dealpos_customer_verify_mobile action.
func NewCustomerVerifyMobileAction() action.Action {
	return &customerVerifyAction{detail: verifiedMobile}
}

// customerVerifyAction sets whether a customer's email or mobile number is
// verified. DealPOS reads answer no such flag, so there is nothing to manage
// as a resource and nothing to read back.
type customerVerifyAction struct {
	detail contactDetail
	data   *providerData
}

func (a *customerVerifyAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_verify_" + a.detail.key
}

func (a *customerVerifyAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Marks a customer's %s as verified or not (`%s`). The customer is looked up by it first, so an unknown %s fails before any write. "+
			"DealPOS reads do not answer the flag, so nothing is read back. Terraform 1.14 and later.", a.detail.noun, a.detail.endpoint, a.detail.noun),
		Attributes: map[string]schema.Attribute{
			a.detail.key: schema.StringAttribute{
				MarkdownDescription: a.detail.description,
				Required:            true,
				Validators:          a.detail.validators,
			},
			"verified": schema.BoolAttribute{
				MarkdownDescription: fmt.Sprintf("`true`: the %s is valid; `false`: it is not.", a.detail.noun),
				Required:            true,
			},
		},
	}
}

func (a *customerVerifyAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *customerVerifyAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var value types.String
	var verified types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(a.detail.key), &value)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("verified"), &verified)...)
	client := a.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := lookupCustomer(ctx, client, a.detail.key, value.ValueString())
	if err != nil {
		addLookupError(&resp.Diagnostics, true, "customer", a.detail.key, value.ValueString(), err)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Setting the %s of customer %s verified = %t", a.detail.noun, c.Code, verified.ValueBool())})
	if err := a.detail.verify(client, ctx, value.ValueString(), verified.ValueBool()); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Could not set the %s verified flag", a.detail.noun),
			fmt.Sprintf("Customer %s (%s), %s %q: %s", c.Code, c.ID, a.detail.noun, value.ValueString(), err))
	}
}
