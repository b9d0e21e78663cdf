package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ list.ListResource              = &customerListResource{}
	_ list.ListResourceWithConfigure = &customerListResource{}
)

// NewCustomerListResource is the dealpos_customer list resource constructor
// (Terraform 1.14+: `terraform query`).
func NewCustomerListResource() list.ListResource {
	return &customerListResource{}
}

type customerListResource struct {
	data *providerData
}

func (l *customerListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer"
}

func (l *customerListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the customers of a DealPOS tenant for `terraform query`, with their identities and, on request, their full resource objects, so `terraform query -generate-config-out` writes import blocks and configuration for them.",
		Attributes:          map[string]schema.Attribute{},
	}
	for _, f := range customerFilterAttributes {
		resp.Schema.Attributes[f.name] = schema.StringAttribute{MarkdownDescription: f.description, Optional: true, Validators: f.validators}
	}
}

func (l *customerListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		l.data = pd
	}
}

// nullTimeouts is the timeouts block of a listed (not configured) customer.
var nullTimeouts = timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
	"create": types.StringType, "update": types.StringType, "delete": types.StringType,
})}

func (l *customerListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg customerFilter
	diags := req.Config.Get(ctx, &cfg)
	client := l.data.clientOrError(&diags)
	if diags.HasError() || client == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	customers, err := client.ListAllCustomers(ctx, cfg.api(), int(req.Limit))
	if err != nil {
		diags.AddError("Could not list DealPOS customers", err.Error())
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for _, item := range customers.Items {
			result := req.NewListResult(ctx)
			result.DisplayName = fmt.Sprintf("%s (%s)", item.Name, item.Code)
			result.Diagnostics.Append(result.Identity.Set(ctx, idIdentity{ID: types.StringValue(item.ID)})...)
			if req.IncludeResource && !result.Diagnostics.HasError() {
				// The list answer carries a few fields; the resource
				// object needs the whole record.
				customer, err := client.GetCustomer(ctx, item.ID)
				if err != nil {
					result.Diagnostics.AddError("Could not read DealPOS customer "+item.Code, err.Error())
				} else {
					m := customerResourceModel{ReferralCode: types.StringNull(), Timeouts: nullTimeouts}
					m.Email = types.StringNull()
					m.setFromAPI(customer)
					result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}
