#!/usr/bin/env bash
# Validates every example against a build of this provider, through a
# dev_overrides CLI configuration (nothing is downloaded):
#
# 1. each example directory's *.tf files (import snippets aside): terraform validate;
# 2. each import snippet (import*.tf): terraform validate together with the
#    resource example of its directory, and every `to` address must be a
#    resource that example declares; import by identity needs Terraform 1.12,
#    so on an older Terraform it is skipped with a line saying so;
# 3. each import.sh: every command is `terraform import ADDRESS ID`, ADDRESS a
#    resource the validated example declares (so its type exists), ID in a
#    form the resource's import accepts;
#    An example with an action block or an action_trigger (Terraform 1.14+)
#    is validated only where the Terraform on PATH has actions, else skipped
#    with a line saying so (terraform fmt -check of make examples-check still
#    reads it); in examples/actions/TYPE its action blocks must be of TYPE;
# 4. each *.tfquery.hcl (list blocks, Terraform 1.14+): its HCL syntax and
#    formatting through `terraform fmt` (which refuses the .tfquery.hcl
#    extension before Terraform 1.14, so a copy named .tf is checked), its
#    list type named after its directory; `terraform validate -query` as well
#    where the Terraform on PATH has it, else a skip line saying so;
# 5. the guides' examples run against the simulator (below).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/terraform-provider-dealpos" "$root"
"$root/scripts/dev-overrides.sh" "$work/bin" >"$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc"

failed=0
count=0
fail() {
  echo "FAIL $1"
  shift
  printf '     %s\n' "$@"
  failed=1
}

# Terraform's version as a comparable number: 1.11.4 -> 1011.
tf_version=$(terraform version | sed -n 's/^Terraform v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p' | head -n1)
read -r tf_major tf_minor <<<"$tf_version"
tf_level=$((tf_major * 1000 + tf_minor))

required_providers='terraform {
  required_providers {
    dealpos = {
      source = "dealpos/dealpos"
    }
  }
}'

# clean: terraform's output without the dev_overrides warning and blank lines.
clean() {
  awk '/[Pp]rovider development overrides/ {skip = 1} !skip && NF {print} skip && /releases\.$/ {skip = 0}'
}

