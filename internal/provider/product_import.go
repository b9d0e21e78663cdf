package provider

import (
	"context"
	"fmt"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// keyProductCode is the lookup key of a product by code, for import and the
// dealpos_product data source (keyID is the other).
const keyProductCode = "code"

// productImportIDs: "id:X", "code:X", or a bare value: a GUID is an ID,
// anything else a product code.
var productImportIDs = importIDFormat{
	keys:  []string{keyID, keyProductCode},
	bare:  keyProductCode,
	usage: "a product ID, a product code, id:X or code:X",
}

// productImport is the import of dealpos_product.
var productImport = keyedImport{
	typeName: "dealpos_product",
	by:       "ID or code",
	ids:      productImportIDs,
	find:     findBy("product", lookupProduct, func(x *dealpos.Product) string { return x.ID }),
}

// lookupProduct reads a product by ID or by code.
func lookupProduct(ctx context.Context, client *dealpos.Client, key, value string) (*dealpos.Product, error) {
	switch key {
	case keyID:
		return client.GetProduct(ctx, value)
	case keyProductCode:
		return client.GetProductByCode(ctx, value)
	}
	return nil, fmt.Errorf("unknown lookup key %q", key)
}
