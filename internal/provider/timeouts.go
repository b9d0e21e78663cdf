package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds the resources' timeouts: the default and how an
// operation applies its timeouts block entry.

// typesAtPath is what a resource schema (a list request's ResourceSchema, of
// the framework's internal schema type) tells of its attribute types.
type typesAtPath interface {
	TypeAtPath(context.Context, path.Path) (attr.Type, diag.Diagnostics)
}

// nullTimeouts is the timeouts block, unset, of a resource schema: that of a
// resource object no configuration describes (a list resource's results).
// It takes its attribute types from the schema, so it always matches the
// timeouts the resource declares.
func nullTimeouts(ctx context.Context, s typesAtPath) (timeouts.Value, diag.Diagnostics) {
	t, diags := s.TypeAtPath(ctx, path.Root("timeouts"))
	obj, ok := t.(attr.TypeWithAttributeTypes)
	if !ok {
		diags.AddError("Unexpected resource schema", "The resource schema has no timeouts block. This is a bug in the DealPOS provider; please report it.")
		return timeouts.Value{}, diags
	}
	return timeouts.Value{Object: types.ObjectNull(obj.AttributeTypes())}, diags
}

// defaultTimeout bounds each operation whose timeouts block entry is unset,
// as the client bounds the requests of operations without a block.
const defaultTimeout = dealpos.DefaultOperationTimeout

// withTimeout bounds an operation by its timeouts block entry (the
// framework's Create, Read, Update or Delete getter).
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := get(ctx, defaultTimeout)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}
