#!/usr/bin/env bash
# The README's main command: builds the C implementations with CMake, then judges the reference channel and ring,
# every fixture of Vmb.Faulty and the C ring and channel (through the testee protocol), and writes every report
# format of each (Markdown, JSON, JUnit XML, HTML, SVG badge) plus index.html, the matrix, into one folder.
# Usage: bash build/publish.sh [OUT_DIR] [more run options, e.g. --jobs 4 --scenarios 5000]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-conformance-reports}"
shift $(( $# > 0 ? 1 : 0 ))
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
cmake -S impl/c -B impl/c/build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build impl/c/build >/dev/null
dotnet run -c Release --project conformance/Vmb.Conformance.Cli -- run --all --out "$out" \
  --add-testee "ring=impl/c/build/vmbring-testee" \
  --add-testee "channel=impl/c/build/vmbchannel-testee --profile raw" \
  --add-testee "channel=impl/c/build/vmbchannel-testee --profile pipe" \
  "$@"
