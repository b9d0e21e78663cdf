package pluginprocess

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// CPUProfileDirEnv names the environment variable that turns CPU profiling
// of the plugin process on: each process Terraform starts writes
// cpu-<pid>.pprof into that directory (the benchmark's -profile flag sets
// it; read the files with go tool pprof -top).
const CPUProfileDirEnv = "DEALPOS_CPU_PROFILE_DIR"

// ProfileCPU starts a CPU profile when CPUProfileDirEnv is set and returns
// the function that writes it out; call that once the provider server has
// stopped (Terraform stops it at the end of every command). Without the
// variable it does nothing.
func ProfileCPU() (stop func()) {
	dir := os.Getenv(CPUProfileDirEnv)
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
	if err != nil {
		fmt.Fprintln(os.Stderr, "CPU profile not written:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		fmt.Fprintln(os.Stderr, "CPU profile not written:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
