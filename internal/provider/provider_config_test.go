package provider

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dealpos/terraform-provider-dealpos/internal/dealpos"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// clearDealposEnv empties every DEALPOS_* variable for the test.
func clearDealposEnv(t *testing.T) {
	for _, env := range []string{envBaseURL, envSubdomain, envToken, envClientID, envClientSecret} {
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
