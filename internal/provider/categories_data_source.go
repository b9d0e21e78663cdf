package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = &categoriesDataSource{}
	_ datasource.DataSourceWithConfigure = &categoriesDataSource{}
)

// NewCategoriesDataSource is the dealpos_categories data source constructor.
func NewCategoriesDataSource() datasource.DataSource {
	return &categoriesDataSource{}
}

type categoriesDataSource struct {
	data *providerData
}

type categoriesModel struct {
	Discontinued types.Bool          `tfsdk:"discontinued"`
	Categories   []categoryItemModel `tfsdk:"categories"`
}

func (d *categoriesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_categories"
}

func (d *categoriesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := map[string]schema.Attribute{
		"id":           schema.StringAttribute{MarkdownDescription: categoryDescriptions.ID, Computed: true},
		"name":         schema.StringAttribute{MarkdownDescription: categoryDescriptions.Name, Computed: true},
		"discontinued": schema.BoolAttribute{MarkdownDescription: categoryDescriptions.Discontinued, Computed: true},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the categories of a DealPOS tenant in one request (`POST /Category/p`). Every level of a path is its own entry: " +
			"`Food/Snack` comes with `Food`. The list answers no codes; the `dealpos_category` data source reads one category's code.",
		Attributes: map[string]schema.Attribute{
			"discontinued": schema.BoolAttribute{
				MarkdownDescription: discontinuedFilterDescription,
				Optional:            true,
			},
			"categories": schema.ListNestedAttribute{
				MarkdownDescription: "The categories, in the API's order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *categoriesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

func (d *categoriesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m categoriesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	client := d.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	all, err := client.ListCategories(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not list DealPOS categories", err.Error())
		return
	}
	m.Categories = make([]categoryItemModel, 0, len(all))
	for _, c := range filterDiscontinued(all, m.Discontinued, 0) {
		m.Categories = append(m.Categories, newCategoryItemModel(c))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
