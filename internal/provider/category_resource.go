package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ resource.Resource                = &categoryResource{}
	_ resource.ResourceWithConfigure   = &categoryResource{}
	_ resource.ResourceWithImportState = &categoryResource{}
	_ resource.ResourceWithIdentity    = &categoryResource{}
)

// NewCategoryResource is the dealpos_category resource constructor.
func NewCategoryResource() resource.Resource {
	return &categoryResource{}
}

type categoryResource struct {
	data *providerData
}

func (r *categoryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_category"
}

func (r *categoryResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A product category of a DealPOS tenant, named by its full path (`Food/Snack/Pastries`). " +
			"A rename is an update in place, never a replacement. DealPOS creates missing parent levels itself; " +
			"those parents are not managed by this resource and are not deleted with it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: categoryDescriptions.ID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: categoryDescriptions.Name + " Changing it renames the category in place (`PUT /Category` with `Rename`); " +
					"its sub-categories follow. Missing parent levels are created by DealPOS and are not managed: to manage a parent, " +
					"declare it and refer to it, `name = \"${dealpos_category.food.name}/Snack\"`, so Terraform creates it first.",
				Required:   true,
				Validators: []validator.String{categoryPathValidator{}},
			},
			"code": schema.StringAttribute{
				MarkdownDescription: categoryDescriptions.Code + " DealPOS takes it only when the category is created (`PUT /Category` cannot change it), " +
					"so a later change is refused at plan time. Unset, the code DealPOS holds (if any) is read but not managed " +
					"(with the provider's `skip_create_read_back`, it is null from the create until the next refresh).",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{notBlankValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnly("category", "")},
			},
			"discontinued": schema.BoolAttribute{
				MarkdownDescription: categoryDescriptions.Discontinued + " Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *categoryResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(categoryDescriptions.ID)
}

func (r *categoryResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.data = pd
	}
}

func (r *categoryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan categoryResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	name := plan.Name.ValueString()
	id, err := client.CreateCategory(ctx, plan.createRequest())
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "DealPOS category "+name+" already exists",
			fmt.Sprintf("%s\n\nA category of that name exists, possibly created by DealPOS as the parent of another category or by a product. "+
				"If it is the one this resource describes, %s.", err, importInstead(categoryImport.typeName, "name:"+name)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create DealPOS category "+name, createFailure(err, categoryImport.typeName, "name:"+name))
		return
	}
	tflog.Info(ctx, "Created DealPOS category", map[string]any{"id": id, "name": name})
	plan.ID = types.StringValue(id)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)

	// saveKnown keeps the created category tracked (tainted) when a later
	// step fails, rather than orphaning it.
	saveKnown := func() {
		saved := plan
		if !known(saved.Code) {
			saved.Code = types.StringNull()
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, &saved)...)
	}
	// The create takes no Discontinued: a category created discontinued
	// is flipped by an update.
	if plan.Discontinued.ValueBool() {
		if err := client.UpdateCategory(ctx, name, name, true); err != nil {
			saveKnown()
			resp.Diagnostics.AddError("Could not mark the new DealPOS category "+name+" discontinued", err.Error())
			return
		}
	}
	// With a configured code everything is known; otherwise read back the
	// code DealPOS assigned, if any, or with skip_create_read_back leave it
	// null until the next refresh reads it (code is computed: no diff).
	switch {
	case known(plan.Code):
		// Configured: nothing to learn.
	case r.data.skipCreateReadBack:
		plan.Code = types.StringNull()
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateNotReadYet, []byte("true"))...)
	default:
		category, err := client.GetCategoryAt(ctx, id, name)
		if err != nil {
			saveKnown()
			resp.Diagnostics.AddError("Could not read DealPOS category "+name+" after creating it", err.Error())
			return
		}
		plan.setFromAPI(category)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *categoryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state categoryResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	notReadYet, diags := req.Private.GetKey(ctx, privateNotReadYet)
	resp.Diagnostics.Append(diags...)
	// With bulk_refresh, a category the list holds is refreshed from it
	// (its code as it is in state: the list answers none). An import or a
	// category created without a read-back needs its code read once, and
	// one the list lacks is confirmed gone (or moved) by its own read.
	if r.data.bulk != nil && known(state.Name) && notReadYet == nil {
		listed, ok, err := r.data.bulk.category(ctx, state.ID.ValueString())
		if err != nil {
			resp.Diagnostics.AddError("Could not list DealPOS categories for the bulk refresh", err.Error())
			return
		}
		if ok {
			state.setFromAPI(&listed)
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
	}
	category, err := client.GetCategoryAt(ctx, state.ID.ValueString(), state.Name.ValueString())
	if dealpos.IsNotFound(err) {
		removeGone(ctx, "category", state.ID, resp)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read DealPOS category "+state.Name.ValueString(), err.Error())
		return
	}
	state.setFromAPI(category)
	if notReadYet != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateNotReadYet, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *categoryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state categoryResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	from, to := state.Name.ValueString(), plan.Name.ValueString()
	err := client.UpdateCategory(ctx, from, to, plan.Discontinued.ValueBool())
	if dealpos.IsNotFound(err) {
		// The category is no longer at its old path: a parent renamed in
		// the same apply (or elsewhere) moved it. Find it by ID and
		// address it by its current path.
		current, readErr := client.GetCategory(ctx, state.ID.ValueString())
		if readErr != nil {
			if dealpos.IsNotFound(readErr) {
				resp.Diagnostics.AddError("DealPOS category "+from+" no longer exists",
					"It was deleted outside Terraform. Run terraform apply again to create it anew.")
				return
			}
			resp.Diagnostics.AddError("Could not update DealPOS category "+from, fmt.Sprintf("%s; looking it up by ID failed too: %s", err, readErr))
			return
		}
		tflog.Info(ctx, "DealPOS category moved since it was read; updating it at its current path",
			map[string]any{"id": current.ID, "was": from, "now": current.Name})
		from = current.Name
		err = client.UpdateCategory(ctx, from, to, plan.Discontinued.ValueBool())
	}
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Cannot rename DealPOS category "+from+" to "+to,
			fmt.Sprintf("Another category already has that name (%s). Choose another name, or remove that category first.", err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not update DealPOS category "+from, err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *categoryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state categoryResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	name := state.Name.ValueString()
	if err := client.DeleteCategory(ctx, name, state.ID.ValueString()); err != nil {
		resp.Diagnostics.AddError("Could not delete DealPOS category "+name, err.Error()+keptNote(err))
	}
}

func (r *categoryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	categoryImport.importState(ctx, r.data, req, resp)
}
