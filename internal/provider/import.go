package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file holds what the imports and lookups of every domain share: the
// reading of import IDs, the import by lookup key, and the errors of a
// failed lookup. Each domain's keys and lookups are in its <domain>_import.go.

// keyID is the lookup key of an object by its ID, a key of every domain.
const keyID = "id"

// phoneNumber is a value that reads as a telephone number.
var phoneNumber = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{5,}$`)

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// importIDFormat is how the import IDs of a resource read: "key:X" for one
// of its lookup keys (the key compared without regard to case), or a bare
// value whose key is told by its form: a GUID is an ID, a value with an @ an
// email (when the resource has such a key), anything else the bare key. An
// unknown prefix is part of a bare value ("MM:004" is a code).
type importIDFormat struct {
	keys  []string // the keys "key:X" may name
	at    string   // the key of a bare value with an @, or "" for none
	bare  string   // the key of any other bare value
	usage string   // the accepted forms, told when the import ID is empty
}

func (f importIDFormat) parse(raw string) (key, value string, err error) {
	raw = strings.TrimSpace(raw)
	if k, v, ok := strings.Cut(raw, ":"); ok {
		if k = strings.ToLower(strings.TrimSpace(k)); slices.Contains(f.keys, k) {
			if v = strings.TrimSpace(v); v == "" {
				return "", "", fmt.Errorf("the import ID %q names the key %q but no value", raw, k)
			}
			return k, v, nil
		}
	}
	switch {
	case raw == "":
		return "", "", fmt.Errorf("the import ID is empty; use %s", f.usage)
	case f.at != "" && strings.Contains(raw, "@"):
		return f.at, raw, nil
	case guidPattern.MatchString(raw):
		return keyID, raw, nil
	default:
		return f.bare, raw, nil
	}
}

// keyedImport is the import of a resource whose objects are imported by ID
// or by another of their lookup keys.
type keyedImport struct {
	typeName string         // the resource type, such as dealpos_customer
	by       string         // the keys in words, such as "ID or code"
	ids      importIDFormat // how its import IDs read
	// find answers the ID of the object a key other than keyID names. It
	// reports its own errors and answers false after one.
	find func(ctx context.Context, client *dealpos.Client, key, value string, diags *diag.Diagnostics) (string, bool)
}

// importState resolves an import to the object's ID (an import by identity
// names it; an import ID may name another key, then looked up) and records
// it as the id attribute and the identity. It tells whether it did (false
// after an error).
func (k keyedImport) importState(ctx context.Context, data *providerData, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	raw, byIdentity := importID(ctx, req, &resp.Diagnostics, "Import a "+k.typeName+" by "+k.by+", or by identity with its id.")
	if raw == "" {
		return false
	}
	if byIdentity {
		raw = keyID + ":" + raw
	}
	key, id, err := k.ids.parse(raw)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return false
	}
	if key != keyID {
		client := data.clientOrError(&resp.Diagnostics)
		if client == nil {
			return false
		}
		var ok bool
		if id, ok = k.find(ctx, client, key, id, &resp.Diagnostics); !ok {
			return false
		}
	}
	setImportedID(ctx, resp, id)
	return true
}

// findBy is the find of a keyedImport that looks a noun up with lookup (its
// lookupX) and reports a failure as addLookupError does.
func findBy[T any](noun string, lookup func(ctx context.Context, client *dealpos.Client, key, value string) (*T, error), id func(*T) string) func(context.Context, *dealpos.Client, string, string, *diag.Diagnostics) (string, bool) {
	return func(ctx context.Context, client *dealpos.Client, key, value string, diags *diag.Diagnostics) (string, bool) {
		found, err := lookup(ctx, client, key, value)
		if err != nil {
			addLookupError(diags, false, noun, key, value, err)
			return "", false
		}
		return id(found), true
	}
}

// addLookupError reports a failed lookup of a noun (customer, product, ...)
// by key: not found, on the key's attribute when the key is one (a data
// source's) rather than part of an import ID, or another error.
func addLookupError(diags *diag.Diagnostics, onAttribute bool, noun, key, value string, err error) {
	if !dealpos.IsNotFound(err) {
		diags.AddError(fmt.Sprintf("Could not look up DealPOS %s by %s %q", noun, key, value), err.Error())
		return
	}
	summary, detail := "DealPOS "+noun+" not found", fmt.Sprintf("No %s has %s %q.", noun, key, value)
	if onAttribute {
		diags.AddAttributeError(path.Root(key), summary, detail)
		return
	}
	if noun == "customer" && key == keyCode && phoneNumber.MatchString(value) {
		// A bare import ID is read as a code, a mobile number included.
		detail += fmt.Sprintf(" An import ID without a prefix is read as a code: if %q is a mobile number, import by mobile:%s.", value, value)
	}
	diags.AddError(summary, detail)
}

// importInstead tells how to take an object that exists in DealPOS into a
// resource of resourceType instead of creating it: with its import ID, and
// at the resource's address, which Terraform prints with the error ("with
// ...") but never tells the provider.
func importInstead(resourceType, importID string) string {
	return fmt.Sprintf("import it instead of creating it: an import block with to = this %s's address (shown after \"with\" above) "+
		"and id = %q, or terraform import with that address and %s", resourceType, importID, importID)
}

// createFailure is the detail of a failed create: err, and when the object
// may have been stored all the same (its answer was lost), how to import it.
func createFailure(err error, resourceType, importID string) string {
	if !dealpos.MayExist(err) {
		return err.Error()
	}
	return err.Error() + "\n\nIt may exist in DealPOS all the same: if it does, " + importInstead(resourceType, importID) + "."
}

// exactlyOneKey is the config validator of a data source that exactly one
// of its lookup keys selects.
func exactlyOneKey(keys ...string) datasource.ConfigValidator {
	paths := make([]path.Expression, 0, len(keys))
	for _, key := range keys {
		paths = append(paths, path.MatchRoot(key))
	}
	return datasourcevalidator.ExactlyOneOf(paths...)
}

// lookupKey is a lookup key of a data source and the value its configuration
// gives it.
type lookupKey struct {
	name  string
	value types.String
}

// selectedKey is the key a data source's configuration selects, and its
// value: the one set (exactlyOneKey lets only one be).
func selectedKey(keys ...lookupKey) (key, value string) {
	for _, k := range keys {
		if known(k.value) {
			return k.name, k.value.ValueString()
		}
	}
	return keys[0].name, keys[0].value.ValueString()
}
