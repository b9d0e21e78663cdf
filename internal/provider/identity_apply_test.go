package provider

import (
	"fmt"
	"maps"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// The identity each resource records when it is created and updated, through
// the protocol-6 server as Terraform 1.12 and later drive it (see
// identity_list_test.go: the CLI of CI is older and has no identities).

// tfValue builds a value of type typ from v: a map[string]any for an object
// (attributes it lacks are null) or a map, a string, bool or int for a
// primitive, nil for null.
func (h *protoHarness) tfValue(typ tftypes.Type, v any) tftypes.Value {
	h.t.Helper()
	if v == nil {
		return tftypes.NewValue(typ, nil)
	}
	switch typ := typ.(type) {
	case tftypes.Object:
		set, _ := v.(map[string]any)
		vals := map[string]tftypes.Value{}
		for name, attrType := range typ.AttributeTypes {
			vals[name] = h.tfValue(attrType, set[name])
		}
		return tftypes.NewValue(typ, vals)
	case tftypes.Map:
		set, _ := v.(map[string]any)
		vals := map[string]tftypes.Value{}
		for key, elem := range set {
			vals[key] = h.tfValue(typ.ElementType, elem)
		}
		return tftypes.NewValue(typ, vals)
	}
	if n, ok := v.(int); ok {
		return tftypes.NewValue(typ, big.NewFloat(float64(n)))
	}
	return tftypes.NewValue(typ, v)
}

// dynamic encodes v as a dynamic value of type typ.
func (h *protoHarness) dynamic(typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	h.t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		h.t.Fatal(err)
	}
	return &dv
}

// proposedNew is Terraform's proposed new state: each attribute as
// configured, but a computed one the configuration leaves null as prior
// holds it, the objects of a nested map merged the same way key by key.
// Blocks (timeouts) are taken as configured.
func (h *protoHarness) proposedNew(attrs []*tfprotov6.SchemaAttribute, prior, config tftypes.Value) tftypes.Value {
	h.t.Helper()
	p, c := h.members(prior), h.members(config)
	out := maps.Clone(c)
	for _, a := range attrs {
		cv, pv := c[a.Name], p[a.Name]
		switch {
		case cv.IsNull() && a.Computed:
			out[a.Name] = pv
		case a.NestedType != nil && a.NestedType.Nesting == tfprotov6.SchemaObjectNestingModeMap && !cv.IsNull() && !pv.IsNull():
			pm, cm := h.members(pv), h.members(cv)
			merged := map[string]tftypes.Value{}
			for key, elem := range cm {
				merged[key] = elem
				if old, ok := pm[key]; ok {
					merged[key] = h.proposedNew(a.NestedType.Attributes, old, elem)
				}
			}
			out[a.Name] = tftypes.NewValue(cv.Type(), merged)
		}
	}
	return tftypes.NewValue(config.Type(), out)
}

// members are the attributes of an object value, or the elements of a map.
func (h *protoHarness) members(v tftypes.Value) map[string]tftypes.Value {
	h.t.Helper()
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		h.t.Fatal(err)
	}
	return m
}

// applied is a resource's state and identity after an apply.
type applied struct {
	state    tftypes.Value
	identity *tfprotov6.ResourceIdentityData
}

// apply plans and applies typeName from prior (nil: a create) to config, as
// Terraform does, and returns the new state and identity.
func (h *protoHarness) apply(typeName string, prior *applied, config map[string]any) applied {
	h.t.Helper()
	schema := h.schemas.ResourceSchemas[typeName]
	typ := schema.ValueType()
	cfg := h.tfValue(typ, config)
	before, proposed := tftypes.NewValue(typ, nil), cfg
	var priorIdentity *tfprotov6.ResourceIdentityData
	if prior != nil {
		before, priorIdentity = prior.state, prior.identity
		proposed = h.proposedNew(schema.Block.Attributes, prior.state, cfg)
	}
	plan, err := h.srv.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: h.dynamic(typ, before), ProposedNewState: h.dynamic(typ, proposed),
		Config: h.dynamic(typ, cfg), PriorIdentity: priorIdentity,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.noDiags("PlanResourceChange "+typeName, plan.Diagnostics)
	resp, err := h.srv.ApplyResourceChange(h.ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: h.dynamic(typ, before), PlannedState: plan.PlannedState,
		Config: h.dynamic(typ, cfg), PlannedPrivate: plan.PlannedPrivate, PlannedIdentity: plan.PlannedIdentity,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.noDiags("ApplyResourceChange "+typeName, resp.Diagnostics)
	state, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		h.t.Fatal(err)
	}
	return applied{state: state, identity: resp.NewIdentity}
}

