#!/usr/bin/env bash
# Validates every example directory against a build of this provider, through
# a dev_overrides CLI configuration (nothing is downloaded). Import snippets
# (import*.tf) document import blocks for resources declared elsewhere, so
# they are checked by `terraform fmt` only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/terraform-provider-dealpos" "$root"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/dealpos/dealpos" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"

failed=0
count=0
while IFS= read -r dir; do
  rel=${dir#"$root"/}
  dest="$work/validate/$rel"
  mkdir -p "$dest"
  find "$dir" -maxdepth 1 -type f ! -name 'import*.tf' ! -name '*.sh' -exec cp {} "$dest" \;
  if ! grep -qs required_providers "$dest"/*.tf; then
    printf 'terraform {\n  required_providers {\n    dealpos = {\n      source = "dealpos/dealpos"\n    }\n  }\n}\n' >"$dest/zz_required_providers.tf"
  fi
  count=$((count + 1))
  if out=$(cd "$dest" && terraform validate -no-color 2>&1); then
    echo "ok   $rel"
  else
    echo "FAIL $rel"
    echo "$out" | grep -v -e 'Provider development overrides' -e 'dev_overrides' | sed 's/^/     /'
    failed=1
  fi
done < <(find "$root/examples" -name '*.tf' ! -name 'import*.tf' -exec dirname {} \; | sort -u)

echo "validated $count example directories"
exit $failed
