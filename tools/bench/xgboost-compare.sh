#!/usr/bin/env bash
# Runs the C# XGBoost evaluator benchmarks (BenchmarkDotNet) and xgboost's own predictor on the same
# model (100 trees, depth 6) and the same 1,000 rows, then prints a markdown table with the ratios.
#
#   tools/bench/xgboost-compare.sh            # BenchmarkDotNet default job (a few minutes)
#   BDN_JOB=short tools/bench/xgboost-compare.sh   # quicker, noisier
#
# Needs: the .NET SDK, Debian's python3-xgboost (/usr/bin/python3).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

job_args=()
if [[ -n "${BDN_JOB:-}" ]]; then job_args=(--job "$BDN_JOB"); fi

echo "== BenchmarkDotNet: XgboostModelBenchmarks" >&2
dotnet run -c Release --project "$repo/tests/Arbitrex.MlLayer.Benchmarks" -- \
  --filter '*XgboostModelBenchmarks*' --exporters json --artifacts "$work/bdn" "${job_args[@]}" >"$work/bdn.log" 2>&1 \
  || { tail -50 "$work/bdn.log" >&2; exit 1; }

echo "== xgboost $("$python" -c 'import xgboost; print(xgboost.__version__)') inplace_predict / pred_contribs, nthread=1" >&2
"$python" "$repo/tools/xgboost/bench_xgboost.py" --json "$work/xgboost.json" >/dev/null

"$python" - "$work/bdn/results" "$work/xgboost.json" <<'PY'
import glob, json, os, sys

results_dir, xgb_path = sys.argv[1], sys.argv[2]
report = json.load(open(sorted(glob.glob(os.path.join(results_dir, "*XgboostModelBenchmarks*report*.json")))[0]))
cs = {b["Method"]: b for b in report["Benchmarks"]}
xg = json.load(open(xgb_path))

def median(method):
    return cs[method]["Statistics"]["Median"]

def allocated(method):
    value = cs[method].get("Memory", {}).get("BytesAllocatedPerOperation")
    return "-" if value is None else f"{value} B"

def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"

rows = [
    ("Single-row probability", "SingleRowProbability", "single_row", "`inplace_predict` 1 row", 100.0),
    ("Batch of 1,000, per row, 1 thread", "BatchProbabilityPerRow", "batch_per_row", "`inplace_predict` 1,000 rows, nthread=1", 1.0),
    ("TreeSHAP (C#: + top-5), single row", "TreeShapTop5", "contribs_row", "`predict(DMatrix(1 row), pred_contribs=True)`", None),
    ("TreeSHAP, per row of a batch", "TreeShapTop5", "contribs_batch_per_row", "`predict(DMatrix(1,000 rows), pred_contribs=True)`, nthread=1", None),
]
print(f"XGBoost evaluator vs xgboost {xg['xgboost_version']} — model `{xg['model']}` ({xg['trees']} trees, depth 6), "
      f"{xg['rows']} reference rows with missing values; medians.\n")
print("| measurement | Arbitrex C# | C# allocated/op | xgboost | xgboost call | xgboost ÷ C# | target |")
print("|---|---:|---:|---:|---|---:|---|")
for label, method, key, call, target in rows:
    ours, theirs = median(method), xg[key]["median"]
    ratio = theirs / ours
    verdict = "—" if target is None else (f"≥ {target:g}× met" if ratio >= target else f"≥ {target:g}× NOT met")
    print(f"| {label} | {fmt(ours)} | {allocated(method)} | {fmt(theirs)} | {call} | {ratio:.1f}× | {verdict} |")
print(f"\nxgboost single-row p99: {fmt(xg['single_row']['p99'])}; "
      f"C# single-row P95: {fmt(cs['SingleRowProbability']['Statistics']['Percentiles']['P95'])}.")
PY
