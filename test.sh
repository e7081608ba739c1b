#!/usr/bin/env bash
# Runs every test of the solution (unit and integration: real RabbitMQ, Prometheus, xgboost
# fixtures). Needs the Debian packages that .ci/run installs.
set -uo pipefail
cd "$(dirname "$0")"
dotnet build Arbitrex.MlLayer.sln -c Release -warnaserror -nologo -v q || exit 1
log=$(mktemp)
dotnet test Arbitrex.MlLayer.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One closing line over all test projects, e.g. "tests: 212 passed, 0 failed, 0 skipped".
sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$log" |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
rm -f "$log"
exit "$status"
