// Package provider implements the DealPOS Terraform provider on
// terraform-plugin-framework. It knows Terraform; everything about HTTP and
// the API's wire formats lives in package dealpos.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	envBaseURL           = "DEALPOS_BASE_URL"
	envSubdomain         = "DEALPOS_SUBDOMAIN"
	envToken             = "DEALPOS_TOKEN"
	envClientID          = "DEALPOS_CLIENT_ID"
	envClientSecret      = "DEALPOS_CLIENT_SECRET"
	envRequestTimeout    = "DEALPOS_REQUEST_TIMEOUT"
	envMaxRetries        = "DEALPOS_MAX_RETRIES"
	envRequestsPerWindow = "DEALPOS_REQUESTS_PER_WINDOW"
	envWindowSeconds     = "DEALPOS_WINDOW_SECONDS"
	envMaxAPICapacity    = "DEALPOS_MAX_API_CAPACITY"
	envBulkRefresh       = "DEALPOS_BULK_REFRESH"
	envSkipReadBack      = "DEALPOS_SKIP_CREATE_READ_BACK"
)

// Ranges of the whole-number settings, checked the same way whether a value
// comes from the provider block or from the environment.
var (
	maxRetriesRange     = intRange{min: 0, max: 100}
	quotaRange          = intRange{min: 1} // requests_per_window, window_seconds
	maxAPICapacityRange = intRange{min: 1, max: 100}
)

var (
	_ provider.Provider                       = &dealposProvider{}
	_ provider.ProviderWithEphemeralResources = &dealposProvider{}
	_ provider.ProviderWithListResources      = &dealposProvider{}
	_ provider.ProviderWithActions            = &dealposProvider{}
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
	MaxAPICapacity types.Int64  `tfsdk:"max_api_capacity"`
	BulkRefresh    types.Bool   `tfsdk:"bulk_refresh"`
	SkipReadBack   types.Bool   `tfsdk:"skip_create_read_back"`
}

