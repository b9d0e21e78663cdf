// Command configcheck validates goreleaser configuration files as goreleaser
// loads them, through its own config package: strict YAML into its
// configuration types, so an unknown, misspelt or mistyped key fails, and
// `version: 2`. It compiles about a fifth of what goreleaser does, which is
// why `make test` runs it; `make release-check` runs the full `goreleaser
// check` (its defaults and deprecations too) before a release.
//
//	configcheck FILE...
package main

import (
	"fmt"
	"os"

	"github.com/goreleaser/goreleaser/v2/pkg/config"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: configcheck FILE...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[1:] {
		if err := check(path); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			failed = true
			continue
		}
		fmt.Printf("%s: valid goreleaser configuration (strict load)\n", path)
	}
	if failed {
		os.Exit(1)
	}
}

func check(path string) error {
	cfg, err := config.Load(path)
	if err != nil {
		return err
	}
	if cfg.Version != 2 {
		return fmt.Errorf("version is %d; goreleaser v2 needs version: 2", cfg.Version)
	}
	return nil
}
