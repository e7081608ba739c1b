#!/usr/bin/env bash
# Runs every test of the solution (unit and integration: real RabbitMQ, Prometheus, xgboost
# fixtures). Needs the Debian packages that .ci/run installs.
set -uo pipefail
cd "$(dirname "$0")"
dotnet build Arbitrex.MlLayer.sln -c Release -warnaserror -nologo -v q || exit 1
log=$(mktemp)
dotnet test Arbitrex.MlLayer.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The tests that start the worker as a process run again against the worker compiled ahead of time (native AOT), the
# build the container ships. Needs clang (Debian's clang package).
native=$(mktemp -d)
if dotnet publish src/Arbitrex.MlLayer.Worker -c Release -r linux-x64 -p:PublishAot=true -nologo -v q -o "$native" >"$native.log" 2>&1; then
  ARBITREX_WORKER_EXE="$native/Arbitrex.MlLayer.Worker" \
    dotnet test tests/Arbitrex.MlLayer.Worker.Tests -c Release --no-build -nologo --filter "Worker=Process" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
else
  tail -40 "$native.log"
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0 (native AOT publish of the worker)" | tee -a "$log"
  status=1
fi
rm -rf "$native" "$native.log"
# One closing line over all test projects, e.g. "tests: 212 passed, 0 failed, 0 skipped".
sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$log" |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
rm -f "$log"
exit "$status"
