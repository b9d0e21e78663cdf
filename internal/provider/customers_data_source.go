package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ datasource.DataSource              = &customersDataSource{}
	_ datasource.DataSourceWithConfigure = &customersDataSource{}
)

// NewCustomersDataSource is the dealpos_customers data source constructor.
func NewCustomersDataSource() datasource.DataSource {
	return &customersDataSource{}
}

type customersDataSource struct {
	data *providerData
}

type customersModel struct {
	customerFilter
	MaxResults types.Int64            `tfsdk:"max_results"`
	Customers  []customerSummaryModel `tfsdk:"customers"`
	TotalCount types.Int64            `tfsdk:"total_count"`
}

func (d *customersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customers"
}

func (d *customersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	item := map[string]schema.Attribute{
		"id":         computed(customerDescriptions.ID),
		"code":       computed(customerDescriptions.Code),
		"name":       computed(customerDescriptions.Name),
		"email":      computed(customerDescriptions.Email),
		"mobile":     computed(customerDescriptions.Mobile),
		"birth_date": computed(customerDescriptions.BirthDate),
		"join_date":  computed(customerDescriptions.JoinDate),
	}
	attrs := map[string]schema.Attribute{
		"max_results": schema.Int64Attribute{
			MarkdownDescription: "Read at most this many customers (the first ones in the API's order). Unset: all.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.AtLeast(1)},
		},
		"customers": schema.ListNestedAttribute{
			MarkdownDescription: "The matching customers, in the API's order (by name).",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: item},
		},
		"total_count": schema.Int64Attribute{
			MarkdownDescription: "How many customers match. Without `name` and `outlet` filters it is the API's count even when `max_results` cuts the list short; with them, it is null when `max_results` cut the read short.",
			Computed:            true,
		},
	}
	for _, f := range customerFilterAttributes {
		attrs[f.name] = schema.StringAttribute{MarkdownDescription: f.description, Optional: true, Validators: f.validators}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the customers of a DealPOS tenant, optionally filtered, reading every page of the list endpoint (`POST /Customer/p`) with as few requests as the API allows.",
		Attributes:          attrs,
	}
}

func (d *customersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

func (d *customersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m customersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	client := d.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	list, err := client.ListAllCustomers(ctx, m.api(), int(m.MaxResults.ValueInt64()))
	if err != nil {
		resp.Diagnostics.AddError("Could not list DealPOS customers", err.Error())
		return
	}
	tflog.Debug(ctx, "Listed DealPOS customers", map[string]any{"customers": len(list.Items), "requests": list.Requests})
	m.Customers = make([]customerSummaryModel, 0, len(list.Items))
	for _, item := range list.Items {
		m.Customers = append(m.Customers, newCustomerSummary(item))
	}
	m.TotalCount = types.Int64Null()
	if list.TotalKnown {
		m.TotalCount = types.Int64Value(int64(list.Total))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
