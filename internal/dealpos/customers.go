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
// The create is not idempotent: createOrAdopt runs it, looking the customer
// up by code and then by email when the outcome is unknown, and adopting it
// when its code and email are the ones sent (compared without regard to
// case: they identify the create, while a server may trim or reformat the
// name and mobile). A failing create costs at most four requests: the POST,
// the lookups by code and email, one re-send.
func (c *Client) CreateCustomer(ctx context.Context, in CustomerCreate) (string, error) {
	return createOrAdopt(ctx, c, creation[string]{
		what:   "customer " + in.Code,
		create: func(ctx context.Context) (string, error) { return c.createOnce(ctx, in) },
		lookups: []func(context.Context) (string, bool, error){
			c.createdCustomer(in, "/Customer/Code", map[string]string{"Code": in.Code}),
			c.createdCustomer(in, "/Customer/Email", map[string]string{"Email": in.Email}),
		},
	})
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

// createdCustomer is a lookup for createOrAdopt: the customer under one key
// (POST path with body), taken only when its code and email are the ones
// sent, without regard to case.
func (c *Client) createdCustomer(in CustomerCreate, path string, body map[string]string) func(context.Context) (string, bool, error) {
	return func(ctx context.Context) (string, bool, error) {
		found, err := c.lookup(ctx, path, body)
		if err != nil {
			return notThere("", err)
		}
		return found.ID, strings.EqualFold(found.Code, in.Code) && strings.EqualFold(found.Email, in.Email), nil
	}
}

// GetCustomer reads a customer by ID (GET /Customer/id/{id}). An answer
// without a record (null, {}, no ID) is a not-found, and one about another
// customer is an error: neither may reach the state.
func (c *Client) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	r := request{method: http.MethodGet, path: "/Customer/id/" + url.PathEscape(id), idempotent: true}
	var out *Customer
	if err := c.do(ctx, r, &out); err != nil {
		return nil, err
	}
	if out == nil || strings.TrimSpace(out.ID) == "" {
		tflog.Warn(ctx, "DealPOS answered a customer read with no record; taking the customer as not found", map[string]any{"id": id})
		return nil, c.confirmNotFound(ctx, &APIError{Method: r.method, Path: r.path, StatusCode: http.StatusNotFound, Message: "the answer holds no customer record"})
	}
	if !strings.EqualFold(out.ID, id) {
		return nil, fmt.Errorf("DealPOS API %s %s answered the record of another customer (ID %s); refusing to use it", r.method, r.path, out.ID)
	}
	return out, nil
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
		return nil, c.confirmNotFound(ctx, &APIError{Method: http.MethodPost, Path: path, StatusCode: http.StatusNotFound, Message: "customer not found"})
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

// UpdateCustomerWhole updates the customer in.ID (PUT /Customer/ByID) with
// a body that carries every field the endpoint takes: those in sets, and for
// each one left nil the customer's current value, read (GET
// /Customer/id/{id}) just before the write. The reference does not say
// whether an update keeps the fields it omits or replaces the record and
// clears them; a whole body ends the same either way, for two requests.
// A value that changes in DealPOS between the read and the write (loyalty
// points earned at a till) is overwritten with the one read.
func (c *Client) UpdateCustomerWhole(ctx context.Context, in CustomerUpdate) error {
	if in.ID == "" {
		return errors.New("updating a customer by ID needs the ID")
	}
	current, err := c.GetCustomer(ctx, in.ID)
	if err != nil {
		return fmt.Errorf("reading the customer's current values before updating it: %w", err)
	}
	in.keepCurrent(current)
	return c.UpdateCustomerByID(ctx, in)
}

// DeleteCustomerByCode deletes a customer (DELETE /Customer/DeleteByCode).
func (c *Client) DeleteCustomerByCode(ctx context.Context, code string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: "/Customer/DeleteByCode", body: map[string]string{"Code": code}, idempotent: true}, nil)
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

// MergeCustomers folds the customers deleted into target (PUT
// /Customer/Merge): DealPOS deletes them once their history is moved. It is
// not repeated after an unknown outcome: a second merge of customers already
// gone fails, so the caller checks what happened instead.
func (c *Client) MergeCustomers(ctx context.Context, target string, deleted []string) error {
	body := struct {
		MergeTarget string   `json:"mergeTarget"`
		Deleted     []string `json:"deleted"`
	}{target, deleted}
	return c.do(ctx, request{method: http.MethodPut, path: "/Customer/Merge", body: body}, nil)
}

// VerifyCustomerEmail sets whether the customer with this email has it
// verified (PUT /Customer/VerifyEmail).
func (c *Client) VerifyCustomerEmail(ctx context.Context, email string, verified bool) error {
	body := struct {
		Email         string `json:"Email"`
		EmailVerified bool   `json:"EmailVerified"`
	}{email, verified}
	return c.do(ctx, request{method: http.MethodPut, path: "/Customer/VerifyEmail", body: body, idempotent: true}, nil)
}

// VerifyCustomerMobile sets whether the customer with this mobile number
// has it verified (PUT /Customer/VerifyMobile).
func (c *Client) VerifyCustomerMobile(ctx context.Context, mobile string, verified bool) error {
	body := struct {
		Mobile         string `json:"Mobile"`
		MobileVerified bool   `json:"MobileVerified"`
	}{mobile, verified}
	return c.do(ctx, request{method: http.MethodPut, path: "/Customer/VerifyMobile", body: body, idempotent: true}, nil)
}
