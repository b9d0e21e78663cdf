package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
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

func (l *customerListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg customerFilter
	listing[dealpos.CustomerListItem]{
		what: "customers",
		list: func(ctx context.Context, client *dealpos.Client, limit int) ([]dealpos.CustomerListItem, error) {
			customers, err := client.ListAllCustomers(ctx, cfg.api(), limit)
			if err != nil {
				return nil, err
			}
			return customers.Items, nil
		},
		result: func(item dealpos.CustomerListItem) (string, string) {
			return item.ID, fmt.Sprintf("%s (%s)", item.Name, item.Code)
		},
		object: func(ctx context.Context, client *dealpos.Client, item dealpos.CustomerListItem, diags *diag.Diagnostics) any {
			// The list answer carries a few fields; the resource object
			// needs the whole record.
			customer, err := client.GetCustomer(ctx, item.ID)
			if err != nil {
				diags.AddError("Could not read DealPOS customer "+item.Code, err.Error())
				return nil
			}
			noTimeouts, d := nullTimeouts(ctx, req.ResourceSchema)
			diags.Append(d...)
			m := listedCustomerResource(customer, noTimeouts)
			return &m
		},
	}.stream(ctx, l.data, req, &cfg, stream)
}
