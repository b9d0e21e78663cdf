// Command benchmark measures what the provider costs against the simulator:
// requests per customer for each operation, requests per catalog record
// (categories, products, variants, outlet prices) for each operation, with
// the one-request create (skip_create_read_back) off and on, the requests
// of one terraform plan over a whole tenant (customers, categories,
// products and outlet prices together; default refresh and bulk_refresh,
// at a mixed tenant and at -tenant-products products), wall time of
// 1,000 customers next to the same schema served by a no-op provider and to
// 1,000 terraform_data resources (for_each with an object input, and
// count), the plan repeated to show the noise, the provider's peak memory,
// and a seed under a scaled-down quota, both ways, next to its floor.
// -profile DIR writes CPU profiles of the provider processes of the
// wall-time plans. `make bench` runs it (-only runs some sections, e.g.
// `make bench BENCH_FLAGS="-only catalog"`);
// it prints Markdown tables on stdout and nothing else there (builds and
// errors go to stderr), and writes no file of the repository: README.md
// keeps one run of it, pasted by hand.
//
// It is a benchmark, not a test: nothing here passes or fails on a number.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/pluginprocess"
	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const token = "bench-token"

func main() {
	n := flag.Int("customers", 1000, "customers for the wall-time and memory run")
	perOp := flag.Int("per-op", 100, "customers for the requests-per-operation run")
	listed := flag.Int("listed", 1000, "customers seeded for the dealpos_customers run")
	products := flag.Int("catalog", 50, "products (2 variants and one outlet price each) for the catalog requests-per-operation run")
	tenantProducts := flag.Int("tenant-products", 1000, "products (3 variants and one outlet price each) of the large configuration of the tenant plan run")
	quotaN := flag.Int("quota-customers", 200, "customers seeded under the scaled-down quota")
	quota := flag.Int("quota", 50, "requests per window of the scaled-down quota")
	window := flag.Duration("window", 3*time.Second, "window of the scaled-down quota")
	plans := flag.Int("plans", 5, "times the wall-time section runs the plan of each configuration, to show the noise")
	skipSetting := flag.String("skip-read-back-setting", "skip_create_read_back",
		"provider setting that skips the read-back after a create; the rows with it on are left out when the provider has no such setting")
	profile := flag.String("profile", "", "directory for CPU profiles of the provider processes of the wall-time plans (real/ and noop/, one file per process; read with go tool pprof -top)")
	only := flag.String("only", "", "comma-separated sections to run, of "+strings.Join(sectionNames, ", ")+" (default all)")
	flag.Parse()
	sections, err := parseSections(*only)
	if err == nil {
		err = run(sections, options{n: *n, perOp: *perOp, listed: *listed, products: *products, tenantProducts: *tenantProducts,
			quotaN: *quotaN, quota: *quota, window: *window,
			plans: max(*plans, 1), skipSetting: *skipSetting, profile: *profile})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(1)
	}
}

// sectionNames are the sections of the benchmark, in the order they print.
var sectionNames = []string{"customers", "catalog", "tenant", "wall", "quota"}

// parseSections reads the -only flag: the sections to run.
func parseSections(only string) (map[string]bool, error) {
	sections := map[string]bool{}
	if strings.TrimSpace(only) == "" {
		for _, name := range sectionNames {
			sections[name] = true
		}
		return sections, nil
	}
	for _, name := range strings.Split(only, ",") {
		name = strings.TrimSpace(name)
		if !slices.Contains(sectionNames, name) {
			return nil, fmt.Errorf("-only: unknown section %q (sections: %s)", name, strings.Join(sectionNames, ", "))
		}
		sections[name] = true
	}
	return sections, nil
}

// options are the sizes the flags set.
type options struct {
	n, perOp, listed, products, tenantProducts, quotaN, quota, plans int
	window                                                           time.Duration
	skipSetting                                                      string // provider setting that skips the read-back after a create
	profile                                                          string // directory for CPU profiles of the wall-time plans
}

// bench holds the built provider, the simulator and a scratch directory.
type bench struct {
	dir     string
	sim     *simulator.Server
	baseURL string
	env     []string
	noopEnv []string // runs the no-op provider of the same schema instead
	// costs and noopCosts are the files the wrappers of the real and the
	// no-op provider append each process's memory and CPU time to.
	costs, noopCosts string
	// skipSetting is the provider setting that skips the read-back after
	// a create, "" when the provider built has none.
	skipSetting string
}

