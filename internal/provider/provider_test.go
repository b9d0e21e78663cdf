package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/dealpos/terraform-provider-dealpos/internal/pluginprocess"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const testToken = "test-token-0123456789"

// testAccProtoV6ProviderFactories serves the provider in-process to the
// terraform CLI that the acceptance tests drive, so no binary is rebuilt.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dealpos": servedProvider,
}

// servedProvider is the provider's server as the plugin process serves it
// (pluginprocess.Serve).
func servedProvider() (tfprotov6.ProviderServer, error) {
	return pluginprocess.ReleaseContexts(providerserver.NewProtocol6(New("test")())()), nil
}

func TestMain(m *testing.M) {
	// Never let the CLI phone home from tests.
	_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	os.Exit(m.Run())
}

// testSim is an in-process simulator with the HCL that points the provider at it.
type testSim struct {
	*simulator.Server
	URL string
}

func newTestSim(t *testing.T, opts simulator.Options) *testSim {
	t.Helper()
	if len(opts.Tokens) == 0 {
		opts.Tokens = []string{testToken}
	}
	sim := simulator.New(opts)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &testSim{Server: sim, URL: srv.URL + "/api/v3"}
}

// providerHCL is a provider block for the simulator with a static token.
func (s *testSim) providerHCL() string {
	return fmt.Sprintf(`
provider "dealpos" {
  base_url = %q
  token    = %q
}
`, s.URL, testToken)
}
