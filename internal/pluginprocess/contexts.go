package pluginprocess

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// terraform-plugin-framework keeps the cancel function of every request's
// context until StopProvider (proto6server's registerContext), and with it
// the whole context: the SDK's loggers, about 13 KB per request. A plan of
// 1,000 resources makes four requests per resource, so the provider
// process held some 50 MB it could not free, and under the soft memory
// limit the collector ran all but continuously: about 40% of the
// provider's CPU in a plan went to it, in every provider on the framework.
//
// releasingServer hands each per-resource request a context that forwards
// to the request's until the request returns and then lets go of it, so
// what the framework keeps is a few words per request. Cancellation is
// unchanged: the framework's context is still cancelled by StopProvider,
// and by the end of the request.

// releasingServer is a provider server that gives the requests made once
// per resource or data source instance a context released on return.
//
// tfprotov6 keeps some groups of requests out of ProviderServer for now, as
// optional interfaces (ProviderServerWithListResource, ...WithActions,
// ...WithStateStores), and tf6server answers "not implemented" for a group
// its server does not implement. The wrapper embeds each group so that
// Terraform reaches the framework's handlers through it; a test fails when
// tfprotov6 adds an optional interface the wrapper does not forward.
type releasingServer struct {
	tfprotov6.ProviderServer
	// The optional groups, passed on as they are: ListResource and
	// InvokeAction stream their results after they return, so their
	// contexts must live on, and a run makes few of these requests.
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

var (
	_ tfprotov6.ProviderServerWithListResource = releasingServer{} //nolint:staticcheck // tf6server still asserts these
	_ tfprotov6.ProviderServerWithActions      = releasingServer{} //nolint:staticcheck
	_ tfprotov6.ProviderServerWithStateStores  = releasingServer{} //nolint:staticcheck
)

// ReleaseContexts wraps the framework's provider server (see above). A group
// of optional requests s does not serve answers errUnserved.
func ReleaseContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return releasingServer{
		ProviderServer:     s,
		ListResourceServer: optional[tfprotov6.ListResourceServer](s),
		ActionServer:       optional[tfprotov6.ActionServer](s),
		StateStoreServer:   optional[tfprotov6.StateStoreServer](s),
	}
}

// optional is s as the group G, or unserved when s does not serve it.
func optional[G any](s tfprotov6.ProviderServer) G {
	if g, ok := s.(G); ok {
		return g
	}
	return any(unserved{}).(G) //nolint:forcetypeassert // unserved implements every group
}

// call runs one request with a context released when it returns.
func call[Req, Resp any](ctx context.Context, req *Req, next func(context.Context, *Req) (*Resp, error)) (*Resp, error) {
	ctx, release := releasable(ctx)
	defer release()
	return next(ctx, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, req, s.ProviderServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, req, s.ProviderServer.ReadDataSource)
}

// releasableContext forwards to its parent until released, then keeps
// only its done channel and deadline. context.WithCancel on it finds the
// parent's cancellation through Value, as for any derived context, so no
// goroutine watches it.
type releasableContext struct {
	parent      atomic.Pointer[context.Context]
	done        <-chan struct{}
	deadline    time.Time
	hasDeadline bool
}

func releasable(parent context.Context) (context.Context, func()) {
	c := &releasableContext{done: parent.Done()}
	c.deadline, c.hasDeadline = parent.Deadline()
	c.parent.Store(&parent)
	return c, func() { c.parent.Store(nil) }
}

func (c *releasableContext) Deadline() (time.Time, bool) { return c.deadline, c.hasDeadline }

func (c *releasableContext) Done() <-chan struct{} { return c.done }

func (c *releasableContext) Err() error {
	if p := c.parent.Load(); p != nil {
		return (*p).Err()
	}
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

func (c *releasableContext) Value(key any) any {
	if p := c.parent.Load(); p != nil {
		return (*p).Value(key)
	}
	return nil
}