func run(sections map[string]bool, o options) error {
	dir, err := os.MkdirTemp("", "dealpos-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b, err := setUp(dir)
	if err != nil {
		return err
	}
	if o.skipSetting != "" {
		if b.skipSetting, err = b.providerSetting(o.skipSetting, "true"); err != nil {
			return err
		}
	}

	out := &strings.Builder{}
	tfVersion, _ := exec.Command("terraform", "version").Output()
	fmt.Fprintf(out, "Measured %s on %s/%s, %d CPUs, %s; terraform parallelism 10.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), strings.SplitN(string(tfVersion), "\n", 2)[0])

	steps := map[string]func() error{
		"customers": func() error { return b.requestsPerOperation(out, o.perOp, o.listed) },
		"catalog":   func() error { return b.catalogRequests(out, o.products) },
		"tenant":    func() error { return b.tenantPlans(out, o.tenantProducts) },
		"wall":      func() error { return b.wallTime(out, o.n, o.plans, o.profile) },
		"quota":     func() error { return b.quotaRun(out, o.quotaN, o.quota, o.window) },
	}
	for _, name := range sectionNames {
		if !sections[name] {
			continue
		}
		if err := steps[name](); err != nil {
			return err
		}
	}
	fmt.Print(out.String())
	return nil
}

func setUp(dir string) (*bench, error) {
	root := repoRoot()
	rcFile, costs, err := installProvider(root, dir, "real", ".")
	if err != nil {
		return nil, err
	}
	noopRC, noopCosts, err := installProvider(root, dir, "noop", "./internal/benchmark/noopprovider")
	if err != nil {
		return nil, err
	}

	sim := simulator.New(simulator.Options{Tokens: []string{token}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go func() { _ = http.Serve(ln, sim) }() //nolint:gosec // loopback benchmark server, stopped with the process
	b := &bench{dir: dir, sim: sim, baseURL: "http://" + ln.Addr().String() + "/api/v3", costs: costs, noopCosts: noopCosts}
	common := append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "DEALPOS_BASE_URL="+b.baseURL, "DEALPOS_TOKEN="+token)
	b.env = append(append([]string(nil), common...), "TF_CLI_CONFIG_FILE="+rcFile)
	b.noopEnv = append(append([]string(nil), common...), "TF_CLI_CONFIG_FILE="+noopRC)
	return b, nil
}

// installProvider builds the provider at pkg as dir/<name>-bin/... and
// answers the CLI configuration that makes Terraform start it through a
// wrapper recording its processes' peak memory and CPU time in the costs
// file (cost.go).
func installProvider(root, dir, name, pkg string) (rcFile, costs string, err error) {
	bin := filepath.Join(dir, name+"-bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return "", "", err
	}
	provider := filepath.Join(dir, "terraform-provider-dealpos-"+name)
	build := exec.Command("go", "build", "-o", provider, pkg)
	build.Dir = root
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", "", fmt.Errorf("building %s: %w", pkg, err)
	}
	costs = filepath.Join(dir, "costs-"+name+".txt")
	if err := writeWrapper(filepath.Join(bin, "terraform-provider-dealpos"), provider, costs); err != nil {
		return "", "", err
	}
	rcFile, err = overrides(root, filepath.Join(dir, name+"-terraformrc"), bin)
	return rcFile, costs, err
}

// overrides writes to path the CLI configuration that takes the provider
// from bin, as scripts/dev-overrides.sh (shared with the demo and the
// examples check) prints it.
func overrides(root, path, bin string) (string, error) {
	rc, err := exec.Command(filepath.Join(root, "scripts", "dev-overrides.sh"), bin).Output()
	if err != nil {
		return "", fmt.Errorf("scripts/dev-overrides.sh: %w", err)
	}
	return path, os.WriteFile(path, rc, 0o644)
}

func repoRoot() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "."
	}
	return strings.TrimSpace(string(out))
}

// workspace writes config into a fresh directory.
func (b *bench) workspace(name, config string) (string, error) {
	ws := filepath.Join(b.dir, name)
	if err := os.MkdirAll(ws, 0o755); err != nil {
		return "", err
	}
	return ws, setConfig(ws, config)
}

// setConfig replaces the configuration of ws.
func setConfig(ws, config string) error {
	return os.WriteFile(filepath.Join(ws, "main.tf"), []byte(config), 0o644)
}

// terraform runs one command in ws and returns its wall time.
func (b *bench) terraform(ws string, args ...string) (time.Duration, error) {
	return b.terraformWith(b.env, ws, args...)
}

