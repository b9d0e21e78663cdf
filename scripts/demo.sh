#!/usr/bin/env bash
# The main job: build the provider and the simulator, start the simulator on
# loopback, apply examples/demo through a dev_overrides CLI configuration,
# show the outputs, prove the second plan is empty, destroy, stop.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
export CHECKPOINT_DISABLE=1
work=$(mktemp -d)
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "Building the provider and the simulator"
cd "$root"
go build -o "$work/bin/terraform-provider-dealpos" .
go build -o "$work/bin/dealpos-sim" ./internal/simulator/cmd/dealpos-sim

step "Starting the DealPOS simulator on loopback"
"$work/bin/dealpos-sim" -addr 127.0.0.1:0 -env-file "$work/sim.env" >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do
  [ -s "$work/sim.env" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.log"; echo "the simulator did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/sim.env" ] || { cat "$work/sim.log"; echo "the simulator did not report its address" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
. "$work/sim.env"
set +a
echo "DEALPOS_BASE_URL=$DEALPOS_BASE_URL"

"$root/scripts/dev-overrides.sh" "$work/bin" >"$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1

# Work on a copy so no state lands in the repository.
cp -R "$root/examples/demo" "$work/demo"
cd "$work/demo"

step "terraform apply"
terraform apply -auto-approve -input=false -no-color

step "terraform output"
terraform output -no-color

step "Second plan must be empty"
set +e
terraform plan -detailed-exitcode -input=false -no-color >"$work/plan.txt" 2>&1
code=$?
set -e
if [ "$code" -ne 0 ]; then
  cat "$work/plan.txt"
  echo "FAIL: the second plan is not empty (exit code $code)" >&2
  exit 1
fi
grep -E "No changes" "$work/plan.txt"

step "terraform destroy"
terraform destroy -auto-approve -input=false -no-color

step "Demo finished: applied, planned empty, destroyed"
