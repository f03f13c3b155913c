#!/usr/bin/env bash
# The README's test command: configure, build (warnings are errors) and run the C ring's unit tests
# with CMake and CTest; then restore local tools, build the whole solution (dotnet test alone skips
# non-test projects) and run every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
cmake -S impl/c -B impl/c/build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build impl/c/build
ctest --test-dir impl/c/build --output-on-failure
if [ -f dotnet-tools.json ] || [ -f .config/dotnet-tools.json ]; then dotnet tool restore; fi
dotnet build VmbConformance.sln -c Release -warnaserror
dotnet test VmbConformance.sln -c Release --no-build "$@"
