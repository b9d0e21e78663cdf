package pluginprocess

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type valueKey struct{}

// keepingServer keeps every request's context, as the framework's
// registerContext does, and answers what it saw of it during the call.
type keepingServer struct {
	tfprotov6.ProviderServer
	kept *[]context.CancelFunc
	saw  *bool // the request's value, during the request
}

func (s keepingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	ctx, cancel := context.WithCancel(ctx)
	*s.kept = append(*s.kept, cancel)
	*s.saw = ctx.Value(valueKey{}) != nil
	return &tfprotov6.ReadResourceResponse{}, nil
}

// readWithBigValue makes one ReadResource call through s with a context
// carrying 1 MiB, and returns a weak pointer to it.
func readWithBigValue(t *testing.T, s tfprotov6.ProviderServer) weak.Pointer[[1 << 20]byte] {
	t.Helper()
	big := new([1 << 20]byte)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), valueKey{}, big))
	defer cancel() // gRPC ends each request's context when it returns
	if _, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	return weak.Make(big)
}

// TestReleaseContextsFreesRequestContexts: a server that keeps every
// request's context keeps what the context carries, unless wrapped.
func TestReleaseContextsFreesRequestContexts(t *testing.T) {
	for _, tc := range []struct {
		name      string
		wrap      func(tfprotov6.ProviderServer) tfprotov6.ProviderServer
		wantFreed bool
	}{
		{"framework's server as it is: kept", func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return s }, false},
		{"through ReleaseContexts: freed", ReleaseContexts, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var kept []context.CancelFunc
			var saw bool
			s := tc.wrap(keepingServer{kept: &kept, saw: &saw})
			wp := readWithBigValue(t, s)
			if !saw {
				t.Fatal("the request's value was not passed on")
			}
			runtime.GC()
			if freed := wp.Value() == nil; freed != tc.wantFreed {
				t.Errorf("value freed after the request: %v, want %v", freed, tc.wantFreed)
			}
			runtime.KeepAlive(kept)
		})
	}
}

// TestReleasableContext: until released it is its parent for values,
// deadline and cancellation; after, it keeps the cancellation only.
func TestReleasableContext(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), valueKey{}, "v"), deadline)
	ctx, release := releasable(parent)
	if got := ctx.Value(valueKey{}); got != "v" {
		t.Errorf("Value = %v, want the parent's", got)
	}
	if d, ok := ctx.Deadline(); !ok || !d.Equal(deadline) {
		t.Errorf("Deadline = %v, %v", d, ok)
	}
	if ctx.Err() != nil {
		t.Errorf("Err = %v before cancellation", ctx.Err())
	}
	// A context derived from it, as the framework and the provider derive
	// theirs, is cancelled with the parent, and no goroutine watches it.
	before := runtime.NumGoroutine()
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	if n := runtime.NumGoroutine(); n != before {
		t.Errorf("deriving a context started %d goroutines", n-before)
	}
	release()
	if got := ctx.Value(valueKey{}); got != nil {
		t.Errorf("Value after release = %v, want nil", got)
	}
	if ctx.Err() != nil {
		t.Errorf("Err = %v after release, before cancellation", ctx.Err())
	}
	cancel()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a derived context was not cancelled with the parent")
	}
	if !errors.Is(ctx.Err(), context.Canceled) || !errors.Is(child.Err(), context.Canceled) {
		t.Errorf("Err after cancellation = %v, child %v", ctx.Err(), child.Err())
	}
	lists, ok := ReleaseContexts(keepingServer{}).(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatal("the wrapped server does not serve list resources")
	}
	if _, err := lists.ListResource(context.Background(), &tfprotov6.ListResourceRequest{}); !errors.Is(err, errUnserved) {
		t.Errorf("list request to a server without list resources: err = %v", err)
	}
}
