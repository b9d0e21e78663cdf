// Package provider implements the DealPOS Terraform provider on
// terraform-plugin-framework. It knows Terraform; everything about HTTP and
// the API's wire formats lives in package dealpos.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
)

// Environment variables read when the provider block leaves an argument out.
const (
	envBaseURL      = "DEALPOS_BASE_URL"
	envSubdomain    = "DEALPOS_SUBDOMAIN"
	envToken        = "DEALPOS_TOKEN"
	envClientID     = "DEALPOS_CLIENT_ID"
	envClientSecret = "DEALPOS_CLIENT_SECRET"
)

var (
	_ provider.Provider                       = &dealposProvider{}
	_ provider.ProviderWithEphemeralResources = &dealposProvider{}
	_ provider.ProviderWithListResources      = &dealposProvider{}
)

// dealposProvider is the provider implementation.
type dealposProvider struct {
	version string
}

// providerModel is the provider block.
type providerModel struct {
	BaseURL        types.String `tfsdk:"base_url"`
	Subdomain      types.String `tfsdk:"subdomain"`
	Token          types.String `tfsdk:"token"`
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestsPerWin types.Int64  `tfsdk:"requests_per_window"`
	WindowSeconds  types.Int64  `tfsdk:"window_seconds"`
	BulkRefresh    types.Bool   `tfsdk:"bulk_refresh"`
}

// providerData is what every resource and data source receives: one client
// per provider instance, shared by all of them.
type providerData struct {
	client *dealpos.Client
	// snapshot is set when bulk_refresh is on.
	snapshot *customerSnapshot
}

// New returns a constructor for the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &dealposProvider{version: version}
	}
}

func (p *dealposProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "dealpos"
	resp.Version = p.version
}

func (p *dealposProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages customers of a [DealPOS](https://www.dealpos.com) tenant through the DealPOS API v3.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "API root, e.g. `https://mystore.dealpos.net/api/v3` or the simulator's `http://127.0.0.1:8080/api/v3`. Plain `http://` is accepted for loopback hosts only. Conflicts with `subdomain`. Environment variable: `" + envBaseURL + "`.",
				Optional:            true,
			},
			"subdomain": schema.StringAttribute{
				MarkdownDescription: "Tenant subdomain: `mystore` means `https://mystore.dealpos.net/api/v3`; a value containing a dot is taken as the full host name. Used when `base_url` is not set. Environment variable: `" + envSubdomain + "`.",
				Optional:            true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "Static bearer token. When client credentials are also available they are used instead, since they can be renewed. Environment variable: `" + envToken + "`.",
				Optional:            true,
				Sensitive:           true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "OAuth2 client ID for the client-credentials flow (`POST /Token/OAuth2`). Requires `client_secret`. Environment variable: `" + envClientID + "`.",
				Optional:            true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "OAuth2 client secret. Requires `client_id`. Environment variable: `" + envClientSecret + "`.",
				Optional:            true,
				Sensitive:           true,
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Time limit of one HTTP attempt, as a Go duration such as `30s` or `2m`. Defaults to `30s`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times one request is retried after a quota refusal (429), a 502/503/504 answer or a transport error. Only requests that are safe to repeat are retried after an error that leaves the outcome unknown. Defaults to `%d`; `0` disables retries.", dealpos.DefaultMaxRetries),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 100)},
			},
			"requests_per_window": schema.Int64Attribute{
				MarkdownDescription: "The tenant's API quota: requests allowed per window (DealPOS documents 50 per 180 seconds; more can be bought). " +
					"Unset, the provider learns the quota from the `RateLimit-Limit` and `RateLimit-Policy` headers of the first answers. Requires `window_seconds`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1), int64validator.AlsoRequires(path.MatchRoot("window_seconds"))},
			},
			"bulk_refresh": schema.BoolAttribute{
				MarkdownDescription: "Refresh every `dealpos_customer` from the paged list endpoint, read once per Terraform run and shared by all of them, " +
					"instead of one `GET` per customer: a plan over 1,000 customers then costs about a dozen requests instead of 1,000. " +
					"The list carries only existence, name, code, mobile, email, birth date and join date, so in this mode only those are checked for drift; " +
					"changes made outside Terraform to any other attribute are not seen. The whole tenant is listed, so it pays off when Terraform manages a good part of it, " +
					"and is slower than the default when the tenant is much larger than the managed set. Defaults to `false`.",
				Optional: true,
			},
			"window_seconds": schema.Int64Attribute{
				MarkdownDescription: "Length of the quota window in seconds (DealPOS documents 180). Requires `requests_per_window`.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1), int64validator.AlsoRequires(path.MatchRoot("requests_per_window"))},
			},
		},
	}
}

// setting is one provider argument after the environment fallback.
type setting struct {
	value   string
	fromEnv bool
}

// resolve takes the configured value, else the environment variable.
func resolve(v types.String, env string) setting {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return setting{value: v.ValueString()}
	}
	if e := os.Getenv(env); e != "" {
		return setting{value: e, fromEnv: true}
	}
	return setting{}
}

