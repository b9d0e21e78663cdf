package provider

import (
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
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
