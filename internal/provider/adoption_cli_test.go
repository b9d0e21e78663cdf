package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccAdoption_importBlocks follows the adoption guide's flow for
// Terraform 1.5 to 1.13 through the CLI, as a user runs it: import blocks
// by code, `terraform plan -generate-config-out` (no saved plan: Terraform
// cannot apply a plan that generated configuration and also updates), the
// review (loyalty_point removed), `terraform plan -out` again, which must
// plan imports and nothing else, and its apply, which changes nothing in
// DealPOS. A customer DealPOS answers without a status is one of them: its
// generated configuration leaves status out, which means DealPOS's default.
func TestAccAdoption_importBlocks(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf, _ := cliRunner(t)
	t.Parallel()

	sim := newTestSim(t, simulator.Options{})
	seeded := []simulator.Customer{
		{Code: "ADOPT-1", Name: "No Status", Email: "no.status@example.com", Mobile: "081300000001"},
		{Code: "ADOPT-2", Name: "Suspended", Email: "suspended@example.com", Mobile: "081300000002", Status: simulator.StatusSuspended,
			Gender: simulator.GenderFemale, Birthday: time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), Group: "Gold", LoyaltyPoint: 40},
		{Code: "adopt.3", Name: "Lower Case", Email: "lower@example.com", Mobile: "+6281300000003", Status: simulator.StatusActive, Address: "Jl. Merdeka 5"},
	}
	var imports strings.Builder
	for _, c := range seeded {
		sim.Seed(c)
		// As the guide's jq writes them.
		fmt.Fprintf(&imports, "import {\n  to = dealpos_customer.c_%s\n  id = \"code:%s\"\n}\n\n", regexp.MustCompile(`[^A-Za-z0-9_]`).ReplaceAllString(c.Code, "_"), c.Code)
	}

	dir := t.TempDir()
	tf.dir = dir
	tf.env = append(tf.env, "TF_CLI_CONFIG_FILE="+devOverridesConfig(t))
	writeFile(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    dealpos = {\n      source = \"dealpos/dealpos\"\n    }\n  }\n}\n"+sim.providerHCL())
	writeFile(t, filepath.Join(dir, "imports.tf"), imports.String())

	tf.run("plan", "-generate-config-out=customers.tf")
	generated, err := os.ReadFile(filepath.Join(dir, "customers.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(generated), `resource "dealpos_customer"`) != len(seeded) {
		t.Fatalf("customers.tf has not one resource block per import:\n%s", generated)
	}
	// The guide's review step: the tills own the loyalty balance.
	reviewed := regexp.MustCompile(`(?m)^ *loyalty_point *=.*\n`).ReplaceAllString(string(generated), "")
	writeFile(t, filepath.Join(dir, "customers.tf"), reviewed)

	tf.run("plan", "-out=adopt.tfplan")
	changes := tf.plannedChanges("adopt.tfplan")
	for _, rc := range changes {
		if rc.Change.Importing == nil || !slices.Equal(rc.Change.Actions, []string{"no-op"}) {
			t.Errorf("%s: planned %v (importing: %v), want an import and nothing else", rc.Address, rc.Change.Actions, rc.Change.Importing != nil)
		}
	}
	if len(changes) != len(seeded) || t.Failed() {
		t.Fatalf("%d planned changes for %d imports; customers.tf:\n%s\nplan:\n%s", len(changes), len(seeded), reviewed, tf.run("show", "adopt.tfplan"))
	}

	before := simSnapshot(sim)
	tf.run("apply", "adopt.tfplan")
	if after := simSnapshot(sim); !reflect.DeepEqual(before, after) {
		t.Errorf("the apply of the imports changed DealPOS records:\nbefore %+v\nafter  %+v", before, after)
	}
	tf.run("plan", "-detailed-exitcode")
}
