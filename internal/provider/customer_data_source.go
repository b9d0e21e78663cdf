package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

var (
	_ datasource.DataSource                     = &customerDataSource{}
	_ datasource.DataSourceWithConfigure        = &customerDataSource{}
	_ datasource.DataSourceWithConfigValidators = &customerDataSource{}
)

// NewCustomerDataSource is the dealpos_customer data source constructor.
func NewCustomerDataSource() datasource.DataSource {
	return &customerDataSource{}
}

type customerDataSource struct {
	data *providerData
}

// customerDataSourceModel is the dealpos_customer data source: the
// resource's attributes and the read-only extras.
type customerDataSourceModel struct {
	customerFields
	customerExtras
}

// customerLookupKeys are the attributes of which exactly one selects the customer.
var customerLookupKeys = []string{keyID, keyCode, keyEmail, keyMobile}

func (d *customerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer"
}

func (d *customerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	lookup := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Exactly one of `id`, `code`, `email` and `mobile` selects the customer.",
			Optional:            true,
			Computed:            true,
		}
	}
	attrs := map[string]schema.Attribute{
		keyID:            lookup(customerDescriptions.ID),
		keyCode:          lookup(customerDescriptions.Code),
		keyEmail:         lookup(customerDescriptions.Email),
		keyMobile:        lookup(customerDescriptions.Mobile),
		"name":           computed(customerDescriptions.Name),
		"status":         computed(customerDescriptions.Status),
		"first_name":     computed(customerDescriptions.FirstName),
		"last_name":      computed(customerDescriptions.LastName),
		"phone":          computed(customerDescriptions.Phone),
		"address":        computed(customerDescriptions.Address),
		"group":          computed(customerDescriptions.Group),
		"image_url":      computed(customerDescriptions.ImageURL),
		"gender":         computed(customerDescriptions.Gender),
		"birth_date":     computed(customerDescriptions.BirthDate),
		"expired_group":  computed(customerDescriptions.ExpiredGroup),
		"loyalty_point":  schema.Int64Attribute{MarkdownDescription: customerDescriptions.LoyaltyPoint, Computed: true},
		"signup_outlet":  computed(customerDescriptions.SignupOutlet),
		"join_date":      computed(customerDescriptions.JoinDate),
		"referred_by_id": computed(customerDescriptions.ReferredByID),
		"title":          computed(customerDescriptions.Title),
		"city":           computed(customerDescriptions.City),
		"nationality":    computed(customerDescriptions.Nationality),
		"fax":            computed(customerDescriptions.Fax),
		"identification": computed(customerDescriptions.Identification),
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one DealPOS customer by ID, code, email or mobile number, with the same attributes as the `dealpos_customer` resource.",
		Attributes:          attrs,
	}
}

func (d *customerDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{exactlyOneKey(customerLookupKeys...)}
}

func (d *customerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

func (d *customerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customerDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	client := d.data.clientOrError(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	key, value := selectedKey(lookupKey{keyID, cfg.ID}, lookupKey{keyCode, cfg.Code}, lookupKey{keyEmail, cfg.Email}, lookupKey{keyMobile, cfg.Mobile})
	customer, err := lookupCustomer(ctx, client, key, value)
	if err != nil {
		addLookupError(&resp.Diagnostics, true, "customer", key, value, err)
		return
	}
	cfg.customerFields.setFromAPI(customer)
	cfg.customerExtras.setFromAPI(customer)
	// The lookup value stays as written (the API may answer it in another case).
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(key), value)...)
}
