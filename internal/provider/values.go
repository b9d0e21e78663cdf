package provider

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// optional maps the API's "" for unset to null.
func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// known tells whether a value was written (or defaulted) rather than left
// null or for the provider to compute.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
},
) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// keepSpelling keeps the known spelling of a value the API answers in
// another case (DealPOS compares emails, category paths and codes without
// regard to case); any other answer replaces it.
func keepSpelling(current types.String, answered string) types.String {
	if known(current) && strings.EqualFold(current.ValueString(), answered) {
		return current
	}
	return types.StringValue(answered)
}

// sortedKeys lists a map's keys in order: requests go out in a
// deterministic order, for logs and tests.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// foldKey finds the key of m that equals key without regard to case
// (DealPOS finds outlets and categories by name that way).
func foldKey[V any](m map[string]V, key string) (string, bool) {
	for k := range m {
		if strings.EqualFold(k, key) {
			return k, true
		}
	}
	return "", false
}

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