// providerData is what every resource and data source receives: one client
// per provider instance, shared by all of them.
type providerData struct {
	client *dealpos.Client
	// bulk is set when bulk_refresh is on.
	bulk *bulkRefresh
	// skipCreateReadBack is skip_create_read_back: creates of customers,
	// products and categories send one request and read nothing back.
	skipCreateReadBack bool
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
		MarkdownDescription: "Manages the customers and the catalog (categories, products with their variants, outlet prices) of a [DealPOS](https://www.dealpos.com) tenant through the DealPOS API v3.",
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
				MarkdownDescription: "Time limit of one HTTP attempt, as a Go duration such as `30s` or `2m`. Defaults to `30s`. Environment variable: `" + envRequestTimeout + "`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times one request is retried after a quota refusal (429), a 502/503/504 answer or a transport error. Only requests that are safe to repeat are retried after an error that leaves the outcome unknown. Defaults to `%d`; `0` disables retries. Environment variable: `%s`.", dealpos.DefaultMaxRetries, envMaxRetries),
				Optional:            true,
				Validators:          []validator.Int64{intRangeValidator{maxRetriesRange}},
			},
			"requests_per_window": schema.Int64Attribute{
				MarkdownDescription: "The tenant's API quota: requests allowed per window (DealPOS documents 50 per 180 seconds; more can be bought). " +
					"Unset, the provider learns the quota from the `RateLimit-Limit` and `RateLimit-Policy` headers of the first answers. " +
					"Requires `window_seconds`: the two come together, both from the provider block or both from the environment. Environment variable: `" + envRequestsPerWindow + "`.",
				Optional:   true,
				Validators: []validator.Int64{intRangeValidator{quotaRange}, int64validator.AlsoRequires(path.MatchRoot("window_seconds"))},
			},
			"max_api_capacity": schema.Int64Attribute{
				MarkdownDescription: "Percentage of the tenant's API quota the provider may use, from 1 to 100, leaving the rest of each window to the tills and the other integrations that share the quota. " +
					"It applies to the quota learned from the `RateLimit-*` headers or set by `requests_per_window`: of a quota of L requests per window, the provider's share is " +
					"L × `max_api_capacity` / 100 requests, rounded down and at least 1, and it sends a request only while the window's count is under that share. " +
					"For example, at the documented 50 requests per 180 seconds, `40` gives the provider 20 requests per window (one every 9 seconds on average instead of 3.6) and leaves 30 to the others; " +
					"10 per window at `50` gives it 5. As with Okta's provider, the count includes the other clients' requests that the API's `RateLimit-Remaining` header reports, " +
					"so while they have spent the share the provider waits for the next window; to learn that, the first request of each Terraform command goes out alone. " +
					"Defaults to `100` (the whole quota). Environment variable: `" + envMaxAPICapacity + "`.",
				Optional:   true,
				Validators: []validator.Int64{intRangeValidator{maxAPICapacityRange}},
			},
			"bulk_refresh": schema.BoolAttribute{
				MarkdownDescription: "Refresh records from the API's lists, each fetched once per provider process and shared, instead of one request per record: " +
					"`dealpos_customer` from the paged customer list, `dealpos_category` from the category list, `dealpos_product` from the paged product list, " +
					"and `dealpos_outlet_price` from the outlet prices of the listed products, 100 products per request. " +
					"A plan over 1,000 customers then costs about 10 requests instead of 1,000, and one over 1,000 products with an outlet price each about 20 instead of 2,000. " +
					"The customer list carries only existence, name, code, mobile, email, birth date and join date, and the category list no code, so only those are checked for drift in this mode; " +
					"each resource's page says what a bulk refresh sees. A record a list lacks, or answers without everything its own read does, is read on its own, so a list never says a record is gone. " +
					"The whole tenant is listed, so it pays off when Terraform manages a good part of it, " +
					"and is slower than the default when the tenant is much larger than the managed set. Defaults to `false`. Environment variable: `" + envBulkRefresh + "` (`true` or `false`).",
				Optional: true,
			},
			"skip_create_read_back": schema.BoolAttribute{
				MarkdownDescription: "Create each `dealpos_customer`, `dealpos_product` and `dealpos_category` with one request, without reading the new record back: " +
					"seeding 1,000 customers then costs 1,000 requests instead of 2,000 (an hour instead of two at the documented 50 requests per 180 seconds). " +
					"After such a create the state holds what was planned, and what only DealPOS knows is null until a refresh reads it and is saved (the next `terraform apply` or `terraform refresh`): " +
					"a customer's `join_date` and `referred_by_id`, and its `gender`, `loyalty_point`, `signup_outlet`, `birth_date` and `expired_group` when left unset; " +
					"a product's `extra_image_urls` when left unset; a category's `code` when left unset. " +
					"These attributes are computed, so the refresh that fills them plans no change; with `bulk_refresh`, the first refresh of such a customer or category reads its whole record (one request). " +
					"Use it to seed a tenant. Leave it off when the same apply reads one of those values (a `join_date` or `referred_by_id` in an output or in another resource's argument): it would get null. " +
					"A product's image URL that DealPOS answers rewritten (a CDN copy) is recorded by that first refresh, so a change of the image made outside Terraform before it is not seen as drift. " +
					"Defaults to `false`. Environment variable: `" + envSkipReadBack + "` (`true` or `false`).",
				Optional: true,
			},
			"window_seconds": schema.Int64Attribute{
				MarkdownDescription: "Length of the quota window in seconds (DealPOS documents 180). Requires `requests_per_window`: the two come together, both from the provider block or both from the environment. Environment variable: `" + envWindowSeconds + "`.",
				Optional:            true,
				Validators:          []validator.Int64{intRangeValidator{quotaRange}, int64validator.AlsoRequires(path.MatchRoot("requests_per_window"))},
			},
		},
	}
}

