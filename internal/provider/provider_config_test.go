package provider

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// clearDealposEnv empties every DEALPOS_* variable for the test.
func clearDealposEnv(t *testing.T) {
	for _, env := range []string{
		envBaseURL, envSubdomain, envToken, envClientID, envClientSecret,
		envRequestTimeout, envMaxRetries, envRequestsPerWindow, envWindowSeconds, envMaxAPICapacity, envBulkRefresh, envSkipReadBack,
	} {
		t.Setenv(env, "")
	}
}

func TestClientConfig(t *testing.T) {
	str := types.StringValue
	null := types.StringNull()
	cases := []struct {
		name    string
		env     map[string]string
		cfg     providerModel
		check   func(t *testing.T, got dealpos.Config)
		wantErr string
	}{
		{
			name: "environment only",
			env:  map[string]string{envBaseURL: "http://127.0.0.1:1/api/v3", envToken: "env-token"},
			cfg:  providerModel{BaseURL: null, Subdomain: null, Token: null, ClientID: null, ClientSecret: null},
			check: func(t *testing.T, got dealpos.Config) {
				if got.BaseURL != "http://127.0.0.1:1/api/v3" || got.Token != "env-token" {
					t.Errorf("got %+v", got)
				}
			},
		},
		{
			name: "arguments beat environment",
			env:  map[string]string{envBaseURL: "http://127.0.0.1:1/api/v3", envToken: "env-token", envSubdomain: "envstore"},
			cfg:  providerModel{Subdomain: str("mystore"), Token: str("block-token")},
			check: func(t *testing.T, got dealpos.Config) {
				if got.Subdomain != "mystore" || got.BaseURL != "" || got.Token != "block-token" {
					t.Errorf("got %+v", got)
				}
			},
		},
		{
			name: "client credentials win over a token",
			env:  map[string]string{envToken: "env-token"},
			cfg:  providerModel{Subdomain: str("mystore"), ClientID: str("id"), ClientSecret: str("secret")},
			check: func(t *testing.T, got dealpos.Config) {
				if got.ClientID != "id" || got.ClientSecret != "secret" || got.Token != "" {
					t.Errorf("got %+v", got)
				}
			},
		},
		{
			name:    "base_url and subdomain in the block",
			cfg:     providerModel{BaseURL: str("https://a.example.com/api/v3"), Subdomain: str("b"), Token: str("t")},
			wantErr: "Both base_url and subdomain are set",
		},
		{
			name:    "no endpoint",
			cfg:     providerModel{Token: str("t")},
			wantErr: "Missing DealPOS endpoint",
		},
		{
			name:    "no credentials",
			cfg:     providerModel{Subdomain: str("s")},
			wantErr: "Missing DealPOS credentials",
		},
		{
			name:    "client id without secret",
			cfg:     providerModel{Subdomain: str("s"), ClientID: str("id")},
			wantErr: "client_secret is missing",
		},
		{
			name:    "secret without client id",
			env:     map[string]string{envClientSecret: "s3cret"},
			cfg:     providerModel{Subdomain: str("s")},
			wantErr: "client_id is missing",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearDealposEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, diags := clientConfig(context.Background(), tc.cfg, "test")
			if tc.wantErr != "" {
				if !diags.HasError() || !strings.Contains(diagText(diags), tc.wantErr) {
					t.Fatalf("want error %q, got %v", tc.wantErr, diags)
				}
				if strings.Contains(diagText(diags), "s3cret") {
					t.Errorf("an error printed the secret: %v", diags)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if got.UserAgent != "terraform-provider-dealpos/test" {
				t.Errorf("user agent %q", got.UserAgent)
			}
			tc.check(t, got)
		})
	}
}

// TestClientConfigSettingsFromEnvironment: every setting that is not a
// credential or the endpoint comes from its environment variable when the
// provider block leaves it out, the provider block beats it, and a bad value
// is refused with the same rule as in the block, naming the variable.
func TestClientConfigSettingsFromEnvironment(t *testing.T) {
	base := providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("t")}
	with := func(f func(m *providerModel)) providerModel {
		m := base
		f(&m)
		return m
	}
	i64 := types.Int64Value
	cases := []struct {
		name    string
		env     map[string]string
		cfg     providerModel
		want    func(got dealpos.Config) bool
		wantErr string
	}{
		{
			name: "defaults",
			cfg:  base,
			want: func(got dealpos.Config) bool {
				return got.RequestTimeout == dealpos.DefaultRequestTimeout && got.MaxRetries == dealpos.DefaultMaxRetries &&
					got.MaxAPICapacity == 100 && got.RequestsPerWindow == 0 && got.Window == 0
			},
		},
		{
			name: "all from the environment",
			env: map[string]string{
				envRequestTimeout: "2m", envMaxRetries: "0", envRequestsPerWindow: "100",
				envWindowSeconds: "60", envMaxAPICapacity: "40",
			},
			cfg: base,
			want: func(got dealpos.Config) bool {
				return got.RequestTimeout == 2*time.Minute && got.MaxRetries == 0 && got.RequestsPerWindow == 100 &&
					got.Window == time.Minute && got.MaxAPICapacity == 40
			},
		},
		{
			name: "the provider block beats the environment",
			env: map[string]string{
				envRequestTimeout: "2m", envMaxRetries: "3", envRequestsPerWindow: "100",
				envWindowSeconds: "60", envMaxAPICapacity: "40",
			},
			cfg: with(func(m *providerModel) {
				m.RequestTimeout, m.MaxRetries, m.MaxAPICapacity = types.StringValue("5s"), i64(7), i64(75)
				m.RequestsPerWin, m.WindowSeconds = i64(50), i64(180)
			}),
			want: func(got dealpos.Config) bool {
				return got.RequestTimeout == 5*time.Second && got.MaxRetries == 7 && got.RequestsPerWindow == 50 &&
					got.Window == 180*time.Second && got.MaxAPICapacity == 75
			},
		},
		{
			name: "the quota pair comes from the block as a whole",
			env:  map[string]string{envWindowSeconds: "60"},
			cfg:  with(func(m *providerModel) { m.RequestsPerWin, m.WindowSeconds = i64(50), i64(180) }),
			want: func(got dealpos.Config) bool { return got.RequestsPerWindow == 50 && got.Window == 180*time.Second },
		},
		{
			name:    "duration from the environment",
			env:     map[string]string{envRequestTimeout: "30"},
			cfg:     base,
			wantErr: `DEALPOS_REQUEST_TIMEOUT must be a positive duration such as 30s or 2m; got "30".`,
		},
		{
			name:    "retries out of range from the environment",
			env:     map[string]string{envMaxRetries: "101"},
			cfg:     base,
			wantErr: "DEALPOS_MAX_RETRIES must be a whole number between 0 and 100; got 101.",
		},
		{
			name:    "retries not a number",
			env:     map[string]string{envMaxRetries: "ten"},
			cfg:     base,
			wantErr: `DEALPOS_MAX_RETRIES must be a whole number between 0 and 100; got "ten".`,
		},
		{
			name:    "capacity out of range from the environment",
			env:     map[string]string{envMaxAPICapacity: "0"},
			cfg:     base,
			wantErr: "DEALPOS_MAX_API_CAPACITY must be a whole number between 1 and 100; got 0.",
		},
		{
			name:    "capacity out of range in the block",
			cfg:     with(func(m *providerModel) { m.MaxAPICapacity = i64(101) }),
			wantErr: "max_api_capacity must be a whole number between 1 and 100; got 101.",
		},
		{
			name:    "window below 1 from the environment",
			env:     map[string]string{envRequestsPerWindow: "50", envWindowSeconds: "0"},
			cfg:     base,
			wantErr: "DEALPOS_WINDOW_SECONDS must be a whole number of at least 1; got 0.",
		},
		{
			name:    "requests per window without its window",
			env:     map[string]string{envRequestsPerWindow: "50"},
			cfg:     base,
			wantErr: "only DEALPOS_REQUESTS_PER_WINDOW is set: set DEALPOS_WINDOW_SECONDS as well",
		},
		{
			name:    "window without its requests",
			env:     map[string]string{envWindowSeconds: "180"},
			cfg:     base,
			wantErr: "only DEALPOS_WINDOW_SECONDS is set: set DEALPOS_REQUESTS_PER_WINDOW as well",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearDealposEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, diags := clientConfig(context.Background(), tc.cfg, "test")
			if tc.wantErr != "" {
				if !strings.Contains(diagText(diags), tc.wantErr) {
					t.Fatalf("want error %q, got %v", tc.wantErr, diags)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if !tc.want(got) {
				t.Errorf("got %+v", got)
			}
		})
	}
}

// TestIntSettingsCheckedOnce: the attributes' validator and clientConfig read
// a whole-number setting with the same function, so they agree on every value
// of the block, and the environment variable gets the same rule.
func TestIntSettingsCheckedOnce(t *testing.T) {
	for _, tc := range []struct {
		attr string
		env  string
		r    intRange
		set  func(m *providerModel, v types.Int64)
	}{
		{"max_retries", envMaxRetries, maxRetriesRange, func(m *providerModel, v types.Int64) { m.MaxRetries = v }},
		{"max_api_capacity", envMaxAPICapacity, maxAPICapacityRange, func(m *providerModel, v types.Int64) { m.MaxAPICapacity = v }},
		{"window_seconds", envWindowSeconds, quotaRange, func(m *providerModel, v types.Int64) {
			m.WindowSeconds, m.RequestsPerWin = v, types.Int64Value(10)
		}},
	} {
		for _, n := range []int64{-1, 0, 1, 40, 100, 101} {
			clearDealposEnv(t)
			var validated validator.Int64Response
			intRangeValidator{tc.r}.ValidateInt64(context.Background(), validator.Int64Request{
				Path: path.Root(tc.attr), ConfigValue: types.Int64Value(n),
			}, &validated)
			cfg := providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("t")}
			tc.set(&cfg, types.Int64Value(n))
			_, diags := clientConfig(context.Background(), cfg, "test")
			if diagText(validated.Diagnostics) != diagText(diags) {
				t.Errorf("%s = %d: the validator says %q, clientConfig %q", tc.attr, n, diagText(validated.Diagnostics), diagText(diags))
			}
			// The same value from the environment: the same verdict, naming the variable.
			cfg = providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("t")}
			t.Setenv(tc.env, fmt.Sprint(n))
			if tc.env == envWindowSeconds {
				t.Setenv(envRequestsPerWindow, "10")
			}
			_, envDiags := clientConfig(context.Background(), cfg, "test")
			want := strings.ReplaceAll(diagText(validated.Diagnostics), tc.attr+" must", tc.env+" must")
			if diagText(envDiags) != want {
				t.Errorf("%s=%d: got %q, want %q", tc.env, n, diagText(envDiags), want)
			}
		}
	}
}

