package pluginprocess

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// errUnserved answers a request of an optional group (list resources,
// actions, state stores) the wrapped server does not implement.
var errUnserved = errors.New("this provider server does not serve this request")

// unserved stands in for an optional group of requests the wrapped server
// does not implement; the framework's server implements them all.
type unserved struct{}

var (
	_ tfprotov6.ListResourceServer = unserved{}
	_ tfprotov6.ActionServer       = unserved{}
	_ tfprotov6.StateStoreServer   = unserved{}
)

func (unserved) ValidateListResourceConfig(context.Context, *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return nil, errUnserved
}

func (unserved) ListResource(context.Context, *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return nil, errUnserved
}

func (unserved) ValidateActionConfig(context.Context, *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return nil, errUnserved
}

func (unserved) PlanAction(context.Context, *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return nil, errUnserved
}

func (unserved) InvokeAction(context.Context, *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return nil, errUnserved
}

func (unserved) ValidateStateStoreConfig(context.Context, *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	return nil, errUnserved
}

func (unserved) ConfigureStateStore(context.Context, *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	return nil, errUnserved
}

func (unserved) ReadStateBytes(context.Context, *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return nil, errUnserved
}

func (unserved) WriteStateBytes(context.Context, *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	return nil, errUnserved
}

func (unserved) GetStates(context.Context, *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	return nil, errUnserved
}

func (unserved) DeleteState(context.Context, *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	return nil, errUnserved
}

func (unserved) LockState(context.Context, *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	return nil, errUnserved
}

func (unserved) UnlockState(context.Context, *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	return nil, errUnserved
}