# validate DIR LABEL: terraform validate in DIR, adding required_providers
# when no file of DIR declares it.
validate() {
  local dest=$1 label=$2 out
  if ! grep -qs required_providers "$dest"/*.tf; then
    printf '%s\n' "$required_providers" >"$dest/zz_required_providers.tf"
  fi
  count=$((count + 1))
  if out=$(cd "$dest" && terraform validate -no-color 2>&1); then
    echo "ok   $label"
  else
    mapfile -t lines < <(echo "$out" | clean)
    fail "$label" "${lines[@]}"
  fi
}

# declared DIR ADDRESS: whether a .tf file of DIR (import snippets aside)
# declares the resource at ADDRESS (TYPE.NAME).
declared() {
  local type=${2%%.*} name=${2#*.}
  find "$1" -maxdepth 1 -name '*.tf' ! -name 'import*.tf' -exec cat {} + |
    grep -Eq "^resource \"$type\" \"$name\""
}

# 1. Example directories.
while IFS= read -r dir; do
  rel=${dir#"$root"/}
  dest="$work/validate/$rel"
  mkdir -p "$dest"
  find "$dir" -maxdepth 1 -type f -name '*.tf' ! -name 'import*.tf' -exec cp {} "$dest" \;
  cp "$dir"/*.csv "$dest" 2>/dev/null || true
  if [[ $rel == examples/actions/* ]]; then
    type=$(basename "$dir")
    problems=()
    while IFS= read -r declared_type; do
      [ "$declared_type" = "$type" ] || problems+=("action \"$declared_type\" in the examples of $type")
    done < <(cat "$dest"/*.tf | sed -n 's/^action "\([^"]*\)".*/\1/p')
    grep -qs '^action "' "$dest"/*.tf || problems+=("no action block")
    if [ ${#problems[@]} -gt 0 ]; then
      count=$((count + 1))
      fail "$rel" "${problems[@]}"
      continue
    fi
  fi
  if grep -Eqs '^action "|action_trigger' "$dest"/*.tf && [ "$tf_level" -lt 1014 ]; then
    echo "skip $rel: actions need Terraform 1.14, this is $tf_major.$tf_minor (checked by terraform fmt only)"
    continue
  fi
  validate "$dest" "$rel"
done < <(find "$root/examples" -name '*.tf' ! -name 'import*.tf' -exec dirname {} \; | sort -u)

# 2. Import blocks, with the resource example they import into.
while IFS= read -r file; do
  rel=${file#"$root"/}
  dir=$(dirname "$file")
  if grep -Eq '^[[:space:]]*identity[[:space:]]*=' "$file" && [ "$tf_level" -lt 1012 ]; then
    echo "skip $rel: import by identity needs Terraform 1.12, this is $tf_major.$tf_minor (checked by terraform fmt only)"
    continue
  fi
  missing=()
  while IFS= read -r addr; do
    declared "$dir" "$addr" || missing+=("import target $addr is not declared by the resource example in ${dir#"$root"/}")
  done < <(sed -n 's/^[[:space:]]*to[[:space:]]*=[[:space:]]*\([a-z0-9_]*\.[A-Za-z0-9_-]*\)[[:space:]]*$/\1/p' "$file")
  if ! grep -Eq '^[[:space:]]*to[[:space:]]*=' "$file"; then
    missing+=("no import block with a to address")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    count=$((count + 1))
    fail "$rel" "${missing[@]}"
    continue
  fi
  dest="$work/import/$rel"
  mkdir -p "$dest"
  find "$dir" -maxdepth 1 -type f -name '*.tf' ! -name 'import*.tf' -exec cp {} "$dest" \;
  cp "$file" "$dest"
  validate "$dest" "$rel"
done < <(find "$root/examples" -name 'import*.tf' | sort)

# 3. terraform import commands. The ID forms each resource's import accepts.
guid='[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
id_form() {
  local type=$1 id=$2
  case "$type:$id" in
    *:id:*) [[ ${id#id:} =~ ^$guid$ ]] && [ "$type" != dealpos_outlet_price ] && [ "$type" != dealpos_customer_pin ] ;;
    dealpos_customer:code:?* | dealpos_product:code:?* | dealpos_category:name:?* | dealpos_customer:mobile:?*) true ;;
    dealpos_customer:email:*) [[ ${id#email:} =~ ^[^@[:space:]]+@[^@[:space:]]+$ ]] ;;
    dealpos_customer_pin:*) [[ $id =~ ^$guid$ ]] ;;
    *:*:*) false ;; # an unknown prefix: read as a bare code by mistake
    dealpos_customer:* | dealpos_product:* | dealpos_category:* | dealpos_outlet_price:*) [[ $id =~ ^[^[:space:]]+$ ]] ;;
    *) false ;;
  esac
}
while IFS= read -r file; do
  rel=${file#"$root"/}
  dir=$(dirname "$file")
  type=$(basename "$dir")
  problems=()
  commands=0
  while IFS= read -r line; do
    case "$line" in '' | '#'*) continue ;; esac
    commands=$((commands + 1))
    read -r -a words <<<"$line"
    if [ ${#words[@]} -ne 4 ] || [ "${words[0]}" != terraform ] || [ "${words[1]}" != import ]; then
      problems+=("not 'terraform import ADDRESS ID': $line")
      continue
    fi
    addr=${words[2]} id=${words[3]}
    if [ "${addr%%.*}" != "$type" ]; then
      problems+=("$addr is not a $type (the directory's resource type): $line")
    elif ! declared "$dir" "$addr"; then
      problems+=("$addr is not declared by the resource example: $line")
    elif ! id_form "$type" "$id"; then
      problems+=("$id is not an import ID $type accepts: $line")
    fi
  done <"$file"
  [ "$commands" -gt 0 ] || problems+=("no terraform import command")
  count=$((count + 1))
  if [ ${#problems[@]} -eq 0 ]; then
    echo "ok   $rel ($commands commands)"
  else
    fail "$rel" "${problems[@]}"
  fi
done < <(find "$root/examples" -name 'import.sh' | sort)

# 4. Query files (list blocks).
query_validate=no
if terraform validate -help 2>&1 | grep -q -- '-query'; then
  query_validate=yes
fi
while IFS= read -r file; do
  rel=${file#"$root"/}
  dir=$(dirname "$file")
  type=$(basename "$dir")
  dest="$work/query/$rel"
  mkdir -p "$dest"
  cp "$file" "$dest/query.tf"
  problems=()
  if ! out=$(cd "$dest" && terraform fmt -check -diff -no-color query.tf 2>&1); then
    mapfile -t problems < <(echo "$out" | sed "s#query\.tf#$(basename "$rel")#" | clean)
  fi
  while IFS= read -r listed; do
    [ "$listed" = "$type" ] || problems+=("list \"$listed\" in the examples of $type")
  done < <(sed -n 's/^list "\([^"]*\)".*/\1/p' "$file")
  grep -q '^list "' "$file" || problems+=("no list block")
  [ -d "$root/examples/resources/$type" ] || problems+=("$type has no resource example: is it a resource type of the provider?")
  count=$((count + 1))
  if [ ${#problems[@]} -gt 0 ]; then
    fail "$rel" "${problems[@]}"
    continue
  fi
  if [ "$query_validate" = yes ]; then
    rm "$dest/query.tf"
    cp "$file" "$dest"
    validate_out=""
    printf '%s\n' "$required_providers" >"$dest/zz_required_providers.tf"
    if validate_out=$(cd "$dest" && terraform validate -query -no-color 2>&1); then
      echo "ok   $rel (syntax, format, terraform validate -query)"
    else
      mapfile -t lines < <(echo "$validate_out" | clean)
      fail "$rel" "${lines[@]}"
    fi
  else
    echo "ok   $rel (syntax and format; skipped terraform validate of the list block: Terraform $tf_major.$tf_minor has no list blocks, they need 1.14)"
  fi
done < <(find "$root/examples" -name '*.tfquery.hcl' | sort)

# 5. The guides' examples against the simulator, started the way each
#    guide's "Try it against the simulator" box does (examples/guides/simulator.sh),
#    in a copy of each directory: staging-seed applies, plans empty and
#    destroys; gitops (without backend.tf, which needs terraform init)
#    applies and plans empty, with and without bulk_refresh (prevent_destroy
#    keeps its customer); and the
#    seeding guide's rehearsal of taken codes, the simulator loaded with the
#    same CSV, fails naming the conflict.
sim_pid=""
stop_sim() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  sim_pid=""
}
trap 'stop_sim; rm -rf "$work"' EXIT
start_sim() {
  (cd "$root" && bash -c '. examples/guides/simulator.sh "$@" && echo "$!" >bin/sim.pid' start_sim "$@")
  sim_pid=$(cat "$root/bin/sim.pid")
  set -a
  # shellcheck disable=SC1091
  . "$root/bin/sim.env"
  set +a
  export TF_CLI_CONFIG_FILE="$root/bin/terraformrc"
}
# tf LABEL ARGS...: a terraform command in the current directory; its output
# is kept in $work/tf.out.
tf() { terraform "$@" -no-color -input=false >"$work/tf.out" 2>&1; }
try_example() {
  local rel=$1 destroy=$2 dest="$work/try/$1"
  mkdir -p "$dest"
  cp -R "$root/$rel/." "$dest"
  rm -f "$dest/backend.tf"
  count=$((count + 1))
  (
    cd "$dest"
    tf apply -auto-approve || { echo "terraform apply"; exit 1; }
    tf plan -detailed-exitcode || { echo "the plan after the apply is not empty"; exit 1; }
    if grep -q 'variable "bulk_refresh"' ./*.tf; then
      tf plan -detailed-exitcode -var bulk_refresh=true || { echo "the bulk_refresh plan after the apply is not empty"; exit 1; }
    fi
    if [ "$destroy" = yes ]; then tf destroy -auto-approve || { echo "terraform destroy"; exit 1; }; fi
  ) >"$work/try.why" || {
    mapfile -t lines < <(cat "$work/try.why" "$work/tf.out" | clean)
    fail "$rel against the simulator" "${lines[@]}"
    return
  }
  echo "ok   $rel against the simulator (apply, empty plan$([ "$destroy" = yes ] && echo ", destroy"))"
}
start_sim
try_example examples/guides/staging-seed yes
try_example examples/guides/gitops no
stop_sim

# The seeding guide's rehearsal: every code of the CSV already taken.
start_sim -seed-csv examples/guides/staging-seed/customers.csv
dest="$work/try/rehearsal"
mkdir -p "$dest"
cp -R "$root/examples/guides/staging-seed/." "$dest"
count=$((count + 1))
if (cd "$dest" && tf apply -auto-approve); then
  fail "examples/guides/staging-seed rehearsal of taken codes" "the apply succeeded against a simulator seeded with the same CSV"
elif ! grep -q "conflicts with an existing customer" "$work/tf.out"; then
  mapfile -t lines < <(clean <"$work/tf.out")
  fail "examples/guides/staging-seed rehearsal of taken codes" "the apply failed without naming the conflict:" "${lines[@]}"
else
  echo "ok   examples/guides/staging-seed rehearsal of taken codes (simulator seeded from the CSV: the apply names the conflicts)"
fi
stop_sim

echo "validated $count examples"
exit $failed