// TestBoolSettings: bulk_refresh and skip_create_read_back, from the
// provider block, else their environment variable, else false.
func TestBoolSettings(t *testing.T) {
	for _, setting := range []struct {
		env     string
		resolve func(types.Bool, *diag.Diagnostics) bool
	}{
		{envBulkRefresh, func(v types.Bool, d *diag.Diagnostics) bool {
			return bulkRefreshSetting(providerModel{BulkRefresh: v}, d)
		}},
		{envSkipReadBack, func(v types.Bool, d *diag.Diagnostics) bool {
			return skipCreateReadBackSetting(providerModel{SkipReadBack: v}, d)
		}},
	} {
		for _, tc := range []struct {
			env     string
			block   types.Bool
			want    bool
			wantErr string
		}{
			{"", types.BoolNull(), false, ""},
			{"true", types.BoolNull(), true, ""},
			{"1", types.BoolNull(), true, ""},
			{"false", types.BoolNull(), false, ""},
			{"true", types.BoolValue(false), false, ""},
			{"", types.BoolValue(true), true, ""},
			{"yes", types.BoolNull(), false, setting.env + ` must be true or false; got "yes".`},
		} {
			clearDealposEnv(t)
			t.Setenv(setting.env, tc.env)
			var diags diag.Diagnostics
			got := setting.resolve(tc.block, &diags)
			if tc.wantErr != "" {
				if !strings.Contains(diagText(diags), tc.wantErr) {
					t.Errorf("%s=%q: want error %q, got %v", setting.env, tc.env, tc.wantErr, diags)
				}
				continue
			}
			if diags.HasError() || got != tc.want {
				t.Errorf("%s=%q, block %s: got %t %v, want %t", setting.env, tc.env, tc.block, got, diags, tc.want)
			}
		}
	}
}

