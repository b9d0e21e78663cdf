package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ resource.Resource                = &customerResource{}
	_ resource.ResourceWithConfigure   = &customerResource{}
	_ resource.ResourceWithImportState = &customerResource{}
	_ resource.ResourceWithModifyPlan  = &customerResource{}
	_ resource.ResourceWithIdentity    = &customerResource{}
)

// Customer statuses the API accepts.
var customerStatuses = []string{"Active", "WaitingForApproval", "Suspended"}

const (
	defaultCustomerTimeout = 30 * time.Minute
	// privateResolveReferral marks a freshly imported customer whose
	// referral_code must be looked up from its referrer once.
	privateResolveReferral = "resolve_referral"
)

// NewCustomerResource is the dealpos_customer resource constructor.
func NewCustomerResource() resource.Resource {
	return &customerResource{}
}

type customerResource struct {
	data *providerData
}

// customerResourceModel is the dealpos_customer resource.
type customerResourceModel struct {
	customerFields
	ReferralCode types.String   `tfsdk:"referral_code"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

func (r *customerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer"
}

func (r *customerResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	text := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Removing it from the configuration clears it in DealPOS.",
			Optional:            true,
			Validators:          []validator.String{notBlankValidator{}},
		}
	}
	date := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Written `YYYY-MM-DD`. The API offers no way to clear a date: removing the attribute stops managing it and leaves the value in DealPOS.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{dateValidator{}},
			PlanModifiers:       keep,
		}
	}
	readOnly := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true, PlanModifiers: keep}
	}
	required := func(desc string, extra ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc,
			Required:            true,
			Validators:          append([]validator.String{notBlankValidator{}}, extra...),
		}
	}

	resp.Schema = schema.Schema{
		MarkdownDescription: "A customer (contact) of a DealPOS tenant. Every attribute except `signup_outlet` and `referral_code` is changed in place; " +
			"nothing forces a replacement, since a replacement would delete the customer's purchase and loyalty history.",
		Attributes: map[string]schema.Attribute{
			"id":   readOnly(customerDescriptions["id"]),
			"code": required(customerDescriptions["code"] + " Changing it updates the customer in place."),
			"name": required(customerDescriptions["name"]),
			"email": required(customerDescriptions["email"],
				stringvalidator.RegexMatches(emailPattern, "must be an email address such as name@example.com")),
			"mobile": required(customerDescriptions["mobile"]),
			"status": schema.StringAttribute{
				MarkdownDescription: "Activation status: `Active` (default), `WaitingForApproval` or `Suspended`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("Active"),
				Validators:          []validator.String{stringvalidator.OneOf(customerStatuses...)},
			},
			"first_name": text(customerDescriptions["first_name"]),
			"last_name":  text(customerDescriptions["last_name"]),
			"phone":      text(customerDescriptions["phone"]),
			"address":    text(customerDescriptions["address"]),
			"group":      text(customerDescriptions["group"]),
			"image_url":  text(customerDescriptions["image_url"]),
			"gender": schema.StringAttribute{
				MarkdownDescription: "`Male` or `Female`. The API offers no way to clear it: removing the attribute stops managing it.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf(dealpos.GenderMale, dealpos.GenderFemale)},
				PlanModifiers:       keep,
			},
			"birth_date":    date("Birth date."),
			"expired_group": date("Date the customer's group membership expires."),
			"loyalty_point": schema.Int64Attribute{
				MarkdownDescription: "Loyalty points (0 or more). Customers earn and redeem points at the till: leave this unset unless Terraform should own the balance; unset, it is read but never produces a diff.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"signup_outlet": schema.StringAttribute{
				MarkdownDescription: "Name of the outlet the customer signed up at. The API takes it only when the customer is created: a later change is refused at plan time (it would otherwise be silently ignored, and a replacement would delete the customer's history).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{notBlankValidator{}},
				PlanModifiers:       keep,
			},
			"referral_code": schema.StringAttribute{
				MarkdownDescription: "Code of the existing customer who referred this one. Taken only when the customer is created: a later change is refused at plan time. The API answers the referrer's ID (`referred_by_id`), so an import looks the referrer's code up once.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{notBlankValidator{}},
				PlanModifiers:       keep,
			},
			"join_date":      readOnly(customerDescriptions["join_date"]),
			"referred_by_id": readOnly(customerDescriptions["referred_by_id"]),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *customerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("Customer ID (a GUID) assigned by DealPOS.")
}

func (r *customerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.data = pd
	}
}

// ModifyPlan refuses a change of the create-only attributes. Forcing a
// replacement instead would delete the customer and its history.
func (r *customerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	for _, attr := range []string{"signup_outlet", "referral_code"} {
		var config, state types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attr), &config)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(attr), &state)...)
		if !known(config) || config.Equal(state) {
			continue
		}
		was := "unset"
		if known(state) {
			was = fmt.Sprintf("%q", state.ValueString())
		}
		resp.Diagnostics.AddAttributeError(path.Root(attr), "Cannot change "+attr+" after creation",
			fmt.Sprintf("DealPOS takes %s only when a customer is created, so changing it from %s to %q cannot be applied. "+
				"Restore the previous value or remove the attribute. Recreating the customer would delete its history; "+
				"if that is really wanted, use terraform apply -replace.", attr, was, config.ValueString()))
	}
}

func (r *customerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan customerResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCustomerTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id, err := client.CreateCustomer(ctx, plan.createRequest(plan.ReferralCode))
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddError("DealPOS customer "+plan.Code.ValueString()+" conflicts with an existing customer", conflictDetail(plan.customerFields, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create DealPOS customer "+plan.Code.ValueString(), err.Error())
		return
	}
	tflog.Info(ctx, "Created DealPOS customer", map[string]any{"id": id, "code": plan.Code.ValueString()})
	plan.ID = types.StringValue(id)
	if !known(plan.ReferralCode) {
		plan.ReferralCode = types.StringNull()
	}
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)

	customer, err := client.GetCustomer(ctx, id)
	if err != nil {
		// Save what is known: the customer stays tracked (tainted, with
		// the code its deletion needs) rather than orphaned.
		saved := plan
		saved.nullUnknowns()
		resp.Diagnostics.Append(resp.State.Set(ctx, &saved)...)
		resp.Diagnostics.AddError("Could not read DealPOS customer "+plan.Code.ValueString()+" after creating it", err.Error())
		return
	}
	plan.setFromAPI(customer)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *customerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customerResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	resolve, diags := req.Private.GetKey(ctx, privateResolveReferral)
	resp.Diagnostics.Append(diags...)
	// With bulk_refresh, a customer the list holds is refreshed from it; an
	// import needs the whole record, and one the list lacks is confirmed
	// gone by its own read below.
	if r.data.snapshot != nil && resolve == nil {
		found, err := r.data.snapshot.refreshFromList(ctx, &state.customerFields)
		if err != nil {
			resp.Diagnostics.AddError("Could not list DealPOS customers for the bulk refresh", err.Error())
			return
		}
		if found {
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
	}
	customer, err := client.GetCustomer(ctx, state.ID.ValueString())
	if dealpos.IsNotFound(err) {
		tflog.Warn(ctx, "DealPOS customer no longer exists; removing it from state", map[string]any{"id": state.ID.ValueString()})
		// The framework wants an identity even for a removed resource when
		// Terraform (before 1.12) stored none.
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read DealPOS customer "+state.ID.ValueString(), err.Error())
		return
	}
	state.setFromAPI(customer)
	if resolve != nil {
		state.ReferralCode = types.StringNull()
		if customer.ReferredBy != "" {
			referrer, err := client.GetCustomer(ctx, customer.ReferredBy)
			switch {
			case err == nil:
				state.ReferralCode = types.StringValue(referrer.Code)
			case !dealpos.IsNotFound(err):
				resp.Diagnostics.AddError("Could not read the referrer of DealPOS customer "+state.ID.ValueString(), err.Error())
				return
			}
		}
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateResolveReferral, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, config customerResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultCustomerTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	err := client.UpdateCustomerByID(ctx, plan.updateRequest(config.customerFields))
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddError("DealPOS customer "+plan.Code.ValueString()+" conflicts with an existing customer", conflictDetail(plan.customerFields, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not update DealPOS customer "+plan.Code.ValueString(), err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *customerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customerResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultCustomerTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	err := client.DeleteCustomerByCode(ctx, state.Code.ValueString())
	if err != nil && !dealpos.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not delete DealPOS customer "+state.Code.ValueString(), err.Error())
	}
}

func (r *customerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	raw := req.ID
	if raw == "" {
		// Import by identity: an import block with identity = { id = ... }.
		if raw = identityID(ctx, req.Identity, &resp.Diagnostics); raw == "" {
			resp.Diagnostics.AddError("Invalid import", "Import a dealpos_customer by ID, code, email or mobile, or by identity with its id.")
			return
		}
		raw = keyID + ":" + raw
	}
	key, value, err := parseImportID(raw)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	id := value
	if key != keyID {
		client := r.data.clientOrError(&resp.Diagnostics)
		if client == nil {
			return
		}
		customer, err := lookupCustomer(ctx, client, key, value)
		if err != nil {
			if dealpos.IsNotFound(err) {
				resp.Diagnostics.AddError("DealPOS customer not found", fmt.Sprintf("No customer has %s %q.", key, value))
				return
			}
			resp.Diagnostics.AddError(fmt.Sprintf("Could not look up DealPOS customer by %s %q", key, value), err.Error())
			return
		}
		id = customer.ID
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setIdentity(ctx, resp.Identity, types.StringValue(id), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateResolveReferral, []byte("true"))...)
}

// conflictDetail explains an "already exists" refusal: which field clashes,
// and how to bring the existing customer under Terraform instead.
func conflictDetail(f customerFields, err error) string {
	field := dealpos.ConflictField(err)
	value := map[string]string{keyCode: f.Code.ValueString(), keyEmail: f.Email.ValueString(), keyMobile: f.Mobile.ValueString()}[field]
	if field == "" {
		field, value = keyCode, f.Code.ValueString()
		return fmt.Sprintf("Another DealPOS customer already uses this code, email or mobile number (%s).\n\n"+
			"If that customer is the one this resource describes, import it instead of creating it, e.g. "+
			"terraform import <resource address> %s:%s, or an import block with id = \"%s:%s\".", err, field, value, field, value)
	}
	return fmt.Sprintf("Another DealPOS customer already has %s %q (%s).\n\n"+
		"If that customer is the one this resource describes, import it instead of creating it: "+
		"terraform import <resource address> %s:%s, or an import block with id = \"%s:%s\". "+
		"Otherwise choose another %s.", field, value, err, field, value, field, value, field)
}
