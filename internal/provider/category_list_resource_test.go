package provider

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Identity and the list resource of dealpos_category, through the
// protocol-6 server (see identity_list_test.go: the CLI here is 1.11).

// protoObject decodes a dynamic value of type typ into its string and bool
// attributes (nulls left out).
func (h *protoHarness) protoObject(dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]any {
	h.t.Helper()
	fields := h.fields(dv, typ)
	out := map[string]any{}
	for name, f := range fields {
		if !f.IsKnown() || f.IsNull() {
			continue
		}
		switch {
		case f.Type().Is(tftypes.String):
			var s string
			if err := f.As(&s); err != nil {
				h.t.Fatal(err)
			}
			out[name] = s
		case f.Type().Is(tftypes.Bool):
			var b bool
			if err := f.As(&b); err != nil {
				h.t.Fatal(err)
			}
			out[name] = b
		}
	}
	return out
}

// listCategories runs a list "dealpos_category" block whose discontinued
// filter is null or the given value.
func (h *protoHarness) listCategories(discontinued *bool, includeResource bool, limit int64) (ids, names []string, objects []map[string]any) {
	h.t.Helper()
	const typeName = "dealpos_category"
	config := h.object(h.schemas.ListResourceSchemas[typeName].ValueType(), map[string]tftypes.Value{"discontinued": optionalBool(discontinued)})
	for _, result := range h.listResults(typeName, config, includeResource, limit) {
		ids = append(ids, h.resultID(typeName, result))
		names = append(names, result.DisplayName)
		if includeResource {
			objects = append(objects, h.protoObject(result.Resource, h.schemas.ResourceSchemas[typeName].ValueType()))
		}
	}
	return ids, names, objects
}

func TestProtocolCategoryIdentitySchema(t *testing.T) {
	t.Parallel()
	h := newProtoHarness(t, newTestSim(t, simulator.Options{}))
	h.checkIDIdentitySchema("dealpos_category")
}

// TestProtocolListCategories lists every level of the tenant's category
// paths with identities, the discontinued filter, the limit, and resource
// objects that carry the code only the read by ID answers.
func TestProtocolListCategories(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Food/Snack/Pastries", "Code": "PA"})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Drinks", "Code": "DR"})
	simCategoryCall(t, sim, http.MethodPut, map[string]any{"Name": "Drinks", "Rename": "Drinks", "Discontinued": true})
	byName := map[string]simulator.Category{}
	for _, c := range sim.Categories() {
		byName[c.Name] = c
	}
	h := newProtoHarness(t, sim)

	sim.ResetStats()
	ids, names, _ := h.listCategories(nil, false, 0)
	want := []string{"Drinks", "Food", "Food/Snack", "Food/Snack/Pastries"}
	if len(names) != len(want) {
		t.Fatalf("listed %q, want %q", names, want)
	}
	for i, name := range want {
		if names[i] != name || ids[i] != byName[name].ID {
			t.Errorf("result %d: %s (%s), want %s (%s)", i, names[i], ids[i], name, byName[name].ID)
		}
	}
	if n := sim.Stats().Total; n != 1 {
		t.Errorf("listing without resource objects took %d requests, want 1", n)
	}

	yes := true
	ids, _, objects := h.listCategories(&yes, true, 0)
	if len(ids) != 1 || ids[0] != byName["Drinks"].ID {
		t.Fatalf("discontinued filter listed %q, want only Drinks", ids)
	}
	if obj := objects[0]; obj["id"] != byName["Drinks"].ID || obj["name"] != "Drinks" || obj["code"] != "DR" || obj["discontinued"] != true {
		t.Errorf("resource object %v does not match Drinks", obj)
	}

	no := false
	_, names, objects = h.listCategories(&no, true, 2)
	if len(names) != 2 || names[0] != "Food" || names[1] != "Food/Snack" {
		t.Errorf("limit 2 of the categories in use listed %q", names)
	}
	if _, hasCode := objects[0]["code"]; hasCode || objects[0]["discontinued"] != false {
		t.Errorf("resource object of Food %v: want no code, not discontinued", objects[0])
	}
}

// TestProtocolCategoryImportByIdentity imports a category by identity and
// reads it; the read returns the identity.
func TestProtocolCategoryImportByIdentity(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Food/Snack", "Code": "SN"})
	var id string
	for _, c := range sim.Categories() {
		if c.Name == "Food/Snack" {
			id = c.ID
		}
	}
	h := newProtoHarness(t, sim)
	_, read := h.importByIdentity("dealpos_category", id)
	state := h.protoObject(read.NewState, h.schemas.ResourceSchemas["dealpos_category"].ValueType())
	if state["id"] != id || state["name"] != "Food/Snack" || state["code"] != "SN" || state["discontinued"] != false {
		t.Errorf("read after import by identity: %v", state)
	}
}
