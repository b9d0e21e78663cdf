package provider

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestAccQuery_generateConfig adopts a tenant the way the README tells:
// `terraform query -generate-config-out=generated.tf` over list blocks of
// customers, categories and products, then `terraform plan` on what it
// wrote, which must plan the imports and nothing else; after the apply a
// plan is empty. terraform-plugin-testing has no query step that generates
// configuration, so this drives the CLI itself, in a temporary directory,
// with a build of the provider through dev_overrides (as
// scripts/validate-examples.sh does) and an in-process simulator.
//
// The CLI is the one the acceptance tests drive (TF_ACC_TERRAFORM_PATH, else
// terraform on PATH; nothing is downloaded); the test skips unless it is
// Terraform 1.14 or later, so `make testacc` skips it and `make
// testacc-next` runs it with DEALPOS_TF_NEXT.
func TestAccQuery_generateConfig(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf := queryCLI(t)
	t.Parallel()

	sim := newTestSim(t, simulator.Options{})
	customerIDs := sim.SeedSample(3)
	productIDs := seedProducts(t, sim, 2) // creates the categories Seeded and Seeded/Goods
	simCategoryCall(t, sim, http.MethodPost, map[string]any{"Name": "Food/Snack", "Code": "SN"})
	categoryIDs := map[string]string{}
	for _, c := range sim.Categories() {
		categoryIDs[c.ID] = c.Name
	}
	if len(categoryIDs) != 4 {
		t.Fatalf("simulator categories %v, want Seeded, Seeded/Goods, Food and Food/Snack", categoryIDs)
	}
	want := map[string][]string{
		"dealpos_customer": customerIDs,
		"dealpos_product":  productIDs,
		"dealpos_category": slices.Collect(maps.Keys(categoryIDs)),
	}

	dir := t.TempDir()
	tf.dir = dir
	tf.env = append(tf.env, "TF_CLI_CONFIG_FILE="+devOverridesConfig(t))
	writeFile(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    dealpos = {
      source = "dealpos/dealpos"
    }
  }
}
`+sim.providerHCL())
	writeFile(t, filepath.Join(dir, "adopt.tfquery.hcl"),
		listHCL("dealpos_customer", "all", []string{"limit = 1000", "include_resource = true"})+
			listHCL("dealpos_category", "all", []string{"limit = 1000", "include_resource = true"})+
			listHCL("dealpos_product", "all", []string{"limit = 1000", "include_resource = true"}))

	tf.run("query", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated.tf:\n%s", generated)
	checkGenerated(t, string(generated), want)

	// The plan over the generated configuration: every listed record
	// imported, no other change.
	tf.run("plan", "-out=adopt.tfplan")
	imported := map[string][]string{}
	for _, rc := range tf.plannedChanges("adopt.tfplan") {
		switch {
		case rc.Change.Importing == nil:
			t.Errorf("%s: planned %v without an import", rc.Address, rc.Change.Actions)
		case !slices.Equal(rc.Change.Actions, []string{"no-op"}):
			t.Errorf("%s: an import that plans %v, want no-op", rc.Address, rc.Change.Actions)
		default:
			id, _ := rc.Change.Importing.Identity["id"].(string)
			imported[rc.Type] = append(imported[rc.Type], id)
		}
	}
	for typeName, ids := range want {
		if !sameElements(imported[typeName], ids) {
			t.Errorf("planned imports of %s by identity %q, want %q", typeName, imported[typeName], ids)
		}
	}
	if t.Failed() {
		t.Logf("plan:\n%s", tf.run("show", "-no-color", "adopt.tfplan"))
		t.FailNow()
	}

	// Adopted: the apply changes nothing in DealPOS, and the next plan is empty.
	before := simSnapshot(sim)
	tf.run("apply", "adopt.tfplan")
	if after := simSnapshot(sim); !reflect.DeepEqual(before, after) {
		t.Errorf("the apply of the imports changed DealPOS records:\nbefore %+v\nafter  %+v", before, after)
	}
	tf.run("plan", "-detailed-exitcode")
}

// resourceChange is a resource's planned change in `terraform show -json`.
type resourceChange struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Change  struct {
		Actions   []string `json:"actions"`
		Importing *struct {
			ID       string         `json:"id"`
			Identity map[string]any `json:"identity"`
		} `json:"importing"`
	} `json:"change"`
}

// plannedChanges is the resource changes of a saved plan.
func (c *tfCLI) plannedChanges(planFile string) []resourceChange {
	c.t.Helper()
	var plan struct {
		ResourceChanges []resourceChange `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(c.run("show", "-json", planFile)), &plan); err != nil {
		c.t.Fatal(err)
	}
	return plan.ResourceChanges
}

// simSnapshot is every record of the simulator.
func simSnapshot(sim *testSim) []any {
	return []any{sim.All(), sim.Categories(), sim.Products(), sim.Outlets()}
}

