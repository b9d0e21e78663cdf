package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
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
	attrs := map[string]schema.Attribute{}
	for name, desc := range customerDescriptions {
		attrs[name] = schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	for _, key := range customerLookupKeys {
		attrs[key] = schema.StringAttribute{
			MarkdownDescription: customerDescriptions[key] + " Exactly one of `id`, `code`, `email` and `mobile` selects the customer.",
			Optional:            true,
			Computed:            true,
		}
	}
	attrs["loyalty_point"] = schema.Int64Attribute{MarkdownDescription: customerDescriptions["loyalty_point"], Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one DealPOS customer by ID, code, email or mobile number, with the same attributes as the `dealpos_customer` resource.",
		Attributes:          attrs,
	}
}

func (d *customerDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	paths := make([]path.Expression, 0, len(customerLookupKeys))
	for _, key := range customerLookupKeys {
		paths = append(paths, path.MatchRoot(key))
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(paths...)}
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
	key, value := "", ""
	given := map[string]types.String{keyID: cfg.ID, keyCode: cfg.Code, keyEmail: cfg.Email, keyMobile: cfg.Mobile}
	for _, k := range customerLookupKeys {
		if known(given[k]) {
			key, value = k, given[k].ValueString()
		}
	}
	customer, err := lookupCustomer(ctx, client, key, value)
	if dealpos.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root(key), "DealPOS customer not found", fmt.Sprintf("No customer has %s %q.", key, value))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Could not look up DealPOS customer by %s %q", key, value), err.Error())
		return
	}
	cfg.customerFields.setFromAPI(customer)
	cfg.customerExtras.setFromAPI(customer)
	// The lookup value stays as written (the API may answer it in another case).
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(key), value)...)
}