func (b *bench) terraformWith(env []string, ws string, args ...string) (time.Duration, error) {
	c, err := b.terraformCost(env, ws, args...)
	return c.wall, err
}

func tail(s string, lines int) string {
	all := strings.Split(strings.TrimSpace(s), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

func customersHCL(n int, nameSuffix string, providerBlock string) string {
	return providerBlock + fmt.Sprintf(`
resource "dealpos_customer" "c" {
  count  = %d
  code   = format("BENCH%%05d", count.index)
  name   = "Bench customer ${count.index}%s"
  email  = "bench${count.index}@example.com"
  mobile = format("0899%%07d", count.index)
}
`, n, nameSuffix)
}

const requiredProviders = "terraform {\n  required_providers {\n    dealpos = {\n      source = \"dealpos/dealpos\"\n    }\n  }\n}\n"

const providerBlock = requiredProviders + "provider \"dealpos\" {}\n"

// skipBlock is the provider block with the setting that skips the
// read-back after a create.
func (b *bench) skipBlock() string {
	return requiredProviders + fmt.Sprintf("provider \"dealpos\" {\n  %s = true\n}\n", b.skipSetting)
}

// providerSetting returns name when the provider built accepts
// `name = value` in its provider block (terraform validate says so), and ""
// when it does not know the setting.
func (b *bench) providerSetting(name, value string) (string, error) {
	ws, err := b.workspace("setting-"+name, requiredProviders+fmt.Sprintf("provider \"dealpos\" {\n  %s = %s\n}\n", name, value))
	if err != nil {
		return "", err
	}
	cmd := exec.Command("terraform", "validate", "-no-color")
	cmd.Dir, cmd.Env = ws, b.env
	out, err := cmd.CombinedOutput()
	switch {
	case err == nil:
		return name, nil
	case strings.Contains(string(out), "Unsupported argument"):
		fmt.Fprintf(os.Stderr, "benchmark: the provider has no %s setting; the rows with it are left out\n", name)
		return "", nil
	}
	return "", fmt.Errorf("terraform validate of the provider setting %s: %w\n%s", name, err, tail(string(out), 20))
}

// measure resets the simulator's counters, runs fn and returns the API
// requests it caused.
func (b *bench) measure(fn func() (time.Duration, error)) (int, time.Duration, simulator.Stats, error) {
	b.sim.ResetStats()
	d, err := fn()
	st := b.sim.Stats()
	return st.Total, d, st, err
}

// opTable is a table of requests per operation: each step runs one
// terraform command in ws and records the requests it caused, per record
// (customer, product, ...) and by endpoint.
type opTable struct {
	b    *bench
	ws   string
	rows []opRow
}

type opRow struct {
	op, cmd  string
	records  int // 0: a row counted in all, not per record
	requests int
	detail   string
}

// step runs terraform with args and records the requests over records.
func (t *opTable) step(op, cmd string, records int, args ...string) error {
	total, _, st, err := t.b.measure(func() (time.Duration, error) { return t.b.terraform(t.ws, args...) })
	if err != nil {
		return err
	}
	t.rows = append(t.rows, opRow{op: op, cmd: cmd, records: records, requests: total, detail: endpoints(st)})
	return nil
}

// configStep replaces the configuration, then runs step.
func (t *opTable) configStep(config, op, cmd string, records int, args ...string) error {
	if err := setConfig(t.ws, config); err != nil {
		return err
	}
	return t.step(op, cmd, records, args...)
}

// write prints the table under title. perRecord names the per-record
// column; with recordsColumn the number of records of each row shows too.
func (t *opTable) write(out *strings.Builder, title, perRecord string, recordsColumn bool) {
	fmt.Fprintf(out, "%s\n\n", title)
	if recordsColumn {
		fmt.Fprintf(out, "| Operation | Command | Records | %s | Requests by endpoint |\n", perRecord)
		fmt.Fprintln(out, "|---|---|---|---|---|")
	} else {
		fmt.Fprintf(out, "| Operation | Command | %s | Requests by endpoint |\n", perRecord)
		fmt.Fprintln(out, "|---|---|---|---|")
	}
	for _, r := range t.rows {
		per := fmt.Sprintf("%d requests in all", r.requests)
		if r.records > 0 {
			per = strconv.FormatFloat(float64(r.requests)/float64(r.records), 'f', 2, 64)
		}
		if recordsColumn {
			fmt.Fprintf(out, "| %s | `%s` | %d | %s | %s |\n", r.op, r.cmd, r.records, per, r.detail)
		} else {
			fmt.Fprintf(out, "| %s | `%s` | %s | %s |\n", r.op, r.cmd, per, r.detail)
		}
	}
	fmt.Fprintln(out)
}

func (b *bench) requestsPerOperation(out *strings.Builder, n, listed int) error {
	ws, err := b.workspace("per-op", customersHCL(n, "", providerBlock))
	if err != nil {
		return err
	}
	t := &opTable{b: b, ws: ws}
	if err := t.step("create", "terraform apply", n, "apply", "-auto-approve"); err != nil {
		return err
	}
	if err := t.step("refresh (plan)", "terraform plan", n, "plan"); err != nil {
		return err
	}
	if err := t.configStep(customersHCL(n, " (renamed)", providerBlock),
		"in-place update", "terraform apply -refresh=false", n, "apply", "-auto-approve", "-refresh=false"); err != nil {
		return err
	}
	bulk := customersHCL(n, " (renamed)", requiredProviders+"provider \"dealpos\" {\n  bulk_refresh = true\n}\n")
	if err := t.configStep(bulk, "refresh with bulk_refresh", "terraform plan", n, "plan"); err != nil {
		return err
	}
	// Import: forget the customers, then adopt them with import blocks by code.
	if _, err := b.terraform(ws, "state", "rm", "dealpos_customer.c"); err != nil {
		return err
	}
	var imports strings.Builder
	imports.WriteString(customersHCL(n, " (renamed)", providerBlock))
	for i := range n {
		fmt.Fprintf(&imports, "import {\n  to = dealpos_customer.c[%d]\n  id = \"code:BENCH%05d\"\n}\n", i, i)
	}
	if err := t.configStep(imports.String(), "import by code", "terraform apply (import blocks)", n, "apply", "-auto-approve"); err != nil {
		return err
	}
	if err := t.configStep(customersHCL(n, " (renamed)", providerBlock),
		"destroy", "terraform destroy -refresh=false", n, "destroy", "-auto-approve", "-refresh=false"); err != nil {
		return err
	}
	if b.skipSetting != "" {
		// The one-request create, and the first refresh after it, which
		// reads the whole record the create did not.
		skip := customersHCL(n, "", b.skipBlock())
		if err := t.configStep(skip, fmt.Sprintf("create with `%s = true`", b.skipSetting), "terraform apply", n, "apply", "-auto-approve"); err != nil {
			return err
		}
		if err := t.step(fmt.Sprintf("first refresh (plan) after it, `%s = true`", b.skipSetting), "terraform plan", n, "plan"); err != nil {
			return err
		}
		if _, err := b.terraform(ws, "destroy", "-auto-approve", "-refresh=false"); err != nil {
			return err
		}
	}

	// dealpos_customers over a tenant of `listed` customers.
	b.sim.SeedSample(listed)
	dsWS, err := b.workspace("list", providerBlock+"data \"dealpos_customers\" \"all\" {}\noutput \"n\" { value = length(data.dealpos_customers.all.customers) }\n")
	if err != nil {
		return err
	}
	list := &opTable{b: b, ws: dsWS}
	if err := list.step(fmt.Sprintf("`dealpos_customers` over %d customers", listed), "terraform plan", 0, "plan"); err != nil {
		return err
	}
	for _, id := range b.sim.All() {
		b.sim.Delete(id.ID)
	}
	t.rows = append(t.rows, list.rows...)
	t.write(out, fmt.Sprintf("### Requests per customer (%d customers, no quota)", n), "Requests per customer", false)
	return nil
}

func endpoints(st simulator.Stats) string {
	keys := make([]string, 0, len(st.Requests))
	for k := range st.Requests {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d", k, st.Requests[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// terraformDataForEachHCL is the terraform_data yardstick as users write
// it: for_each over the customers' keys, with an object input carrying the
// values the dealpos_customer configuration sets.
func terraformDataForEachHCL(n int) string {
	return fmt.Sprintf(`locals {
  customers = {
    for i in range(%d) : format("BENCH%%05d", i) => {
      code   = format("BENCH%%05d", i)
      name   = "Bench customer ${i}"
      email  = "bench${i}@example.com"
      mobile = format("0899%%07d", i)
    }
  }
}

resource "terraform_data" "c" {
  for_each = local.customers
  input    = each.value
}
`, n)
}

// terraformDataCountHCL is the earlier terraform_data yardstick: count, and
// a string input.
func terraformDataCountHCL(n int) string {
	return fmt.Sprintf("resource \"terraform_data\" \"c\" {\n  count = %d\n  input = \"Bench customer ${count.index}\"\n}\n", n)
}

// wallConfig is one configuration of the wall-time section.
type wallConfig struct {
	ws  string
	env []string
	// profile is the subdirectory of -profile for its provider's plan
	// profiles, and costs the file its provider's wrapper writes; both
	// "" for terraform_data, which runs in Terraform itself.
	profile, costs string
}

// runCost is what one command of one configuration cost.
type runCost struct {
	commandCost
	provider, simulator time.Duration
}

func (b *bench) wallTime(out *strings.Builder, n, plans int, profileDir string) error {
	var configs []wallConfig // dealpos_customer, no-op, terraform_data for_each, terraform_data count
	for _, c := range []struct{ name, hcl, profile, costs string }{
		{"wall", customersHCL(n, "", providerBlock), "real", b.costs},
		{"noop", customersHCL(n, "", providerBlock), "noop", b.noopCosts},
		{"data-for-each", terraformDataForEachHCL(n), "", ""},
		{"data-count", terraformDataCountHCL(n), "", ""},
	} {
		ws, err := b.workspace(c.name, c.hcl)
		if err != nil {
			return err
		}
		env := b.env
		if c.profile == "noop" {
			env = b.noopEnv
		}
		configs = append(configs, wallConfig{ws: ws, env: env, profile: c.profile, costs: c.costs})
	}
	sectionStart := fileSize(b.costs)
	phases := []struct {
		name string
		args []string
		runs int
	}{
		{"apply (create)", []string{"apply", "-auto-approve"}, 1},
		{"plan (refresh)", []string{"plan"}, plans},
		{"destroy", []string{"destroy", "-auto-approve"}, 1},
	}
	fmt.Fprintf(out, "### %d customers, no quota: wall time next to the same schema without API calls, and %d `terraform_data`\n\n", n, n)
	fmt.Fprintln(out, "| Phase | dealpos_customer | Same schema, no API (no-op provider) | terraform_data, `for_each` + object input | terraform_data, `count` + string input | Ratio to no-op | Ratio to terraform_data (`for_each`) |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|")
	var planRatios []float64
	var planCosts [][2]runCost // per plan run: dealpos_customer, no-op
	for _, p := range phases {
		for run := 1; run <= p.runs; run++ {
			costs := make([]runCost, len(configs))
			for i, c := range configs {
				env := c.env
				if profileDir != "" && c.profile != "" && p.args[0] == "plan" {
					dir := filepath.Join(profileDir, c.profile)
					if err := os.MkdirAll(dir, 0o755); err != nil {
						return err
					}
					env = append(append([]string(nil), env...), pluginprocess.CPUProfileDirEnv+"="+dir)
				}
				var err error
				if costs[i], err = b.measureRun(c, env, p.args); err != nil {
					return err
				}
			}
			name := p.name
			if p.runs > 1 {
				name = fmt.Sprintf("%s, run %d of %d", p.name, run, p.runs)
			}
			wall := func(i int) float64 { return costs[i].wall.Seconds() }
			toNoop := wall(0) / wall(1)
			if p.args[0] == "plan" {
				planRatios = append(planRatios, toNoop)
				planCosts = append(planCosts, [2]runCost{costs[0], costs[1]})
			}
			fmt.Fprintf(out, "| %s | %.1f s | %.1f s | %.1f s | %.1f s | %.2f | %.2f |\n", name,
				wall(0), wall(1), wall(2), wall(3), toNoop, wall(0)/wall(2))
		}
	}
	if len(planRatios) > 1 {
		fmt.Fprintf(out, "\nPlan (refresh) wall-time ratio to the no-op over %d runs: %s.\n", len(planRatios), spread(planRatios))
	}
	writePlanCPU(out, planCosts)
	peak, err := readCosts(b.costs, sectionStart)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nProvider peak RSS over these runs: %.1f MB.\n\n", float64(peak.peakKiB)/1024)
	return nil
}

// measureRun runs one command of c and measures it.
func (b *bench) measureRun(c wallConfig, env, args []string) (runCost, error) {
	skip, simStart := fileSize(c.costs), selfCPU()
	cmd, err := b.terraformCost(env, c.ws, args...)
	pc := runCost{commandCost: cmd, simulator: selfCPU() - simStart}
	if err != nil || c.costs == "" {
		return pc, err
	}
	prov, err := readCosts(c.costs, skip)
	pc.provider = prov.cpu
	return pc, err
}

// writePlanCPU writes the CPU time of each plan of dealpos_customer and of
// the no-op: steadier than wall time, and split between Terraform, the
// provider and the simulator (which a real tenant runs elsewhere).
func writePlanCPU(out *strings.Builder, runs [][2]runCost) {
	if len(runs) == 0 {
		return
	}
	fmt.Fprintln(out, "\nCPU time of the same plans (Terraform and the provider processes it started; the simulator, which serves only dealpos_customer, apart):")
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| Plan (refresh) | dealpos_customer: Terraform + provider | of which the provider | no-op: Terraform + provider | of which the provider | Simulator | Ratio to no-op, Terraform + provider | Ratio to no-op, with the simulator |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|")
	var ratios, withSim []float64
	for i, r := range runs {
		dp, np := r[0], r[1]
		ratio := dp.cpu.Seconds() / np.cpu.Seconds()
		sim := (dp.cpu + dp.simulator).Seconds() / (np.cpu + np.simulator).Seconds()
		ratios, withSim = append(ratios, ratio), append(withSim, sim)
		fmt.Fprintf(out, "| run %d of %d | %.1f s | %.1f s | %.1f s | %.1f s | %.2f s | %.2f | %.2f |\n", i+1, len(runs),
			dp.cpu.Seconds(), dp.provider.Seconds(), np.cpu.Seconds(), np.provider.Seconds(), dp.simulator.Seconds(), ratio, sim)
	}
	if len(runs) > 1 {
		fmt.Fprintf(out, "\nPlan (refresh) CPU ratio to the no-op over %d runs: %s (with the simulator: %s).\n", len(runs), spread(ratios), spread(withSim))
	}
}

// spread is the median and range of ratios.
func spread(ratios []float64) string {
	sorted := slices.Sorted(slices.Values(ratios))
	return fmt.Sprintf("median %.2f, from %.2f to %.2f", sorted[len(sorted)/2], sorted[0], sorted[len(sorted)-1])
}

// quotaRun seeds n customers under a quota of limit requests per window,
// with the read-back after create and, when the provider has the setting,
// without it. Each seed is set next to its floor: the windows its requests
// need at the least, (windows - 1) x window, plus the time the same seed
// takes with no quota (what Terraform and the provider cost besides the
// waits, which is not the quota's doing).
func (b *bench) quotaRun(out *strings.Builder, n, limit int, window time.Duration) error {
	type mode struct{ name, block string }
	modes := []mode{{"on (default)", providerBlock}}
	if b.skipSetting != "" {
		modes = append(modes, mode{fmt.Sprintf("off (`%s = true`)", b.skipSetting), b.skipBlock()})
	}
	fmt.Fprintf(out, "### Seeding %d customers under a quota of %d requests per %s\n\n", n, limit, window)
	fmt.Fprintln(out, "| Read-back after create | Requests admitted | 429s | Windows (requests / quota, rounded up) | Seed with no quota | Wall time | Floor ((windows - 1) x window + seed with no quota) | Ratio to floor |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|")
	defer b.sim.SetFaults(simulator.Faults{})
	for i, m := range modes {
		ws, err := b.workspace(fmt.Sprintf("quota-%d", i), customersHCL(n, "", m.block))
		if err != nil {
			return err
		}
		// The same seed with no quota.
		b.sim.SetFaults(simulator.Faults{})
		free, err := b.terraform(ws, "apply", "-auto-approve")
		if err != nil {
			return err
		}
		if _, err := b.terraform(ws, "destroy", "-auto-approve", "-refresh=false"); err != nil {
			return err
		}
		b.sim.SetFaults(simulator.Faults{QuotaLimit: limit, QuotaWindow: window})
		// Start from a fresh window.
		time.Sleep(window)
		total, d, st, err := b.measure(func() (time.Duration, error) { return b.terraform(ws, "apply", "-auto-approve") })
		if err != nil {
			return err
		}
		refused := st.Status[http.StatusTooManyRequests]
		admitted := total - refused
		windows := (admitted + limit - 1) / limit
		floor := time.Duration(max(windows-1, 0))*window + free
		fmt.Fprintf(out, "| %s | %d | %d | %d | %.1f s | %.1f s | %.1f s | %.2f |\n",
			m.name, admitted, refused, windows, free.Seconds(), d.Seconds(), floor.Seconds(), d.Seconds()/floor.Seconds())
		b.sim.SetFaults(simulator.Faults{})
		if _, err := b.terraform(ws, "destroy", "-auto-approve", "-refresh=false"); err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	return nil
}
