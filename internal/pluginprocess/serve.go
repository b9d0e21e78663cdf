package pluginprocess

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves the provider providerFunc builds to Terraform over protocol
// 6, as providerserver.Serve does, through ReleaseContexts. debug starts it
// for debuggers such as delve (the provider's -debug flag).
func Serve(address string, debug bool, providerFunc func() provider.Provider) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return ReleaseContexts(providerserver.NewProtocol6(providerFunc())())
	}, opts...)
}
