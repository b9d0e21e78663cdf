package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// This file holds the provider's own plan modifiers; the schemas use the
// framework's (stringplanmodifier, int64planmodifier) for the rest.

// createOnly refuses, at plan time, a change of an attribute the API takes
// only when the object (a customer, a category: the noun) is created (it
// would otherwise be silently ignored), setting it after creation included.
// It does not force a replacement: that would delete the object's history.
// Removing the attribute from the configuration stops managing it and is no
// change.
func createOnly(noun string) planmodifier.String {
	return createOnlyModifier{noun: noun}
}

type createOnlyModifier struct {
	noun string
}

var _ planmodifier.String = createOnlyModifier{}

func (createOnlyModifier) Description(context.Context) string {
	return "the value is taken only at create; a later change is refused at plan time"
}

func (m createOnlyModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m createOnlyModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	// Nothing to refuse on create or destroy, nor when the configuration
	// leaves the value to the provider or keeps it.
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !known(req.ConfigValue) || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	attr := req.Path.String()
	was := "unset"
	if known(req.StateValue) {
		was = fmt.Sprintf("%q", req.StateValue.ValueString())
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Cannot change "+attr+" after creation",
		fmt.Sprintf("DealPOS takes %s only when a %s is created, so changing it from %s to %q cannot be applied. "+
			"Restore the previous value or remove the attribute. Replacing the %s would delete it in DealPOS and create a new one "+
			"(for a customer, losing its history); if that is really wanted, use terraform apply -replace.", attr, m.noun, was, req.ConfigValue.ValueString(), m.noun))
}
