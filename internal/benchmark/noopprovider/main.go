// Command noopprovider serves the DealPOS provider's resource schemas with
// resources that call no API and keep whatever Terraform plans. The
// benchmark runs it next to the real provider: it is the yardstick for what
// Terraform and the plugin framework themselves cost for resources of this
// shape, apart from anything the provider does.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/pluginprocess"
	dealposprovider "github.com/dealpos/terraform-provider-dealpos/internal/provider"
)

func main() {
	// Tuned like the real provider, so only the API work differs.
	pluginprocess.Tune()
	stopProfile := pluginprocess.ProfileCPU()
	err := providerserver.Serve(context.Background(), func() provider.Provider {
		return noopProvider{dealposprovider.New("noop")()}
	}, providerserver.ServeOpts{Address: "registry.terraform.io/dealpos/dealpos"})
	stopProfile()
	if err != nil {
		log.Fatal(err)
	}
}

// noopProvider is the real provider (its schema, configuration) with every
// resource replaced by a no-op of the same schema.
type noopProvider struct {
	provider.Provider
}

func (p noopProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newReal := range p.Provider.Resources(ctx) {
		out = append(out, func() resource.Resource { return noopResource{newReal()} })
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
