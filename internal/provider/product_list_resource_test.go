package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// Identity and the list resource of dealpos_product, through the
// protocol-6 server (see identity_list_test.go: the CLI here is 1.11).

// seedProducts creates n products of two variants each (the second
// NonInventory), every third one discontinued, and returns their IDs.
func seedProducts(t *testing.T, sim *testSim, n int) []string {
	t.Helper()
	client := simClient(t, sim)
	var ids []string
	for i := range n {
		code := fmt.Sprintf("SP%03d", i)
		res, err := client.CreateProduct(context.Background(), dealpos.ProductInput{
			Code: code, Name: "Seeded " + code, Category: "Seeded/Goods", Brand: "Acme", ImageURL: "https://img.example.com/" + code + ".jpg",
			Discontinued: i%3 == 0,
			Variants: []dealpos.VariantInput{
				{Code: code + "-A", Model: "A", UnitPrice: 1000},
				{Code: code + "-B", Model: "B", UnitPrice: 2000, Type: dealpos.VariantNonInventory},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ID)
	}
	return ids
}

// listProducts runs a list "dealpos_product" block with the given
// discontinued filter (nil: unset) and read_variant_types, and returns
// identities and, when asked for, the resource objects' string attributes
// and variant types by code ("" for a null type).
func (h *protoHarness) listProducts(discontinued *bool, readTypes, includeResource bool, limit int64) (ids []string, objects []map[string]any, variantTypes []map[string]string) {
	h.t.Helper()
	const typeName = "dealpos_product"
	config := h.object(h.schemas.ListResourceSchemas[typeName].ValueType(), map[string]tftypes.Value{
		"discontinued": optionalBool(discontinued), "read_variant_types": tftypes.NewValue(tftypes.Bool, readTypes),
	})
	resType := h.schemas.ResourceSchemas[typeName].ValueType()
	for _, result := range h.listResults(typeName, config, includeResource, limit) {
		ids = append(ids, h.resultID(typeName, result))
		if includeResource {
			objects = append(objects, h.protoObject(result.Resource, resType))
			variantTypes = append(variantTypes, h.variantTypes(result.Resource, resType))
		}
	}
	return ids, objects, variantTypes
}

// variantTypes decodes the variants map of a dealpos_product object into
// variant code -> type.
func (h *protoHarness) variantTypes(dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]string {
	h.t.Helper()
	fields := h.fields(dv, typ)
	var variants map[string]tftypes.Value
	if err := fields["variants"].As(&variants); err != nil {
		h.t.Fatal(err)
	}
	out := map[string]string{}
	for code, vv := range variants {
		var attrs map[string]tftypes.Value
		if err := vv.As(&attrs); err != nil {
			h.t.Fatal(err)
		}
		var s string
		if err := attrs["type"].As(&s); err != nil {
			h.t.Fatal(err)
		}
		out[code] = s
	}
	return out
}

func TestProtocolProductIdentitySchema(t *testing.T) {
	t.Parallel()
	h := newProtoHarness(t, newTestSim(t, simulator.Options{}))
	h.checkIDIdentitySchema("dealpos_product")
}

// TestProtocolListProducts pages through 120 products (pages of 100) with
// the discontinued filter, the limit, and resource objects with variants.
func TestProtocolListProducts(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	seeded := seedProducts(t, sim, 120)
	h := newProtoHarness(t, sim)

	sim.ResetStats()
	ids, _, _ := h.listProducts(nil, false, false, 0)
	if len(ids) != 120 {
		t.Fatalf("listed %d products, want 120", len(ids))
	}
	for _, id := range ids {
		if !slices.Contains(seeded, id) {
			t.Fatalf("listed identity %q is not a seeded product", id)
		}
	}
	if n := sim.Stats().Total; n != 2 {
		t.Errorf("listing 120 products took %d requests, want 2 pages", n)
	}
	byID := map[string]simulator.Product{}
	for _, p := range sim.Products() {
		byID[p.ID] = p
	}
	h.checkDisplayNames("dealpos_product", h.displayNames("dealpos_product"), func(id string) (string, string) {
		return byID[id].Name, byID[id].Code
	}, seeded[1], "Seeded SP001 (SP001)")

	// Resource objects without types: the pages only, whatever the
	// number of variants; with types: one more request per variant.
	yes := true
	sim.ResetStats()
	_, objects, types := h.listProducts(&yes, false, true, 0)
	if n := sim.Stats().Total; n != 2 || len(objects) != 40 {
		t.Errorf("40 resource objects without types took %d requests, want 2 pages", n)
	}
	for i, obj := range objects {
		if code, _ := obj["code"].(string); types[i][code+"-A"] != "" || types[i][code+"-B"] != "" {
			t.Fatalf("variant types of %s read without read_variant_types: %v", code, types[i])
		}
	}
	sim.ResetStats()
	ids, objects, types = h.listProducts(&yes, true, true, 0)
	if len(ids) != 40 || len(objects) != 40 {
		t.Fatalf("discontinued filter: %d identities, %d objects, want 40", len(ids), len(objects))
	}
	if n := sim.Stats().Requests["GET /Variant/Detail"]; n != 80 {
		t.Errorf("read_variant_types read %d variant details, want 80", n)
	}
	for i, obj := range objects {
		code, _ := obj["code"].(string)
		if obj["id"] != ids[i] || obj["name"] != "Seeded "+code || obj["category"] != "Seeded/Goods" || obj["discontinued"] != true ||
			obj["discontinue_on_destroy"] != false || obj["image_url"] != "https://img.example.com/"+code+".jpg" {
			t.Fatalf("resource object %v does not match its product", obj)
		}
		if types[i][code+"-A"] != "Standard" || types[i][code+"-B"] != "NonInventory" || len(types[i]) != 2 {
			t.Fatalf("variants of %s: %v", code, types[i])
		}
	}

	limited, _, _ := h.listProducts(nil, false, false, 7)
	if len(limited) != 7 {
		t.Errorf("limit 7 listed %d", len(limited))
	}
}

// TestProtocolProductImportByIdentity imports a product by identity and
// reads it; the read returns the identity and the variants with their types.
func TestProtocolProductImportByIdentity(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{})
	id := seedProducts(t, sim, 1)[0]
	h := newProtoHarness(t, sim)
	_, read := h.importByIdentity("dealpos_product", id)
	resType := h.schemas.ResourceSchemas["dealpos_product"].ValueType()
	state := h.protoObject(read.NewState, resType)
	if state["id"] != id || state["code"] != "SP000" || state["brand"] != "Acme" {
		t.Errorf("read after import by identity: %v", state)
	}
	if types := h.variantTypes(read.NewState, resType); types["SP000-B"] != "NonInventory" {
		t.Errorf("variant types after import: %v", types)
	}
}