// TestRequestTimeoutCheckedOnce: the attribute's validator and clientConfig
// read request_timeout with the same function, so they agree on every value.
func TestRequestTimeoutCheckedOnce(t *testing.T) {
	clearDealposEnv(t)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{{"2m", 2 * time.Minute}, {"0s", 0}, {"-1s", 0}, {"30", 0}} {
		var validated validator.StringResponse
		durationValidator{}.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("request_timeout"), ConfigValue: types.StringValue(tc.in),
		}, &validated)
		cfg := providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("t"), RequestTimeout: types.StringValue(tc.in)}
		got, diags := clientConfig(context.Background(), cfg, "test")
		if diagText(validated.Diagnostics) != diagText(diags) {
			t.Errorf("%q: the validator says %q, clientConfig %q", tc.in, diagText(validated.Diagnostics), diagText(diags))
		}
		if tc.want != 0 && (diags.HasError() || got.RequestTimeout != tc.want) {
			t.Errorf("%q: got %s, %v; want %s", tc.in, got.RequestTimeout, diags, tc.want)
		}
		if tc.want == 0 && !diags.HasError() {
			t.Errorf("%q: accepted", tc.in)
		}
	}
	got, diags := clientConfig(context.Background(), providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("t"), MaxRetries: types.Int64Value(0)}, "test")
	if diags.HasError() || got.MaxRetries != 0 || got.RequestTimeout != dealpos.DefaultRequestTimeout {
		t.Errorf("max_retries = 0 must reach the client as 0 with the default timeout: %+v %v", got, diags)
	}
	got, _ = clientConfig(context.Background(), providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("t"), MaxRetries: types.Int64Null()}, "test")
	if got.MaxRetries != dealpos.DefaultMaxRetries {
		t.Errorf("unset max_retries = %d, want the default %d", got.MaxRetries, dealpos.DefaultMaxRetries)
	}
}

