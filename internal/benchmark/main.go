// Command benchmark measures what the provider costs against the simulator:
// requests per customer for each operation, wall time of 1,000 customers
// next to 1,000 terraform_data resources, the provider's peak memory, and a
// seed under a scaled-down quota next to its floor. `make bench` runs it;
// it prints a Markdown table (README.md keeps one run of it).
//
// It is a benchmark, not a test: nothing here passes or fails on a number.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

const token = "bench-token"

func main() {
	n := flag.Int("customers", 1000, "customers for the wall-time and memory run")
	perOp := flag.Int("per-op", 100, "customers for the requests-per-operation run")
	listed := flag.Int("listed", 1000, "customers seeded for the dealpos_customers run")
	quotaN := flag.Int("quota-customers", 200, "customers seeded under the scaled-down quota")
	quota := flag.Int("quota", 50, "requests per window of the scaled-down quota")
	window := flag.Duration("window", 3*time.Second, "window of the scaled-down quota")
	flag.Parse()
	if err := run(*n, *perOp, *listed, *quotaN, *quota, *window); err != nil {
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(1)
	}
}

// bench holds the built provider, the simulator and a scratch directory.
type bench struct {
	dir     string
	sim     *simulator.Server
	baseURL string
	env     []string
	noopEnv []string // runs the no-op provider of the same schema instead
	rssFile string
}

func run(n, perOp, listed, quotaN, quota int, window time.Duration) error {
	dir, err := os.MkdirTemp("", "dealpos-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b, err := setUp(dir)
	if err != nil {
		return err
	}

	out := &strings.Builder{}
	tfVersion, _ := exec.Command("terraform", "version").Output()
	fmt.Fprintf(out, "Measured %s on %s/%s, %d CPUs, %s; terraform parallelism 10.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), strings.SplitN(string(tfVersion), "\n", 2)[0])

	if err := b.requestsPerOperation(out, perOp, listed); err != nil {
		return err
	}
	if err := b.wallTime(out, n); err != nil {
		return err
	}
	if err := b.quotaRun(out, quotaN, quota, window); err != nil {
		return err
	}
	fmt.Print(out.String())
	return nil
}

func setUp(dir string) (*bench, error) {
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return nil, err
	}
	provider := filepath.Join(dir, "terraform-provider-dealpos-real")
	build := exec.Command("go", "build", "-o", provider, ".")
	build.Dir = repoRoot()
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building the provider: %w", err)
	}
	// Terraform starts the provider through this wrapper, which records
	// the provider's peak resident memory (KiB) with GNU time.
	rssFile := filepath.Join(dir, "rss.txt")
	wrapper := fmt.Sprintf("#!/bin/sh\nexec /usr/bin/time -f %%M -a -o %q %q \"$@\"\n", rssFile, provider)
	if err := os.WriteFile(filepath.Join(bin, "terraform-provider-dealpos"), []byte(wrapper), 0o755); err != nil {
		return nil, err
	}
	rcFile, err := overrides(dir, "terraformrc", bin)
	if err != nil {
		return nil, err
	}
	noopBin := filepath.Join(dir, "noop-bin")
	noop := exec.Command("go", "build", "-o", filepath.Join(noopBin, "terraform-provider-dealpos"), "./internal/benchmark/noopprovider")
	noop.Dir = repoRoot()
	noop.Stdout, noop.Stderr = os.Stderr, os.Stderr
	if err := noop.Run(); err != nil {
		return nil, fmt.Errorf("building the no-op provider: %w", err)
	}
	noopRC, err := overrides(dir, "noop-terraformrc", noopBin)
	if err != nil {
		return nil, err
	}

	sim := simulator.New(simulator.Options{Tokens: []string{token}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go func() { _ = http.Serve(ln, sim) }() //nolint:gosec // loopback benchmark server, stopped with the process
	b := &bench{dir: dir, sim: sim, baseURL: "http://" + ln.Addr().String() + "/api/v3", rssFile: rssFile}
	common := append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "DEALPOS_BASE_URL="+b.baseURL, "DEALPOS_TOKEN="+token)
	b.env = append(append([]string(nil), common...), "TF_CLI_CONFIG_FILE="+rcFile)
	b.noopEnv = append(append([]string(nil), common...), "TF_CLI_CONFIG_FILE="+noopRC)
	return b, nil
}

// overrides writes a CLI configuration that takes the provider from bin.
func overrides(dir, name, bin string) (string, error) {
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/dealpos/dealpos\" = %q\n  }\n  direct {}\n}\n", bin)
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, []byte(rc), 0o644)
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
	return ws, os.WriteFile(filepath.Join(ws, "main.tf"), []byte(config), 0o644)
}

