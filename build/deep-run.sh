#!/usr/bin/env bash
# Deep-run figures: judges the reference of each level named for SCENARIOS scenarios with each job count named, as
# whole processes, and prints one table row per run: wall time, scenarios per second, peak resident memory, verdict.
# The reports of every run go to OUT/<level>-<scenarios>-j<jobs>/; the same seed gives the same report for every
# job count (D27), which the last column checks against the first job count's report.
# With PROFILE "frozen" the scenarios are read from fixtures/deep-profile/<level>.jsonl.gz (run --corpus) instead of being
# generated: the frozen profile the throughput targets are measured on (its verdict is INCONCLUSIVE by design, see there).
# Usage: bash build/deep-run.sh SCENARIOS "LEVELS" "JOBS" [OUT [PROFILE]]    e.g. bash build/deep-run.sh 20000 "channel ring" "1 2"
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: bash build/deep-run.sh SCENARIOS \"LEVELS\" \"JOBS\" [OUT]" >&2; exit 2; }
scenarios=$1 levels=$2 jobs_list=$3 out=${4:-deep-run-out} profile=${5:-generated}
[[ "$scenarios" =~ ^[1-9][0-9]*$ ]] || { echo "deep-run.sh: SCENARIOS '$scenarios' is not a positive whole number" >&2; exit 2; }
[[ "$profile" =~ ^(generated|frozen)$ ]] || { echo "deep-run.sh: PROFILE '$profile' is neither generated nor frozen" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "deep-run.sh: needs /usr/bin/time (GNU time) to read peak memory" >&2; exit 2; }
dotnet build -c Release conformance/Vmb.Conformance.Cli -v quiet -nologo >/dev/null
cli=conformance/Vmb.Conformance.Cli/bin/Release/net10.0/vmb-conformance.dll
# Timings and the concurrency slice's interleaving figures differ from run to run; everything else must not.
scrub() { sed -E -e 's/"startedAt": "[^"]*"/"startedAt": ""/' -e 's/"durationMs": [0-9]+/"durationMs": 0/' \
  -e 's/"(threads:[a-z-]+)": [0-9]+/"\1": 0/' "$1"; }
echo "| Level | Scenarios | Jobs | Wall time | Scenarios/s | Peak memory | Verdict | Report as with ${jobs_list%% *} job(s) |"
echo "|---|---:|---:|---:|---:|---:|---|---|"
for level in $levels; do
  first=""
  for jobs in $jobs_list; do
    dir="$out/$level-$scenarios-j$jobs"
    mkdir -p "$dir"
    stem=$([ "$level" = ring ] && echo ring-conformance-report || echo conformance-report)
    set +e
    corpus=()
    [ "$profile" = frozen ] && corpus=(--corpus "fixtures/deep-profile/$level.jsonl.gz")
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" dotnet "$cli" run --level "$level" --scenarios "$scenarios" --jobs "$jobs" "${corpus[@]}" --out "$dir" >"$dir/console.txt" 2>&1
    rc=$?
    set -e
    read -r wall kib < <(tail -n 1 "$dir/time.txt")
    verdict=$(head -n 1 "$dir/console.txt" | cut -d: -f1)
    same="—"
    if [ -z "$first" ]; then first="$dir/$stem.json"
    elif [ -f "$dir/$stem.json" ]; then
      if cmp -s <(scrub "$first") <(scrub "$dir/$stem.json"); then same="identical"; else same="DIFFERENT"; fi
    fi
    awk -v l="$level" -v n="$scenarios" -v j="$jobs" -v w="$wall" -v k="$kib" -v v="$verdict (exit $rc)" -v s="$same" \
      'BEGIN { printf "| %s | %d | %d | %.1f s | %.0f | %.0f MiB | %s | %s |\n", l, n, j, w, n / w, k / 1024, v, s }'
  done
done
