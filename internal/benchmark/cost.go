package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// This file measures what a command costs besides its wall time: the CPU
// time of Terraform with the provider processes it started, of the
// provider processes alone, and of the simulator, which runs in this
// process. On a machine of 2 CPUs CPU time is steadier than wall time, and
// it separates the provider's share from Terraform's and the simulator's.

// writeWrapper writes the script Terraform starts as the provider: it runs
// provider under GNU time, which appends one line per process to costFile:
// peak resident memory (KiB), user and system CPU seconds.
func writeWrapper(path, provider, costFile string) error {
	script := fmt.Sprintf("#!/bin/sh\nexec /usr/bin/time -f '%%M %%U %%S' -a -o %q %q \"$@\"\n", costFile, provider)
	return os.WriteFile(path, []byte(script), 0o755)
}

// processCosts is what the provider processes recorded in a cost file.
type processCosts struct {
	processes int
	peakKiB   int
	cpu       time.Duration
}

// readCosts sums the lines of costFile after its first skip bytes (the
// size it had before the command measured; 0 for all of it).
func readCosts(costFile string, skip int64) (processCosts, error) {
	var c processCosts
	raw, err := os.ReadFile(costFile)
	if err != nil {
		return c, fmt.Errorf("no provider costs recorded (is GNU time at /usr/bin/time?): %w", err)
	}
	if skip > int64(len(raw)) {
		skip = int64(len(raw))
	}
	for line := range strings.Lines(string(raw[skip:])) {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue // GNU time's note of a signal, before the figures
		}
		rss, errRSS := strconv.Atoi(f[0])
		user, errUser := strconv.ParseFloat(f[1], 64)
		sys, errSys := strconv.ParseFloat(f[2], 64)
		if err := errors.Join(errRSS, errUser, errSys); err != nil {
			return c, fmt.Errorf("%s: %q: %w", costFile, line, err)
		}
		c.processes++
		c.peakKiB = max(c.peakKiB, rss)
		c.cpu += time.Duration((user + sys) * float64(time.Second))
	}
	if c.processes == 0 {
		return c, fmt.Errorf("%s: no provider process recorded", costFile)
	}
	return c, nil
}

// fileSize is the size of path, 0 when it does not exist yet.
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// selfCPU is this process's CPU time so far: the simulator's, since the
// benchmark itself only waits while a command runs.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// commandCost is one terraform command's wall time and CPU time, the CPU
// time including the provider processes Terraform started and waited for.
type commandCost struct {
	wall, cpu time.Duration
}

func (b *bench) terraformCost(env []string, ws string, args ...string) (commandCost, error) {
	switch args[0] {
	case "apply", "plan", "destroy":
		args = append(args, "-input=false", "-no-color")
	}
	cmd := exec.CommandContext(context.Background(), "terraform", args...)
	cmd.Dir, cmd.Env = ws, env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	c := commandCost{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		c.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		return c, fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(args, " "), ws, err, tail(string(out), 40))
	}
	return c, nil
}
