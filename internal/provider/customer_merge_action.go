package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ action.Action                   = &customerMergeAction{}
	_ action.ActionWithConfigure      = &customerMergeAction{}
	_ action.ActionWithValidateConfig = &customerMergeAction{}
)

// NewCustomerMergeAction is the dealpos_customer_merge action.
func NewCustomerMergeAction() action.Action { return &customerMergeAction{} }

// customerMergeAction merges duplicate customers into one (PUT
// /Customer/Merge). Each customer is named as an import ID is: an ID, a
// code, an email, or key:value.
type customerMergeAction struct {
	data *providerData
}

type customerMergeModel struct {
	Target     types.String `tfsdk:"target"`
	Duplicates types.List   `tfsdk:"duplicates"`
}

// customerRefDescription is how the action's attributes name a customer.
const customerRefDescription = "a customer ID, code or email, or `id:X`, `code:X`, `email:X`, `mobile:X` (the forms `terraform import` of `dealpos_customer` takes)"

func (a *customerMergeAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_merge"
}

func (a *customerMergeAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Merges duplicate customers into the one to keep (`PUT /Customer/Merge`): DealPOS moves their history and loyalty points to it and deletes them. " +
			"Every customer named is looked up before the merge, and afterwards the target is read again and the duplicates must be gone. Terraform 1.14 and later.",
		Attributes: map[string]schema.Attribute{
			"target": schema.StringAttribute{
				MarkdownDescription: "The customer to keep: " + customerRefDescription + ".",
				Required:            true,
				Validators:          []validator.String{notBlankValidator{}},
			},
			"duplicates": schema.ListAttribute{
				MarkdownDescription: "The customers to merge into `target` and delete, each named as `target` is; at least one, none naming `target`, no repeats.",
				Required:            true,
				ElementType:         types.StringType,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
			},
		},
	}
}

