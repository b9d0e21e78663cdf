package pluginprocess

import (
	"context"
	"errors"
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

var _ tfprotov6.ListResourceServer = releasingServer{}

// releasingServer is a provider server that gives the requests made once
// per resource or data source instance a context released on return.
type releasingServer struct {
	tfprotov6.ProviderServer
	// lists serves the list resource requests, which are not part of
	// tfprotov6.ProviderServer yet; nil for a server without them.
	lists tfprotov6.ListResourceServer
}

// ReleaseContexts wraps the framework's provider server (see above).
func ReleaseContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	lists, _ := s.(tfprotov6.ListResourceServer)
	return releasingServer{ProviderServer: s, lists: lists}
}

var errNoListResources = errors.New("this provider server serves no list resources")

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

// The list resource requests, not part of tfprotov6.ProviderServer yet,
// are passed on as they are: ListResource streams its results after it
// returns, so its context must live on, and a query makes few of them.

func (s releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	if s.lists == nil {
		return nil, errNoListResources
	}
	return s.lists.ValidateListResourceConfig(ctx, req)
}

func (s releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	if s.lists == nil {
		return nil, errNoListResources
	}
	return s.lists.ListResource(ctx, req)
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
