package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadCosts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "costs.txt")
	before := "30000 1.00 0.50\n"
	// A process Terraform stops with a signal gets GNU time's note first.
	after := "Command terminated by signal 9\n40000 2.25 0.25\n35000 0.50 0.00\n"
	if err := os.WriteFile(path, []byte(before+after), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readCosts(path, int64(len(before)))
	if err != nil {
		t.Fatal(err)
	}
	if want := (processCosts{processes: 2, peakKiB: 40000, cpu: 3 * time.Second}); got != want {
		t.Errorf("readCosts after the first command = %+v, want %+v", got, want)
	}
	if all, err := readCosts(path, 0); err != nil || all.processes != 3 || all.cpu != 4500*time.Millisecond {
		t.Errorf("readCosts of the whole file = %+v, %v", all, err)
	}
	if _, err := readCosts(path, fileSize(path)); err == nil || !strings.Contains(err.Error(), "no provider process") {
		t.Errorf("nothing recorded since the offset: err = %v", err)
	}
	if err := os.WriteFile(path, []byte("40000 x 0.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCosts(path, 0); err == nil {
		t.Error("a garbled line gave no error")
	}
	if _, err := readCosts(filepath.Join(t.TempDir(), "none"), 0); err == nil || !strings.Contains(err.Error(), "GNU time") {
		t.Errorf("a missing file: err = %v", err)
	}
}