func (a *customerMergeAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// customerRef is a customer as the configuration names it.
type customerRef struct {
	raw        string
	key, value string
	at         path.Path
}

// same tells whether two references name the customer the same way: IDs
// and emails compare without regard to case, as DealPOS compares them.
func (r customerRef) same(o customerRef) bool {
	if r.key != o.key {
		return false
	}
	if r.key == keyID || r.key == keyEmail {
		return strings.EqualFold(r.value, o.value)
	}
	return r.value == o.value
}

func (r customerRef) String() string { return fmt.Sprintf("%s %q", r.key, r.value) }

// readMergeConfig reads the target and the duplicates and checks them (at
// plan and again at invoke). Unknown values are left out, so a plan checks
// what it can; target is nil when it is unknown or invalid.
func readMergeConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (target *customerRef, duplicates []customerRef) {
	var m customerMergeModel
	if diags.Append(config.Get(ctx, &m)...); diags.HasError() {
		return nil, nil
	}
	if known(m.Target) {
		if r, ok := parseCustomerRef(m.Target.ValueString(), path.Root("target"), diags); ok {
			target = &r
		}
	}
	if known(m.Duplicates) {
		var elems []types.String
		diags.Append(m.Duplicates.ElementsAs(ctx, &elems, false)...)
		for i, e := range elems {
			if !known(e) {
				continue
			}
			if r, ok := parseCustomerRef(e.ValueString(), path.Root("duplicates").AtListIndex(i), diags); ok {
				duplicates = append(duplicates, r)
			}
		}
	}
	checkDistinct(target, duplicates, diags)
	return target, duplicates
}

func parseCustomerRef(raw string, at path.Path, diags *diag.Diagnostics) (customerRef, bool) {
	key, value, err := customerImportIDs.parse(raw)
	if err != nil {
		diags.AddAttributeError(at, "Invalid customer reference", "Name a customer by "+customerRefDescription+": "+err.Error())
		return customerRef{}, false
	}
	return customerRef{raw: raw, key: key, value: value, at: at}, true
}

// checkDistinct reports a duplicate that names the target, or one named
// twice, the same way (the lookups catch two ways of naming one customer).
func checkDistinct(target *customerRef, duplicates []customerRef, diags *diag.Diagnostics) {
	for i, d := range duplicates {
		if target != nil && d.same(*target) {
			diags.AddAttributeError(d.at, "Customer merged into itself",
				fmt.Sprintf("%q names the target customer; list only the customers to merge into it and delete.", d.raw))
		}
		for _, earlier := range duplicates[:i] {
			if d.same(earlier) {
				diags.AddAttributeError(d.at, "Customer listed twice",
					fmt.Sprintf("%q names the same customer as %q; list each customer to merge once.", d.raw, earlier.raw))
			}
		}
	}
}

func (a *customerMergeAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	readMergeConfig(ctx, req.Config, &resp.Diagnostics)
}

func (a *customerMergeAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	targetRef, refs := readMergeConfig(ctx, req.Config, &resp.Diagnostics)
	client := a.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || targetRef == nil { // an invocation's configuration is known
		return
	}
	target, duplicates, ok := findMergeCustomers(ctx, client, *targetRef, refs, &resp.Diagnostics)
	if !ok {
		return
	}
	ids := make([]string, len(duplicates))
	for i, d := range duplicates {
		ids[i] = d.ID
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Merging %s into customer %s (%s)", customerList(duplicates), target.Code, target.ID)})
	if err := client.MergeCustomers(ctx, target.ID, ids); err != nil {
		resp.Diagnostics.AddError("Could not merge DealPOS customers",
			fmt.Sprintf("Merging %s into customer %s failed: %s", customerList(duplicates), target.Code, err))
		return
	}
	checkMerged(ctx, client, target, duplicates, &resp.Diagnostics)
}

// findMergeCustomers looks up the target and every duplicate before anything
// is written. A missing one fails the merge, naming it; when every
// duplicate is missing, the message says the merge may already be done.
func findMergeCustomers(ctx context.Context, client *dealpos.Client, targetRef customerRef, refs []customerRef, diags *diag.Diagnostics) (*dealpos.Customer, []*dealpos.Customer, bool) {
	target, err := lookupCustomer(ctx, client, targetRef.key, targetRef.value)
	if err != nil {
		addLookupError(diags, false, "customer", targetRef.key, targetRef.value, err)
		return nil, nil, false
	}
	var duplicates []*dealpos.Customer
	var missing []string
	for _, r := range refs {
		c, err := lookupCustomer(ctx, client, r.key, r.value)
		switch {
		case dealpos.IsNotFound(err):
			missing = append(missing, r.String())
		case err != nil:
			addLookupError(diags, false, "customer", r.key, r.value, err)
		case c.ID == target.ID:
			diags.AddAttributeError(r.at, "Customer merged into itself", fmt.Sprintf("%q is the target customer %s; list only the customers to merge into it.", r.raw, target.Code))
		default:
			for _, d := range duplicates {
				if d.ID == c.ID {
					diags.AddAttributeError(r.at, "Customer listed twice", fmt.Sprintf("%q is customer %s, listed before; list each customer to merge once.", r.raw, c.Code))
				}
			}
			duplicates = append(duplicates, c)
		}
	}
	switch {
	case len(missing) == len(refs):
		diags.AddError("Nothing to merge: the customers are already gone",
			fmt.Sprintf("No customer has %s. If this action merged them into customer %s before, that merge is done and there is nothing left to do: "+
				"remove them from duplicates. Nothing was changed.", strings.Join(missing, ", "), target.Code))
	case len(missing) > 0:
		diags.AddError("DealPOS customer not found",
			fmt.Sprintf("No customer has %s. Nothing was merged: fix the reference, or remove it if it was merged or deleted before.", strings.Join(missing, ", ")))
	}
	return target, duplicates, !diags.HasError()
}

// checkMerged reads the target and the duplicates again after the merge
// answered success: the target must be there and the duplicates gone.
func checkMerged(ctx context.Context, client *dealpos.Client, target *dealpos.Customer, duplicates []*dealpos.Customer, diags *diag.Diagnostics) {
	if _, err := client.GetCustomer(ctx, target.ID); err != nil {
		diags.AddError("Merge target not found after the merge",
			fmt.Sprintf("DealPOS answered the merge into customer %s (%s) as done, but reading it afterwards failed: %s", target.Code, target.ID, err))
		return
	}
	var left []*dealpos.Customer
	for _, d := range duplicates {
		_, err := client.GetCustomer(ctx, d.ID)
		switch {
		case err == nil:
			left = append(left, d)
		case !dealpos.IsNotFound(err):
			diags.AddError("Could not check the merge", fmt.Sprintf("Reading customer %s after the merge failed: %s", d.Code, err))
		}
	}
	if len(left) > 0 {
		diags.AddError("Merged customers still exist",
			fmt.Sprintf("DealPOS answered the merge into customer %s as done, but %s still exist. "+
				"DealPOS may complete the merge later: check the customers in DealPOS before invoking the action again.", target.Code, customerList(left)))
	}
}

// customerList names customers by code and ID, for messages.
func customerList(cs []*dealpos.Customer) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = fmt.Sprintf("customer %s (%s)", c.Code, c.ID)
	}
	return strings.Join(names, ", ")
}
