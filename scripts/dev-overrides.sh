#!/usr/bin/env bash
# Prints a Terraform CLI configuration whose dev_overrides take the dealpos
# provider from the directory given (which holds terraform-provider-dealpos),
# so nothing is downloaded. It builds nothing. Used by demo.sh,
# validate-examples.sh and the benchmark:
#   scripts/dev-overrides.sh "$dir/bin" >"$dir/terraformrc"
#   export TF_CLI_CONFIG_FILE="$dir/terraformrc"
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 PROVIDER_DIR" >&2
  exit 2
fi
cat <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/dealpos/dealpos" = "$1"
  }
  direct {}
}
RC