// checkGenerated checks the configuration terraform query generated: for
// every listed record one resource block of its type and one import block
// that names its identity and imports into that resource block.
func checkGenerated(t *testing.T, generated string, want map[string][]string) {
	t.Helper()
	resources := map[string]bool{}      // addresses of the resource blocks
	byIdentity := map[string][]string{} // type -> identity IDs of the import blocks
	var targets []string                // addresses the import blocks import into
	resourceHead := regexp.MustCompile(`^resource "([a-z_]+)" "([^"]+)" \{`)
	to := regexp.MustCompile(`(?m)^\s*to\s*=\s*([a-z_]+)\.(\S+)\s*$`)
	identityID := regexp.MustCompile(`(?s)identity\s*=\s*\{\s*id\s*=\s*"([^"]+)"\s*\}`)
	for _, block := range topLevelBlocks(generated) {
		head := strings.SplitN(block, "\n", 2)[0]
		switch {
		case resourceHead.MatchString(head):
			m := resourceHead.FindStringSubmatch(head)
			addr := m[1] + "." + m[2]
			if resources[addr] {
				t.Errorf("two resource blocks %s", addr)
			}
			resources[addr] = true
		case strings.HasPrefix(head, "import {"):
			target, id := to.FindStringSubmatch(block), identityID.FindStringSubmatch(block)
			if target == nil || id == nil {
				t.Errorf("import block without a to address or an identity id:\n%s", block)
				continue
			}
			byIdentity[target[1]] = append(byIdentity[target[1]], id[1])
			targets = append(targets, target[1]+"."+target[2])
		}
	}
	for _, addr := range targets {
		if !resources[addr] {
			t.Errorf("import block into %s, which has no resource block", addr)
		}
	}
	count := map[string]int{}
	for addr := range resources {
		count[strings.SplitN(addr, ".", 2)[0]]++
	}
	for typeName, ids := range want {
		if count[typeName] != len(ids) {
			t.Errorf("%d resource blocks of %s, want %d", count[typeName], typeName, len(ids))
		}
		if !sameElements(byIdentity[typeName], ids) {
			t.Errorf("import blocks of %s by identity %q, want %q", typeName, byIdentity[typeName], ids)
		}
	}
	for typeName := range count {
		if _, ok := want[typeName]; !ok {
			t.Errorf("resource blocks of %s, which no list block listed", typeName)
		}
	}
}

// topLevelBlocks splits HCL as terraform writes it into its top-level
// blocks: each from a line that opens one at column 0 to the line "}".
func topLevelBlocks(src string) []string {
	var blocks []string
	var cur []string
	for _, line := range strings.Split(src, "\n") {
		switch {
		case cur == nil && strings.HasSuffix(line, "{") && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "#"):
			cur = []string{line}
		case cur != nil:
			cur = append(cur, line)
			if line == "}" {
				blocks = append(blocks, strings.Join(cur, "\n"))
				cur = nil
			}
		}
	}
	return blocks
}

// tfCLI runs one terraform CLI binary in a directory.
type tfCLI struct {
	t    *testing.T
	path string
	dir  string
	env  []string
}

// queryCLI is the CLI the acceptance tests drive (cliUnderTest); it skips
// the test unless that is Terraform 1.14 or later, the first with
// `terraform query` (OpenTofu has no query command, whatever its version).
func queryCLI(t *testing.T) *tfCLI {
	t.Helper()
	return terraform114(t, "terraform query -generate-config-out")
}

// terraform114 is the CLI the acceptance tests drive, for a feature of
// Terraform 1.14 and later that OpenTofu does not have; it skips the test
// with one line on any other CLI.
func terraform114(t *testing.T, feature string) *tfCLI {
	t.Helper()
	tf, cli := cliRunner(t)
	if cli.product != "Terraform" || cli.major < 1 || cli.major == 1 && cli.minor < 14 {
		t.Skipf("%s needs Terraform 1.14 or later; the CLI under test is %s", feature, cli.version)
	}
	return tf
}

// cliRunner runs the CLI the acceptance tests drive (cliUnderTest), and
// tells which it is.
func cliRunner(t *testing.T) (*tfCLI, cli) {
	t.Helper()
	cli, err := cliUnderTest(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"}
	for _, kv := range os.Environ() {
		// Nothing of the caller's Terraform setup leaks into the run.
		if !strings.HasPrefix(kv, "TF_") {
			env = append(env, kv)
		}
	}
	return &tfCLI{t: t, path: cli.path, env: env}, cli
}

// run runs a CLI command (without color, unless its output is JSON) and
// returns its stdout; a failure fails the test with both outputs, so
// `plan -detailed-exitcode` fails on a non-empty plan (exit status 2).
func (c *tfCLI) run(args ...string) string {
	c.t.Helper()
	if !slices.Contains(args, "-json") {
		args = append(args, "-no-color")
	}
	cmd := exec.CommandContext(c.t.Context(), c.path, args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		c.t.Fatalf("terraform %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// devOverridesConfig builds the provider once for this test into a
// temporary directory and writes a CLI configuration whose dev_overrides
// take the provider from there (scripts/dev-overrides.sh); it returns the
// configuration's path.
func devOverridesConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(dir, "bin", "terraform-provider-dealpos"), "github.com/dealpos/terraform-provider-dealpos")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc, err := exec.CommandContext(t.Context(), filepath.Join("..", "..", "scripts", "dev-overrides.sh"), filepath.Join(dir, "bin")).Output()
	if err != nil {
		t.Fatalf("scripts/dev-overrides.sh: %v", err)
	}
	path := filepath.Join(dir, "terraformrc")
	writeFile(t, path, string(rc))
	return path
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// sameElements reports whether a and b hold the same strings, in any order.
func sameElements(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