// terraform runs one command in ws and returns its wall time.
func (b *bench) terraform(ws string, args ...string) (time.Duration, error) {
	return b.terraformWith(b.env, ws, args...)
}

func (b *bench) terraformWith(env []string, ws string, args ...string) (time.Duration, error) {
	switch args[0] {
	case "apply", "plan", "destroy":
		args = append(args, "-input=false", "-no-color")
	}
	cmd := exec.CommandContext(context.Background(), "terraform", args...)
	cmd.Dir, cmd.Env = ws, env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	if err != nil {
		return elapsed, fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(args, " "), ws, err, tail(string(out), 40))
	}
	return elapsed, nil
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

// measure resets the simulator's counters, runs fn and returns the API
// requests it caused.
func (b *bench) measure(fn func() (time.Duration, error)) (int, time.Duration, simulator.Stats, error) {
	b.sim.ResetStats()
	d, err := fn()
	st := b.sim.Stats()
	return st.Total, d, st, err
}

func perCustomer(requests, n int) string {
	return strconv.FormatFloat(float64(requests)/float64(n), 'f', 2, 64)
}

func (b *bench) requestsPerOperation(out *strings.Builder, n, listed int) error {
	ws, err := b.workspace("per-op", customersHCL(n, "", providerBlock))
	if err != nil {
		return err
	}
	type row struct{ op, cmd, perCustomer, detail string }
	var rows []row
	step := func(op, cmd string, args ...string) error {
		total, _, st, err := b.measure(func() (time.Duration, error) { return b.terraform(ws, args...) })
		if err != nil {
			return err
		}
		rows = append(rows, row{op, cmd, perCustomer(total, n), endpoints(st)})
		return nil
	}
	if err := step("create", "terraform apply", "apply", "-auto-approve"); err != nil {
		return err
	}
	if err := step("refresh (plan)", "terraform plan", "plan"); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(ws, "main.tf"), []byte(customersHCL(n, " (renamed)", providerBlock)), 0o644); err != nil {
		return err
	}
	if err := step("in-place update", "terraform apply -refresh=false", "apply", "-auto-approve", "-refresh=false"); err != nil {
		return err
	}
	bulk := customersHCL(n, " (renamed)", requiredProviders+"provider \"dealpos\" {\n  bulk_refresh = true\n}\n")
	if err := os.WriteFile(filepath.Join(ws, "main.tf"), []byte(bulk), 0o644); err != nil {
		return err
	}
	if err := step("refresh with bulk_refresh", "terraform plan", "plan"); err != nil {
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
	if err := os.WriteFile(filepath.Join(ws, "main.tf"), []byte(imports.String()), 0o644); err != nil {
		return err
	}
	if err := step("import by code", "terraform apply (import blocks)", "apply", "-auto-approve"); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(ws, "main.tf"), []byte(customersHCL(n, " (renamed)", providerBlock)), 0o644); err != nil {
		return err
	}
	if err := step("destroy", "terraform destroy -refresh=false", "destroy", "-auto-approve", "-refresh=false"); err != nil {
		return err
	}

	// dealpos_customers over a tenant of `listed` customers.
	b.sim.SeedSample(listed)
	dsWS, err := b.workspace("list", providerBlock+"data \"dealpos_customers\" \"all\" {}\noutput \"n\" { value = length(data.dealpos_customers.all.customers) }\n")
	if err != nil {
		return err
	}
	total, _, st, err := b.measure(func() (time.Duration, error) { return b.terraform(dsWS, "plan") })
	if err != nil {
		return err
	}
	for _, id := range b.sim.All() {
		b.sim.Delete(id.ID)
	}

	fmt.Fprintf(out, "### Requests per customer (%d customers, no quota)\n\n", n)
	fmt.Fprintln(out, "| Operation | Command | Requests per customer | Requests by endpoint |")
	fmt.Fprintln(out, "|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintf(out, "| %s | `%s` | %s | %s |\n", r.op, r.cmd, r.perCustomer, r.detail)
	}
	fmt.Fprintf(out, "| `dealpos_customers` over %d customers | `terraform plan` | %d requests in all | %s |\n\n", listed, total, endpoints(st))
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