func (p *dealposProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for name, v := range map[string]types.String{
		"base_url": cfg.BaseURL, "subdomain": cfg.Subdomain, "token": cfg.Token,
		"client_id": cfg.ClientID, "client_secret": cfg.ClientSecret, "request_timeout": cfg.RequestTimeout,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown DealPOS provider argument",
				fmt.Sprintf("The provider cannot connect while %q is only known after apply. Set it to a value known at plan time, or apply the resources it depends on first with -target.", name))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	clientCfg, diags := clientConfig(ctx, cfg, p.version)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := dealpos.New(clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("Invalid DealPOS provider configuration", err.Error())
		return
	}
	data := &providerData{client: client}
	if cfg.BulkRefresh.ValueBool() {
		data.snapshot = newCustomerSnapshot(client)
	}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
}

// clientConfig turns the provider block and the environment into a client
// configuration: arguments beat environment variables, and client
// credentials beat a static token.
func clientConfig(ctx context.Context, cfg providerModel, version string) (dealpos.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	baseURL := resolve(cfg.BaseURL, envBaseURL)
	subdomain := resolve(cfg.Subdomain, envSubdomain)
	token := resolve(cfg.Token, envToken)
	clientID := resolve(cfg.ClientID, envClientID)
	clientSecret := resolve(cfg.ClientSecret, envClientSecret)

	if baseURL.value != "" && subdomain.value != "" {
		switch {
		case baseURL.fromEnv == subdomain.fromEnv:
			diags.AddAttributeError(path.Root("base_url"), "Conflicting DealPOS endpoint",
				"Both base_url and subdomain are set ("+sourceOf(baseURL, envBaseURL)+" and "+sourceOf(subdomain, envSubdomain)+"). Set only one of them.")
		case baseURL.fromEnv:
			baseURL = setting{}
		default:
			subdomain = setting{}
		}
	}
	if baseURL.value == "" && subdomain.value == "" {
		diags.AddError("Missing DealPOS endpoint",
			"Set base_url or subdomain in the provider block, or the "+envBaseURL+" or "+envSubdomain+" environment variable.")
	}
	if (clientID.value == "") != (clientSecret.value == "") {
		missing, env := "client_secret", envClientSecret
		if clientID.value == "" {
			missing, env = "client_id", envClientID
		}
		diags.AddAttributeError(path.Root(missing), "Incomplete DealPOS client credentials",
			"OAuth2 client credentials need both client_id and client_secret; "+missing+" is missing. Set it in the provider block or the "+env+" environment variable.")
	}
	hasCredentials := clientID.value != "" && clientSecret.value != ""
	if !hasCredentials && token.value == "" && !diags.HasError() {
		diags.AddError("Missing DealPOS credentials",
			"Set token, or client_id and client_secret, in the provider block or through the "+envToken+", "+envClientID+" and "+envClientSecret+" environment variables.")
	}

	timeout := dealpos.DefaultRequestTimeout
	if s := cfg.RequestTimeout.ValueString(); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", "request_timeout must be a positive Go duration such as 30s.")
		}
		timeout = d
	}
	maxRetries := dealpos.DefaultMaxRetries
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		maxRetries = int(cfg.MaxRetries.ValueInt64())
	}

	out := dealpos.Config{
		BaseURL:           baseURL.value,
		Subdomain:         subdomain.value,
		UserAgent:         "terraform-provider-dealpos/" + version,
		RequestTimeout:    timeout,
		MaxRetries:        maxRetries,
		RequestsPerWindow: int(cfg.RequestsPerWin.ValueInt64()),
		Window:            time.Duration(cfg.WindowSeconds.ValueInt64()) * time.Second,
	}
	if hasCredentials {
		out.ClientID, out.ClientSecret = clientID.value, clientSecret.value
		if token.value != "" {
			tflog.Info(ctx, "Both a DealPOS token and client credentials are configured; using the client credentials, which can be renewed", map[string]any{
				"token_source": sourceOf(token, envToken), "client_id_source": sourceOf(clientID, envClientID),
			})
		}
	} else {
		out.Token = token.value
	}
	return out, diags
}

func sourceOf(s setting, env string) string {
	if s.fromEnv {
		return "environment variable " + env
	}
	return "provider block"
}

func (p *dealposProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewCustomerResource,
		NewCustomerPINResource,
	}
}

func (p *dealposProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewCustomerDataSource,
		NewCustomersDataSource,
		NewCustomerNextCodeDataSource,
	}
}

func (p *dealposProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewCustomerPINEphemeralResource,
	}
}

func (p *dealposProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewCustomerListResource,
	}
}

// clientFrom extracts the shared client from provider data, reporting a
// provider bug when the data is of the wrong type.
func clientFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil // not configured yet (validation or plan without a provider block)
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the DealPOS provider; please report it.", data))
		return nil
	}
	return pd
}

// clientOrError returns the shared client, or reports that the provider
// could not be configured (its own errors say why).
func (pd *providerData) clientOrError(diags *diag.Diagnostics) *dealpos.Client {
	if pd == nil {
		diags.AddError("DealPOS provider not configured", "The provider block could not be configured; see the errors above.")
		return nil
	}
	return pd.client
}
