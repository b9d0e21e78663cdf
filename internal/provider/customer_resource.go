package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	_ resource.ResourceWithIdentity    = &customerResource{}
)

// Customer statuses the API accepts.
var customerStatuses = []string{"Active", "WaitingForApproval", "Suspended"}

const (
	// privateResolveReferral marks a freshly imported customer whose
	// referral_code must be looked up from its referrer once.
	privateResolveReferral = "resolve_referral"
)

// notReadBackNote ends the description of an attribute only DealPOS knows
// at create.
const notReadBackNote = " With the provider's `skip_create_read_back`, null from the create until the next refresh."

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

// attrs lists every attribute with its field; the resource reads and
// writes its model through them, without reflection (attrcodec.go).
func (m *customerResourceModel) attrs() []modelAttr {
	return append(m.customerFields.attrs(), modelAttr{"referral_code", &m.ReferralCode}, modelAttr{"timeouts", &m.Timeouts})
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
			"nothing forces a replacement, since a replacement would delete the customer's purchase and loyalty history. " +
			"An update reads the customer first and sends every field, the unset ones as DealPOS holds them, so it keeps them whether or not " +
			"DealPOS clears the fields an update omits: two requests per update.",
		Attributes: map[string]schema.Attribute{
			"id":     readOnly(customerDescriptions.ID),
			"code":   required(customerDescriptions.Code + " Changing it updates the customer in place."),
			"name":   required(customerDescriptions.Name),
			"email":  required(customerDescriptions.Email, emailAddress),
			"mobile": required(customerDescriptions.Mobile),
			"status": schema.StringAttribute{
				MarkdownDescription: "Activation status: `Active` (default), `WaitingForApproval` or `Suspended`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultStatus),
				Validators:          []validator.String{stringvalidator.OneOf(customerStatuses...)},
			},
			"first_name": text(customerDescriptions.FirstName),
			"last_name":  text(customerDescriptions.LastName),
			"phone":      text(customerDescriptions.Phone),
			"address":    text(customerDescriptions.Address),
			"group":      text(customerDescriptions.Group),
			"image_url":  text(customerDescriptions.ImageURL),
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
				MarkdownDescription: "Loyalty points (0 or more). Customers earn and redeem points at the till: leave this unset unless Terraform should own the balance; unset, it is read but never produces a diff, and an update sends the balance read just before it (points earned at a till between that read and the write are lost).",
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
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnly("customer", "its history")},
			},
			"referral_code": schema.StringAttribute{
				MarkdownDescription: "Code of the existing customer who referred this one. Taken only when the customer is created: a later change is refused at plan time. The API answers the referrer's ID (`referred_by_id`), so an import looks the referrer's code up once.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{notBlankValidator{}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), createOnly("customer", "its history")},
			},
			"join_date":      readOnly(customerDescriptions.JoinDate + notReadBackNote),
			"referred_by_id": readOnly(customerDescriptions.ReferredByID + notReadBackNote),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *customerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(customerDescriptions.ID)
}

func (r *customerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.data = pd
	}
}

func (r *customerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan customerResourceModel
	resp.Diagnostics.Append(getModel(ctx, req.Plan.Raw, req.Plan.Schema, &plan)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	id, err := client.CreateCustomer(ctx, plan.createRequest(plan.ReferralCode))
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddError("DealPOS customer "+plan.Code.ValueString()+" conflicts with an existing customer", conflictDetail(plan.customerFields, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create DealPOS customer "+plan.Code.ValueString(), createFailure(err, customerImport.typeName, keyCode+":"+plan.Code.ValueString()))
		return
	}
	tflog.Info(ctx, "Created DealPOS customer", map[string]any{"id": id, "code": plan.Code.ValueString()})
	plan.ID = types.StringValue(id)
	if !known(plan.ReferralCode) {
		plan.ReferralCode = types.StringNull()
	}
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)

	if r.data.skipCreateReadBack {
		// One request per create: the state is what was planned, and what
		// only DealPOS knows (join_date, referred_by_id, the values it
		// chose for unset gender, loyalty_point, signup_outlet and dates)
		// is null until the next refresh reads it. Those attributes are
		// computed, so filling them is no diff. The referrer's ID is left
		// to that refresh too, rather than looked up here.
		plan.nullUnknowns()
		resp.Diagnostics.Append(setState(ctx, &resp.State, &plan)...)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateNotReadYet, []byte("true"))...)
		return
	}

	customer, err := client.GetCustomer(ctx, id)
	if err != nil {
		// Save what is known: the customer stays tracked (tainted, with
		// the code its deletion needs) rather than orphaned.
		saved := plan
		saved.nullUnknowns()
		resp.Diagnostics.Append(setState(ctx, &resp.State, &saved)...)
		resp.Diagnostics.AddError("Could not read DealPOS customer "+plan.Code.ValueString()+" after creating it", err.Error())
		return
	}
	plan.setFromAPI(customer)
	resp.Diagnostics.Append(setState(ctx, &resp.State, &plan)...)
}

