package provider

import (
	"context"
	"fmt"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// Lookup keys of a customer, for import and for the dealpos_customer data
// source (keyID is the other).
const (
	keyCode   = "code"
	keyEmail  = "email"
	keyMobile = "mobile"
)

// customerImportIDs: "id:X", "code:X", "email:X", "mobile:X", or a bare
// value: one with an @ is an email, a GUID is an ID, anything else a code.
var customerImportIDs = importIDFormat{
	keys:  []string{keyID, keyCode, keyEmail, keyMobile},
	at:    keyEmail,
	bare:  keyCode,
	usage: "a customer ID, code, email, or id:X, code:X, email:X, mobile:X",
}

// parseImportID reads a dealpos_customer import ID (see customerImportIDs).
func parseImportID(raw string) (key, value string, err error) {
	return customerImportIDs.parse(raw)
}

// customerImport is the import of dealpos_customer.
var customerImport = keyedImport{
	typeName: "dealpos_customer",
	by:       "ID, code, email or mobile",
	ids:      customerImportIDs,
	find:     findBy("customer", lookupCustomer, func(x *dealpos.Customer) string { return x.ID }),
}

// lookupCustomer finds a customer by one of the lookup keys.
func lookupCustomer(ctx context.Context, client *dealpos.Client, key, value string) (*dealpos.Customer, error) {
	switch key {
	case keyID:
		return client.GetCustomer(ctx, value)
	case keyCode:
		return client.GetCustomerByCode(ctx, value)
	case keyEmail:
		return client.GetCustomerByEmail(ctx, value)
	case keyMobile:
		return client.GetCustomerByMobile(ctx, value)
	}
	return nil, fmt.Errorf("unknown lookup key %q", key)
}
