package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	_ datasource.DataSource                     = &categoryDataSource{}
	_ datasource.DataSourceWithConfigure        = &categoryDataSource{}
	_ datasource.DataSourceWithConfigValidators = &categoryDataSource{}
)

// NewCategoryDataSource is the dealpos_category data source constructor.
func NewCategoryDataSource() datasource.DataSource {
	return &categoryDataSource{}
}

type categoryDataSource struct {
	data *providerData
}

func (d *categoryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_category"
}

func (d *categoryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	const either = " Exactly one of `id` and `name` selects the category."
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one DealPOS category by ID or by name (its full path), with the same attributes as the `dealpos_category` resource. " +
			"A lookup by name costs two requests (the list, then the read that answers the code); by ID, one.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: categoryDescriptions.ID + either,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{notBlankValidator{}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: categoryDescriptions.Name + either,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{categoryPathValidator{}},
			},
			"code": schema.StringAttribute{
				MarkdownDescription: categoryDescriptions.Code + " Null when DealPOS answers none.",
				Computed:            true,
			},
			"discontinued": schema.BoolAttribute{
				MarkdownDescription: categoryDescriptions.Discontinued,
				Computed:            true,
			},
		},
	}
}

func (d *categoryDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{exactlyOneKey(keyID, keyCategoryName)}
}

func (d *categoryDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

func (d *categoryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg categoryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	client := d.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	key, value := selectedKey(lookupKey{keyID, cfg.ID}, lookupKey{keyCategoryName, cfg.Name})
	category, err := lookupCategory(ctx, client, key, value)
	if err != nil {
		addLookupError(&resp.Diagnostics, true, "category", key, value, err)
		return
	}
	// The name stays as written (the API may answer it in another case).
	cfg.setFromAPI(category)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
