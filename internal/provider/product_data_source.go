package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource                     = &productDataSource{}
	_ datasource.DataSourceWithConfigure        = &productDataSource{}
	_ datasource.DataSourceWithConfigValidators = &productDataSource{}
)

// NewProductDataSource is the dealpos_product data source constructor.
func NewProductDataSource() datasource.DataSource {
	return &productDataSource{}
}

type productDataSource struct {
	data *providerData
}

func (d *productDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product"
}

func (d *productDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	desc := productDescriptions
	text := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	key := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description + " Exactly one of `id` and `code` selects the product.", Optional: true, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one DealPOS product by ID or code, with its variants, in one request whatever the number of variants. " +
			"The product read does not answer a variant's type: `type` is null unless `read_variant_types` is set, which costs one more request per variant (`GET /Variant/Detail`).",
		Attributes: map[string]schema.Attribute{
			"read_variant_types": schema.BoolAttribute{
				MarkdownDescription: readVariantTypesDescription,
				Optional:            true,
			},
			"id":               key(desc.ID),
			"code":             key(desc.Code),
			"name":             text(desc.Name),
			"category":         text(desc.Category),
			"brand":            text(desc.Brand),
			"description":      text(desc.Description),
			"discontinued":     schema.BoolAttribute{MarkdownDescription: desc.Discontinued, Computed: true},
			"image_url":        text(desc.ImageURL),
			"extra_image_urls": schema.ListAttribute{MarkdownDescription: desc.ExtraImageURLs, ElementType: types.StringType, Computed: true},
			"variants": schema.MapNestedAttribute{
				MarkdownDescription: "The product's variants, keyed by variant code (SKU).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           text(desc.Variant.ID),
					"model":        text(desc.Variant.Model),
					"unit_cost":    schema.Int64Attribute{MarkdownDescription: desc.Variant.UnitCost, Computed: true},
					"unit_price":   schema.Int64Attribute{MarkdownDescription: desc.Variant.UnitPrice, Computed: true},
					"discontinued": schema.BoolAttribute{MarkdownDescription: desc.Variant.Discontinued, Computed: true},
					"description":  text(desc.Variant.Description),
					"type":         text(desc.Variant.Type),
				}},
			},
		},
	}
}

func (d *productDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{exactlyOneKey(keyID, keyProductCode)}
}

func (d *productDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

// productDataSourceModel is the dealpos_product data source.
type productDataSourceModel struct {
	productFields
	ReadVariantTypes types.Bool `tfsdk:"read_variant_types"`
}

// readVariantTypesDescription describes read_variant_types, of the data
// source and of the list resource.
const readVariantTypesDescription = "Whether to read each variant's `type` (one `GET /Variant/Detail` per variant, since the product read does not answer it). " +
	"Unset or `false`: `type` is null and the product costs one request whatever its number of variants."

func (d *productDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg productDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	client := d.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	key, value := selectedKey(lookupKey{keyID, cfg.ID}, lookupKey{keyProductCode, cfg.Code})
	p, err := lookupProduct(ctx, client, key, value)
	if err != nil {
		addLookupError(&resp.Diagnostics, true, "product", key, value, err)
		return
	}
	typesByCode, ok := optionalVariantTypes(ctx, client, p, cfg.ReadVariantTypes, &resp.Diagnostics)
	if !ok {
		return
	}
	out := productDataSourceModel{ReadVariantTypes: cfg.ReadVariantTypes}
	resp.Diagnostics.Append(out.setFromAPI(ctx, p, typesByCode)...)
	// The lookup value stays as written (the API may answer it in another case).
	if key == keyProductCode {
		out.Code = cfg.Code
	} else {
		out.ID = cfg.ID
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