func TestClientConfigLogsCredentialChoice(t *testing.T) {
	clearDealposEnv(t)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	cfg := providerModel{Subdomain: types.StringValue("s"), Token: types.StringValue("tok-secret"), ClientID: types.StringValue("id"), ClientSecret: types.StringValue("cs-secret")}
	if _, diags := clientConfig(ctx, cfg, "test"); diags.HasError() {
		t.Fatal(diags)
	}
	out := buf.String()
	if !strings.Contains(out, `"@level":"info"`) || !strings.Contains(out, "using the client credentials") {
		t.Errorf("no INFO line about the credential choice: %s", out)
	}
	if strings.Contains(out, "tok-secret") || strings.Contains(out, "cs-secret") {
		t.Errorf("a secret reached the log: %s", out)
	}
}

// TestAccProvider_environmentOnly: an empty provider block configured from
// environment variables, with OAuth2 client credentials.
func TestAccProvider_environmentOnly(t *testing.T) {
	sim := newTestSim(t, simulator.Options{ClientID: "ops-pipeline", ClientSecret: "cs-0123456789"})
	clearDealposEnv(t)
	t.Setenv(envBaseURL, sim.URL)
	t.Setenv(envClientID, "ops-pipeline")
	t.Setenv(envClientSecret, "cs-0123456789")
	t.Setenv(envToken, "a-stale-token-that-the-simulator-refuses")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "dealpos" {}` + "\n" + customerHCL(`code = "E1"`, `name = "Env"`, `email = "env@example.com"`, `mobile = "0700"`),
			Check:  resource.TestCheckResourceAttrSet(customerAddr, "id"),
		}},
	})
	if n := sim.Stats().Requests["POST /Token/OAuth2"]; n == 0 {
		t.Errorf("client credentials were not used: no token request")
	}
}

func TestAccProvider_wrongSecret(t *testing.T) {
	t.Parallel()
	sim := newTestSim(t, simulator.Options{ClientID: "ops", ClientSecret: "right"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "dealpos" {
  base_url      = "` + sim.URL + `"
  client_id     = "ops"
  client_secret = "wrong-secret-value"
}
` + customerHCL(`code = "W1"`, `name = "W"`, `email = "w@example.com"`, `mobile = "0701"`),
			ExpectError: regexp.MustCompile(`refused the client credentials for client ID "ops"`),
		}},
	})
}

func TestAccProvider_plainHTTPRefused(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "dealpos" {
  base_url = "http://pos.example.com/api/v3"
  token    = "t"
}
` + customerHCL(`code = "H1"`, `name = "H"`, `email = "h@example.com"`, `mobile = "0702"`),
			ExpectError: regexp.MustCompile(`plain http`),
		}},
	})
}

// diagText joins the summaries and details of diagnostics.
func diagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}

// words is a regular expression of text that Terraform may wrap: each run
// of spaces matches any whitespace.
func words(text string) *regexp.Regexp {
	return regexp.MustCompile(strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`))
}

// TestAccProvider_wrongToken: a refused static token names the argument or
// the environment variable it came from, and what to check.
func TestAccProvider_wrongToken(t *testing.T) {
	sim := newTestSim(t, simulator.Options{})
	resourceHCL := customerHCL(`code = "T1"`, `name = "T"`, `email = "t@example.com"`, `mobile = "0703"`)
	const check = "check that it is a current API token of the tenant at "
	cases := []struct{ name, provider, env, from string }{
		{"provider block", `provider "dealpos" {
  base_url = "` + sim.URL + `"
  token    = "not-the-tenants-token"
}`, "", "the provider block's token argument"},
		{"environment", `provider "dealpos" {
  base_url = "` + sim.URL + `"
}`, "not-the-tenants-token", "the environment variable DEALPOS_TOKEN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearDealposEnv(t)
			t.Setenv(envToken, tc.env)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.provider + "\n" + resourceHCL,
					ExpectError: words("denied for this request. DealPOS refused the static token (set by " + tc.from + "): " + check + sim.URL),
				}},
			})
		})
	}
}

// TestAccProvider_unreachableHost: a port where nothing listens fails after
// three attempts, naming them and the base URL.
func TestAccProvider_unreachableHost(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String() + "/api/v3"
	_ = l.Close()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "dealpos" {
  base_url = "` + base + `"
  token    = "t"
}
` + customerHCL(`code = "U1"`, `name = "U"`, `email = "u@example.com"`, `mobile = "0704"`),
			ExpectError: words("could not connect to " + base + " (3 attempts)"),
		}},
	})
}
