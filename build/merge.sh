#!/usr/bin/env bash
# Combines the shards written by build/shard.sh into one report per level: bash build/merge.sh OUT SHARD_DIR...
# Exits with the worse of the two levels' verdicts (D30), or 2 when the shards are not of one run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bash build/merge.sh OUT SHARD_DIR..." >&2; exit 2; }
out=$1
shift
read -r -a cli <<< "${VMB_CONFORMANCE_CLI:-dotnet run -c Release --project conformance/Vmb.Conformance.Cli --}"
worst=0
for stem in conformance-report ring-conformance-report; do
  reports=()
  for dir in "$@"; do [ -f "$dir/$stem.json" ] && reports+=("$dir/$stem.json"); done
  [ ${#reports[@]} -gt 0 ] || continue
  rc=0
  "${cli[@]}" merge "${reports[@]}" --out "$out" || rc=$?
  # Harness error and bad input outrank a finding, which outranks missing evidence (D30).
  case "$rc" in 2|4) exit "$rc" ;; 1) worst=1 ;; 3) [ "$worst" -eq 0 ] && worst=3 ;; esac
done
exit "$worst"
