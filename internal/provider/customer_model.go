package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// This file is the one place that maps a customer between the API's wire
// types (package dealpos) and Terraform values: the dealpos_customer
// resource, data sources, list resource, PIN resources and bulk refresh all
// call it. It also holds the descriptions their schemas share.

// customerFields are the attributes a read of a customer yields. The
// dealpos_customer resource and data source share them.
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

// defaultStatus is the status DealPOS gives a customer created without one.
const defaultStatus = "Active"

// statusOrDefault reads a status: a record answered without one has
// DealPOS's default, the value configuration that leaves status out means,
// so that adopting it (generated configuration leaves it out) plans no update.
func statusOrDefault(status string) string {
	if status == "" {
		return defaultStatus
	}
	return status
}

// setFromAPI copies a read answer into the fields. An email that differs
// from the known one only in case keeps the known spelling: the API treats
// email addresses case-insensitively and may answer in another case.
func (f *customerFields) setFromAPI(c *dealpos.Customer) {
	f.ID = types.StringValue(c.ID)
	f.Code = types.StringValue(c.Code)
	f.Name = types.StringValue(c.Name)
	f.Email = keepSpelling(f.Email, c.Email)
	f.Mobile = types.StringValue(c.MobilePhone)
	f.Status = types.StringValue(statusOrDefault(c.Status))
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

// attrs lists the attributes with their fields, for decodeAttrs and
// encodeAttrs (attrcodec.go).
func (f *customerFields) attrs() []modelAttr {
	return []modelAttr{
		{"id", &f.ID}, {"code", &f.Code}, {"name", &f.Name}, {"email", &f.Email}, {"mobile", &f.Mobile},
		{"status", &f.Status}, {"first_name", &f.FirstName}, {"last_name", &f.LastName}, {"phone", &f.Phone},
		{"address", &f.Address}, {"group", &f.Group}, {"image_url", &f.ImageURL}, {"gender", &f.Gender},
		{"birth_date", &f.BirthDate}, {"expired_group", &f.ExpiredGroup}, {"loyalty_point", &f.LoyaltyPoint},
		{"signup_outlet", &f.SignupOutlet}, {"join_date", &f.JoinDate}, {"referred_by_id", &f.ReferredByID},
	}
}

// nullUnknowns replaces the values left for the provider to compute with
// null, for a state saved before they could be read.
func (f *customerFields) nullUnknowns() {
	for _, a := range f.attrs() {
		switch v := a.ptr.(type) {
		case *types.String:
			if v.IsUnknown() {
				*v = types.StringNull()
			}
		case *types.Int64:
			if v.IsUnknown() {
				*v = types.Int64Null()
			}
		}
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
// clears it. Gender, dates and loyalty points are set only when configured:
// the API cannot clear them, and when unconfigured they belong to the server,
// so UpdateCustomerWhole sends the values DealPOS holds.
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

// customerSummaryModel is what the paged list endpoint tells of a customer:
// an item of the dealpos_customers data source, and what bulk refresh reads.
type customerSummaryModel struct {
	ID        types.String `tfsdk:"id"`
	Code      types.String `tfsdk:"code"`
	Name      types.String `tfsdk:"name"`
	Email     types.String `tfsdk:"email"`
	Mobile    types.String `tfsdk:"mobile"`
	BirthDate types.String `tfsdk:"birth_date"`
	JoinDate  types.String `tfsdk:"join_date"`
}

func newCustomerSummary(item dealpos.CustomerListItem) customerSummaryModel {
	return customerSummaryModel{
		ID:        types.StringValue(item.ID),
		Code:      types.StringValue(item.Code),
		Name:      types.StringValue(item.Name),
		Email:     optional(item.Email),
		Mobile:    optional(item.Mobile),
		BirthDate: optional(string(item.BirthDate)),
		JoinDate:  optional(string(item.JoinDate)),
	}
}

// mergeListItem refreshes what the list endpoint carries of a customer
// (name, code, mobile, email, birth date, join date) and leaves every other
// attribute as it is: the bulk refresh.
func (f *customerFields) mergeListItem(item dealpos.CustomerListItem) {
	listed := newCustomerSummary(item)
	f.Code, f.Name, f.Mobile = listed.Code, listed.Name, listed.Mobile
	f.Email = keepSpelling(f.Email, item.Email)
	// The list says nothing of a date it leaves empty: keep the known one.
	if !listed.BirthDate.IsNull() {
		f.BirthDate = listed.BirthDate
	}
	if !listed.JoinDate.IsNull() {
		f.JoinDate = listed.JoinDate
	}
}

// listedCustomerResource is the dealpos_customer resource object of a
// customer no configuration describes yet (the list resource's results):
// no referral code, no timeouts (noTimeouts, see nullTimeouts), the email as
// the API spells it.
func listedCustomerResource(c *dealpos.Customer, noTimeouts timeouts.Value) customerResourceModel {
	m := customerResourceModel{ReferralCode: types.StringNull(), Timeouts: noTimeouts}
	m.Email = types.StringNull()
	m.setFromAPI(c)
	return m
}

// pinFromAPI maps a customer's PIN as the API answers it ("" when none is
// set) to the pin attribute of the PIN resource and ephemeral resource.
func pinFromAPI(pin string) types.String {
	return optional(pin)
}

// customerDescriptions describe the customer attributes, for the resource and
// the data sources alike (the extras for the dealpos_customer data source
// only). One field per attribute, so a misspelt name does not compile.
var customerDescriptions = struct {
	ID, Code, Name, Email, Mobile, Status, FirstName, LastName, Phone, Address, Group, ImageURL, Gender,
	BirthDate, ExpiredGroup, LoyaltyPoint, SignupOutlet, JoinDate, ReferredByID string
	// Read-only extras.
	Title, City, Nationality, Fax, Identification string
}{
	ID:             "Customer ID (a GUID) assigned by DealPOS.",
	Code:           "Customer code, unique in the tenant.",
	Name:           "Display name.",
	Email:          "Email address, unique in the tenant. Compared case-insensitively.",
	Mobile:         "Mobile phone number, unique in the tenant.",
	Status:         "Activation status: `Active`, `WaitingForApproval` or `Suspended`.",
	FirstName:      "First name.",
	LastName:       "Last name.",
	Phone:          "Phone number (besides `mobile`).",
	Address:        "Postal address.",
	Group:          "Customer group, e.g. `Gold`.",
	ImageURL:       "URL of the customer's photo.",
	Gender:         "`Male` or `Female`.",
	BirthDate:      "Birth date, `YYYY-MM-DD`.",
	ExpiredGroup:   "Date the customer's group membership expires, `YYYY-MM-DD`.",
	LoyaltyPoint:   "Loyalty points.",
	SignupOutlet:   "Name of the outlet the customer signed up at.",
	JoinDate:       "Date the customer joined, `YYYY-MM-DD`, set by DealPOS.",
	ReferredByID:   "ID of the customer who referred this one.",
	Title:          "Title, e.g. `Mr.` (read only in the API).",
	City:           "City (read only in the API).",
	Nationality:    "Nationality (read only in the API).",
	Fax:            "Fax number (read only in the API).",
	Identification: "Identification number (read only in the API).",
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
