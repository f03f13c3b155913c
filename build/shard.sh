#!/usr/bin/env bash
# One shard of a certification run: judges shard K of N of both levels' scenario streams (D27) against the references
# and writes the reports into OUT. `build/merge.sh` combines the shards. Extra run options follow, e.g. --scenarios 1000000.
# VMB_CONFORMANCE_CLI names the command to run (default: the CLI project through dotnet run).
# Usage: bash build/shard.sh K N OUT [run options]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: bash build/shard.sh K N OUT [run options]" >&2; exit 2; }
k=$1 n=$2 out=$3
shift 3
read -r -a cli <<< "${VMB_CONFORMANCE_CLI:-dotnet run -c Release --project conformance/Vmb.Conformance.Cli --}"
# Exit 1 (not conformant) and 3 (inconclusive) are findings the merge will state; only usage and harness errors stop here.
"${cli[@]}" run --shard "$k/$n" --out "$out" "$@" || { rc=$?; [ "$rc" -eq 1 ] || [ "$rc" -eq 3 ] || exit "$rc"; }
