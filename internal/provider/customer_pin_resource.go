package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ resource.Resource                     = &customerPINResource{}
	_ resource.ResourceWithConfigure        = &customerPINResource{}
	_ resource.ResourceWithImportState      = &customerPINResource{}
	_ resource.ResourceWithConfigValidators = &customerPINResource{}
	_ resource.ResourceWithIdentity         = &customerPINResource{}
)

// NewCustomerPINResource is the dealpos_customer_pin resource constructor.
func NewCustomerPINResource() resource.Resource {
	return &customerPINResource{}
}

type customerPINResource struct {
	data *providerData
}

type customerPINModel struct {
	ID           types.String   `tfsdk:"id"`
	CustomerID   types.String   `tfsdk:"customer_id"`
	PIN          types.String   `tfsdk:"pin"`
	PINWO        types.String   `tfsdk:"pin_wo"`
	PINWOVersion types.Int64    `tfsdk:"pin_wo_version"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

func (r *customerPINResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_pin"
}

func (r *customerPINResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The redemption PIN of a DealPOS customer, which authorises spending loyalty points. " +
			"Set it with `pin` (sensitive, stored in state, drift detected) or `pin_wo` (write-only, Terraform 1.11+, never stored, rotated by bumping `pin_wo_version`). " +
			"The API has no way to clear a PIN: destroying this resource only removes it from state.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Same as `customer_id`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"customer_id": schema.StringAttribute{
				MarkdownDescription: "ID of the customer. Changing it replaces the resource (the PIN is set on the other customer).",
				Required:            true,
				Validators:          []validator.String{notBlankValidator{}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"pin": schema.StringAttribute{
				MarkdownDescription: "The PIN, 1 to 6 digits. Stored in the state (as a sensitive value); a PIN changed outside Terraform shows as a diff. Exactly one of `pin` and `pin_wo` is required.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{pinValidator{}},
			},
			"pin_wo": schema.StringAttribute{
				MarkdownDescription: "The PIN, 1 to 6 digits, as a write-only argument (Terraform 1.11+): sent to DealPOS, never stored in plan or state, nor anything derived from it. " +
					"So a change outside Terraform cannot be seen, and a new value is sent only when `pin_wo_version` changes.",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{pinValidator{}},
			},
			"pin_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Required with `pin_wo`. Change it (e.g. increment it) to send the current `pin_wo` to DealPOS.",
				Optional:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true}),
		},
	}
}

func (r *customerPINResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("ID of the customer whose PIN this is.")
}

func (r *customerPINResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("pin"), path.MatchRoot("pin_wo")),
		resourcevalidator.RequiredTogether(path.MatchRoot("pin_wo"), path.MatchRoot("pin_wo_version")),
	}
}

func (r *customerPINResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.data = pd
	}
}

// setPIN sends the PIN of the plan, or the write-only one of the config.
func (r *customerPINResource) setPIN(ctx context.Context, plan, config customerPINModel, diags *diag.Diagnostics) bool {
	client := r.data.clientOrError(diags)
	if client == nil {
		return false
	}
	pin := plan.PIN.ValueString()
	if !known(plan.PIN) {
		pin = config.PINWO.ValueString()
	}
	if err := client.SetCustomerPIN(ctx, plan.CustomerID.ValueString(), pin); err != nil {
		if dealpos.IsNotFound(err) {
			diags.AddError("DealPOS customer not found", "Cannot set the PIN of customer "+plan.CustomerID.ValueString()+": no customer has that ID.")
			return false
		}
		diags.AddError("Could not set the PIN of DealPOS customer "+plan.CustomerID.ValueString(), err.Error())
		return false
	}
	return true
}

func (r *customerPINResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config customerPINModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() || !r.setPIN(ctx, plan, config, &resp.Diagnostics) {
		return
	}
	savePIN(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// savePIN records a written PIN resource; the write-only value never.
func savePIN(ctx context.Context, plan customerPINModel, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	plan.ID = plan.CustomerID
	plan.PINWO = types.StringNull()
	diags.Append(state.Set(ctx, &plan)...)
	setIdentity(ctx, identity, plan.ID, diags)
}

func (r *customerPINResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customerPINModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	pin, err := client.GetCustomerPIN(ctx, state.CustomerID.ValueString())
	if dealpos.IsNotFound(err) {
		tflog.Warn(ctx, "DealPOS customer no longer exists; removing its PIN from state", map[string]any{"customer_id": state.CustomerID.ValueString()})
		// The framework wants an identity even for a removed resource when
		// Terraform (before 1.12) stored none.
		setIdentity(ctx, resp.Identity, state.CustomerID, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the PIN of DealPOS customer "+state.CustomerID.ValueString(), err.Error())
		return
	}
	// Only a PIN managed through `pin` is refreshed: with pin_wo, and after
	// an import, the state must not learn the PIN.
	if known(state.PIN) {
		state.PIN = pinFromAPI(pin)
	}
	state.ID = state.CustomerID
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *customerPINResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config customerPINModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	// A write-only PIN is sent only when its version changes.
	send := (known(plan.PIN) && !plan.PIN.Equal(state.PIN)) || (known(plan.PINWOVersion) && !plan.PINWOVersion.Equal(state.PINWOVersion))
	if send && !r.setPIN(ctx, plan, config, &resp.Diagnostics) {
		return
	}
	savePIN(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *customerPINResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var customerID types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("customer_id"), &customerID)...)
	resp.Diagnostics.AddWarning("DealPOS customer PIN left in place",
		"The DealPOS API has no way to clear a PIN, so customer "+customerID.ValueString()+" keeps its current PIN. "+
			"The dealpos_customer_pin resource was only removed from the Terraform state.")
}

func (r *customerPINResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, _ := importID(ctx, req, &resp.Diagnostics, "Import a dealpos_customer_pin by customer ID, or by identity with its id.")
	if id == "" {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("customer_id"), id)...)
	setImportedID(ctx, resp, id)
}
