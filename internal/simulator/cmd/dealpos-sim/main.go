// Command dealpos-sim serves the DealPOS v3 customer API simulator on a
// loopback address, for running the provider or a client against it by hand.
//
//	dealpos-sim -addr 127.0.0.1:0 -env-file sim.env
//
// It prints DEALPOS_BASE_URL and DEALPOS_TOKEN once listening and serves
// until SIGINT or SIGTERM.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/dealpos/terraform-provider-dealpos/internal/simulator"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "dealpos-sim:", err)
		os.Exit(1)
	}
}

type config struct {
	addr, token, envFile, seedCSV string
	outlets                       string
	quota                         int
	window                        time.Duration
	opts                          simulator.Options
}

// parseFlags reads the command line; -h writes the usage to usage.
func parseFlags(args []string, usage io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("dealpos-sim", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "loopback `host:port` to listen on (port 0 picks a free port)")
	fs.StringVar(&c.token, "token", "", "static bearer token to accept (default: a random one)")
	fs.StringVar(&c.opts.ClientID, "client-id", "", "OAuth2 client_id accepted by POST /Token/OAuth2")
	fs.StringVar(&c.opts.ClientSecret, "client-secret", "", "OAuth2 client_secret accepted by POST /Token/OAuth2")
	fs.DurationVar(&c.opts.TokenTTL, "token-ttl", time.Hour, "lifetime of issued OAuth2 tokens")
	fs.IntVar(&c.opts.PageCap, "page-cap", 100, "server-side maximum page size of list endpoints")
	fs.BoolVar(&c.opts.GenderAsBool, "gender-bool", false, "answer Gender as a JSON boolean (true = Female)")
	fs.StringVar(&c.opts.CodePrefix, "code-prefix", "", "enable the Customer Code Generator with this prefix, e.g. MM-")
	fs.StringVar(&c.opts.NewCodeShape, "new-code-shape", simulator.ShapeMessage, "NewCode answer shape: message, string or object")
	fs.BoolVar(&c.opts.UpdateClearsOmitted, "update-clears-omitted", false, "customer updates replace the record: a field the body omits is cleared (loyalty points to 0)")
	fs.StringVar(&c.opts.DuplicateWording, "duplicate-wording", simulator.WordingExists, "wording of the refusal of a taken customer code, email or mobile: exists or registered")
	fs.IntVar(&c.quota, "quota", 0, "requests admitted per window (0 = no quota)")
	fs.DurationVar(&c.window, "window", 180*time.Second, "quota window")
	fs.StringVar(&c.seedCSV, "seed-csv", "", "CSV `file` of customers to pre-load. Its header row names the columns, by the API's field names or "+
		"the provider's attribute names (any case; underscores ignored, so birth_date and loyalty_point work): "+strings.Join(simulator.CSVColumns(), ", "))
	fs.StringVar(&c.outlets, "outlets", "", "comma-separated outlet `names` to serve instead of the default Main Outlet and Second Outlet")
	fs.StringVar(&c.envFile, "env-file", "", "write DEALPOS_BASE_URL and DEALPOS_TOKEN to this file once listening")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	switch c.opts.NewCodeShape {
	case simulator.ShapeMessage, simulator.ShapeString, simulator.ShapeObject:
	default:
		return c, fmt.Errorf("-new-code-shape must be message, string or object, got %q", c.opts.NewCodeShape)
	}
	if w := c.opts.DuplicateWording; w != simulator.WordingExists && w != simulator.WordingRegistered {
		return c, fmt.Errorf("-duplicate-wording must be exists or registered, got %q", w)
	}
	if c.quota < 0 || c.window <= 0 {
		return c, errors.New("-quota must not be negative and -window must be positive")
	}
	if err := checkLoopback(c.addr); err != nil {
		return c, err
	}
	if c.outlets != "" {
		for i, name := range strings.Split(c.outlets, ",") {
			if name = strings.TrimSpace(name); name == "" {
				return c, fmt.Errorf("-outlets %q names an empty outlet", c.outlets)
			}
			code := fmt.Sprintf("%03d", i+1)
			c.opts.Outlets = append(c.opts.Outlets, simulator.Outlet{Name: name, Code: code, Receipt: code, NegativeInventory: "Yes"})
		}
	}
	if c.token == "" {
		var b [24]byte
		_, _ = rand.Read(b[:])
		c.token = hex.EncodeToString(b[:])
	}
	c.opts.Tokens = []string{c.token}
	return c, nil
}

// checkLoopback refuses to expose the simulator, which has fixed credentials
// and control endpoints without auth, beyond this machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-addr %q: refusing to listen on a non-loopback host; use 127.0.0.1, ::1 or localhost", addr)
}

func seed(srv *simulator.Server, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	customers, err := simulator.ParseCSV(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, c := range customers {
		if _, err := srv.Insert(c); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

func run(args []string, stdout io.Writer) error {
	c, err := parseFlags(args, os.Stderr)
	if err != nil {
		return err
	}
	// Catch signals before announcing the address, so whoever reads it can
	// stop us cleanly straight away.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := simulator.New(c.opts)
	if c.quota > 0 {
		srv.SetFaults(simulator.Faults{QuotaLimit: c.quota, QuotaWindow: c.window})
	}
	if c.seedCSV != "" {
		if err := seed(srv, c.seedCSV); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	env := fmt.Sprintf("DEALPOS_BASE_URL=http://%s/api/v3\nDEALPOS_TOKEN=%s\n", ln.Addr(), c.token)
	if c.envFile != "" {
		if err := writeAtomic(c.envFile, env); err != nil {
			ln.Close()
			return err
		}
	}
	fmt.Fprint(stdout, env)

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return hs.Shutdown(shutdown)
}

// writeAtomic writes via a rename so a script polling for the file never
// reads half of it.
func writeAtomic(path, content string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