// checkIdentity fails unless a's identity is the ID of its state, and
// returns that ID.
func (h *protoHarness) checkIdentity(typeName, when string, a applied) string {
	h.t.Helper()
	id := h.attrs(h.dynamic(a.state.Type(), a.state), a.state.Type())["id"]
	if a.identity == nil || a.identity.IdentityData == nil {
		h.t.Fatalf("%s %s: no identity", typeName, when)
	}
	if got := h.attrs(a.identity.IdentityData, h.identityType(typeName))["id"]; id == "" || got != id {
		h.t.Fatalf("%s %s: identity id %q, state id %q", typeName, when, got, id)
	}
	return id
}

// TestProtocolIdentityAtCreateAndUpdate: every resource with an identity
// records its ID as the identity when it is created and when it is updated.
func TestProtocolIdentityAtCreateAndUpdate(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	owner := seedPINCustomer(sim, "PIN01")
	h := newProtoHarness(t, sim)
	product := func(name string) map[string]any {
		return map[string]any{
			"code": "IDP1", "name": name, "category": "Identity/Goods", "brand": "Acme", "image_url": "https://img.example.com/idp1.jpg",
			"variants": map[string]any{"IDP1-A": map[string]any{"model": "A", "unit_price": 1000}},
		}
	}
	cases := []struct {
		typeName       string
		create, update map[string]any
		updated        func(id string) error
	}{
		{
			typeName: "dealpos_customer",
			create:   map[string]any{"code": "IDC1", "name": "Before", "email": "idc1@example.com", "mobile": "0851"},
			update:   map[string]any{"code": "IDC1", "name": "After", "email": "idc1@example.com", "mobile": "0851"},
			updated: func(id string) error {
				if c, ok := sim.Get(id); !ok || c.Name != "After" {
					return fmt.Errorf("customer %s: %+v", id, c)
				}
				return nil
			},
		},
		{
			typeName: "dealpos_category",
			create:   map[string]any{"name": "Identity"},
			update:   map[string]any{"name": "Identity", "discontinued": true},
			updated: func(id string) error {
				for _, c := range sim.Categories() {
					if c.ID == id && c.Discontinued {
						return nil
					}
				}
				return fmt.Errorf("category %s not discontinued: %+v", id, sim.Categories())
			},
		},
		{
			typeName: "dealpos_product",
			create:   product("Before"),
			update:   product("After"),
			updated: func(id string) error {
				for _, p := range sim.Products() {
					if p.ID == id && p.Name == "After" {
						return nil
					}
				}
				return fmt.Errorf("product %s not renamed: %+v", id, sim.Products())
			},
		},
		{
			typeName: "dealpos_customer_pin",
			create:   map[string]any{"customer_id": owner, "pin": "1234"},
			update:   map[string]any{"customer_id": owner, "pin": "5678"},
			updated: func(id string) error {
				if c, _ := sim.Get(owner); id != owner || c.PIN != "5678" {
					return fmt.Errorf("PIN resource %s of customer %s: PIN %q", id, owner, c.PIN)
				}
				return nil
			},
		},
	}
	for _, tc := range cases {
		created := h.apply(tc.typeName, nil, tc.create)
		id := h.checkIdentity(tc.typeName, "created", created)
		if got := h.checkIdentity(tc.typeName, "updated", h.apply(tc.typeName, &created, tc.update)); got != id {
			t.Fatalf("%s: the update changed the ID from %s to %s", tc.typeName, id, got)
		}
		if err := tc.updated(id); err != nil {
			t.Fatalf("%s: the update did not reach DealPOS: %v", tc.typeName, err)
		}
	}
}
