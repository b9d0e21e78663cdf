// Command noopprovider serves the DealPOS provider's resource schemas with
// resources that call no API (package noop). The benchmark runs it next to
// the real provider.
package main

import (
	"log"

	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/dealpos/terraform-provider-dealpos/internal/benchmark/noop"
	"github.com/dealpos/terraform-provider-dealpos/internal/pluginprocess"
	dealposprovider "github.com/dealpos/terraform-provider-dealpos/internal/provider"
)

func main() {
	// Tuned like the real provider, so only the API work differs.
	pluginprocess.Tune()
	stopProfile := pluginprocess.ProfileCPU()
	// Served like the real provider, so only the API work differs.
	err := pluginprocess.Serve("registry.terraform.io/dealpos/dealpos", false, func() provider.Provider {
		return noop.Provider(dealposprovider.New("noop")())
	})
	stopProfile()
	if err != nil {
		log.Fatal(err)
	}
}
