package dealpos

import (
	"strings"
	"testing"
	"time"
)

func TestResolveBaseURL(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		baseURL   string
		subdomain string
		want      string // "" means an error is expected
		errHas    string
	}{
		{name: "https base URL", baseURL: "https://mystore.dealpos.net/api/v3", want: "https://mystore.dealpos.net/api/v3"},
		{name: "trailing slash trimmed", baseURL: "https://mystore.dealpos.net/api/v3/", want: "https://mystore.dealpos.net/api/v3"},
		{name: "several trailing slashes trimmed", baseURL: "https://pos.example.com/api/v3//", want: "https://pos.example.com/api/v3"},
		{name: "surrounding space ignored", baseURL: "  https://pos.example.com/api/v3  ", want: "https://pos.example.com/api/v3"},
		{name: "https with a port", baseURL: "https://pos.example.com:8443/api/v3", want: "https://pos.example.com:8443/api/v3"},
		{name: "base URL wins over subdomain", baseURL: "https://a.example.com/api/v3", subdomain: "other", want: "https://a.example.com/api/v3"},
		{name: "subdomain", subdomain: "mystore", want: "https://mystore.dealpos.net/api/v3"},
		{name: "subdomain with spaces around", subdomain: " mystore ", want: "https://mystore.dealpos.net/api/v3"},
		{name: "subdomain with a dot is a full host", subdomain: "pos.example.com", want: "https://pos.example.com/api/v3"},
		{name: "full dealpos host as subdomain", subdomain: "mystore.dealpos.net", want: "https://mystore.dealpos.net/api/v3"},
		{name: "plain http to 127.0.0.1", baseURL: "http://127.0.0.1:8080/api/v3", want: "http://127.0.0.1:8080/api/v3"},
		{name: "plain http to ::1", baseURL: "http://[::1]:8080/api/v3/", want: "http://[::1]:8080/api/v3"},
		{name: "plain http to localhost", baseURL: "http://localhost:8080/api/v3", want: "http://localhost:8080/api/v3"},
		{name: "plain http to LOCALHOST", baseURL: "http://LOCALHOST/api/v3", want: "http://LOCALHOST/api/v3"},

		{name: "plain http to a remote host", baseURL: "http://mystore.dealpos.net/api/v3", errHas: "plain http"},
		{name: "plain http to a localhost look-alike", baseURL: "http://localhost.evil.example/api/v3", errHas: "plain http"},
		{name: "plain http to a private address", baseURL: "http://10.0.0.1/api/v3", errHas: "plain http"},
		{name: "other scheme", baseURL: "ftp://mystore.dealpos.net/api/v3", errHas: "not an absolute http(s) URL"},
		{name: "no scheme", baseURL: "mystore.dealpos.net/api/v3", errHas: "not an absolute http(s) URL"},
		{name: "garbage", baseURL: "::not a url::", errHas: "not an absolute http(s) URL"},
		{name: "no host", baseURL: "https:///api/v3", errHas: "not an absolute http(s) URL"},
		{name: "credentials in the URL", baseURL: "https://user:pw@mystore.dealpos.net/api/v3", errHas: "must not carry"},
		{name: "query", baseURL: "https://mystore.dealpos.net/api/v3?x=1", errHas: "must not carry"},
		{name: "fragment", baseURL: "https://mystore.dealpos.net/api/v3#top", errHas: "must not carry"},
		{name: "subdomain with a scheme", subdomain: "https://mystore", errHas: "must be a subdomain"},
		{name: "subdomain with a path", subdomain: "mystore/api", errHas: "must be a subdomain"},
		{name: "subdomain with a port", subdomain: "mystore:8080", errHas: "must be a subdomain"},
		{name: "subdomain with a space inside", subdomain: "my store", errHas: "must be a subdomain"},
		{name: "blank subdomain", subdomain: "   ", errHas: "neither"},
		{name: "nothing set", errHas: "neither"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ResolveBaseURL(tc.baseURL, tc.subdomain)
			if tc.want != "" {
				if err != nil || got != tc.want {
					t.Fatalf("ResolveBaseURL(%q, %q) = %q, %v; want %q", tc.baseURL, tc.subdomain, got, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("ResolveBaseURL(%q, %q) = %q, want an error", tc.baseURL, tc.subdomain, got)
			}
			if !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("error %q does not mention %q", err, tc.errHas)
			}
		})
	}
}

func TestNewCredentials(t *testing.T) {
	t.Parallel()
	base := "https://mystore.dealpos.net/api/v3"
	cases := []struct {
		name       string
		cfg        Config
		wantErr    string
		wantOAuth2 bool
	}{
		{name: "static token", cfg: Config{BaseURL: base, Token: testToken}},
		{name: "client credentials", cfg: Config{BaseURL: base, ClientID: testClientID, ClientSecret: testClientSecret}, wantOAuth2: true},
		{name: "client credentials win over a token", cfg: Config{BaseURL: base, Token: testToken, ClientID: testClientID, ClientSecret: testClientSecret}, wantOAuth2: true},
		{name: "client ID without a secret", cfg: Config{BaseURL: base, ClientID: testClientID}, wantErr: "both a client ID and a client secret"},
		{name: "secret without a client ID", cfg: Config{BaseURL: base, ClientSecret: testClientSecret}, wantErr: "both a client ID and a client secret"},
		{name: "no credentials", cfg: Config{BaseURL: base}, wantErr: "no credentials"},
		{name: "bad base URL", cfg: Config{BaseURL: "http://example.com", Token: testToken}, wantErr: "plain http"},
		{name: "negative retries", cfg: Config{BaseURL: base, Token: testToken, MaxRetries: -1}, wantErr: "cannot be negative"},
		{name: "negative request timeout", cfg: Config{BaseURL: base, Token: testToken, RequestTimeout: -time.Second}, wantErr: "must be positive"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.cfg.RequestTimeout == 0 {
				tc.cfg.RequestTimeout = DefaultRequestTimeout
			}
			c, err := New(tc.cfg)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("New: error %v, want one mentioning %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), testClientSecret) || strings.Contains(err.Error(), testToken) {
					t.Errorf("the error %q reveals a secret", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if oauth2 := c.tokens.static == ""; oauth2 != tc.wantOAuth2 {
				t.Errorf("uses client credentials = %v, want %v", oauth2, tc.wantOAuth2)
			}
			if c.baseURL != base {
				t.Errorf("base URL = %q, want %q", c.baseURL, base)
			}
		})
	}
}
