package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file is the one place that maps a product and its variants between
// the API's wire types (package dealpos) and Terraform values: the
// dealpos_product resource, data source and list resource all call it. It
// also holds the descriptions their schemas share.

// productFields are the attributes a read of a product yields, shared by the
// dealpos_product resource, data source and list resource.
type productFields struct {
	ID             types.String `tfsdk:"id"`
	Code           types.String `tfsdk:"code"`
	Name           types.String `tfsdk:"name"`
	Category       types.String `tfsdk:"category"`
	Brand          types.String `tfsdk:"brand"`
	Description    types.String `tfsdk:"description"`
	Discontinued   types.Bool   `tfsdk:"discontinued"`
	ImageURL       types.String `tfsdk:"image_url"`
	ExtraImageURLs types.List   `tfsdk:"extra_image_urls"`
	Variants       types.Map    `tfsdk:"variants"`
}

// productVariantModel is one element of variants, keyed by variant code.
type productVariantModel struct {
	ID           types.String `tfsdk:"id"`
	Model        types.String `tfsdk:"model"`
	UnitCost     types.Int64  `tfsdk:"unit_cost"`
	UnitPrice    types.Int64  `tfsdk:"unit_price"`
	Discontinued types.Bool   `tfsdk:"discontinued"`
	Description  types.String `tfsdk:"description"`
	Type         types.String `tfsdk:"type"`
}

// productVariantAttrTypes is the object type of a variants element.
var productVariantAttrTypes = map[string]attr.Type{
	"id":           types.StringType,
	"model":        types.StringType,
	"unit_cost":    types.Int64Type,
	"unit_price":   types.Int64Type,
	"discontinued": types.BoolType,
	"description":  types.StringType,
	"type":         types.StringType,
}

var productVariantObjectType = types.ObjectType{AttrTypes: productVariantAttrTypes}

// variants decodes the variants map. An unknown or null map decodes to nil.
func (f productFields) variants(ctx context.Context) (map[string]productVariantModel, diag.Diagnostics) {
	if !known(f.Variants) {
		return nil, nil
	}
	out := map[string]productVariantModel{}
	diags := f.Variants.ElementsAs(ctx, &out, false)
	return out, diags
}

// setVariants encodes the variants map.
func (f *productFields) setVariants(vs map[string]productVariantModel) diag.Diagnostics {
	m, diags := types.MapValueFrom(context.Background(), productVariantObjectType, vs)
	f.Variants = m
	return diags
}

