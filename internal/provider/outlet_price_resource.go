package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ resource.Resource                = &outletPriceResource{}
	_ resource.ResourceWithConfigure   = &outletPriceResource{}
	_ resource.ResourceWithImportState = &outletPriceResource{}
)

// NewOutletPriceResource is the dealpos_outlet_price resource constructor.
func NewOutletPriceResource() resource.Resource {
	return &outletPriceResource{}
}

type outletPriceResource struct {
	data *providerData
}

func (r *outletPriceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_outlet_price"
}

func (r *outletPriceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	amount := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Validators: []validator.Int64{int64validator.AtLeast(0)}}
	}
	unitPrice := amount("Unit price of the variant in this outlet (an integer amount, 0 or more).")
	unitPrice.Required = true
	extraCost := amount("Extra cost of the variant in this outlet (an integer amount, 0 or more). Defaults to 0.")
	extraCost.Optional, extraCost.Computed, extraCost.Default = true, true, int64default.StaticInt64(0)

	resp.Schema = schema.Schema{
		MarkdownDescription: "The per-outlet prices of one product variant: for each outlet, by name, the variant's unit price and extra cost there. " +
			"The resource owns all the variant's outlet prices: an outlet price DealPOS holds that the configuration does not list is planned for removal. " +
			"The variant must exist before its prices are set: when it is declared in a `dealpos_product`, add `depends_on = [dealpos_product.<name>]` " +
			"so Terraform creates the variant first and removes the prices before the variant.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The variant code (one set of outlet prices per variant).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"variant_code": schema.StringAttribute{
				MarkdownDescription: "Code of the variant the prices are for. Changing it replaces the resource: the old variant's prices are removed and the new one's set.",
				Required:            true,
				Validators:          []validator.String{notBlankValidator{}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"prices": schema.MapNestedAttribute{
				MarkdownDescription: "Prices keyed by outlet name (see the `dealpos_outlets` data source), compared without regard to case. At least one.",
				Required:            true,
				Validators:          []validator.Map{mapvalidator.SizeAtLeast(1), mapvalidator.KeysAre(notBlankValidator{})},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"unit_price": unitPrice,
					"extra_cost": extraCost,
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *outletPriceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.data = pd
	}
}

func (r *outletPriceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan outletPriceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	code := plan.VariantCode.ValueString()
	entries, diags := plan.entries(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := client.CreateOutletPrices(ctx, outletPriceBody(code, entries))
	if dealpos.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("variant_code"), "DealPOS variant "+code+" not found",
			"Outlet prices can only be set for an existing variant. If the variant is declared in a dealpos_product, "+
				"add depends_on = [dealpos_product.<name>] so Terraform creates it first.\n\n"+err.Error())
		return
	}
	if err != nil {
		detail := createFailure(err, "dealpos_outlet_price", code)
		if dealpos.IsAlreadyExists(err) || strings.Contains(strings.ToLower(detail), "already exists") {
			detail += "\n\nThe variant already has prices in some of these outlets: " + importInstead("dealpos_outlet_price", code) + "."
		}
		resp.Diagnostics.AddError("Could not set the outlet prices of DealPOS variant "+code, detail)
		return
	}
	tflog.Info(ctx, "Set DealPOS outlet prices", map[string]any{"variant_code": code, "outlets": len(entries)})
	plan.ID = plan.VariantCode
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *outletPriceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state outletPriceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	code := state.VariantCode.ValueString()
	got, err := r.read(ctx, client, code)
	if dealpos.IsNotFound(err) || err == nil && len(got.Outlets) == 0 {
		tflog.Warn(ctx, "DealPOS variant has no outlet prices (or no longer exists); removing them from state", map[string]any{"variant_code": code})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the outlet prices of DealPOS variant "+code, err.Error())
		return
	}
	resp.Diagnostics.Append(state.setFromAPI(ctx, got)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// read reads the outlet prices of the variant code: with bulk_refresh from
// the list of outlet prices by product when it carries some for the
// variant, else with the variant's own read (which alone may say the
// prices are gone).
func (r *outletPriceResource) read(ctx context.Context, client *dealpos.Client, code string) (*dealpos.OutletPrice, error) {
	if r.data.bulk != nil {
		listed, ok, err := r.data.bulk.outletPrices(ctx, code)
		if err != nil {
			return nil, fmt.Errorf("listing DealPOS outlet prices for the bulk refresh: %w", err)
		}
		if ok {
			return &dealpos.OutletPrice{Code: code, Outlets: listed}, nil
		}
	}
	return client.GetOutletPrices(ctx, code)
}

// Update removes the outlets no longer listed (DELETE /OutletPrice, read
// back to confirm), then sends the full desired list (PUT /OutletPrice). In
// that order the outcome is the same whichever way the reference's open
// points go: whether PUT merges or replaces, and whether DELETE clears
// only the outlets it names or every outlet of the variant.
func (r *outletPriceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state outletPriceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	code := plan.VariantCode.ValueString()
	want, diags := plan.entries(ctx)
	resp.Diagnostics.Append(diags...)
	had, diags := state.entries(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var removed []string
	for _, name := range sortedKeys(had) {
		if _, ok := foldKey(want, name); !ok {
			removed = append(removed, name)
		}
	}
	if len(removed) > 0 {
		if err := client.DeleteOutletPrices(ctx, code, removed...); err != nil {
			resp.State.Raw = req.State.Raw.Copy()
			resp.Diagnostics.AddError("Could not remove the outlet prices of DealPOS variant "+code+" in "+strings.Join(removed, ", "), err.Error()+keptNote(err))
			return
		}
	}
	if err := client.SetOutletPrices(ctx, outletPriceBody(code, want)); err != nil {
		// The removals are done: the next refresh reads what is left.
		resp.State.Raw = req.State.Raw.Copy()
		resp.Diagnostics.AddError("Could not update the outlet prices of DealPOS variant "+code, err.Error())
		return
	}
	plan.ID = plan.VariantCode
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the variant's prices in the outlets the state holds, and
// reads back that they are gone.
func (r *outletPriceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state outletPriceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	code := state.VariantCode.ValueString()
	had, diags := state.entries(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := client.DeleteOutletPrices(ctx, code, sortedKeys(had)...); err != nil {
		resp.Diagnostics.AddError("Could not delete the outlet prices of DealPOS variant "+code, err.Error()+keptNote(err))
	}
}

// ImportState takes the variant code.
func (r *outletPriceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	code := strings.TrimSpace(req.ID)
	if code == "" {
		resp.Diagnostics.AddError("Invalid import ID", "Import a dealpos_outlet_price by its variant code.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), code)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("variant_code"), code)...)
}
