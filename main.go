// Command terraform-provider-dealpos is the DealPOS Terraform provider.
package main

import (
	"flag"
	"log"

	"github.com/dealpos/terraform-provider-dealpos/internal/pluginprocess"
	"github.com/dealpos/terraform-provider-dealpos/internal/provider"
)

// Generate the registry docs from the schema, templates/ and examples/.
//go:generate go tool -modfile=tools/go.mod tfplugindocs generate --provider-name dealpos

// version is set by the release build through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "start the provider with support for debuggers such as delve")
	flag.Parse()

	pluginprocess.Tune()
	stopProfile := pluginprocess.ProfileCPU()
	// providerserver.Serve's equivalent, with each request's context
	// released when it returns (see pluginprocess.ReleaseContexts).
	err := pluginprocess.Serve("registry.terraform.io/dealpos/dealpos", debugMode, provider.New(version))
	stopProfile()
	if err != nil {
		log.Fatal(err.Error())
	}
}
