package provider

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// The actions through the terraform CLI: `terraform apply -invoke` and an
// action_trigger after create, with the examples the docs show, and the
// "merge duplicates" flow of the adopting guide. Actions need Terraform
// 1.14 or later and OpenTofu has none, so these skip with one line on any
// other CLI: `make testacc` skips them, `make testacc-next` runs them (the
// TestAccAction_ prefix selects them) with the CLI DEALPOS_TF_NEXT names.
// customer_actions_test.go proves the same through the plugin protocol on
// any Terraform.

// actionDir is a configuration directory for the CLI: required_providers,
// the provider block for sim and the given files, with the provider built
// from this repository (dev_overrides).
func actionDir(t *testing.T, sim *testSim, files map[string]string) *tfCLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf := terraform114(t, "Terraform actions")
	t.Parallel()
	tf.dir = t.TempDir()
	tf.env = append(tf.env, "TF_CLI_CONFIG_FILE="+devOverridesConfig(t))
	writeFile(t, filepath.Join(tf.dir, "provider.tf"), `terraform {
  required_providers {
    dealpos = {
      source = "dealpos/dealpos"
    }
  }
}
`+sim.providerHCL())
	tf.write(files)
	return tf
}

// write writes files into the directory, an empty content removing one.
func (c *tfCLI) write(files map[string]string) {
	c.t.Helper()
	for name, content := range files {
		if content == "" {
			if err := os.Remove(filepath.Join(c.dir, name)); err != nil {
				c.t.Fatal(err)
			}
			continue
		}
		writeFile(c.t, filepath.Join(c.dir, name), content)
	}
}

// fail runs a CLI command that must fail, and returns its stdout and
// stderr together.
func (c *tfCLI) fail(args ...string) string {
	c.t.Helper()
	cmd := exec.CommandContext(c.t.Context(), c.path, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err == nil {
		c.t.Fatalf("terraform %s succeeded, want a failure:\n%s", strings.Join(args, " "), out.String())
	}
	return out.String()
}

// example is the content of a file under examples/.
func example(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// contains fails unless out contains each of want.
func contains(t *testing.T, what, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s does not say %q:\n%s", what, w, out)
		}
	}
}

// codes lists the simulator's customer codes, in list order.
func codes(sim *testSim) []string {
	var out []string
	for _, c := range sim.All() {
		out = append(out, c.Code)
	}
	return out
}

// TestAccAction_invokeMerge: the documented merge example with -invoke; a
// second invocation says the duplicates are gone; an unknown customer
// fails at invoke, a merge into itself at plan, neither writing.
func TestAccAction_invokeMerge(t *testing.T) {
	sim := newTestSim(t, simulator.Options{})
	sim.Seed(simulator.Customer{Code: "HW001", Name: "Hana Wijaya", Email: "hana.wijaya@example.com", Mobile: "0811", LoyaltyPoint: 5})
	sim.Seed(simulator.Customer{Code: "HW001-2", Name: "Hana W", Email: "hana2@example.com", Mobile: "0812", LoyaltyPoint: 1})
	sim.Seed(simulator.Customer{Code: "HW001-3", Name: "Hana W.", Email: "hana.w@example.com", Mobile: "0813", LoyaltyPoint: 2})
	tf := actionDir(t, sim, map[string]string{"main.tf": example(t, "actions/dealpos_customer_merge/action.tf")})

	out := tf.run("apply", "-invoke=action.dealpos_customer_merge.hana", "-auto-approve")
	contains(t, "the invocation", out, "Merging customer HW001-2")
	if got := codes(sim); !slices.Equal(got, []string{"HW001"}) {
		t.Fatalf("after the merge the simulator holds %v, want HW001 alone", got)
	}
	if c, _ := sim.FindByCode("HW001"); c.LoyaltyPoint != 8 {
		t.Errorf("HW001 has %d points after the merge, want 8", c.LoyaltyPoint)
	}

	sim.ResetStats()
	out = tf.fail("apply", "-invoke=action.dealpos_customer_merge.hana", "-auto-approve")
	contains(t, "the second invocation", out, "Nothing to merge: the customers are already gone", `code "HW001-2"`)

	sim.Seed(simulator.Customer{Code: "HW002", Name: "Other", Email: "other@example.com", Mobile: "0820"})
	tf.write(map[string]string{"typo.tf": `action "dealpos_customer_merge" "typo" {
  config {
    target     = "HW001"
    duplicates = ["HW002", "HW00X"]
  }
}
`})
	out = tf.fail("apply", "-invoke=action.dealpos_customer_merge.typo", "-auto-approve")
	contains(t, "a merge naming an unknown customer", out, "DealPOS customer not found", `code "HW00X"`, "Nothing was merged")

	tf.write(map[string]string{"self.tf": `action "dealpos_customer_merge" "self" {
  config {
    target     = "HW001"
    duplicates = ["HW002", "code:HW001"]
  }
}
`})
	out = tf.fail("plan", "-invoke=action.dealpos_customer_merge.self")
	contains(t, "a merge into itself", out, "Customer merged into itself")
	if n := sim.Stats().Requests["PUT /Customer/Merge"]; n != 0 || !slices.Equal(codes(sim), []string{"HW001", "HW002"}) {
		t.Errorf("the failed invocations sent %d merges; the simulator holds %v", n, codes(sim))
	}
}

