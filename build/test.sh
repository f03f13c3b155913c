#!/usr/bin/env bash
# The README's test command: configure, build (warnings are errors) and run the C tree's unit tests with CMake and
# CTest; restore local tools, build the whole solution (dotnet test alone skips non-test projects) and run every test
# project. The C tree builds and runs its tests while the solution builds (the C part is mostly one core's work); the
# .NET tests start once both are done, since some of them judge the C testees.
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
c_log=$(mktemp)
c_pid=""
cleanup() {
  [ -n "$c_pid" ] && kill "$c_pid" 2>/dev/null
  rm -f "$c_log"
}
trap cleanup EXIT
(
  cmake -S impl/c -B impl/c/build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
  cmake --build impl/c/build
  ctest --test-dir impl/c/build --output-on-failure
) >"$c_log" 2>&1 &
c_pid=$!
if [ -f dotnet-tools.json ] || [ -f .config/dotnet-tools.json ]; then dotnet tool restore; fi
dotnet build VmbConformance.sln -c Release -warnaserror
c_rc=0
wait "$c_pid" || c_rc=$?
c_pid=""
cat "$c_log"
[ "$c_rc" -eq 0 ] || { echo "the C tree's build or tests failed (exit $c_rc)" >&2; exit "$c_rc"; }
dotnet test VmbConformance.sln -c Release --no-build "$@"
