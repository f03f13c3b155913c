#!/usr/bin/env bash
# Vmb.Ring against the frozen plain C baseline ring (impl/c/baseline/ring.h), doing identical work: builds both,
# runs them alternately for ROUNDS rounds (default 5; each run takes the median of 63 repetitions of 4096 packets per
# case) and prints the median of the rounds as a table. Ratio = C ns / .NET ns: 1.0 is parity, the target is at least
# 0.8 at every size. memcpy is the same bytes copied in and out with nothing else (the hardware limit). Timings are
# noisy on shared machines; nothing here is asserted.
# Usage: bash build/ring-vs-c.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
cmake -S impl/c -B impl/c/build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build impl/c/build --target ring-baseline >/dev/null
dotnet build impl/Vmb.Benchmarks -c Release -warnaserror -nologo -v quiet >/dev/null

results=$(mktemp)
trap 'rm -f "$results"' EXIT
run_c() { impl/c/build/baseline/ring-baseline >>"$results"; }
run_net() { dotnet run -c Release --no-build --project impl/Vmb.Benchmarks -- ring-vs-c >>"$results"; }
for round in $(seq "$rounds"); do
  echo "round $round of $rounds" >&2
  # Each side goes first in every other round, so neither always runs on the warmer or quieter machine.
  if (( round % 2 )); then run_c; run_net; else run_net; run_c; fi
done

# median KEY FIELD: the median over the rounds of field FIELD of the lines starting with KEY.
median() {
  grep "^$1 " "$results" | cut -d' ' -f"$2" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "Ring, write + commit + read + commit through a 256 KiB data area, in-band packets; median of $rounds alternating rounds"
echo
echo "| Payload | Mode | Vmb.Ring ns / packet | C ns / packet | Ratio (C / .NET) | memcpy ns / packet | memcpy GB/s | .NET allocated / packet |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
for size in 0 64 1024 8192; do
  for mode in ping batch; do
    net=$(median "net $mode $size" 4)
    c=$(median "c $mode $size" 4)
    allocated=$(median "net $mode $size" 5)
    copy_ns=$(median "memcpy $size" 3)
    copy_rate=$(median "memcpy $size" 4)
    awk -v s="$size" -v m="$mode" -v n="$net" -v c="$c" -v a="$allocated" -v cn="$copy_ns" -v cr="$copy_rate" \
      'BEGIN { printf "| %d B | %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.0f B |\n", s, m, n, c, c / n, cn, cr, a }'
  done
done
