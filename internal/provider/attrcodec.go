package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// This file reads a model from a state's Terraform value, and writes it
// back, without the framework's reflection (tfsdk.State.Get and Set), which
// compiles a regular expression per attribute on every call.
//
// Only dealpos_customer uses it, because only it pays: a tenant holds its
// customers by the thousand and every plan refreshes each one. Measured
// against State.Get and Set (README, "Scale"), the table saves about 0.3 ms
// of CPU and 1,000 allocations per refresh, some 8% of the provider's CPU in
// a plan of 1,000 customers. The catalog resources are counted in tens or
// hundreds, and their models nest (variants, outlet prices), which this file
// does not handle: they use State.Get and Set.

// modelAttr is one attribute of a model: its name in the schema and a
// pointer to the model's field, of one of the types decodeAttrs handles.
type modelAttr struct {
	name string
	ptr  any // *types.String, *types.Int64 or *timeouts.Value
}

// decodeAttrs sets each attribute's field from raw, an object value of s.
func decodeAttrs(ctx context.Context, raw tftypes.Value, s typesAtPath, attrs []modelAttr) diag.Diagnostics {
	var diags diag.Diagnostics
	var values map[string]tftypes.Value
	if err := raw.As(&values); err != nil {
		diags.AddError("Could not read the state", "This is a bug in the DealPOS provider; please report it: "+err.Error())
		return diags
	}
	for _, a := range attrs {
		if err := decodeAttr(ctx, values[a.name], s, a); err != nil {
			diags.AddAttributeError(path.Root(a.name), "Could not read the state", "This is a bug in the DealPOS provider; please report it: "+err.Error())
		}
	}
	return diags
}

func decodeAttr(ctx context.Context, v tftypes.Value, s typesAtPath, a modelAttr) error {
	if v.Type() == nil {
		return fmt.Errorf("the state has no attribute %q", a.name)
	}
	switch p := a.ptr.(type) {
	case *types.String:
		var s *string
		if !v.IsKnown() {
			*p = types.StringUnknown()
		} else if err := v.As(&s); err != nil {
			return err
		} else {
			*p = types.StringPointerValue(s)
		}
	case *types.Int64:
		var f *big.Float
		if !v.IsKnown() {
			*p = types.Int64Unknown()
		} else if err := v.As(&f); err != nil {
			return err
		} else if f == nil {
			*p = types.Int64Null()
		} else if i, acc := f.Int64(); acc != big.Exact {
			return fmt.Errorf("%s is not a whole number that fits in 64 bits", f)
		} else {
			*p = types.Int64Value(i)
		}
	case *timeouts.Value:
		// The timeouts block's type is the schema's; it is read the
		// framework's way, once per call.
		t, d := s.TypeAtPath(ctx, path.Root(a.name))
		if d.HasError() {
			return fmt.Errorf("no type for %q", a.name)
		}
		val, err := t.ValueFromTerraform(ctx, v)
		if err != nil {
			return err
		}
		tv, ok := val.(timeouts.Value)
		if !ok {
			return fmt.Errorf("%q is a %T, not a timeouts block", a.name, val)
		}
		*p = tv
	default:
		return fmt.Errorf("unhandled field type %T", a.ptr)
	}
	return nil
}

// encodeAttrs is the object value of type typ holding each attribute's field.
func encodeAttrs(ctx context.Context, typ tftypes.Type, attrs []modelAttr) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	values := make(map[string]tftypes.Value, len(attrs))
	for _, a := range attrs {
		v, ok := a.ptr.(interface {
			ToTerraformValue(context.Context) (tftypes.Value, error)
		})
		if !ok {
			diags.AddError("Could not write the state", fmt.Sprintf("This is a bug in the DealPOS provider; please report it: unhandled field type %T", a.ptr))
			return tftypes.Value{}, diags
		}
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			diags.AddAttributeError(path.Root(a.name), "Could not write the state", "This is a bug in the DealPOS provider; please report it: "+err.Error())
			return tftypes.Value{}, diags
		}
		values[a.name] = tv
	}
	if err := tftypes.ValidateValue(typ, values); err != nil {
		diags.AddError("Could not write the state", "This is a bug in the DealPOS provider; please report it: "+err.Error())
		return tftypes.Value{}, diags
	}
	return tftypes.NewValue(typ, values), diags
}

// attrModel is a model that lists its attributes.
type attrModel interface {
	attrs() []modelAttr
}

// getModel reads m from a state, plan or config: raw and its schema s.
func getModel(ctx context.Context, raw tftypes.Value, s typesAtPath, m attrModel) diag.Diagnostics {
	return decodeAttrs(ctx, raw, s, m.attrs())
}

// setState writes m as the whole of st.
func setState(ctx context.Context, st *tfsdk.State, m attrModel) diag.Diagnostics {
	v, diags := encodeAttrs(ctx, st.Schema.Type().TerraformType(ctx), m.attrs())
	if !diags.HasError() {
		st.Raw = v
	}
	return diags
}
