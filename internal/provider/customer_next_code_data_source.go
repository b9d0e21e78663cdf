package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

var (
	_ datasource.DataSource              = &customerNextCodeDataSource{}
	_ datasource.DataSourceWithConfigure = &customerNextCodeDataSource{}
)

// NewCustomerNextCodeDataSource is the dealpos_customer_next_code data source constructor.
func NewCustomerNextCodeDataSource() datasource.DataSource {
	return &customerNextCodeDataSource{}
}

type customerNextCodeDataSource struct {
	data *providerData
}

type customerNextCodeModel struct {
	Code types.String `tfsdk:"code"`
}

func (d *customerNextCodeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_next_code"
}

func (d *customerNextCodeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The next customer code the tenant's Customer Code Generator would assign (`GET /Customer/NewCode`), e.g. `MM-004` after `MM-003`. " +
			"Works only on tenants that use the generator. The code is not reserved: two applies reading it at once get the same code.",
		Attributes: map[string]schema.Attribute{
			"code": schema.StringAttribute{MarkdownDescription: "The next customer code.", Computed: true},
		},
	}
}

func (d *customerNextCodeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := clientFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

func (d *customerNextCodeDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.data.clientOrError(&resp.Diagnostics)
	if client == nil {
		return
	}
	code, err := client.NewCustomerCode(ctx)
	if errors.Is(err, dealpos.ErrNoCodeGenerator) {
		resp.Diagnostics.AddError("No customer code generator on this DealPOS tenant",
			err.Error()+". Enable the Customer Code Generator in DealPOS, or choose customer codes yourself.")
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the next DealPOS customer code", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &customerNextCodeModel{Code: types.StringValue(code)})...)
}