// TestAccAction_verifyAfterCreate: the documented action_trigger marks the
// email verified right after the create, once; the mobile example with
// -invoke; an unknown email fails at invoke.
func TestAccAction_verifyAfterCreate(t *testing.T) {
	sim := newTestSim(t, simulator.Options{})
	tf := actionDir(t, sim, map[string]string{
		"main.tf":   example(t, "actions/dealpos_customer_verify_email/action.tf"),
		"mobile.tf": example(t, "actions/dealpos_customer_verify_mobile/action.tf"),
	})
	tf.run("apply", "-auto-approve")
	c, ok := sim.FindByCode("HW001")
	if !ok || !c.EmailVerified || c.MobileVerified {
		t.Fatalf("after the create: %+v, want the email verified and the mobile not", c)
	}
	sim.ResetStats()
	tf.run("plan", "-detailed-exitcode")
	if n := sim.Stats().Requests["PUT /Customer/VerifyEmail"]; n != 0 {
		t.Errorf("a plan after the create verified the email again (%d requests)", n)
	}

	tf.run("apply", "-invoke=action.dealpos_customer_verify_mobile.hw001", "-auto-approve")
	if n := sim.Stats().Requests["PUT /Customer/VerifyMobile"]; n != 1 {
		t.Errorf("the invocation sent %d VerifyMobile requests, want 1", n)
	}

	tf.write(map[string]string{"unknown.tf": `action "dealpos_customer_verify_email" "unknown" {
  config {
    email    = "nobody@example.com"
    verified = true
  }
}
`})
	out := tf.fail("apply", "-invoke=action.dealpos_customer_verify_email.unknown", "-auto-approve")
	contains(t, "verifying an unknown email", out, "DealPOS customer not found", `email "nobody@example.com"`)
}

// managedDuplicates is a configuration of a customer and two duplicates,
// the state before "Merging Duplicates" of the adopting guide.
const managedDuplicates = `resource "dealpos_customer" "hana" {
  code   = "HW001"
  name   = "Hana Wijaya"
  email  = "hana.wijaya@example.com"
  mobile = "+6281234567890"
}

resource "dealpos_customer" "hana_2" {
  code   = "HW001-2"
  name   = "Hana W"
  email  = "hana2@example.com"
  mobile = "+6281234567891"
}

resource "dealpos_customer" "hana_3" {
  code   = "HW001-3"
  name   = "Hana W."
  email  = "hana.w@example.com"
  mobile = "+6281234567892"
}
`

// mergedAway checks what the guide promises after its last apply: the
// simulator holds the kept customer alone, the apply created and deleted
// nothing, the state holds the kept customer alone and a plan is empty.
func mergedAway(t *testing.T, tf *tfCLI, sim *testSim) {
	t.Helper()
	sim.ResetStats()
	tf.run("apply", "-auto-approve")
	tf.run("plan", "-detailed-exitcode")
	st := sim.Stats()
	if st.Requests["POST /Customer"] != 0 || st.Requests["DELETE /Customer/DeleteByCode"] != 0 || !slices.Equal(codes(sim), []string{"HW001"}) {
		t.Errorf("the apply after the merge wrote: %v; the simulator holds %v", st.Requests, codes(sim))
	}
	if state := tf.run("state", "list"); strings.TrimSpace(state) != "dealpos_customer.hana" {
		t.Errorf("the state holds %q, want dealpos_customer.hana alone", state)
	}
}

// TestAccAction_mergeDuplicatesGuide follows "Merging Duplicates" of the
// adopting guide with its configuration (examples/guides/merge-duplicates):
// three managed customers; the duplicates' blocks replaced by removed
// blocks with destroy = false and the merge written; the merge invoked; an
// apply that creates and deletes nothing, then an empty plan.
func TestAccAction_mergeDuplicatesGuide(t *testing.T) {
	sim := newTestSim(t, simulator.Options{})
	tf := actionDir(t, sim, map[string]string{"main.tf": managedDuplicates})
	tf.run("apply", "-auto-approve")
	tf.write(map[string]string{"main.tf": example(t, "guides/merge-duplicates/main.tf")})
	tf.run("apply", "-invoke=action.dealpos_customer_merge.hana", "-auto-approve")
	if got := codes(sim); !slices.Equal(got, []string{"HW001"}) {
		t.Fatalf("after the merge the simulator holds %v, want HW001 alone", got)
	}
	mergedAway(t, tf, sim)
}

// TestAccAction_mergedCustomersBlocksKept: the merge invoked while the
// duplicates' resource blocks are still in the configuration; the next plan
// creates them again (what the guide warns of), and the guide's
// configuration recovers: nothing created, nothing deleted.
func TestAccAction_mergedCustomersBlocksKept(t *testing.T) {
	sim := newTestSim(t, simulator.Options{})
	tf := actionDir(t, sim, map[string]string{"main.tf": managedDuplicates + `
action "dealpos_customer_merge" "hana" {
  config {
    target     = "code:HW001"
    duplicates = ["code:HW001-2", "email:hana.w@example.com"]
  }
}
`})
	tf.run("apply", "-auto-approve")
	tf.run("apply", "-invoke=action.dealpos_customer_merge.hana", "-auto-approve")
	out := tf.run("plan")
	contains(t, "the plan with the merged customers' blocks kept", out, "Plan: 2 to add, 0 to change, 0 to destroy")
	tf.write(map[string]string{"main.tf": example(t, "guides/merge-duplicates/main.tf")})
	mergedAway(t, tf, sim)
}
