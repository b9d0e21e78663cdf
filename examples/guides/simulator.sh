# From a clone of the provider's repository: build the provider and the
# simulator into bin/,
go build -o bin/ . ./internal/simulator/cmd/dealpos-sim
# take the provider from bin/ through dev_overrides (no terraform init:
# nothing is downloaded, and the Registry is never asked),
scripts/dev-overrides.sh "$PWD/bin" >bin/terraformrc
export TF_CLI_CONFIG_FILE="$PWD/bin/terraformrc"
# start the simulator on a free loopback port (with the options given when
# this file is sourced, e.g. -seed-csv FILE), and export the
# DEALPOS_BASE_URL and DEALPOS_TOKEN it writes.
rm -f bin/sim.env
bin/dealpos-sim -addr 127.0.0.1:0 -env-file bin/sim.env "$@" >bin/sim.log 2>&1 &
until [ -s bin/sim.env ] || ! kill -0 $! 2>/dev/null; do sleep 0.2; done
set -a && . bin/sim.env && set +a
