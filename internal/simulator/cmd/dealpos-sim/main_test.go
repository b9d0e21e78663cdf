package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

// TestHelpListsTheCSVColumns: -h names the columns -seed-csv takes, and
// both spellings the repository uses.
func TestHelpListsTheCSVColumns(t *testing.T) {
	var usage bytes.Buffer
	if _, err := parseFlags([]string{"-h"}, &usage); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("got %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"-seed-csv", "birth_date", "loyalty_point", "Birthday", "FirstName", "LoyaltyPoint", "MobilePhone", "SignUpOutlet"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h does not mention %s:\n%s", want, usage.String())
		}
	}
}

// TestEveryExampleCSVLoads: each CSV file under examples/ seeds the
// simulator through -seed-csv's loader, every row a customer.
func TestEveryExampleCSVLoads(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "examples")
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".csv") {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) < 2 {
		t.Fatalf("found %v under %s (%v), want the demo's and the seeding guide's CSV at least", files, root, err)
	}
	for _, path := range files {
		srv := simulator.New(simulator.Options{})
		if err := seed(srv, path); err != nil {
			t.Errorf("-seed-csv %s: %v", path, err)
			continue
		}
		data, _ := os.ReadFile(path)
		rows := strings.Count(strings.TrimSpace(string(data)), "\n")
		if got := len(srv.All()); got != rows {
			t.Errorf("%s: %d customers loaded from %d rows", path, got, rows)
		}
	}
}

func TestCheckLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.1:0": true, "[::1]:0": true, "localhost:9000": true,
		"0.0.0.0:8080": false, ":8080": false, "10.1.2.3:80": false, "example.com:80": false, "nonsense": false,
	} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("%s: err %v, want ok=%v", addr, err, ok)
		}
	}
}

func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-quota", "50", "-gender-bool", "-code-prefix", "MM-"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.token) < 32 || c.opts.Tokens[0] != c.token || !c.opts.GenderAsBool || c.opts.CodePrefix != "MM-" || c.quota != 50 || c.window != 180*time.Second {
		t.Fatalf("config %+v", c)
	}
	c, err = parseFlags([]string{"-update-clears-omitted", "-duplicate-wording", "registered"}, io.Discard)
	if err != nil || !c.opts.UpdateClearsOmitted || c.opts.DuplicateWording != "registered" {
		t.Fatalf("the other readings: %+v, %v", c.opts, err)
	}
	c, err = parseFlags([]string{"-outlets", "North, South"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.opts.Outlets) != 2 || c.opts.Outlets[1].Name != "South" || c.opts.Outlets[1].Code != "002" {
		t.Fatalf("outlets %+v", c.opts.Outlets)
	}
	for _, args := range [][]string{
		{"-outlets", "North,,South"},
		{"-addr", "0.0.0.0:8080"},
		{"-new-code-shape", "xml"},
		{"-duplicate-wording", "taken"},
		{"-quota", "-1"},
		{"-window", "0s"},
		{"stray"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestRun starts the command on a free port, uses it, and stops it with
// SIGINT as a user would.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, "sim.env")
	csvFile := filepath.Join(dir, "seed.csv")
	if err := os.WriteFile(csvFile, []byte("Code,Name,Email,Mobile\nHW008,Tafta,t@x.io,0815\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"-addr", "127.0.0.1:0", "-token", "tok", "-env-file", envFile, "-seed-csv", csvFile, "-quota", "5", "-window", "60s"}, &out)
	}()

	var env map[string]string
	for deadline := time.Now().Add(10 * time.Second); env == nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the env file never appeared")
		}
		b, err := os.ReadFile(envFile)
		if err != nil {
			continue
		}
		env = map[string]string{}
		for _, line := range strings.Fields(string(b)) {
			k, v, _ := strings.Cut(line, "=")
			env[k] = v
		}
	}
	if env["DEALPOS_TOKEN"] != "tok" || !strings.HasPrefix(env["DEALPOS_BASE_URL"], "http://127.0.0.1:") || !strings.HasSuffix(env["DEALPOS_BASE_URL"], "/api/v3") {
		t.Fatalf("env %v", env)
	}

	req, _ := http.NewRequest("GET", env["DEALPOS_BASE_URL"]+"/Customer/Detail?Code=HW008", nil)
	req.Header.Set("Authorization", "Bearer tok")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("RateLimit-Policy") != "5;w=60" {
		t.Fatalf("status %d, policy %q: the seeded customer or the quota is missing", res.StatusCode, res.Header.Get("RateLimit-Policy"))
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop on SIGINT")
	}
	if !strings.Contains(out.String(), "DEALPOS_BASE_URL="+env["DEALPOS_BASE_URL"]) || !strings.Contains(out.String(), "DEALPOS_TOKEN=tok") {
		t.Fatalf("stdout %q", out.String())
	}
}
