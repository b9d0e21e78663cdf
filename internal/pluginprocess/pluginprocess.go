// Package pluginprocess tunes the provider's plugin process before it serves
// Terraform: how much it logs and how much memory it keeps.
package pluginprocess

import (
	"os"
	"runtime/debug"
	"strings"
)

// SoftMemoryLimit is the default soft memory limit of the plugin process.
const SoftMemoryLimit = 80 << 20

// Tune applies both settings below. Call it first thing in main.
func Tune() {
	quietUnlessLogging()
	// A soft memory limit keeps the footprint small in runs over thousands
	// of resources, where the collector would otherwise let garbage grow to
	// several times the live heap (measured: 170 MB peak at 1,000
	// customers, under 100 MB with the limit). GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(SoftMemoryLimit)
	}
}

// quietUnlessLogging switches the SDK's and the provider's log lines off when
// no TF_LOG* variable is set. Terraform then discards everything a provider
// logs, yet terraform-plugin-log would still format every TRACE line as
// JSON: about a third of the provider's CPU in a plan over 1,000 resources.
// With any TF_LOG* variable set, logging is left exactly as Terraform asks.
func quietUnlessLogging() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "off")
	}
}