func (r *customerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customerResourceModel
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, req.State.Schema, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	// A refresh gets a deadline too, so no quota or Retry-After wait can
	// hold a plan indefinitely.
	ctx, cancel := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	resolve, diags := req.Private.GetKey(ctx, privateResolveReferral)
	resp.Diagnostics.Append(diags...)
	notReadYet, diags := req.Private.GetKey(ctx, privateNotReadYet)
	resp.Diagnostics.Append(diags...)
	// With bulk_refresh, a customer the list holds is refreshed from it; an
	// import or a customer created without a read-back needs the whole
	// record, and one the list lacks is confirmed gone by its own read below.
	if r.data.bulk != nil && resolve == nil && notReadYet == nil {
		found, err := r.data.bulk.refreshFromList(ctx, &state.customerFields)
		if err != nil {
			resp.Diagnostics.AddError("Could not list DealPOS customers for the bulk refresh", err.Error())
			return
		}
		if found {
			resp.Diagnostics.Append(setState(ctx, &resp.State, &state)...)
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
	prior := state
	state.setFromAPI(customer)
	if notReadYet != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateNotReadYet, nil)...)
	}
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
	// resp.State starts as the prior state: a customer found unchanged
	// leaves it as it is, with nothing to encode.
	if state.customerFields != prior.customerFields || !state.ReferralCode.Equal(prior.ReferralCode) {
		resp.Diagnostics.Append(setState(ctx, &resp.State, &state)...)
	}
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *customerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, config customerResourceModel
	resp.Diagnostics.Append(getModel(ctx, req.Plan.Raw, req.Plan.Schema, &plan)...)
	resp.Diagnostics.Append(getModel(ctx, req.Config.Raw, req.Config.Schema, &config)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	// The whole record is sent, what is unset in the configuration as
	// DealPOS holds it now: the update then ends the same whether the API
	// keeps or clears the fields a body omits.
	err := client.UpdateCustomerWhole(ctx, plan.updateRequest(config.customerFields))
	if dealpos.IsAlreadyExists(err) {
		resp.Diagnostics.AddError("DealPOS customer "+plan.Code.ValueString()+" conflicts with an existing customer", conflictDetail(plan.customerFields, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not update DealPOS customer "+plan.Code.ValueString(), err.Error())
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *customerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customerResourceModel
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, req.State.Schema, &state)...)
	client := r.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	err := client.DeleteCustomerByCode(ctx, state.Code.ValueString())
	if err != nil && !dealpos.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not delete DealPOS customer "+state.Code.ValueString(), err.Error())
	}
}

func (r *customerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if customerImport.importState(ctx, r.data, req, resp) {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateResolveReferral, []byte("true"))...)
	}
}

// conflictDetail explains an "already exists" refusal: which field clashes,
// and how to bring the existing customer under Terraform instead.
func conflictDetail(f customerFields, err error) string {
	field := dealpos.ConflictField(err)
	value := map[string]string{keyCode: f.Code.ValueString(), keyEmail: f.Email.ValueString(), keyMobile: f.Mobile.ValueString()}[field]
	if field == "" {
		return fmt.Sprintf("Another DealPOS customer already uses this code, email or mobile number (%s).\n\n"+
			"If that customer is the one this resource describes, %s.", err, importInstead(customerImport.typeName, keyCode+":"+f.Code.ValueString()))
	}
	return fmt.Sprintf("Another DealPOS customer already has %s %q (%s).\n\n"+
		"If that customer is the one this resource describes, %s. Otherwise choose another %s.",
		field, value, err, importInstead(customerImport.typeName, field+":"+value), field)
}
