package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	_ datasource.DataSource              = &outletsDataSource{}
	_ datasource.DataSourceWithConfigure = &outletsDataSource{}
)

// NewOutletsDataSource is the dealpos_outlets data source constructor.
func NewOutletsDataSource() datasource.DataSource {
	return &outletsDataSource{}
}

type outletsDataSource struct {
	data *providerData
}

type outletsModel struct {
	outletFilter
	Outlets []outletModel `tfsdk:"outlets"`
}

func (d *outletsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_outlets"
}

func (d *outletsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := map[string]schema.Attribute{
		"id":        schema.StringAttribute{MarkdownDescription: outletDescriptions.ID, Computed: true},
		"name":      schema.StringAttribute{MarkdownDescription: outletDescriptions.Name, Computed: true},
		"code":      schema.StringAttribute{MarkdownDescription: outletDescriptions.Code, Computed: true},
		"suspended": schema.BoolAttribute{MarkdownDescription: outletDescriptions.Suspended, Computed: true},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the outlets (stores) of a DealPOS tenant in one request (`GET /Outlet`), suspended ones included unless filtered out.\n\n" +
			"Outlets are a data source on purpose, not a resource: creating an outlet answers no ID (only a message), the API has no way " +
			"to delete or suspend one, and adding an outlet can change the tenant's bill (each outlet also gets a register). " +
			"Create outlets in the DealPOS back office, and refer to them from Terraform through this data source.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Only the outlet with this name, compared without regard to case.",
				Optional:            true,
				Validators:          []validator.String{notBlankValidator{}},
			},
			"suspended": schema.BoolAttribute{
				MarkdownDescription: "Only suspended outlets (`true`) or only active ones (`false`), as the API's `SuspendedStatus` `Yes` and `No`. Unset: all.",
				Optional:            true,
			},
			"outlets": schema.ListNestedAttribute{
				MarkdownDescription: "The matching outlets, in the API's order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *outletsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

func (d *outletsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m outletsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	client := d.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	all, err := client.ListOutlets(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not list DealPOS outlets", err.Error())
		return
	}
	m.Outlets = make([]outletModel, 0, len(all))
	for _, o := range all {
		if m.match(o) {
			m.Outlets = append(m.Outlets, newOutletModel(o))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
