// Package noop wraps the DealPOS provider so that every resource keeps its
// schema and calls no API: Create and Update keep what Terraform plans, Read
// and Delete do nothing. It is the benchmark's yardstick for what Terraform
// and the plugin framework themselves cost for resources of this shape,
// apart from anything the provider does.
package noop

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Provider is p (its schema, its configuration) with every resource
// replaced by a no-op of the same schema, and no data sources.
func Provider(p provider.Provider) provider.Provider {
	return noopProvider{p}
}

type noopProvider struct {
	provider.Provider
}

func (p noopProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newReal := range p.Provider.Resources(ctx) {
		out = append(out, func() resource.Resource {
			r := newReal()
			if withIdentity, ok := r.(resource.ResourceWithIdentity); ok {
				return noopIdentityResource{noopResource{r}, withIdentity}
			}
			return noopResource{r}
		})
	}
	return out
}

func (p noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// noopResource keeps the real resource's metadata and schema only.
type noopResource struct {
	schemaOf resource.Resource
}

func (r noopResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.schemaOf.Metadata(ctx, req, resp)
}

func (r noopResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.schemaOf.Schema(ctx, req, resp)
}

func (noopResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (noopResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (noopResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// noopIdentityResource is the no-op of a resource with an identity: the
// framework's handling of identities is part of what a resource of this
// shape costs. Its identity is taken from the state's attributes of the
// same names, with no API call.
type noopIdentityResource struct {
	noopResource
	identityOf resource.ResourceWithIdentity
}

func (r noopIdentityResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.identityOf.IdentitySchema(ctx, req, resp)
}

func (r noopIdentityResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.noopResource.Create(ctx, req, resp)
	resp.State.Raw = withID(req.Plan.Raw, resp.State.Raw)
	setIdentity(resp.Identity, resp.State.Raw)
}

func (noopIdentityResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	setIdentity(resp.Identity, req.State.Raw)
}

func (r noopIdentityResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.noopResource.Update(ctx, req, resp)
	setIdentity(resp.Identity, resp.State.Raw)
}

// lastID numbers the IDs the no-op makes up.
var lastID atomic.Int64

// withID gives state a made-up id where the plan left it to the provider:
// an identity can't be null.
func withID(plan, state tftypes.Value) tftypes.Value {
	var planned, attrs map[string]tftypes.Value
	if plan.As(&planned) != nil || state.As(&attrs) != nil {
		return state
	}
	if id, ok := planned["id"]; !ok || id.IsKnown() {
		return state
	}
	attrs["id"] = tftypes.NewValue(tftypes.String, fmt.Sprintf("noop-%d", lastID.Add(1)))
	return tftypes.NewValue(state.Type(), attrs)
}

// setIdentity fills each identity attribute from the state attribute of
// the same name.
func setIdentity(identity *tfsdk.ResourceIdentity, state tftypes.Value) {
	if identity == nil {
		return
	}
	typ, ok := identity.Raw.Type().(tftypes.Object)
	var attrs map[string]tftypes.Value
	if !ok || state.As(&attrs) != nil {
		return
	}
	ids := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		v, found := attrs[name]
		if !found {
			v = tftypes.NewValue(t, nil)
		}
		ids[name] = v
	}
	identity.Raw = tftypes.NewValue(typ, ids)
}

// known turns the values left for the provider to compute into nulls.
func known(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		return v
	}
	return out
}
