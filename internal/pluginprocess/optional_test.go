package pluginprocess

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// forwarded are tfprotov6's optional server interfaces (the groups of
// requests it keeps out of ProviderServer for now, which tf6server finds by
// a type assertion) that ReleaseContexts forwards.
var forwarded = map[string]reflect.Type{
	"ProviderServerWithListResource": reflect.TypeFor[tfprotov6.ProviderServerWithListResource](), //nolint:staticcheck // what tf6server asserts
	"ProviderServerWithActions":      reflect.TypeFor[tfprotov6.ProviderServerWithActions](),      //nolint:staticcheck
	"ProviderServerWithStateStores":  reflect.TypeFor[tfprotov6.ProviderServerWithStateStores](),  //nolint:staticcheck
}

// optionalInterfaces are the names of the ProviderServerWith* interfaces the
// tfprotov6 package in the module cache defines, read from its source.
func optionalInterfaces(t *testing.T) []string {
	t.Helper()
	file, _ := runtime.FuncForPC(reflect.ValueOf(tfprotov6.NewDynamicValue).Pointer()).FileLine(0)
	files, err := filepath.Glob(filepath.Join(filepath.Dir(file), "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("the source of tfprotov6 next to %s: %v", file, err)
	}
	var names []string
	for _, f := range files {
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range parsed.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gen.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok {
					continue
				}
				if _, isInterface := ts.Type.(*ast.InterfaceType); isInterface && strings.HasPrefix(ts.Name.Name, "ProviderServerWith") {
					names = append(names, ts.Name.Name)
				}
			}
		}
	}
	slices.Sort(names)
	return names
}

type emptyProvider struct{}

func (emptyProvider) Metadata(context.Context, provider.MetadataRequest, *provider.MetadataResponse) {
}
func (emptyProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (emptyProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (emptyProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (emptyProvider) Resources(context.Context) []func() resource.Resource       { return nil }

// TestReleaseContextsKeepsOptionalInterfaces: every optional interface of
// tfprotov6 that the framework's server implements, the wrapped server
// implements too, so tf6server does not answer "not implemented" to
// Terraform for actions, list resources or state stores. An optional
// interface tfprotov6 adds fails the test until it is forwarded.
func TestReleaseContextsKeepsOptionalInterfaces(t *testing.T) {
	names := optionalInterfaces(t)
	if len(names) == 0 {
		t.Fatal("found no ProviderServerWith* interface in tfprotov6's source")
	}
	framework := providerserver.NewProtocol6(emptyProvider{})()
	wrapped := reflect.TypeOf(ReleaseContexts(framework))
	for _, name := range names {
		typ, ok := forwarded[name]
		switch {
		case !ok:
			t.Errorf("tfprotov6 defines the optional server interface %s, which ReleaseContexts does not know: forward it and add it to forwarded", name)
		case !reflect.TypeOf(framework).Implements(typ):
			t.Logf("%s: the framework's server does not implement it", name)
		case !wrapped.Implements(typ):
			t.Errorf("the framework's server implements tfprotov6.%s and the wrapped server does not: Terraform would get \"not implemented\"", name)
		}
	}
}

// recorder implements every optional group and records the requests that
// reach it.
type recorder struct {
	tfprotov6.ProviderServer
	got *[]string
}

// TestReleaseContextsForwardsOptionalRequests: each request of every
// forwarded optional interface reaches the wrapped server.
func TestReleaseContextsForwardsOptionalRequests(t *testing.T) {
	var got []string
	wrapped := reflect.ValueOf(ReleaseContexts(recorder{got: &got}))
	base := reflect.TypeFor[tfprotov6.ProviderServer]()
	for name, typ := range forwarded {
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			if _, inBase := base.MethodByName(m.Name); inBase {
				continue
			}
			got = got[:0]
			args := []reflect.Value{reflect.ValueOf(context.Background()), reflect.New(m.Type.In(1).Elem())}
			method := wrapped.MethodByName(m.Name)
			if !method.IsValid() {
				t.Errorf("the wrapped server has no method %s of tfprotov6.%s", m.Name, name)
				continue
			}
			out := method.Call(args)
			if err, _ := out[1].Interface().(error); err != nil || !slices.Equal(got, []string{m.Name}) {
				t.Errorf("%s.%s through the wrapper: reached %v (err %v), want the wrapped server's %s", name, m.Name, got, err, m.Name)
			}
		}
	}
}

func (r recorder) record(name string) { *r.got = append(*r.got, name) }

func (r recorder) ValidateListResourceConfig(context.Context, *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	r.record("ValidateListResourceConfig")
	return nil, nil
}

func (r recorder) ListResource(context.Context, *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	r.record("ListResource")
	return nil, nil
}

func (r recorder) ValidateActionConfig(context.Context, *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	r.record("ValidateActionConfig")
	return nil, nil
}

func (r recorder) PlanAction(context.Context, *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	r.record("PlanAction")
	return nil, nil
}

func (r recorder) InvokeAction(context.Context, *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	r.record("InvokeAction")
	return nil, nil
}

func (r recorder) ValidateStateStoreConfig(context.Context, *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	r.record("ValidateStateStoreConfig")
	return nil, nil
}

func (r recorder) ConfigureStateStore(context.Context, *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	r.record("ConfigureStateStore")
	return nil, nil
}

func (r recorder) ReadStateBytes(context.Context, *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	r.record("ReadStateBytes")
	return nil, nil
}

func (r recorder) WriteStateBytes(context.Context, *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	r.record("WriteStateBytes")
	return nil, nil
}

func (r recorder) GetStates(context.Context, *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	r.record("GetStates")
	return nil, nil
}

func (r recorder) DeleteState(context.Context, *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	r.record("DeleteState")
	return nil, nil
}

func (r recorder) LockState(context.Context, *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	r.record("LockState")
	return nil, nil
}

func (r recorder) UnlockState(context.Context, *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	r.record("UnlockState")
	return nil, nil
}
