package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ list.ListResource              = &categoryListResource{}
	_ list.ListResourceWithConfigure = &categoryListResource{}
)

// NewCategoryListResource is the dealpos_category list resource constructor
// (Terraform 1.14+: `terraform query`).
func NewCategoryListResource() list.ListResource {
	return &categoryListResource{}
}

type categoryListResource struct {
	data *providerData
}

// categoryListConfig is the config block of a list "dealpos_category" block.
type categoryListConfig struct {
	Discontinued types.Bool `tfsdk:"discontinued"`
}

func (l *categoryListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_category"
}

func (l *categoryListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the categories of a DealPOS tenant for `terraform query`, every level of a path as its own entry, with their identities and, on request, their full resource objects, so `terraform query -generate-config-out` writes import blocks and configuration for them.",
		Attributes: map[string]schema.Attribute{
			"discontinued": schema.BoolAttribute{
				MarkdownDescription: discontinuedFilterDescription,
				Optional:            true,
			},
		},
	}
}

func (l *categoryListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		l.data = pd
	}
}

func (l *categoryListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg categoryListConfig
	listing[dealpos.Category]{
		what: "categories",
		list: func(ctx context.Context, client *dealpos.Client, limit int) ([]dealpos.Category, error) {
			all, err := client.ListCategories(ctx)
			if err != nil {
				return nil, err
			}
			return filterDiscontinued(all, cfg.Discontinued, limit), nil
		},
		result: func(item dealpos.Category) (string, string) {
			return item.ID, item.Name
		},
		object: func(ctx context.Context, client *dealpos.Client, item dealpos.Category, diags *diag.Diagnostics) any {
			// The list answers no code; the read by ID does.
			category, err := client.GetCategoryAt(ctx, item.ID, item.Name)
			if err != nil {
				diags.AddError("Could not read DealPOS category "+item.Name, err.Error())
				return nil
			}
			noTimeouts, d := nullTimeouts(ctx, req.ResourceSchema)
			diags.Append(d...)
			m := categoryResourceModel{categoryModel: categoryModel{Name: types.StringNull(), Code: types.StringNull()}, Timeouts: noTimeouts}
			m.setFromAPI(category)
			return &m
		},
	}.stream(ctx, l.data, req, &cfg, stream)
}
