package noop_test

import (
	"context"
	"net/http/httptest"
	"runtime"
	"syscall"
	"testing"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dealpos/terraform-provider-dealpos/internal/benchmark/noop"
	"github.com/dealpos/terraform-provider-dealpos/internal/pluginprocess"
	"github.com/dealpos/terraform-provider-dealpos/internal/provider"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// This file measures one refresh of one dealpos_customer at the plugin
// protocol, as terraform plan drives it, in the real provider and in the
// no-op of the same schema: the difference is all the provider's own read
// path (the prior state into the model, the API read, the answer back),
// without Terraform's or the machine's noise. The simulator runs in this
// process, so the real provider's figures include the server's side too.

const token = "read-bench-token"

// readPath is a configured provider server and the ReadResource request
// Terraform sends it to refresh one customer.
type readPath struct {
	server tfprotov6.ProviderServer
	req    *tfprotov6.ReadResourceRequest
}

// newReadPaths configures the real provider and its no-op against a
// simulator holding one customer, and gives both the state the real
// provider reads for it after an import.
func newReadPaths(tb testing.TB) (dealposPath, noopPath readPath, sim *simulator.Server) {
	tb.Helper()
	sim = simulator.New(simulator.Options{Tokens: []string{token}})
	srv := httptest.NewServer(sim)
	tb.Cleanup(srv.Close)
	id := sim.SeedSample(1)[0]
	ctx := context.Background()

	// Served as the provider processes serve them (pluginprocess.Serve).
	realServer := configure(tb, pluginprocess.ReleaseContexts(providerserver.NewProtocol6(provider.New("bench")())()), srv.URL+"/api/v3")
	noopServer := configure(tb, pluginprocess.ReleaseContexts(providerserver.NewProtocol6(noop.Provider(provider.New("bench")()))()), srv.URL+"/api/v3")

	imported, err := realServer.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "dealpos_customer", ID: id})
	if err != nil || hasError(imported.Diagnostics) || len(imported.ImportedResources) != 1 {
		tb.Fatalf("import: %v %v", err, imported.Diagnostics)
	}
	got := imported.ImportedResources[0]
	read, err := realServer.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "dealpos_customer", CurrentState: got.State, Private: got.Private})
	if err != nil || hasError(read.Diagnostics) {
		tb.Fatalf("read after import: %v %v", err, read.Diagnostics)
	}
	req := &tfprotov6.ReadResourceRequest{TypeName: "dealpos_customer", CurrentState: read.NewState, Private: read.Private}
	return readPath{realServer, req}, readPath{noopServer, req}, sim
}

// configure sends the provider its schema request and a configuration
// pointing at the simulator, as Terraform does before any read.
func configure(tb testing.TB, server tfprotov6.ProviderServer, baseURL string) tfprotov6.ProviderServer {
	tb.Helper()
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(schemas.Diagnostics) {
		tb.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	typ, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		tb.Fatalf("provider schema type %s", schemas.Provider.ValueType())
	}
	vals := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	vals["base_url"] = tftypes.NewValue(tftypes.String, baseURL)
	vals["token"] = tftypes.NewValue(tftypes.String, token)
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil || hasError(resp.Diagnostics) {
		tb.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	return server
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func (p readPath) read(tb testing.TB) *tfprotov6.ReadResourceResponse {
	resp, err := p.server.ReadResource(context.Background(), p.req)
	if err != nil || hasError(resp.Diagnostics) {
		tb.Fatalf("read: %v %v", err, resp.Diagnostics)
	}
	return resp
}

// TestReadPaths checks what the benchmark measures: the real provider makes
// one API read per refresh and, the customer unchanged, answers the state it
// was given, as the no-op does; a change made in DealPOS shows in its answer.
func TestReadPaths(t *testing.T) {
	dealposPath, noopPath, sim := newReadPaths(t)
	sim.ResetStats()
	for _, p := range []readPath{dealposPath, noopPath} {
		if got := p.read(t).NewState; string(got.MsgPack) != string(p.req.CurrentState.MsgPack) {
			t.Errorf("an unchanged refresh answered a different state")
		}
	}
	if got := sim.Stats().Requests["GET /Customer/id/{id}"]; got != 1 {
		t.Errorf("reads of the real provider and the no-op made %d API reads, want 1 (the real one's)", got)
	}
	id := sim.All()[0].ID
	sim.Update(id, func(c *simulator.Customer) { c.Name = "Renamed outside Terraform" })
	if got := dealposPath.read(t).NewState; string(got.MsgPack) == string(dealposPath.req.CurrentState.MsgPack) {
		t.Errorf("a refresh after an edit in DealPOS answered the prior state")
	}
}

type bigKey struct{}

// TestReadFreesRequestContext: once a refresh has returned, the provider
// process keeps nothing of its request's context (the framework keeps the
// context of every request until StopProvider; pluginprocess.ReleaseContexts
// lets go of it), in the real provider and in the no-op.
func TestReadFreesRequestContext(t *testing.T) {
	dealposPath, noopPath, _ := newReadPaths(t)
	for name, p := range map[string]readPath{"real": dealposPath, "noop": noopPath} {
		t.Run(name, func(t *testing.T) {
			wp := readWithBigValue(t, p)
			runtime.GC()
			if wp.Value() != nil {
				t.Error("the context of a finished refresh is still held")
			}
		})
	}
}

func readWithBigValue(t *testing.T, p readPath) weak.Pointer[[1 << 20]byte] {
	t.Helper()
	big := new([1 << 20]byte)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), bigKey{}, big))
	defer cancel()
	if resp, err := p.server.ReadResource(ctx, p.req); err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("read: %v %v", err, resp.Diagnostics)
	}
	return weak.Make(big)
}

// processCPU is the CPU time of this process so far, in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkReadResource is one refresh of one customer; compare the
// sub-benchmarks' cpu-ns/op and allocs/op (real minus noop is the
// provider's own cost per customer, with the simulator's, times 1,000 for a
// plan of 1,000 customers).
func BenchmarkReadResource(b *testing.B) {
	dealposPath, noopPath, _ := newReadPaths(b)
	for _, c := range []struct {
		name string
		path readPath
	}{{"provider=real", dealposPath}, {"provider=noop", noopPath}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			start := processCPU()
			for b.Loop() {
				c.path.read(b)
			}
			// ns/op is mostly waiting on the loopback round trip;
			// CPU time is the cost, and steadier.
			b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