func (b *bench) wallTime(out *strings.Builder, n int) error {
	ws, err := b.workspace("wall", customersHCL(n, "", providerBlock))
	if err != nil {
		return err
	}
	noop, err := b.workspace("noop", customersHCL(n, "", providerBlock))
	if err != nil {
		return err
	}
	data, err := b.workspace("data", fmt.Sprintf("resource \"terraform_data\" \"c\" {\n  count = %d\n  input = \"Bench customer ${count.index}\"\n}\n", n))
	if err != nil {
		return err
	}
	_ = os.Remove(b.rssFile)
	phases := []struct {
		name string
		args []string
	}{
		{"apply (create)", []string{"apply", "-auto-approve"}},
		{"plan (refresh)", []string{"plan"}},
		{"destroy", []string{"destroy", "-auto-approve"}},
	}
	fmt.Fprintf(out, "### %d customers, no quota: wall time next to the same schema without API calls, and %d `terraform_data`\n\n", n, n)
	fmt.Fprintln(out, "| Phase | dealpos_customer | Same schema, no API (no-op provider) | terraform_data | Ratio to no-op | Ratio to terraform_data |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|")
	for _, p := range phases {
		dp, err := b.terraform(ws, p.args...)
		if err != nil {
			return err
		}
		np, err := b.terraformWith(b.noopEnv, noop, p.args...)
		if err != nil {
			return err
		}
		td, err := b.terraform(data, p.args...)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "| %s | %.1f s | %.1f s | %.1f s | %.2f | %.2f |\n", p.name, dp.Seconds(), np.Seconds(), td.Seconds(), dp.Seconds()/np.Seconds(), dp.Seconds()/td.Seconds())
	}
	peak, err := peakRSS(b.rssFile)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nProvider peak RSS over these runs: %.1f MB.\n\n", float64(peak)/1024)
	return nil
}

// peakRSS reads the largest of the KiB figures GNU time appended.
func peakRSS(path string) (int, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("no memory figures recorded (is GNU time at /usr/bin/time?): %w", err)
	}
	peak := 0
	for _, line := range strings.Fields(string(raw)) {
		if v, err := strconv.Atoi(line); err == nil && v > peak {
			peak = v
		}
	}
	if peak == 0 {
		return 0, errors.New("no memory figures recorded")
	}
	return peak, nil
}

func (b *bench) quotaRun(out *strings.Builder, n, limit int, window time.Duration) error {
	ws, err := b.workspace("quota", customersHCL(n, "", providerBlock))
	if err != nil {
		return err
	}
	b.sim.SetFaults(simulator.Faults{QuotaLimit: limit, QuotaWindow: window})
	defer b.sim.SetFaults(simulator.Faults{})
	// Start from a fresh window.
	time.Sleep(window)
	total, d, st, err := b.measure(func() (time.Duration, error) { return b.terraform(ws, "apply", "-auto-approve") })
	if err != nil {
		return err
	}
	refused := st.Status[http.StatusTooManyRequests]
	admitted := total - refused
	floor := time.Duration(float64(admitted) / float64(limit) * float64(window))
	windows := int(d/window) + 1
	fmt.Fprintf(out, "### Seeding %d customers under a quota of %d requests per %s\n\n", n, limit, window)
	fmt.Fprintln(out, "| Requests admitted | 429s | Windows | Wall time | Floor (requests / quota x window) | Ratio |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|")
	fmt.Fprintf(out, "| %d | %d | %d | %.1f s | %.1f s | %.2f |\n\n", admitted, refused, windows, d.Seconds(), floor.Seconds(), d.Seconds()/floor.Seconds())
	b.sim.SetFaults(simulator.Faults{})
	if _, err := b.terraform(ws, "destroy", "-auto-approve", "-refresh=false"); err != nil {
		return err
	}
	return nil
}