// Each kind of setting is read by one function, which the attribute's
// validator (at validation) and clientConfig (at configure, for the value
// from the provider block or from the environment) share, so a value from an
// environment variable is checked the same way, and its error names the
// variable.

// origin is where a setting's value was written: an attribute of the
// provider block, or the environment variable read in its place.
type origin struct {
	attr path.Path
	env  string // set when the value comes from the environment
}

// source names where the value was written, for the logs.
func (o origin) source() string {
	if o.env != "" {
		return "environment variable " + o.env
	}
	return "provider block"
}

// words says where the value was written, for the client's errors.
func (o origin) words() string {
	if o.env != "" {
		return "the environment variable " + o.env
	}
	return "the provider block's " + o.attr.String() + " argument"
}

func (o origin) String() string {
	if o.env != "" {
		return o.env
	}
	return o.attr.String()
}

// addError reports a bad value at its attribute or, from the environment,
// at the provider as a whole (the block does not hold it).
func (o origin) addError(diags *diag.Diagnostics, summary, detail string) {
	if o.env != "" {
		diags.AddError(summary, detail)
		return
	}
	diags.AddAttributeError(o.attr, summary, detail)
}

// rawSetting is a setting's value as written, before it is read.
type rawSetting struct {
	from origin
	text string
	set  bool
}

// fromEnv tells a value taken from the environment.
func (r rawSetting) fromEnv() bool { return r.from.env != "" }

// raw takes the provider block's value of the attribute name, else the
// environment variable env (none when env is ""). An empty value is unset.
func raw(name string, v attr.Value, env string) rawSetting {
	at := path.Root(name)
	if !v.IsNull() && !v.IsUnknown() {
		var text string
		switch v := v.(type) {
		case types.String:
			text = v.ValueString()
		case types.Int64:
			text = strconv.FormatInt(v.ValueInt64(), 10)
		case types.Bool:
			text = strconv.FormatBool(v.ValueBool())
		default:
			text = v.String()
		}
		if text != "" {
			return rawSetting{from: origin{attr: at}, text: text, set: true}
		}
	}
	if env == "" {
		return rawSetting{from: origin{attr: at}}
	}
	if e := os.Getenv(env); e != "" {
		return rawSetting{from: origin{attr: at, env: env}, text: e, set: true}
	}
	return rawSetting{from: origin{attr: at}}
}

// durationSetting reads a duration setting such as request_timeout: a
// positive Go duration. It reports a bad value and returns 0.
func durationSetting(from origin, s string, diags *diag.Diagnostics) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		from.addError(diags, "Invalid duration",
			fmt.Sprintf("%s must be a positive duration such as 30s or 2m; got %q.", from, s))
		return 0
	}
	return d
}

// intRange is the range of a whole-number setting; max 0 means no upper bound.
type intRange struct{ min, max int64 }

func (r intRange) String() string {
	if r.max == 0 {
		return fmt.Sprintf("a whole number of at least %d", r.min)
	}
	return fmt.Sprintf("a whole number between %d and %d", r.min, r.max)
}

// intSetting reads a whole-number setting such as max_retries, written in
// decimal, within r. It reports a bad value and returns 0.
func intSetting(from origin, s string, r intRange, diags *diag.Diagnostics) int {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		from.addError(diags, "Invalid whole number", fmt.Sprintf("%s must be %s; got %q.", from, r, s))
		return 0
	}
	if n < r.min || (r.max != 0 && n > r.max) {
		from.addError(diags, "Invalid whole number", fmt.Sprintf("%s must be %s; got %d.", from, r, n))
		return 0
	}
	return int(n)
}

// boolSetting reads a boolean setting such as bulk_refresh: true or false
// (strconv.ParseBool's spellings: 1, t, TRUE, ...). It reports a bad value
// and returns false.
func boolSetting(from origin, s string, diags *diag.Diagnostics) bool {
	b, err := strconv.ParseBool(s)
	if err != nil {
		from.addError(diags, "Invalid boolean", fmt.Sprintf("%s must be true or false; got %q.", from, s))
		return false
	}
	return b
}