// setFromAPI copies a product read (GET /Product/ID or /Product/Detail) into
// the fields. The category keeps the known spelling when the API answers it
// in another case (DealPOS finds categories without regard to case). The
// product read does not answer a variant's type: it is kept from the known
// variants, else taken from types (variant code -> type, from the variant
// detail read; see variantTypes), else left null.
//
// The image URL is set to the API's answer; the resource then applies its
// rule for URLs the API rewrites (see resolveImageURL).
func (f *productFields) setFromAPI(ctx context.Context, p *dealpos.Product, variantTypes map[string]string) diag.Diagnostics {
	prior, diags := f.variants(ctx)
	f.ID = types.StringValue(p.ID)
	f.Code = types.StringValue(p.Code)
	f.Name = types.StringValue(p.Name)
	f.Category = keepSpelling(f.Category, p.Category)
	f.Brand = optional(p.Brand)
	f.Description = optional(p.Description)
	f.Discontinued = types.BoolValue(p.Discontinued)
	f.ImageURL = optional(p.ImageURL)
	extra, d := types.ListValueFrom(ctx, types.StringType, nonNil(p.ExtraImagesURL))
	diags.Append(d...)
	f.ExtraImageURLs = extra

	vs := make(map[string]productVariantModel, len(p.Variants))
	for _, v := range p.Variants {
		typ := types.StringNull()
		if old, ok := prior[v.Code]; ok && known(old.Type) {
			typ = old.Type
		} else if t := variantTypes[v.Code]; t != "" {
			typ = types.StringValue(t)
		}
		vs[v.Code] = productVariantModel{
			ID:           types.StringValue(v.ID),
			Model:        types.StringValue(v.Model),
			UnitCost:     types.Int64Value(int64(v.UnitCost)),
			UnitPrice:    types.Int64Value(int64(v.UnitPrice)),
			Discontinued: types.BoolValue(v.Discontinued),
			Description:  optional(v.Description),
			Type:         typ,
		}
	}
	diags.Append(f.setVariants(vs)...)
	return diags
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// variantTypes reads the type of each variant of p whose type is not known
// yet (GET /Variant/Detail, one request per variant): the product read does
// not answer it. have lists the codes whose type is known. The resource
// spends these reads once per variant (on import, or for a variant added
// outside Terraform); the data source and the list resource only when the
// configuration asks for types (read_variant_types).
func variantTypes(ctx context.Context, client *dealpos.Client, p *dealpos.Product, have map[string]productVariantModel) (map[string]string, error) {
	out := map[string]string{}
	for _, v := range p.Variants {
		if old, ok := have[v.Code]; ok && known(old.Type) {
			continue
		}
		detail, err := client.GetVariant(ctx, v.ID)
		if err != nil {
			return nil, fmt.Errorf("reading the type of variant %s: %w", v.Code, err)
		}
		out[v.Code] = detail.Type
	}
	return out, nil
}

// optionalVariantTypes is variantTypes for a data source or list resource:
// read only when asked (nil otherwise), a failure reported to diags.
func optionalVariantTypes(ctx context.Context, client *dealpos.Client, p *dealpos.Product, asked types.Bool, diags *diag.Diagnostics) (map[string]string, bool) {
	if !asked.ValueBool() {
		return nil, true
	}
	out, err := variantTypes(ctx, client, p, nil)
	if err != nil {
		diags.AddError("Could not read the variants of DealPOS product "+p.Code, err.Error())
		return nil, false
	}
	return out, true
}

// productInput builds the body of POST /Product (with variants) or PUT
// /Product (variants nil: PUT /Product then leaves them alone, and the
// variants are changed through the Variant endpoints instead, so the outcome
// does not depend on whether PUT /Product merges or replaces the list).
func (f productFields) productInput(ctx context.Context, withVariants bool) (dealpos.ProductInput, diag.Diagnostics) {
	in := dealpos.ProductInput{
		Category:     f.Category.ValueString(),
		Name:         f.Name.ValueString(),
		Brand:        f.Brand.ValueString(),
		Code:         f.Code.ValueString(),
		Discontinued: f.Discontinued.ValueBool(),
		ImageURL:     f.ImageURL.ValueString(),
		Description:  f.Description.ValueString(),
	}
	var diags diag.Diagnostics
	if known(f.ExtraImageURLs) {
		in.ExtraImagesURL = []string{}
		diags.Append(f.ExtraImageURLs.ElementsAs(ctx, &in.ExtraImagesURL, false)...)
	}
	if withVariants {
		vs, d := f.variants(ctx)
		diags.Append(d...)
		for _, code := range sortedKeys(vs) {
			in.Variants = append(in.Variants, vs[code].input(code))
		}
	}
	return in, diags
}

// input is the variant as POST /Product and POST /Variant/Add take it. A
// type no write takes is never sent (the plan refuses one for a new
// variant; left out, the API creates a Standard variant).
func (v productVariantModel) input(code string) dealpos.VariantInput {
	in := dealpos.VariantInput{
		Model:              v.Model.ValueString(),
		Code:               code,
		UnitCost:           v.UnitCost.ValueInt64(),
		UnitPrice:          v.UnitPrice.ValueInt64(),
		Discontinued:       v.Discontinued.ValueBool(),
		VariantDescription: v.Description.ValueString(),
	}
	if t := v.Type.ValueString(); dealpos.WritableVariantType(t) {
		in.Type = t
	}
	return in
}

// update is the PUT /Variant body that takes the variant from old to v:
// only what changed is sent (a field left out keeps its value), and a
// removed description is sent as "" to clear it.
func (v productVariantModel) update(code string, old productVariantModel) (dealpos.VariantUpdate, bool) {
	in := dealpos.VariantUpdate{Code: code}
	changed := false
	if !v.Model.Equal(old.Model) {
		s := v.Model.ValueString()
		in.Model, changed = &s, true
	}
	if !v.UnitCost.Equal(old.UnitCost) {
		n := v.UnitCost.ValueInt64()
		in.UnitCost, changed = &n, true
	}
	if !v.UnitPrice.Equal(old.UnitPrice) {
		n := v.UnitPrice.ValueInt64()
		in.UnitPrice, changed = &n, true
	}
	if !v.Discontinued.Equal(old.Discontinued) {
		b := v.Discontinued.ValueBool()
		in.Discontinued, changed = &b, true
	}
	if !v.Description.Equal(old.Description) {
		s := v.Description.ValueString()
		in.VariantDescription, changed = &s, true
	}
	if known(v.Type) && !v.Type.Equal(old.Type) && dealpos.WritableVariantType(v.Type.ValueString()) {
		s := v.Type.ValueString()
		in.Type, changed = &s, true
	}
	return in, changed
}

// productFieldsChanged tells whether the product's own attributes (not its
// variants) differ, i.e. whether PUT /Product is needed.
func productFieldsChanged(plan, state productFields) bool {
	for _, pair := range [][2]attr.Value{
		{plan.Name, state.Name}, {plan.Category, state.Category}, {plan.Brand, state.Brand},
		{plan.Description, state.Description}, {plan.Discontinued, state.Discontinued},
		{plan.ImageURL, state.ImageURL},
	} {
		if !pair[0].Equal(pair[1]) {
			return true
		}
	}
	return known(plan.ExtraImageURLs) && !plan.ExtraImageURLs.Equal(state.ExtraImageURLs)
}

// productDescriptions describe the product attributes, for the resource,
// the data source and the list resource alike. One field per attribute, so
// a misspelt name does not compile.
var productDescriptions = struct {
	ID, Code, Name, Category, Brand, Description, Discontinued, ImageURL, ExtraImageURLs, Variants string
	// Variant describes the attributes of a variants element.
	Variant struct {
		ID, Model, UnitCost, UnitPrice, Discontinued, Description, Type string
	}
}{
	ID:             "Product ID (a GUID) assigned by DealPOS.",
	Code:           "Product code, unique in the tenant; the key DealPOS writes a product by.",
	Name:           "Product name.",
	Category:       "Full path of the product's category, such as `Food/Snack`. DealPOS creates a missing category path itself; reference a `dealpos_category` (`category = dealpos_category.snack.name`) so the category is managed and created first.",
	Brand:          "Brand name.",
	Description:    "Product description.",
	Discontinued:   "Whether the product is discontinued (not for sale).",
	ImageURL:       "URL of the product's main image, fetched by DealPOS.",
	ExtraImageURLs: "URLs of the product's extra images, in order.",
	Variants: "The product's variants, keyed by variant code (SKU). A map keyed by code rather than a list: " +
		"reordering the configuration changes nothing, a plan shows each variant's own change, and the provider cannot be handed two variants with the same code. " +
		"(In a map literal Terraform itself keeps the last of two identical keys without a warning; a map built with a `for` expression refuses duplicates.)",
	Variant: struct {
		ID, Model, UnitCost, UnitPrice, Discontinued, Description, Type string
	}{
		ID:           "Variant ID (a GUID) assigned by DealPOS.",
		Model:        "Variant name, such as `Small`.",
		UnitCost:     "Unit cost (an integer amount in the tenant's currency).",
		UnitPrice:    "Unit price (an integer amount in the tenant's currency).",
		Discontinued: "Whether the variant is discontinued.",
		Description:  "Variant description.",
		Type: "Variant type: `" + strings.Join(dealpos.VariantTypes, "`, `") + "`, or `" + dealpos.VariantSerialized +
			"`, which DealPOS answers but none of its writes takes (only DealPOS itself makes a variant Serialized).",
	},
}
