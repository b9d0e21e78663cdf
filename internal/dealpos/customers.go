package dealpos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// CreateCustomer creates a customer (POST /Customer) and returns its ID.
//
// The create is not idempotent, so it is never blindly retried. When its
// outcome is unknown (a transport error, a timeout, a 5xx answer), the
// customer is looked up by code, then by email, and adopted when it matches
// what was sent; only when it is not there is the create sent again. A
// "already exists" refusal after such an uncertain attempt is our own
// earlier attempt, and is adopted the same way.
func (c *Client) CreateCustomer(ctx context.Context, in CustomerCreate) (string, error) {
	var uncertain error
	for attempt := 0; ; attempt++ {
		id, err := c.createOnce(ctx, in)
		switch {
		case err == nil:
			return id, nil
		case ctx.Err() != nil:
			return "", err
		case outcomeUnknown(err):
			uncertain = err
			tflog.Warn(ctx, "The outcome of a DealPOS customer create is unknown; looking the customer up before trying again",
				map[string]any{"code": in.Code, "error": err.Error()})
			if id, found, lookupErr := c.findCreated(ctx, in); lookupErr != nil {
				return "", fmt.Errorf("creating customer %s: the outcome is unknown (%v) and looking it up failed: %w", in.Code, err, lookupErr)
			} else if found {
				return id, nil
			}
			if attempt >= c.maxRetries {
				return "", fmt.Errorf("creating customer %s: gave up after %d attempts whose outcome was unknown: %w", in.Code, attempt+1, uncertain)
			}
			if err := sleepContext(ctx, jitteredBackoff(c.waitMin, c.waitMax, attempt)); err != nil {
				return "", err
			}
		case uncertain != nil && IsAlreadyExists(err):
			if id, found, lookupErr := c.findCreated(ctx, in); lookupErr == nil && found {
				return id, nil
			}
			return "", err
		default:
			return "", err
		}
	}
}

func (c *Client) createOnce(ctx context.Context, in CustomerCreate) (string, error) {
	var out struct {
		ID string `json:"ID"`
	}
	if err := c.do(ctx, request{method: http.MethodPost, path: "/Customer", body: in}, &out); err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", errors.New("DealPOS API POST /Customer answered without the new customer's ID")
	}
	return out.ID, nil
}

// findCreated looks for the customer a create may have stored: by code, then
// by email, taking it only when it is the one that was sent.
func (c *Client) findCreated(ctx context.Context, in CustomerCreate) (string, bool, error) {
	for _, lookup := range []func() (*Customer, error){
		func() (*Customer, error) { return c.GetCustomerByCode(ctx, in.Code) },
		func() (*Customer, error) { return c.GetCustomerByEmail(ctx, in.Email) },
	} {
		found, err := lookup()
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return "", false, err
		}
		if found.Code == in.Code && strings.EqualFold(found.Email, in.Email) && found.MobilePhone == in.Mobile && found.Name == in.Name {
			tflog.Info(ctx, "Adopted a DealPOS customer whose create answer was lost", map[string]any{"id": found.ID, "code": in.Code})
			return found.ID, true, nil
		}
	}
	return "", false, nil
}

// GetCustomer reads a customer by ID (GET /Customer/id/{id}).
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	var out Customer
	err := c.do(ctx, request{method: http.MethodGet, path: "/Customer/id/" + url.PathEscape(id), idempotent: true}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCustomerByCode reads a customer by code (the POST form of /Customer/Code).
func (c *Client) GetCustomerByCode(ctx context.Context, code string) (*Customer, error) {
	return c.lookup(ctx, "/Customer/Code", map[string]string{"Code": code})
}

// GetCustomerByEmail reads a customer by email (the POST form of /Customer/Email).
func (c *Client) GetCustomerByEmail(ctx context.Context, email string) (*Customer, error) {
	return c.lookup(ctx, "/Customer/Email", map[string]string{"Email": email})
}

// GetCustomerByMobile reads a customer by mobile number (the POST form of
// /Customer/MobilePhone).
func (c *Client) GetCustomerByMobile(ctx context.Context, mobile string) (*Customer, error) {
	return c.lookup(ctx, "/Customer/MobilePhone", map[string]string{"MobilePhone": mobile})
}

func (c *Client) lookup(ctx context.Context, path string, body map[string]string) (*Customer, error) {
	var out Customer
	if err := c.do(ctx, request{method: http.MethodPost, path: path, body: body, idempotent: true}, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		// Some tenants answer 200 with an empty record for an unknown key.
		return nil, &APIError{Method: http.MethodPost, Path: path, StatusCode: http.StatusNotFound, Message: "customer not found"}
	}
	return &out, nil
}

// UpdateCustomerByID updates the customer in.ID (PUT /Customer/ByID).
func (c *Client) UpdateCustomerByID(ctx context.Context, in CustomerUpdate) error {
	if in.ID == "" {
		return errors.New("updating a customer by ID needs the ID")
	}
	return c.do(ctx, request{method: http.MethodPut, path: "/Customer/ByID", body: in, idempotent: true}, nil)
}

// DeleteCustomerByCode deletes a customer (DELETE /Customer/DeleteByCode).
func (c *Client) DeleteCustomerByCode(ctx context.Context, code string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: "/Customer/DeleteByCode", body: map[string]string{"Code": code}, idempotent: true}, nil)
}

