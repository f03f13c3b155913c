#!/usr/bin/env bash
# Code coverage of the product assemblies: runs every test project under the coverage collector
# (coverage.runsettings) and writes an HTML report and a text summary to coverage-report/.
# Not part of the test command: it runs the whole suite once more, instrumented.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf coverage-report/raw
dotnet build VmbConformance.sln -c Release -warnaserror >/dev/null
dotnet test VmbConformance.sln -c Release --no-build --settings coverage.runsettings \
  --collect "XPlat Code Coverage" --results-directory coverage-report/raw >/dev/null
dotnet reportgenerator -reports:"coverage-report/raw/*/coverage.cobertura.xml" \
  -targetdir:coverage-report -reporttypes:"Html;TextSummary" >/dev/null
cat coverage-report/Summary.txt
echo "HTML report: coverage-report/index.html"
