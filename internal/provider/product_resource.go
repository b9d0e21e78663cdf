package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ resource.Resource                = &productResource{}
	_ resource.ResourceWithConfigure   = &productResource{}
	_ resource.ResourceWithImportState = &productResource{}
	_ resource.ResourceWithIdentity    = &productResource{}
)

const (
	// privateImageURL records, after each write, the image URL Terraform
	// wrote and the one the API answered for it (see resolveImageURL).
	privateImageURL = "image_url"
)

// NewProductResource is the dealpos_product resource constructor.
func NewProductResource() resource.Resource {
	return &productResource{}
}

type productResource struct {
	data *providerData
}

// productResourceModel is the dealpos_product resource.
type productResourceModel struct {
	productFields
	DiscontinueOnDestroy types.Bool     `tfsdk:"discontinue_on_destroy"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

func (r *productResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product"
}

func (r *productResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	d := productDescriptions
	required := func(desc string, extra ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Required: true, Validators: append([]validator.String{notBlankValidator{}}, extra...)}
	}
	amount := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{
			MarkdownDescription: desc + " 0 or more; defaults to 0.",
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(0),
			Validators:          []validator.Int64{int64validator.AtLeast(0)},
		}
	}
	flag := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: desc + " Defaults to `false`.", Optional: true, Computed: true, Default: booldefault.StaticBool(false)}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A product of a DealPOS tenant with its variants. The product's own attributes change in place through `PUT /Product`; " +
			"variants are added, changed and removed one by one through the Variant endpoints. Only a change of `code` replaces the product.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: d.ID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"code": schema.StringAttribute{
				MarkdownDescription: d.Code + " The API cannot change a product's code, so changing it replaces the product (the old one is deleted, or discontinued with `discontinue_on_destroy`).",
				Required:            true,
				Validators:          []validator.String{notBlankValidator{}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), replaceKeepsVariantCodes{}},
			},
			"name":     required(d.Name),
			"category": schema.StringAttribute{MarkdownDescription: d.Category, Required: true, Validators: []validator.String{categoryPathValidator{}}},
			"brand":    required(d.Brand + " Required: DealPOS refuses a product created without one."),
			"description": schema.StringAttribute{
				MarkdownDescription: d.Description + " Removing it clears it in DealPOS.",
				Optional:            true,
				Validators:          []validator.String{notBlankValidator{}},
			},
			"discontinued": flag(d.Discontinued),
			"image_url": required(d.ImageURL + " Required: DealPOS refuses a product created without one. " +
				"DealPOS may store the image elsewhere (a CDN) and answer another URL: the URL it answers right after Terraform writes one is remembered, " +
				"and while it keeps answering that URL the configured one stays in state, so there is no diff. Any other URL is a change made outside Terraform."),
			"extra_image_urls": schema.ListAttribute{
				MarkdownDescription: d.ExtraImageURLs + " Unset, the product's extra images are left as they are (and read into state; with the provider's `skip_create_read_back`, null from the create until the next refresh); `[]` removes them all.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.List{listvalidator.ValueStringsAre(notBlankValidator{})},
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseNonNullStateForUnknown()},
			},
			"discontinue_on_destroy": flag("When `true`, destroying the resource (or replacing it) marks the product discontinued instead of deleting it, " +
				"for tenants where a product with sales history cannot be deleted. The product then stays in DealPOS; import it to manage it again."),
			"variants": schema.MapNestedAttribute{
				MarkdownDescription: d.Variants + " At least one (DealPOS creates a product with its variants). " +
					"Variants DealPOS holds but the configuration lacks (added outside Terraform) are planned for removal. " +
					"Changing a key removes the variant of the old code and adds one with the new code.",
				Required: true,
				Validators: []validator.Map{
					mapvalidator.SizeAtLeast(1),
					mapvalidator.KeysAre(notBlankValidator{}),
				},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: d.Variant.ID,
						Computed:            true,
						// Non-null: a variant added to the map has a null
						// prior value, and its ID is still to be assigned.
						PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
					},
					"model":        required(d.Variant.Model),
					"unit_cost":    amount(d.Variant.UnitCost),
					"unit_price":   amount(d.Variant.UnitPrice),
					"discontinued": flag(d.Variant.Discontinued),
					"description": schema.StringAttribute{
						MarkdownDescription: d.Variant.Description + " Removing it clears it in DealPOS.",
						Optional:            true,
						Validators:          []validator.String{notBlankValidator{}},
					},
					"type": schema.StringAttribute{
						MarkdownDescription: d.Variant.Type + " Unset, a new variant is `Standard` and an existing one keeps the type DealPOS holds. " +
							"A change to or from `" + dealpos.VariantSerialized + "` is refused at plan time: describe such a variant with its type as it is, or leave `type` unset. " +
							"The product read does not answer a variant's type: it is read once per variant on import (and for a variant added outside Terraform), " +
							"and a type changed outside Terraform is not seen on refresh.",
						Optional:      true,
						Computed:      true,
						Validators:    []validator.String{stringvalidator.OneOf(dealpos.ReadVariantTypes...)},
						PlanModifiers: []planmodifier.String{variantTypeModifier{}},
					},
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *productResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(productDescriptions.ID)
}

func (r *productResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.data = pd
	}
}

// writtenState is the state after a write that Terraform planned: the
// product read back, with the image URL Terraform wrote kept and the URL
// the API answered for it recorded.
func (r *productResource) writtenState(ctx context.Context, plan *productResourceModel, p *dealpos.Product, private privateWriter, diags *diag.Diagnostics) {
	rec := newImageRecord(ctx, plan, p)
	written, writtenExtra := plan.ImageURL, plan.ExtraImageURLs
	diags.Append(plan.setFromAPI(ctx, p, nil)...)
	plan.ImageURL = written
	if rec.Extra.Written {
		plan.ExtraImageURLs = writtenExtra
	}
	setImageRecord(ctx, private, rec, diags)
}

func (r *productResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan productResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in, diags := plan.productInput(ctx, true)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := client.CreateProduct(ctx, in)
	if dealpos.IsAlreadyExists(err) && !productExists(ctx, client, in.Code) {
		// Only a variant code is taken: there is no product to import.
		resp.Diagnostics.AddError("DealPOS product "+in.Code+" reuses a variant code another product holds",
			fmt.Sprintf("%s\n\nNo product has code %s, so another product (perhaps one discontinued rather than deleted) holds a variant code "+
				"listed here: give these variants other codes, or delete that product in DealPOS.", err, in.Code))
		return
	}
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddError("DealPOS product "+in.Code+" conflicts with an existing product or variant",
			fmt.Sprintf("%s\n\nIf the product already in DealPOS is the one this resource describes, %s.", err, importInstead(productImport.typeName, "code:"+in.Code)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create DealPOS product "+in.Code, createFailure(err, productImport.typeName, "code:"+in.Code))
		return
	}
	tflog.Info(ctx, "Created DealPOS product", map[string]any{"id": created.ID, "code": in.Code})
	plan.ID = types.StringValue(created.ID)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)

	if r.data.skipCreateReadBack {
		// One request per create: the answer carries the variant IDs, and
		// the rest of the state is what was planned. Extra image URLs left
		// unset are null until the next refresh reads them, and that
		// refresh records the image URL DealPOS keeps for the one written.
		// An answer without every variant's ID is read back after all.
		saved := plan
		saved.fillUnknowns(ctx, created)
		vs, diags := saved.variants(ctx)
		resp.Diagnostics.Append(diags...)
		if !hasUnknownID(vs) {
			setImageRecord(ctx, resp.Private, newImageRecord(ctx, &saved, nil), &resp.Diagnostics)
			resp.Diagnostics.Append(resp.State.Set(ctx, &saved)...)
			return
		}
		tflog.Warn(ctx, "DealPOS answered a product create without the ID of every variant; reading the product back", map[string]any{"code": in.Code})
	}

	// One read back: it fills the extra image URLs left unset and tells
	// which image URL the API keeps for the one written.
	p, err := client.GetProduct(ctx, created.ID)
	if err != nil {
		// Save what is known, so the product stays tracked (tainted)
		// rather than orphaned.
		saved := plan
		saved.fillUnknowns(ctx, created)
		resp.Diagnostics.Append(resp.State.Set(ctx, &saved)...)
		resp.Diagnostics.AddError("Could not read DealPOS product "+in.Code+" after creating it", err.Error())
		return
	}
	r.writtenState(ctx, &plan, p, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// fillUnknowns sets the variant IDs a write answered and nulls what is
// still unknown, for a state saved before the product could be read.
func (m *productResourceModel) fillUnknowns(ctx context.Context, res *dealpos.ProductResult) {
	if m.ExtraImageURLs.IsUnknown() {
		m.ExtraImageURLs = types.ListNull(types.StringType)
	}
	vs, _ := m.variants(ctx)
	for code, v := range vs {
		if v.ID.IsUnknown() {
			v.ID = optional(res.VariantID(code))
			vs[code] = v
		}
	}
	_ = m.setVariants(vs)
}

func (r *productResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state productResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	rec := getImageRecord(ctx, req.Private, &resp.Diagnostics)
	p, err := r.read(ctx, client, state.ID.ValueString())
	if dealpos.IsNotFound(err) {
		removeGone(ctx, "product", state.ID, resp)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read DealPOS product "+state.ID.ValueString(), err.Error())
		return
	}
	prior, diags := state.variants(ctx)
	resp.Diagnostics.Append(diags...)
	typesByCode, err := variantTypes(ctx, client, p, prior)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the variants of DealPOS product "+p.Code, err.Error())
		return
	}
	current, currentExtra := state.ImageURL, state.ExtraImageURLs
	if rec != nil && rec.Pending && known(current) && current.ValueString() == rec.Written {
		// Created without a read-back: this first answer is what DealPOS
		// keeps for the URLs written (a change made elsewhere before this
		// refresh is taken as that too).
		rec.Pending, rec.Answered, rec.Extra.Answered = false, p.ImageURL, p.ExtraImagesURL
		setImageRecord(ctx, resp.Private, *rec, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(state.setFromAPI(ctx, p, typesByCode)...)
	state.ImageURL = resolveImageURL(current, p.ImageURL, rec)
	state.ExtraImageURLs = resolveExtraImageURLs(ctx, currentExtra, state.ExtraImageURLs, p.ExtraImagesURL, rec)
	if state.DiscontinueOnDestroy.IsNull() {
		state.DiscontinueOnDestroy = boolFalse
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

// read reads the product id: with bulk_refresh from the product list when
// it holds the product whole, else with its own read (which alone may say
// the product is gone).
func (r *productResource) read(ctx context.Context, client *dealpos.Client, id string) (*dealpos.Product, error) {
	if r.data.bulk != nil {
		listed, err := r.data.bulk.product(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("listing DealPOS products for the bulk refresh: %w", err)
		}
		if listed != nil {
			return listed, nil
		}
	}
	return client.GetProduct(ctx, id)
}

func (r *productResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state productResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	planned, diags := plan.variants(ctx)
	resp.Diagnostics.Append(diags...)
	current, diags := state.variants(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	code := plan.Code.ValueString()
	// A failed step leaves the state as it was before the apply: the next
	// refresh reads what the steps that did succeed changed.
	fail := func(summary string, err error) {
		resp.State.Raw = req.State.Raw.Copy()
		resp.Diagnostics.AddError(summary, err.Error())
	}

	// 1. The product's own attributes, without variants. The images are
	// sent only when they change: left out, PUT /Product keeps them (the
	// reference marks them optional on update), so the image URL recorded
	// in private state stays valid and no read-back is needed.
	imagesChanged := !plan.ImageURL.Equal(state.ImageURL) ||
		(known(plan.ExtraImageURLs) && !plan.ExtraImageURLs.Equal(state.ExtraImageURLs))
	if productFieldsChanged(plan.productFields, state.productFields) {
		in, diags := plan.productInput(ctx, false)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		if !imagesChanged {
			in.ImageURL, in.ExtraImagesURL = "", nil
		}
		if _, err := client.UpdateProduct(ctx, in); err != nil {
			fail("Could not update DealPOS product "+code, err)
			return
		}
	}
	// 2. Variants added, in one request; their IDs come with the answer.
	var added []dealpos.VariantInput
	for _, c := range sortedKeys(planned) {
		if _, ok := current[c]; !ok {
			added = append(added, planned[c].input(c))
		}
	}
	if len(added) > 0 {
		res, err := client.AddVariants(ctx, code, added)
		if err != nil {
			fail("Could not add variants to DealPOS product "+code, err)
			return
		}
		for _, v := range added {
			pv := planned[v.Code]
			pv.ID = optional(res.VariantID(v.Code))
			planned[v.Code] = pv
		}
	}
	// 3. Variants changed: only what changed is sent.
	for _, c := range sortedKeys(planned) {
		old, ok := current[c]
		if !ok {
			continue
		}
		if in, changed := planned[c].update(c, old); changed {
			if err := client.UpdateVariant(ctx, in); err != nil {
				fail("Could not update variant "+c+" of DealPOS product "+code, err)
				return
			}
		}
	}
	// 4. Variants removed, after the additions: a product keeps at least
	// one variant throughout.
	for _, c := range sortedKeys(current) {
		if _, ok := planned[c]; ok {
			continue
		}
		if err := client.DeleteVariant(ctx, c); err != nil && !dealpos.IsNotFound(err) {
			fail("Could not delete variant "+c+" of DealPOS product "+code, err)
			return
		}
	}
	resp.Diagnostics.Append(plan.setVariants(planned)...)

	// A new image may be stored under another URL (a CDN copy): read it
	// back to record it. Variant writes answer what they stored.
	if imagesChanged || hasUnknownID(planned) {
		p, err := client.GetProduct(ctx, plan.ID.ValueString())
		if err != nil {
			fail("Could not read DealPOS product "+code+" after updating it", err)
			return
		}
		r.writtenState(ctx, &plan, p, resp.Private, &resp.Diagnostics)
	}
	// Unset extra image URLs not read yet (a create with
	// skip_create_read_back, no refresh since) stay null.
	if plan.ExtraImageURLs.IsUnknown() {
		plan.ExtraImageURLs = types.ListNull(types.StringType)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

// productExists tells whether DealPOS has a product with that code; a
// failed read says yes, which keeps the import hint.
func productExists(ctx context.Context, client *dealpos.Client, code string) bool {
	_, err := client.GetProductByCode(ctx, code)
	return !dealpos.IsNotFound(err)
}

func hasUnknownID(vs map[string]productVariantModel) bool {
	for _, v := range vs {
		if !known(v.ID) {
			return true
		}
	}
	return false
}

func (r *productResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state productResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	code := state.Code.ValueString()
	if state.DiscontinueOnDestroy.ValueBool() {
		state.Discontinued = types.BoolValue(true)
		in, diags := state.productInput(ctx, false)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		if _, err := client.UpdateProduct(ctx, in); err != nil && !dealpos.IsNotFound(err) {
			resp.Diagnostics.AddError("Could not discontinue DealPOS product "+code, err.Error())
			return
		}
		tflog.Info(ctx, "Discontinued DealPOS product instead of deleting it (discontinue_on_destroy)", map[string]any{"code": code})
		return
	}
	if err := client.DeleteProduct(ctx, code, state.ID.ValueString()); err != nil {
		resp.Diagnostics.AddError("Could not delete DealPOS product "+code, err.Error()+keptNote(err)+
			"\n\nIf DealPOS refuses to delete products with sales history, set discontinue_on_destroy = true (and apply) to discontinue the product instead.")
	}
}

func (r *productResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if productImport.importState(ctx, r.data, req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("discontinue_on_destroy"), false)...)
	}
}

var boolFalse = types.BoolValue(false)
