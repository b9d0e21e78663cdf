// Command terraform-provider-dealpos is the DealPOS Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/dealpos/terraform-provider-dealpos/internal/provider"
)

// Generate the registry docs from the schema, templates/ and examples/.
//go:generate go tool -modfile=tools/go.mod tfplugindocs generate --provider-name dealpos

// softMemoryLimit is the provider's default soft memory limit.
const softMemoryLimit = 80 << 20

// version is set by the release build through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "start the provider with support for debuggers such as delve")
	flag.Parse()

	quietUnlessLogging()
	// A soft memory limit keeps the footprint small in runs over thousands
	// of resources, where the collector would otherwise let garbage grow to
	// several times the live heap (measured: 170 MB peak at 1,000
	// customers, under 100 MB with the limit). GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/dealpos/dealpos",
		Debug:   debugMode,
	})
	if err != nil {
		log.Fatal(err.Error())
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
