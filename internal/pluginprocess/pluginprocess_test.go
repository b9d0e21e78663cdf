package pluginprocess

import (
	"os"
	"strings"
	"testing"
)

func TestQuietUnlessLogging(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		wantSDK string
	}{
		{name: "no TF_LOG: formatting switched off", wantSDK: "off"},
		{name: "TF_LOG set: left alone", env: map[string]string{"TF_LOG": "DEBUG"}},
		{name: "TF_LOG_PROVIDER set: left alone", env: map[string]string{"TF_LOG_PROVIDER": "TRACE"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Start from an environment without any TF_LOG* variable;
			// t.Setenv restores each one after the test.
			for _, kv := range os.Environ() {
				if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") {
					t.Setenv(name, "")
					_ = os.Unsetenv(name)
				}
			}
			for _, name := range quietLogVariables {
				t.Setenv(name, "")
				_ = os.Unsetenv(name)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			quietUnlessLogging()
			if got := os.Getenv("TF_LOG_SDK"); got != tc.wantSDK {
				t.Errorf("TF_LOG_SDK = %q, want %q", got, tc.wantSDK)
			}
			// The provider's own logger reads TF_LOG_PROVIDER_DEALPOS.
			if got, want := os.Getenv("TF_LOG_PROVIDER_DEALPOS"), tc.env["TF_LOG_PROVIDER_DEALPOS"]; tc.wantSDK == "off" && got != "off" || tc.wantSDK == "" && got != want {
				t.Errorf("TF_LOG_PROVIDER_DEALPOS = %q", got)
			}
		})
	}
}
