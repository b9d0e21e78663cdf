package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Resource identity (Terraform 1.12) and list resources (1.14) cannot be
// driven through the terraform CLI on these machines (1.11), so these tests
// speak the plugin protocol to the provider server directly, as Terraform
// would, against the simulator.

// protoHarness is a configured protocol-6 provider server and its schemas.
type protoHarness struct {
	t          *testing.T
	ctx        context.Context
	srv        tfprotov6.ProviderServer
	schemas    *tfprotov6.GetProviderSchemaResponse
	identities *tfprotov6.GetResourceIdentitySchemasResponse
}

func newProtoHarness(t *testing.T, sim *testSim) *protoHarness {
	t.Helper()
	ctx := context.Background()
	srv, err := servedProvider()
	if err != nil {
		t.Fatal(err)
	}
	h := &protoHarness{t: t, ctx: ctx, srv: srv}
	if h.schemas, err = srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	h.noDiags("GetProviderSchema", h.schemas.Diagnostics)
	if h.identities, err = srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{}); err != nil {
		t.Fatal(err)
	}
	h.noDiags("GetResourceIdentitySchemas", h.identities.Diagnostics)
	cfg := h.value(h.schemas.Provider.ValueType(), map[string]string{"base_url": sim.URL, "token": testToken})
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.0", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	h.noDiags("ConfigureProvider", resp.Diagnostics)
	return h
}

func (h *protoHarness) noDiags(call string, diags []*tfprotov6.Diagnostic) {
	h.t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			h.t.Fatalf("%s: %s: %s", call, d.Summary, d.Detail)
		}
	}
}

// value encodes an object of type typ with the given string attributes set
// and every other attribute null.
func (h *protoHarness) value(typ tftypes.Type, set map[string]string) *tfprotov6.DynamicValue {
	h.t.Helper()
	vals := map[string]tftypes.Value{}
	for name, v := range set {
		vals[name] = tftypes.NewValue(tftypes.String, v)
	}
	return h.object(typ, vals)
}

// object encodes an object of type typ with the given attributes set and
// every other attribute null.
func (h *protoHarness) object(typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	h.t.Helper()
	obj := typ.(tftypes.Object) //nolint:forcetypeassert // schema types are objects
	vals := map[string]tftypes.Value{}
	for name, attrType := range obj.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
			continue
		}
		vals[name] = tftypes.NewValue(attrType, nil)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		h.t.Fatal(err)
	}
	return &dv
}

// optionalBool is a bool attribute value, null for nil.
func optionalBool(b *bool) tftypes.Value {
	if b == nil {
		return tftypes.NewValue(tftypes.Bool, nil)
	}
	return tftypes.NewValue(tftypes.Bool, *b)
}

// fields decodes a dynamic value of type typ into its attributes.
func (h *protoHarness) fields(dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]tftypes.Value {
	h.t.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		h.t.Fatal(err)
	}
	var fields map[string]tftypes.Value
	if err := v.As(&fields); err != nil {
		h.t.Fatal(err)
	}
	return fields
}

// attrs decodes a dynamic value of type typ into its string attributes.
func (h *protoHarness) attrs(dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]string {
	h.t.Helper()
	fields := h.fields(dv, typ)
	out := map[string]string{}
	for name, f := range fields {
		var s string
		if f.Type().Is(tftypes.String) && f.IsKnown() && !f.IsNull() {
			if err := f.As(&s); err != nil {
				h.t.Fatal(err)
			}
			out[name] = s
		}
	}
	return out
}

func (h *protoHarness) identityType(typeName string) tftypes.Type {
	h.t.Helper()
	s, ok := h.identities.IdentitySchemas[typeName]
	if !ok {
		h.t.Fatalf("%s has no identity schema", typeName)
	}
	return s.ValueType()
}