// ListCustomers reads one page of customers (POST /Customer/p). The server
// may cap PageSize below what was asked.
func (c *Client) ListCustomers(ctx context.Context, in ListCustomersRequest) ([]CustomerListItem, error) {
	var out []CustomerListItem
	if err := c.do(ctx, request{method: http.MethodPost, path: "/Customer/p", body: in, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListCustomersWithTotalCount reads one page and the total number of matching
// customers (POST /Customer/WithTotalCount). It filters by join date only.
func (c *Client) ListCustomersWithTotalCount(ctx context.Context, in ListCustomersRequest) (*CustomerPage, error) {
	in.Name, in.Outlet = "", ""
	var out CustomerPage
	if err := c.do(ctx, request{method: http.MethodPost, path: "/Customer/WithTotalCount", body: in, idempotent: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ErrNoCodeGenerator is returned by NewCustomerCode when the tenant does not
// use the customer code generator.
var ErrNoCodeGenerator = errors.New("the DealPOS tenant does not use the Customer Code Generator, so it has no next customer code")

// NewCustomerCode returns the next code the tenant's customer code generator
// would assign (GET /Customer/NewCode). The reference does not pin the answer
// down, so a {"Message": ...} object, a bare JSON string and an object with
// a code field are all accepted.
func (c *Client) NewCustomerCode(ctx context.Context) (string, error) {
	var raw json.RawMessage
	err := c.do(ctx, request{method: http.MethodGet, path: "/Customer/NewCode", idempotent: true}, &raw)
	if err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(apiErr.Message), "generator") {
			return "", fmt.Errorf("%w: %s", ErrNoCodeGenerator, apiErr.Message)
		}
		return "", err
	}
	code, ok := parseNewCode(raw)
	if !ok {
		answer := truncate(redactString(string(raw), c.masked()), 300)
		return "", fmt.Errorf("%w: the answer of GET /Customer/NewCode carries no code: %s", ErrNoCodeGenerator, answer)
	}
	return code, nil
}

func parseNewCode(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s = strings.TrimSpace(s); s != "" {
			return s, true
		}
	}
	var obj map[string]any
	if json.Unmarshal(raw, &obj) == nil {
		for _, key := range []string{"Code", "code", "NewCode", "newCode", "CustomerCode", "Message", "message"} {
			if v, ok := obj[key].(string); ok && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v), true
			}
		}
	}
	return "", false
}

// GetCustomerPIN reads a customer's redemption PIN (GET /Customer/PIN?ID=).
func (c *Client) GetCustomerPIN(ctx context.Context, id string) (string, error) {
	var out struct {
		PIN string `json:"PIN"`
	}
	err := c.do(ctx, request{method: http.MethodGet, path: "/Customer/PIN", query: url.Values{"ID": {id}}, idempotent: true}, &out)
	if err != nil {
		return "", err
	}
	return out.PIN, nil
}

// SetCustomerPIN sets a customer's redemption PIN (PUT /Customer/PIN).
func (c *Client) SetCustomerPIN(ctx context.Context, id, pin string) error {
	body := struct {
		ID  string `json:"ID"`
		PIN string `json:"PIN"`
	}{id, pin}
	return c.do(ctx, request{method: http.MethodPut, path: "/Customer/PIN", body: body, idempotent: true, secrets: []string{pin}}, nil)
}