// bulkRefreshSetting resolves bulk_refresh: the provider block, else
// DEALPOS_BULK_REFRESH, else false.
func bulkRefreshSetting(cfg providerModel, diags *diag.Diagnostics) bool {
	r := raw("bulk_refresh", cfg.BulkRefresh, envBulkRefresh)
	return r.set && boolSetting(r.from, r.text, diags)
}

// skipCreateReadBackSetting resolves skip_create_read_back: the provider
// block, else DEALPOS_SKIP_CREATE_READ_BACK, else false.
func skipCreateReadBackSetting(cfg providerModel, diags *diag.Diagnostics) bool {
	r := raw("skip_create_read_back", cfg.SkipReadBack, envSkipReadBack)
	return r.set && boolSetting(r.from, r.text, diags)
}

func (p *dealposProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for name, v := range map[string]attr.Value{
		"base_url": cfg.BaseURL, "subdomain": cfg.Subdomain, "token": cfg.Token,
		"client_id": cfg.ClientID, "client_secret": cfg.ClientSecret, "request_timeout": cfg.RequestTimeout,
		"max_retries": cfg.MaxRetries, "requests_per_window": cfg.RequestsPerWin, "window_seconds": cfg.WindowSeconds,
		"max_api_capacity": cfg.MaxAPICapacity, "bulk_refresh": cfg.BulkRefresh,
		"skip_create_read_back": cfg.SkipReadBack,
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
	bulkRefresh := bulkRefreshSetting(cfg, &resp.Diagnostics)
	skipCreateReadBack := skipCreateReadBackSetting(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := dealpos.New(clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("Invalid DealPOS provider configuration", err.Error())
		return
	}
	data := &providerData{client: client, skipCreateReadBack: skipCreateReadBack}
	if bulkRefresh {
		data.bulk = newBulkRefresh(client)
	}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// clientConfig turns the provider block and the environment into a client
// configuration: arguments beat environment variables, and client
// credentials beat a static token.
func clientConfig(ctx context.Context, cfg providerModel, version string) (dealpos.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	baseURL := raw("base_url", cfg.BaseURL, envBaseURL)
	subdomain := raw("subdomain", cfg.Subdomain, envSubdomain)
	token := raw("token", cfg.Token, envToken)
	clientID := raw("client_id", cfg.ClientID, envClientID)
	clientSecret := raw("client_secret", cfg.ClientSecret, envClientSecret)

	if baseURL.text != "" && subdomain.text != "" {
		switch {
		case baseURL.fromEnv() == subdomain.fromEnv():
			diags.AddAttributeError(path.Root("base_url"), "Conflicting DealPOS endpoint",
				"Both base_url and subdomain are set ("+baseURL.from.source()+" and "+subdomain.from.source()+"). Set only one of them.")
		case baseURL.fromEnv():
			baseURL = rawSetting{}
		default:
			subdomain = rawSetting{}
		}
	}
	if baseURL.text == "" && subdomain.text == "" {
		diags.AddError("Missing DealPOS endpoint",
			"Set base_url or subdomain in the provider block, or the "+envBaseURL+" or "+envSubdomain+" environment variable.")
	}
	if (clientID.text == "") != (clientSecret.text == "") {
		missing, env := "client_secret", envClientSecret
		if clientID.text == "" {
			missing, env = "client_id", envClientID
		}
		diags.AddAttributeError(path.Root(missing), "Incomplete DealPOS client credentials",
			"OAuth2 client credentials need both client_id and client_secret; "+missing+" is missing. Set it in the provider block or the "+env+" environment variable.")
	}
	hasCredentials := clientID.text != "" && clientSecret.text != ""
	if !hasCredentials && token.text == "" && !diags.HasError() {
		diags.AddError("Missing DealPOS credentials",
			"Set token, or client_id and client_secret, in the provider block or through the "+envToken+", "+envClientID+" and "+envClientSecret+" environment variables.")
	}

	out := dealpos.Config{
		BaseURL:        baseURL.text,
		Subdomain:      subdomain.text,
		UserAgent:      "terraform-provider-dealpos/" + version,
		RequestTimeout: dealpos.DefaultRequestTimeout,
		MaxRetries:     dealpos.DefaultMaxRetries,
		MaxAPICapacity: 100,
	}
	if r := raw("request_timeout", cfg.RequestTimeout, envRequestTimeout); r.set {
		out.RequestTimeout = durationSetting(r.from, r.text, &diags)
	}
	if r := raw("max_retries", cfg.MaxRetries, envMaxRetries); r.set {
		out.MaxRetries = intSetting(r.from, r.text, maxRetriesRange, &diags)
	}
	if r := raw("max_api_capacity", cfg.MaxAPICapacity, envMaxAPICapacity); r.set {
		out.MaxAPICapacity = intSetting(r.from, r.text, maxAPICapacityRange, &diags)
	}
	// 0 for both: learn the quota from the RateLimit-* headers.
	out.RequestsPerWindow, out.Window = quotaSetting(cfg, &diags)
	if hasCredentials {
		out.ClientID, out.ClientSecret = clientID.text, clientSecret.text
		out.CredentialsFrom = clientID.from.words()
		if token.text != "" {
			tflog.Info(ctx, "Both a DealPOS token and client credentials are configured; using the client credentials, which can be renewed", map[string]any{
				"token_source": token.from.source(), "client_id_source": clientID.from.source(),
			})
		}
	} else {
		out.Token, out.CredentialsFrom = token.text, token.from.words()
	}
	return out, diags
}

// quotaSetting resolves requests_per_window and window_seconds, which come
// together: both from the provider block (its validators require the pair),
// else both from DEALPOS_REQUESTS_PER_WINDOW and DEALPOS_WINDOW_SECONDS, else
// neither (0, 0).
func quotaSetting(cfg providerModel, diags *diag.Diagnostics) (int, time.Duration) {
	perEnv, winEnv := envRequestsPerWindow, envWindowSeconds
	if known(cfg.RequestsPerWin) || known(cfg.WindowSeconds) {
		perEnv, winEnv = "", "" // the pair is taken from the block, never half from the environment
	}
	per := raw("requests_per_window", cfg.RequestsPerWin, perEnv)
	win := raw("window_seconds", cfg.WindowSeconds, winEnv)
	if per.set != win.set {
		have, missing := per.from, "window_seconds"
		if win.set {
			have, missing = win.from, "requests_per_window"
		}
		if have.env != "" {
			missing = map[string]string{"window_seconds": envWindowSeconds, "requests_per_window": envRequestsPerWindow}[missing]
		}
		have.addError(diags, "Incomplete DealPOS quota",
			fmt.Sprintf("requests_per_window and window_seconds go together, but only %s is set: set %s as well, "+
				"or neither to learn the quota from the API's RateLimit-* headers.", have, missing))
		return 0, 0
	}
	if !per.set {
		return 0, 0
	}
	n := intSetting(per.from, per.text, quotaRange, diags)
	secs := intSetting(win.from, win.text, quotaRange, diags)
	return n, time.Duration(secs) * time.Second
}

func (p *dealposProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewCustomerResource,
		NewCustomerPINResource,
		NewCategoryResource,
		NewProductResource,
		NewOutletPriceResource,
	}
}

func (p *dealposProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewCustomerDataSource,
		NewCustomersDataSource,
		NewCustomerNextCodeDataSource,
		NewCategoryDataSource,
		NewCategoriesDataSource,
		NewOutletsDataSource,
		NewProductDataSource,
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
		NewCategoryListResource,
		NewProductListResource,
	}
}

func (p *dealposProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		NewCustomerMergeAction,
		NewCustomerVerifyEmailAction,
		NewCustomerVerifyMobileAction,
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
