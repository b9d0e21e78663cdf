package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ list.ListResource              = &productListResource{}
	_ list.ListResourceWithConfigure = &productListResource{}
)

// NewProductListResource is the dealpos_product list resource constructor
// (Terraform 1.14+: `terraform query`).
func NewProductListResource() list.ListResource {
	return &productListResource{}
}

type productListResource struct {
	data *providerData
}

// productListFilter is the configuration of a `list "dealpos_product"` block.
type productListFilter struct {
	Category         types.String `tfsdk:"category"`
	Discontinued     types.Bool   `tfsdk:"discontinued"`
	ReadVariantTypes types.Bool   `tfsdk:"read_variant_types"`
}

func (f productListFilter) match(p dealpos.Product) bool {
	if known(f.Category) && !strings.EqualFold(f.Category.ValueString(), p.Category) {
		return false
	}
	return !known(f.Discontinued) || f.Discontinued.ValueBool() == p.Discontinued
}

func (l *productListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product"
}

func (l *productListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the products of a DealPOS tenant for `terraform query`, with their identities and, on request, their full resource objects " +
			"(variants included), so `terraform query -generate-config-out` writes import blocks and configuration for them. " +
			"Each page of products costs one request whatever the number of variants; variant types are left out (the import reads them) unless `read_variant_types` is set.",
		Attributes: map[string]schema.Attribute{
			"category": schema.StringAttribute{
				MarkdownDescription: "Only products in this category (its full path, compared without regard to case; sub-categories are not included).",
				Optional:            true,
				Validators:          []validator.String{categoryPathValidator{}},
			},
			"discontinued": schema.BoolAttribute{
				MarkdownDescription: "Only discontinued products (`true`) or only those for sale (`false`). Unset: both.",
				Optional:            true,
			},
			"read_variant_types": schema.BoolAttribute{
				MarkdownDescription: readVariantTypesDescription + " Only with resource objects (`include_resource`).",
				Optional:            true,
			},
		},
	}
}

func (l *productListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		l.data = pd
	}
}

func (l *productListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg productListFilter
	listing[dealpos.Product]{
		what: "products",
		list: func(ctx context.Context, client *dealpos.Client, limit int) ([]dealpos.Product, error) {
			products, _, err := client.ListAllProducts(ctx, cfg.match, limit)
			return products, err
		},
		result: func(p dealpos.Product) (string, string) {
			return p.ID, fmt.Sprintf("%s (%s)", p.Name, p.Code)
		},
		object: func(ctx context.Context, client *dealpos.Client, p dealpos.Product, diags *diag.Diagnostics) any {
			typesByCode, ok := optionalVariantTypes(ctx, client, &p, cfg.ReadVariantTypes, diags)
			if !ok {
				return nil
			}
			noTimeouts, d := nullTimeouts(ctx, req.ResourceSchema)
			diags.Append(d...)
			m := productResourceModel{DiscontinueOnDestroy: boolFalse, Timeouts: noTimeouts}
			diags.Append(m.setFromAPI(ctx, &p, typesByCode)...)
			return &m
		},
	}.stream(ctx, l.data, req, &cfg, stream)
}
