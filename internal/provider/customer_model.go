package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// customerFields are the attributes a read of a customer yields. The
// dealpos_customer resource and data source share them, and this file holds
// the one mapping between them and the API.
type customerFields struct {
	ID           types.String `tfsdk:"id"`
	Code         types.String `tfsdk:"code"`
	Name         types.String `tfsdk:"name"`
	Email        types.String `tfsdk:"email"`
	Mobile       types.String `tfsdk:"mobile"`
	Status       types.String `tfsdk:"status"`
	FirstName    types.String `tfsdk:"first_name"`
	LastName     types.String `tfsdk:"last_name"`
	Phone        types.String `tfsdk:"phone"`
	Address      types.String `tfsdk:"address"`
	Group        types.String `tfsdk:"group"`
	ImageURL     types.String `tfsdk:"image_url"`
	Gender       types.String `tfsdk:"gender"`
	BirthDate    types.String `tfsdk:"birth_date"`
	ExpiredGroup types.String `tfsdk:"expired_group"`
	LoyaltyPoint types.Int64  `tfsdk:"loyalty_point"`
	SignupOutlet types.String `tfsdk:"signup_outlet"`
	JoinDate     types.String `tfsdk:"join_date"`
	ReferredByID types.String `tfsdk:"referred_by_id"`
}

// customerExtras are the read-only values of a customer that only the
// dealpos_customer data source exposes: the API cannot write them, and every
// attribute a resource carries costs the plugin framework work on every
// call for every instance.
type customerExtras struct {
	Title          types.String `tfsdk:"title"`
	City           types.String `tfsdk:"city"`
	Nationality    types.String `tfsdk:"nationality"`
	Fax            types.String `tfsdk:"fax"`
	Identification types.String `tfsdk:"identification"`
}

func (e *customerExtras) setFromAPI(c *dealpos.Customer) {
	e.Title = optional(c.Title)
	e.City = optional(c.City)
	e.Nationality = optional(c.Nationality)
	e.Fax = optional(c.Fax)
	e.Identification = optional(c.Identification)
}

// optional maps the API's "" for unset to null.
func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// setFromAPI copies a read answer into the fields. An email that differs
// from the known one only in case keeps the known spelling: the API treats
// email addresses case-insensitively and may answer in another case.
func (f *customerFields) setFromAPI(c *dealpos.Customer) {
	f.ID = types.StringValue(c.ID)
	f.Code = types.StringValue(c.Code)
	f.Name = types.StringValue(c.Name)
	f.Email = mergeEmail(f.Email, c.Email)
	f.Mobile = types.StringValue(c.MobilePhone)
	f.Status = optional(c.Status)
	f.FirstName = optional(c.FirstName)
	f.LastName = optional(c.LastName)
	f.Phone = optional(c.Phone)
	f.Address = optional(c.Address)
	f.Group = optional(c.Group)
	f.ImageURL = optional(c.ImageURL)
	f.Gender = optional(string(c.Gender))
	f.BirthDate = optional(string(c.Birthday))
	f.ExpiredGroup = optional(string(c.ExpiredGroup))
	f.LoyaltyPoint = types.Int64Value(c.LoyaltyPoint)
	f.SignupOutlet = optional(c.SignUpOutlet)
	f.JoinDate = optional(string(c.JoinDate))
	f.ReferredByID = optional(c.ReferredBy)
}

// mergeEmail keeps the known spelling of an email the API answers in
// another case: DealPOS compares email addresses case-insensitively.
func mergeEmail(current types.String, answered string) types.String {
	if !current.IsNull() && !current.IsUnknown() && strings.EqualFold(current.ValueString(), answered) {
		return current
	}
	return types.StringValue(answered)
}

// known tells whether a planned value was written (or defaulted) rather than
// left for the provider to compute.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
},
) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// nullUnknowns replaces the values left for the provider to compute with
// null, for a state saved before they could be read.
func (f *customerFields) nullUnknowns() {
	for _, v := range []*types.String{&f.ID, &f.Code, &f.Name, &f.Email, &f.Mobile, &f.Status, &f.FirstName, &f.LastName,
		&f.Phone, &f.Address, &f.Group, &f.ImageURL, &f.Gender, &f.BirthDate, &f.ExpiredGroup, &f.SignupOutlet,
		&f.JoinDate, &f.ReferredByID} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if f.LoyaltyPoint.IsUnknown() {
		f.LoyaltyPoint = types.Int64Null()
	}
}

// createRequest builds the create body from a plan. Unset values are left
// out of the JSON, and Gender takes the create endpoint's boolean form.
func (f customerFields) createRequest(referralCode types.String) dealpos.CustomerCreate {
	in := dealpos.CustomerCreate{
		Code:         f.Code.ValueString(),
		Name:         f.Name.ValueString(),
		Email:        f.Email.ValueString(),
		Mobile:       f.Mobile.ValueString(),
		Status:       f.Status.ValueString(),
		FirstName:    f.FirstName.ValueString(),
		LastName:     f.LastName.ValueString(),
		Phone:        f.Phone.ValueString(),
		Address:      f.Address.ValueString(),
		Group:        f.Group.ValueString(),
		ImageURL:     f.ImageURL.ValueString(),
		Birthdate:    dealpos.Date(f.BirthDate.ValueString()),
		ExpiredGroup: dealpos.Date(f.ExpiredGroup.ValueString()),
		SignUpOutlet: f.SignupOutlet.ValueString(),
		ReferralCode: referralCode.ValueString(),
	}
	if known(f.Gender) {
		in.Gender = dealpos.GenderBool(f.Gender.ValueString())
	}
	if known(f.LoyaltyPoint) {
		lp := f.LoyaltyPoint.ValueInt64()
		in.LoyaltyPoint = &lp
	}
	return in
}

