#!/usr/bin/env bash
# The README's test command: restore local tools, build the whole solution (dotnet test alone skips
# non-test projects), then run every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f dotnet-tools.json ] || [ -f .config/dotnet-tools.json ]; then dotnet tool restore; fi
dotnet build VmbConformance.sln -c Release -warnaserror
dotnet test VmbConformance.sln -c Release --no-build "$@"
