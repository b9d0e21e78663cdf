package provider

import (
	"context"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func customerSchemaState(t *testing.T) tfsdk.State {
	t.Helper()
	var resp resource.SchemaResponse
	NewCustomerResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return tfsdk.State{Schema: resp.Schema}
}

// customerValues are states to decode: every attribute set, all null, and
// values left for the provider to compute (a plan's).
func customerValues(t *testing.T, st tfsdk.State) map[string]tftypes.Value {
	t.Helper()
	typ := objectType(t, st.Schema.Type().TerraformType(context.Background()))
	timeoutsType := objectType(t, typ.AttributeTypes["timeouts"])
	build := func(fill func(name string, t tftypes.Type) tftypes.Value) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			vals[name] = fill(name, at)
		}
		return tftypes.NewValue(typ, vals)
	}
	return map[string]tftypes.Value{
		"all set": build(func(name string, at tftypes.Type) tftypes.Value {
			switch {
			case at.Is(tftypes.String):
				return tftypes.NewValue(at, "value of "+name)
			case at.Is(tftypes.Number):
				return tftypes.NewValue(at, big.NewFloat(-42))
			default:
				return tftypes.NewValue(at, map[string]tftypes.Value{
					"create": tftypes.NewValue(tftypes.String, "5m"), "read": tftypes.NewValue(tftypes.String, "1m"),
					"update": tftypes.NewValue(tftypes.String, nil), "delete": tftypes.NewValue(tftypes.String, nil),
				})
			}
		}),
		"all null": build(func(_ string, at tftypes.Type) tftypes.Value { return tftypes.NewValue(at, nil) }),
		"unknowns": build(func(name string, at tftypes.Type) tftypes.Value {
			if name == "timeouts" {
				return tftypes.NewValue(timeoutsType, nil)
			}
			return tftypes.NewValue(at, tftypes.UnknownValue)
		}),
	}
}

// TestAttrCodecMatchesFramework checks the reflection-free reading and
// writing against the framework's own (State.Get and State.Set) for the
// dealpos_customer schema.
func TestAttrCodecMatchesFramework(t *testing.T) {
	ctx := context.Background()
	st := customerSchemaState(t)
	for name, raw := range customerValues(t, st) {
		t.Run(name, func(t *testing.T) {
			st.Raw = raw
			var byReflection, byCodec customerResourceModel
			if d := st.Get(ctx, &byReflection); d.HasError() {
				t.Fatal(d)
			}
			if d := getModel(ctx, raw, st.Schema, &byCodec); d.HasError() {
				t.Fatal(d)
			}
			if byCodec.customerFields != byReflection.customerFields || byCodec.ReferralCode != byReflection.ReferralCode ||
				!byCodec.Timeouts.Equal(byReflection.Timeouts) {
				t.Errorf("decoded\n%+v\nwant (State.Get)\n%+v", byCodec, byReflection)
			}
			written := tfsdk.State{Schema: st.Schema}
			if d := setState(ctx, &written, &byCodec); d.HasError() {
				t.Fatal(d)
			}
			if !written.Raw.Equal(raw) {
				t.Errorf("written back\n%s\nwant\n%s", written.Raw, raw)
			}
		})
	}
}

// TestAttrsListEveryField fails when a model field or a schema attribute is
// missing from attrs(), which would leave it unread and unwritten.
func TestAttrsListEveryField(t *testing.T) {
	var m customerResourceModel
	var listed []string
	for _, a := range m.attrs() {
		listed = append(listed, a.name)
	}
	slices.Sort(listed)
	var tagged []string
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Anonymous {
				walk(f.Type)
			} else if tag := f.Tag.Get("tfsdk"); tag != "" {
				tagged = append(tagged, tag)
			}
		}
	}
	walk(reflect.TypeFor[customerResourceModel]())
	slices.Sort(tagged)
	if !slices.Equal(listed, tagged) {
		t.Errorf("attrs() lists %v; the model's fields are %v", listed, tagged)
	}
	st := customerSchemaState(t)
	schemaNames := slices.Sorted(func(yield func(string) bool) {
		for name := range objectType(t, st.Schema.Type().TerraformType(context.Background())).AttributeTypes {
			if !yield(name) {
				return
			}
		}
	})
	if !slices.Equal(listed, schemaNames) {
		t.Errorf("attrs() lists %v; the schema has %v", listed, schemaNames)
	}
}

func TestAttrCodecErrors(t *testing.T) {
	ctx := context.Background()
	st := customerSchemaState(t)
	full := customerValues(t, st)["all set"]
	var m customerResourceModel
	for name, tc := range map[string]struct {
		raw  tftypes.Value
		want string
	}{
		"not an object": {tftypes.NewValue(tftypes.String, "x"), "can't unmarshal"},
		"attribute missing": {tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}},
			map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "1")}), `no attribute "code"`},
		"fraction for a whole number": {replaceAttr(t, full, "loyalty_point", tftypes.NewValue(tftypes.Number, big.NewFloat(1.5))), "not a whole number"},
	} {
		t.Run(name, func(t *testing.T) {
			d := getModel(ctx, tc.raw, st.Schema, &m)
			if !d.HasError() || !strings.Contains(d[0].Detail(), tc.want) {
				t.Errorf("diagnostics %v, want an error mentioning %q", d, tc.want)
			}
		})
	}
	if d := decodeAttrs(ctx, full, st.Schema, []modelAttr{{"id", new(string)}}); !d.HasError() || !strings.Contains(d[0].Detail(), "unhandled field type") {
		t.Errorf("an unhandled field type gave %v", d)
	}
	if _, d := encodeAttrs(ctx, tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}, []modelAttr{{"id", new(string)}}); !d.HasError() {
		t.Errorf("encoding an unhandled field type gave no error")
	}
	written := tfsdk.State{Schema: st.Schema}
	if d := setState(ctx, &written, &customerFields{}); !d.HasError() || !written.Raw.Equal(tftypes.Value{}) {
		t.Errorf("writing a model short of the schema's attributes gave %v and wrote %s", d, written.Raw)
	}
}

func objectType(t *testing.T, typ tftypes.Type) tftypes.Object {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object type", typ)
	}
	return obj
}

func replaceAttr(t *testing.T, obj tftypes.Value, name string, v tftypes.Value) tftypes.Value {
	t.Helper()
	var vals map[string]tftypes.Value
	if err := obj.As(&vals); err != nil {
		t.Fatal(err)
	}
	vals[name] = v
	return tftypes.NewValue(obj.Type(), vals)
}
