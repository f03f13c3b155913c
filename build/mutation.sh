#!/usr/bin/env bash
# Mutation testing of the suite: Stryker.NET (local tool, dotnet-tools.json) mutates one library at a time and runs
# its killer project (build/mutation/Vmb.<Lib>.Killer: the conformance suite against the reference; for the ring
# also impl/Vmb.Ring.Tests) once per mutant.
# Stryker only mutates a project the test project references directly and refuses project selection in solution
# mode, so it runs from the killer's folder. Reports go to mutation-report/<lib>/. Not part of the test command:
# it takes tens of minutes on a 2-core machine. Usage: bash build/mutation.sh [ring|kmcl|all]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${1:-all}
case "$target" in
  ring) libraries=(Ring) ;;
  kmcl) libraries=(Kmcl) ;;
  all) libraries=(Ring Kmcl) ;;
  *) echo "usage: bash build/mutation.sh [ring|kmcl|all]" >&2; exit 2 ;;
esac
# Two workers: the suite runs on one core per test session, and the machine is shared.
concurrency=${STRYKER_CONCURRENCY:-2}
dotnet tool restore >/dev/null
scores=()
for lib in "${libraries[@]}"; do
  name=$(echo "$lib" | tr '[:upper:]' '[:lower:]')
  out="$root/mutation-report/$name"
  rm -rf "$out"; mkdir -p "$root/mutation-report"
  started=$SECONDS
  (cd "build/mutation/Vmb.$lib.Killer" && dotnet stryker --skip-version-check --concurrency "$concurrency" --output "$out") \
    | tee "$root/mutation-report/$name.log" >/dev/null || { echo "stryker failed for Vmb.$lib; see mutation-report/$name.log" >&2; exit 4; }
  score=$(grep -o 'The final mutation score is [0-9.]* %' "$root/mutation-report/$name.log" | grep -o '[0-9.]* %' || echo "unknown")
  scores+=("Vmb.$lib: $score ($(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s)")
  echo "Vmb.$lib: mutation score $score; report mutation-report/$name/reports/mutation-report.html"
done
printf '%s\n' "${scores[@]}"
