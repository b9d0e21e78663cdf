package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds the provider's own plan modifiers; the schemas use the
// framework's (stringplanmodifier, int64planmodifier) for the rest.

// createOnly refuses, at plan time, a change of an attribute the API takes
// only when the object (a customer, a category: the noun) is created (it
// would otherwise be silently ignored), setting it after creation included.
// It does not force a replacement: that would delete the object (and what
// DealPOS keeps with it, lost: a customer's history). Removing the attribute
// from the configuration stops managing it and is no change.
func createOnly(noun, lost string) planmodifier.String {
	return createOnlyModifier{noun: noun, lost: lost}
}

type createOnlyModifier struct {
	noun string
	lost string // what a replacement loses besides the object, or ""
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
	lost := ""
	if m.lost != "" {
		lost = ", losing " + m.lost
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Cannot change "+attr+" after creation",
		fmt.Sprintf("DealPOS takes %s only when a %s is created, so changing it from %s to %q cannot be applied. "+
			"Restore the previous value or remove the attribute. Replacing the %s would delete it in DealPOS and create a new one%s; "+
			"if that is really wanted, use terraform apply -replace.", attr, m.noun, was, req.ConfigValue.ValueString(), m.noun, lost))
}

// replaceKeepsVariantCodes refuses, at plan time, a product replacement
// that cannot succeed: with discontinue_on_destroy, the old product is only
// discontinued, so it keeps its variant codes, and DealPOS refuses the new
// product that reuses any of them. Applying it would discontinue the old
// product, fail to create the new one, and leave neither in state.
type replaceKeepsVariantCodes struct{}

var _ planmodifier.String = replaceKeepsVariantCodes{}

func (replaceKeepsVariantCodes) Description(context.Context) string {
	return "a change of code that would reuse variant codes of a product discontinued on destroy is refused at plan time"
}

func (m replaceKeepsVariantCodes) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (replaceKeepsVariantCodes) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !known(req.PlanValue) || req.PlanValue.Equal(req.StateValue) {
		return
	}
	var discontinue types.Bool
	var was, will types.Map
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("discontinue_on_destroy"), &discontinue)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("variants"), &was)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("variants"), &will)...)
	if resp.Diagnostics.HasError() || !discontinue.ValueBool() || !known(will) {
		return
	}
	var reused []string
	for _, code := range sortedKeys(will.Elements()) {
		if _, ok := foldKey(was.Elements(), code); ok {
			reused = append(reused, code)
		}
	}
	if len(reused) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Cannot replace DealPOS product "+req.StateValue.ValueString()+" while it keeps its variant codes",
		fmt.Sprintf("Changing code from %q to %q replaces the product. With discontinue_on_destroy = true the old product is only discontinued, "+
			"so it keeps variant codes %s, and DealPOS would refuse the new product that reuses them: the old product would be left discontinued "+
			"and neither would be managed. Give the new product's variants new codes, or first apply discontinue_on_destroy = false "+
			"(without the code change) so that the old product is deleted.", req.StateValue.ValueString(), req.PlanValue.ValueString(), strings.Join(reused, ", ")))
}

// variantType plans a product variant's type. Set, it is the type wanted;
// a change to or from a type no write takes (Serialized, which only
// DealPOS assigns) is refused, so the provider never sends one. Unset, the
// variant keeps the type DealPOS holds (a new variant gets Standard, the
// API's default), so a variant of a type Terraform cannot write, or a
// configuration generated without types, plans no change.
type variantTypeModifier struct{}

var _ planmodifier.String = variantTypeModifier{}

func (variantTypeModifier) Description(context.Context) string {
	return "unset keeps the variant's type (Standard for a new variant); a change to or from a type DealPOS does not take in writes is refused at plan time"
}

func (m variantTypeModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (variantTypeModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	held := req.StateValue
	if req.ConfigValue.IsNull() {
		resp.PlanValue = types.StringValue(dealpos.VariantStandard)
		if known(held) {
			resp.PlanValue = held
		}
		return
	}
	want := req.ConfigValue.ValueString()
	if known(held) && held.ValueString() == want {
		return
	}
	for _, t := range []string{want, held.ValueString()} {
		if t != "" && !dealpos.WritableVariantType(t) {
			was := "a new variant"
			if known(held) {
				was = fmt.Sprintf("%q", held.ValueString())
			}
			resp.Diagnostics.AddAttributeError(req.Path, "Cannot write variant type "+t,
				fmt.Sprintf("DealPOS reads variants of type %s but none of its writes takes that type, so %s cannot go from %s to %q. "+
					"A %s variant is created in DealPOS itself; import the product to manage it, and keep its type as it is "+
					"(write type = %q, or leave type unset) while managing its other attributes.", t, req.Path, was, want, t, t))
			return
		}
	}
}