// updateRequest builds the PUT /Customer/ByID body. Text attributes are always
// sent, "" for an attribute removed from the configuration so the server
// clears it. Gender, dates and loyalty points are sent only when configured:
// the API cannot clear them, and when unconfigured they belong to the server.
func (f customerFields) updateRequest(config customerFields) dealpos.CustomerUpdate {
	text := func(v types.String) *string {
		s := v.ValueString()
		return &s
	}
	in := dealpos.CustomerUpdate{
		ID:        f.ID.ValueString(),
		Code:      text(f.Code),
		Name:      text(f.Name),
		Email:     text(f.Email),
		Mobile:    text(f.Mobile),
		Status:    text(f.Status),
		FirstName: text(f.FirstName),
		LastName:  text(f.LastName),
		Phone:     text(f.Phone),
		Address:   text(f.Address),
		Group:     text(f.Group),
		ImageURL:  text(f.ImageURL),
	}
	if known(config.Gender) {
		in.Gender = text(config.Gender)
	}
	if known(config.BirthDate) {
		d := dealpos.Date(config.BirthDate.ValueString())
		in.Birthdate = &d
	}
	if known(config.ExpiredGroup) {
		d := dealpos.Date(config.ExpiredGroup.ValueString())
		in.ExpiredGroup = &d
	}
	if known(config.LoyaltyPoint) {
		lp := config.LoyaltyPoint.ValueInt64()
		in.LoyaltyPoint = &lp
	}
	return in
}

// Lookup keys for import and for the dealpos_customer data source.
const (
	keyID     = "id"
	keyCode   = "code"
	keyEmail  = "email"
	keyMobile = "mobile"
)

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// parseImportID reads "id:X", "code:X", "email:X", "mobile:X", or a bare
// value: one with an @ is an email, a GUID is an ID, anything else a code.
func parseImportID(raw string) (key, value string, err error) {
	raw = strings.TrimSpace(raw)
	if k, v, ok := strings.Cut(raw, ":"); ok {
		switch k = strings.ToLower(strings.TrimSpace(k)); k {
		case keyID, keyCode, keyEmail, keyMobile:
			if v = strings.TrimSpace(v); v == "" {
				return "", "", fmt.Errorf("the import ID %q names the key %q but no value", raw, k)
			}
			return k, v, nil
		}
	}
	switch {
	case raw == "":
		return "", "", fmt.Errorf("the import ID is empty; use a customer ID, code, email, or id:X, code:X, email:X, mobile:X")
	case strings.Contains(raw, "@"):
		return keyEmail, raw, nil
	case guidPattern.MatchString(raw):
		return keyID, raw, nil
	default:
		return keyCode, raw, nil
	}
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

// customerDescriptions describe the customer attributes, for the resource and
// the data source alike (the extras for the data source only).
var customerDescriptions = map[string]string{
	"id":             "Customer ID (a GUID) assigned by DealPOS.",
	"code":           "Customer code, unique in the tenant.",
	"name":           "Display name.",
	"email":          "Email address, unique in the tenant. Compared case-insensitively.",
	"mobile":         "Mobile phone number, unique in the tenant.",
	"status":         "Activation status: `Active`, `WaitingForApproval` or `Suspended`.",
	"first_name":     "First name.",
	"last_name":      "Last name.",
	"phone":          "Phone number (besides `mobile`).",
	"address":        "Postal address.",
	"group":          "Customer group, e.g. `Gold`.",
	"image_url":      "URL of the customer's photo.",
	"gender":         "`Male` or `Female`.",
	"birth_date":     "Birth date, `YYYY-MM-DD`.",
	"expired_group":  "Date the customer's group membership expires, `YYYY-MM-DD`.",
	"loyalty_point":  "Loyalty points.",
	"signup_outlet":  "Name of the outlet the customer signed up at.",
	"join_date":      "Date the customer joined, `YYYY-MM-DD`, set by DealPOS.",
	"referred_by_id": "ID of the customer who referred this one.",
	"title":          "Title, e.g. `Mr.` (read only in the API).",
	"city":           "City (read only in the API).",
	"nationality":    "Nationality (read only in the API).",
	"fax":            "Fax number (read only in the API).",
	"identification": "Identification number (read only in the API).",
}

// customerFilter is the filter of the dealpos_customers data source and the
// dealpos_customer list resource, mapped to the list endpoint's Name,
// Outlet, From and To.
type customerFilter struct {
	Name     types.String `tfsdk:"name"`
	Outlet   types.String `tfsdk:"outlet"`
	JoinFrom types.String `tfsdk:"join_from"`
	JoinTo   types.String `tfsdk:"join_to"`
}

func (f customerFilter) api() dealpos.CustomerFilter {
	return dealpos.CustomerFilter{
		Name:   f.Name.ValueString(),
		Outlet: f.Outlet.ValueString(),
		From:   f.JoinFrom.ValueString(),
		To:     f.JoinTo.ValueString(),
	}
}

// customerFilterAttributes describes the filter attributes and their
// validators, for either schema package.
var customerFilterAttributes = []struct {
	name, description string
	validators        []validator.String
}{
	{"name", "Only customers whose name matches, as the API's `Name` filter does.", []validator.String{notBlankValidator{}}},
	{"outlet", "Only customers of this outlet (the API's `Outlet` filter).", []validator.String{notBlankValidator{}}},
	{"join_from", "Only customers who joined on or after this date, `YYYY-MM-DD`.", []validator.String{dateValidator{}}},
	{"join_to", "Only customers who joined on or before this date, `YYYY-MM-DD`.", []validator.String{dateValidator{}}},
}
