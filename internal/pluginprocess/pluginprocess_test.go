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

func TestMemorySettings(t *testing.T) {
	for _, tc := range []struct {
		name        string
		env         map[string]string
		wantLimit   int64
		wantAtLimit bool
	}{
		{name: "neither set: collect at the soft limit", wantLimit: SoftMemoryLimit, wantAtLimit: true},
		{name: "GOGC set: kept, under the soft limit", env: map[string]string{"GOGC": "200"}, wantLimit: SoftMemoryLimit},
		{name: "GOMEMLIMIT set: the runtime's settings", env: map[string]string{"GOMEMLIMIT": "1GiB"}},
		{name: "both set: the runtime's settings", env: map[string]string{"GOMEMLIMIT": "1GiB", "GOGC": "off"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			limit, atLimit := memorySettings(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if limit != tc.wantLimit || atLimit != tc.wantAtLimit {
				t.Errorf("memorySettings = %d, %v; want %d, %v", limit, atLimit, tc.wantLimit, tc.wantAtLimit)
			}
		})
	}
}
