// Package pluginprocess runs the provider's plugin process: how it serves
// Terraform (Serve, ReleaseContexts), how much it logs and how it collects
// its garbage.
package pluginprocess

import (
	"os"
	"runtime/debug"
	"strings"
)

// SoftMemoryLimit is the default soft memory limit of the plugin process.
const SoftMemoryLimit = 80 << 20

// Tune applies the settings below. Call it first thing in main.
func Tune() {
	quietUnlessLogging()
	if limit, collectOnlyAtLimit := memorySettings(os.LookupEnv); limit > 0 {
		debug.SetMemoryLimit(limit)
		if collectOnlyAtLimit {
			debug.SetGCPercent(-1)
		}
	}
}

// memorySettings decides how the process collects garbage: unless GOMEMLIMIT
// or GOGC says otherwise, only when the heap reaches a soft limit of
// SoftMemoryLimit. What a plan keeps alive is small (a few MB at 1,000
// resources, once ReleaseContexts lets go of each request's context), and
// what it allocates is a lot: at the default GOGC of 100 the collector ran
// every 4 MB, some 400 times per plan of 1,000 customers, and took about
// 40% of the provider's CPU; collecting at the limit costs little and still
// keeps the peak RSS under 100 MB. A GOMEMLIMIT given is left to the
// runtime with the default GOGC (so the heap does not grow to a large limit
// before any collection), and a GOGC given is kept under the soft limit.
// It answers limit 0 when the runtime's own settings stand.
func memorySettings(lookup func(string) (string, bool)) (limit int64, collectOnlyAtLimit bool) {
	if _, ok := lookup("GOMEMLIMIT"); ok {
		return 0, false
	}
	_, gogc := lookup("GOGC")
	return SoftMemoryLimit, !gogc
}

// quietLogVariables are the variables quietUnlessLogging sets to "off": the
// SDK's root logger, and the provider's, whose level terraform-plugin-go
// reads from TF_LOG_PROVIDER_<TYPE> (TF_LOG_PROVIDER_DEALPOS), not from
// TF_LOG_PROVIDER, when Terraform sets no TF_LOG* variable.
var quietLogVariables = []string{"TF_LOG_SDK", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_DEALPOS"}

// quietUnlessLogging switches the SDK's and the provider's log lines off when
// no TF_LOG* variable is set. Terraform then discards everything a provider
// logs, yet terraform-plugin-log would still format every TRACE line as
// JSON: about a third of the provider's CPU in a plan over 1,000 resources
// for the SDK's lines, and a few percent more for the provider's own (one
// DEBUG line per API request, one INFO line per read from the timeouts
// library). With any TF_LOG* variable set, logging is left exactly as
// Terraform asks.
func quietUnlessLogging() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range quietLogVariables {
		_ = os.Setenv(name, "off")
	}
}
