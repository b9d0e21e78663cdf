package provider

import (
	"context"
	"fmt"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// keyCategoryName is the lookup key of a category by name, for import and
// the dealpos_category data source (keyID is the other).
const keyCategoryName = "name"

// categoryImportIDs: "id:X", "name:X", or a bare value: a GUID is an ID,
// anything else a name (a full path such as Food/Snack).
var categoryImportIDs = importIDFormat{
	keys:  []string{keyID, keyCategoryName},
	bare:  keyCategoryName,
	usage: "a category ID, a category name (its full path, such as Food/Snack), id:X or name:X",
}

// parseCategoryImportID reads a dealpos_category import ID (see
// categoryImportIDs).
func parseCategoryImportID(raw string) (key, value string, err error) {
	return categoryImportIDs.parse(raw)
}

// categoryImport is the import of dealpos_category. A name is looked up in
// the list alone: the Read that follows the import reads the rest.
var categoryImport = keyedImport{
	typeName: "dealpos_category",
	by:       "ID or name",
	ids:      categoryImportIDs,
	find: findBy("category", func(ctx context.Context, client *dealpos.Client, _, name string) (*dealpos.Category, error) {
		return client.GetCategoryByName(ctx, name)
	}, func(x *dealpos.Category) string { return x.ID }),
}

// lookupCategory reads a category by ID, or finds it by name and reads it
// by its ID (the list answers no code).
func lookupCategory(ctx context.Context, client *dealpos.Client, key, value string) (*dealpos.Category, error) {
	switch key {
	case keyID:
		return client.GetCategory(ctx, value)
	case keyCategoryName:
		found, err := client.GetCategoryByName(ctx, value)
		if err != nil {
			return nil, err
		}
		return client.GetCategoryAt(ctx, found.ID, found.Name)
	}
	return nil, fmt.Errorf("unknown lookup key %q", key)
}