// listResults runs a list block of typeName with the given configuration
// and returns its results, each checked: no error, a resource object exactly
// when one was asked for.
func (h *protoHarness) listResults(typeName string, config *tfprotov6.DynamicValue, includeResource bool, limit int64) []tfprotov6.ListResourceResult {
	h.t.Helper()
	lister, ok := h.srv.(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // the interface is how list resources are served today
	if !ok {
		h.t.Fatal("the provider server does not serve list resources")
	}
	stream, err := lister.ListResource(h.ctx, &tfprotov6.ListResourceRequest{
		TypeName:        typeName,
		Config:          config,
		IncludeResource: includeResource,
		Limit:           limit,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	var results []tfprotov6.ListResourceResult
	for result := range stream.Results {
		h.noDiags("ListResource", result.Diagnostics)
		if includeResource && result.Resource == nil {
			h.t.Fatalf("result %q has no resource object", result.DisplayName)
		}
		if !includeResource && result.Resource != nil {
			h.t.Fatalf("result %q carries a resource object nobody asked for", result.DisplayName)
		}
		results = append(results, result)
	}
	return results
}

// resultID is the ID in the identity of a list result of typeName.
func (h *protoHarness) resultID(typeName string, result tfprotov6.ListResourceResult) string {
	h.t.Helper()
	return h.attrs(result.Identity.IdentityData, h.identityType(typeName))["id"]
}

// displayNames lists every typeName, without filters, and returns each
// result's display name by the ID of its identity.
func (h *protoHarness) displayNames(typeName string) map[string]string {
	h.t.Helper()
	config := h.value(h.schemas.ListResourceSchemas[typeName].ValueType(), nil)
	out := map[string]string{}
	for _, result := range h.listResults(typeName, config, false, 0) {
		out[h.resultID(typeName, result)] = result.DisplayName
	}
	return out
}

// checkDisplayNames checks that every listed typeName is displayed as
// "Name (Code)", e.g. "Customer 001 (C001)", which names[example] must be.
func (h *protoHarness) checkDisplayNames(typeName string, names map[string]string, nameAndCode func(id string) (string, string), example, want string) {
	h.t.Helper()
	if names[example] != want {
		h.t.Errorf("%s %s is displayed as %q, want %q", typeName, example, names[example], want)
	}
	for id, got := range names {
		if name, code := nameAndCode(id); got != name+" ("+code+")" {
			h.t.Errorf("%s %s (%s, %s) is displayed as %q", typeName, id, name, code, got)
		}
	}
}

// list runs a list block and returns the identities' IDs and, when asked
// for, the resource objects' attributes.
func (h *protoHarness) list(config map[string]string, includeResource bool, limit int64) ([]string, []map[string]string) {
	h.t.Helper()
	const typeName = "dealpos_customer"
	var ids []string
	var objects []map[string]string
	for _, result := range h.listResults(typeName, h.value(h.schemas.ListResourceSchemas[typeName].ValueType(), config), includeResource, limit) {
		ids = append(ids, h.resultID(typeName, result))
		if includeResource {
			objects = append(objects, h.attrs(result.Resource, h.schemas.ResourceSchemas[typeName].ValueType()))
		}
	}
	return ids, objects
}

// checkIDIdentitySchema checks that typeName's identity is its id, required
// for import.
func (h *protoHarness) checkIDIdentitySchema(typeName string) {
	h.t.Helper()
	schema := h.identities.IdentitySchemas[typeName]
	if schema == nil || len(schema.IdentityAttributes) != 1 {
		h.t.Fatalf("%s: want one identity attribute, got %+v", typeName, schema)
	}
	if a := schema.IdentityAttributes[0]; a.Name != "id" || !a.RequiredForImport {
		h.t.Errorf("%s: identity attribute %+v, want id required for import", typeName, a)
	}
}

// importByIdentity imports the typeName of the given ID by identity (an
// import block with identity = { id = ... }) and reads it, as Terraform
// does; the read must return the identity.
func (h *protoHarness) importByIdentity(typeName, id string) (*tfprotov6.ImportedResource, *tfprotov6.ReadResourceResponse) {
	h.t.Helper()
	identityType := h.identityType(typeName)
	imp, err := h.srv.ImportResourceState(h.ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: typeName,
		Identity: &tfprotov6.ResourceIdentityData{IdentityData: h.value(identityType, map[string]string{"id": id})},
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.noDiags("ImportResourceState", imp.Diagnostics)
	if len(imp.ImportedResources) != 1 {
		h.t.Fatalf("imported %d resources", len(imp.ImportedResources))
	}
	got := imp.ImportedResources[0]
	read, err := h.srv.ReadResource(h.ctx, &tfprotov6.ReadResourceRequest{
		TypeName:        typeName,
		CurrentState:    got.State,
		CurrentIdentity: got.Identity,
		Private:         got.Private,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.noDiags("ReadResource", read.Diagnostics)
	if read.NewIdentity == nil || h.attrs(read.NewIdentity.IdentityData, identityType)["id"] != id {
		h.t.Errorf("read did not return the identity")
	}
	return got, read
}

func TestProtocolIdentitySchemas(t *testing.T) {
	t.Parallel()
	h := newProtoHarness(t, newTestSim(t, simulator.Options{}))
	for _, typeName := range []string{"dealpos_customer", "dealpos_customer_pin"} {
		h.checkIDIdentitySchema(typeName)
	}
}

// TestProtocolListCustomers pages through 260 customers (pages capped at
// 100) with the filters, the limit, and resource objects.
func TestProtocolListCustomers(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	seeded := sim.SeedSample(260)
	h := newProtoHarness(t, sim)

	ids, _ := h.list(nil, false, 0)
	if len(ids) != 260 {
		t.Fatalf("listed %d customers, want 260", len(ids))
	}
	want := map[string]bool{}
	for _, id := range seeded {
		want[id] = true
	}
	for _, id := range ids {
		if !want[id] {
			t.Fatalf("listed identity %q is not a seeded customer", id)
		}
		delete(want, id)
	}
	if lists := sim.Stats().Requests["POST /Customer/WithTotalCount"]; lists != 3 {
		t.Errorf("listing 260 customers took %d list requests, want 3 pages", lists)
	}
	names := h.displayNames("dealpos_customer")
	if len(names) != 260 {
		t.Fatalf("%d display names for 260 customers", len(names))
	}
	h.checkDisplayNames("dealpos_customer", names, func(id string) (string, string) {
		c, _ := sim.Get(id)
		return c.Name, c.Code
	}, seeded[1], "Customer 001 (C001)")

	north, objects := h.list(map[string]string{"outlet": "North", "join_from": "2024-01-01", "join_to": "2024-02-29"}, true, 0)
	if len(north) != 30 || len(objects) != 30 {
		t.Fatalf("North customers who joined in Jan-Feb 2024: %d identities, %d objects, want 30", len(north), len(objects))
	}
	for i, obj := range objects {
		c, ok := sim.Get(north[i])
		if !ok || obj["id"] != north[i] || obj["code"] != c.Code || obj["email"] != c.Email || obj["mobile"] != c.Mobile ||
			obj["signup_outlet"] != "North" || obj["status"] != "Active" || obj["birth_date"] != c.Birthday.Format("2006-01-02") {
			t.Fatalf("resource object %v does not match customer %+v", obj, c)
		}
	}

	named, _ := h.list(map[string]string{"name": "Customer 01"}, false, 0)
	if len(named) != 10 {
		t.Errorf("name filter listed %d, want 10", len(named))
	}
	limited, _ := h.list(nil, false, 7)
	if len(limited) != 7 {
		t.Errorf("limit 7 listed %d", len(limited))
	}
}

// TestProtocolImportByIdentity imports a customer by identity and reads it,
// and checks that the read returns the identity.
func TestProtocolImportByIdentity(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	id := sim.SeedSample(1)[0]
	h := newProtoHarness(t, sim)
	identityType := h.identityType("dealpos_customer")
	got, read := h.importByIdentity("dealpos_customer", id)
	if h.attrs(got.Identity.IdentityData, identityType)["id"] != id {
		t.Errorf("imported identity %v, want id %s", h.attrs(got.Identity.IdentityData, identityType), id)
	}
	state := h.attrs(read.NewState, h.schemas.ResourceSchemas["dealpos_customer"].ValueType())
	if state["code"] != "C000" || state["email"] != "c000@example.com" {
		t.Errorf("read after import by identity: %v", state)
	}
}
