// Command terraform-provider-dealpos is the DealPOS Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

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
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/dealpos/dealpos",
		Debug:   debugMode,
	})
	stopProfile()
	if err != nil {
		log.Fatal(err.Error())
	}
}
