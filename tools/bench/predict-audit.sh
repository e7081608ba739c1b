#!/usr/bin/env bash
# What the audit record costs a POST /predict, as docs/PERFORMANCE.md ("Where the audit record's CPU goes") reports
# it: the Release worker (embedded transport, no broker) with governance.enable_prediction_logging on, the same
# worker with it off (PUT /config), and bare Kestrel answering a constant, wrk -t2 -c32 (CONNECTIONS=N to change)
# alternating between them (order reversed each round). Prints per run and as medians: requests/s, share of bare Kestrel, the server's CPU
# per request (user + system from /proc/PID/stat; the servers are CPU-bound under wrk, so this is what the ratio
# is made of), p99, and the load average. With PERF=1, also a `perf record -g` of the worker under each audit setting
# (perf map on, so JIT frames have names), left in the work folder for `perf report`.
#
#   tools/bench/predict-audit.sh
#   ROUNDS=5 SECONDS_PER_RUN=10 WARMUP_SECONDS=20 tools/bench/predict-audit.sh
#   PERF=1 KEEP=1 tools/bench/predict-audit.sh           # KEEP=1 keeps the work folder (and the profiles)
#   COMPARE_DLL=/tmp/before/.../Arbitrex.MlLayer.Worker.dll tools/bench/predict-audit.sh
#                                                        # a second worker build in the same rotation (rows "cmp-on" and
#                                                        # "cmp-off"), so two builds are compared side by side
#   WORKER_EXE=/tmp/native/Arbitrex.MlLayer.Worker BARE_EXE=/tmp/native-bare/Arbitrex.MlLayer.Benchmarks.BareKestrel \
#     tools/bench/predict-audit.sh                       # native (AOT-compiled) builds of the worker and of bare Kestrel
#
# Everything runs on loopback; every process started here is stopped by pid on exit. Needs the .NET SDK and wrk;
# perf for PERF=1.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${ROUNDS:-3}"
run_seconds="${SECONDS_PER_RUN:-10}"
connections="${CONNECTIONS:-32}"
warmup="${WARMUP_SECONDS:-20}"
source "$repo/tools/bench/lib.sh"
bench_init predict-audit
if [[ -n "${KEEP:-}" ]]; then trap 'for pid in "${started_pids[@]}"; do stop_pid "$pid"; done; log "kept $work"' EXIT; fi

build_release src/Arbitrex.MlLayer.Worker tests/Arbitrex.MlLayer.Benchmarks.BareKestrel
bare_dll="$repo/tests/Arbitrex.MlLayer.Benchmarks.BareKestrel/bin/Release/net10.0/Arbitrex.MlLayer.Benchmarks.BareKestrel.dll"

cat >"$work/predict.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"momentum_score":0.6,"efficiency_ratio":0.7,"volatility":0.006,"volatility_percentile":0.4,"correlation":0.3,"trend_strength":0.7,"rsi":60,"z_score":1.0,"autocorrelation":0.2,"hurst_exponent":0.6,"atr_ratio":1.0,"volume_ratio":1.2,"spread_bps":1.5,"range_compression":0.5,"drawdown":0.02,"skewness":0.1},"qse_output":{"signal_valid":true,"gates":{"trend_persistence":{"passed":true,"value":0.71},"stationarity":{"passed":true,"value":0.02},"z_score":{"passed":true,"value":1.8},"autocorrelation":{"passed":true,"value":0.21},"signal_validity":{"passed":true,"value":1.0}}}}'
LUA
request="$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$work/predict.lua")"

worker_port="$(free_port)"
state="$work/worker"
# named JIT frames for perf: the perf map, and no double-mapped code pages
[[ -z "${PERF:-}" ]] || worker_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
start_worker "$state" "$repo/models" "$work/worker.log" \
  --Bus:Transport=InMemory "--Admin:Urls=http://127.0.0.1:$worker_port" --Admin:PredictRateLimit=0
if [[ -n "${COMPARE_DLL:-}" ]]; then
  shipped_pid="$worker_pid"
  cmp_port="$(free_port)"
  worker_dll="$COMPARE_DLL" start_worker "$work/compare" "$repo/models" "$work/compare.log" \
    --Bus:Transport=InMemory "--Admin:Urls=http://127.0.0.1:$cmp_port" --Admin:PredictRateLimit=0
  cmp_pid="$worker_pid" worker_pid="$shipped_pid"
  wait_for_port "$cmp_port" 60
  curl -sf -X POST "http://127.0.0.1:$cmp_port/predict" -H 'Content-Type: application/json' -d "$request" >/dev/null
fi
bare_port="$(free_port)"
bare_command=(dotnet "$bare_dll")
[[ -z "${BARE_EXE:-}" ]] || bare_command=("$BARE_EXE")
"${bare_command[@]}" --urls "http://127.0.0.1:$bare_port" >"$work/bare.log" 2>&1 &
bare_pid=$!
started_pids+=("$bare_pid")
worker_url="http://127.0.0.1:$worker_port/predict"
bare_url="http://127.0.0.1:$bare_port/predict"
wait_for_port "$worker_port" 60
wait_for_port "$bare_port" 60
for url in "$worker_url" "$bare_url"; do
  curl -sf -X POST "$url" -H 'Content-Type: application/json' -d "$request" >/dev/null
done

prediction_logging() {  # true|false [port]
  curl -sf -X PUT "http://127.0.0.1:${2:-$worker_port}/config" -H 'Content-Type: application/json' \
    -d "{\"governance\":{\"enable_prediction_logging\":$1}}" >/dev/null
}
hz="$(getconf CLK_TCK)"

run() {  # name (on|off|bare), url, pid
  local before after requests
  before="$(cpu_ticks "$3")"
  wrk -t2 -c"$connections" -d"${run_seconds}s" --latency -s "$work/predict.lua" "$2" >"$work/wrk.out"
  after="$(cpu_ticks "$3")"
  if grep -q 'Non-2xx' "$work/wrk.out"; then cat "$work/wrk.out" >&2; exit 1; fi
  requests="$(awk '/requests in/ { print $1 }' "$work/wrk.out")"
  echo "$1 $(awk '/Requests\/sec/ { print $2 }' "$work/wrk.out")" \
    "$(awk -v t=$((after - before)) -v n="$requests" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }')" \
    "$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/results" >&2
}
shipped_run() {  # on|off
  prediction_logging "$([[ $1 == on ]] && echo true || echo false)"
  run "$1" "$worker_url" "$worker_pid"
}
compared_run() {  # on|off
  prediction_logging "$([[ $1 == on ]] && echo true || echo false)" "$cmp_port"
  run "cmp-$1" "http://127.0.0.1:$cmp_port/predict" "$cmp_pid"
}
worker_run() {  # on|off, round: with COMPARE_DLL, the two builds too take turns at going first
  if [[ -z "${COMPARE_DLL:-}" ]]; then
    shipped_run "$1"
  elif (( $2 % 2 )); then
    shipped_run "$1"; compared_run "$1"
  else
    compared_run "$1"; shipped_run "$1"
  fi
}

log "wrk warm-up, ${warmup} s each (the tiered JIT keeps re-compiling hot methods for ~20 s under load)"
prediction_logging true
wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/predict.lua" "$worker_url" >/dev/null
prediction_logging false
wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/predict.lua" "$worker_url" >/dev/null
if [[ -n "${COMPARE_DLL:-}" ]]; then
  prediction_logging true "$cmp_port"
  wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/predict.lua" "http://127.0.0.1:$cmp_port/predict" >/dev/null
  prediction_logging false "$cmp_port"
  wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/predict.lua" "http://127.0.0.1:$cmp_port/predict" >/dev/null
fi
wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/predict.lua" "$bare_url" >/dev/null

log "wrk -t2 -c$connections -d${run_seconds}s POST /predict: worker audit on, bare Kestrel, worker audit off; $rounds rounds"
log "name requests/s CPU-µs/request p99 load"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then
    worker_run on "$round"; run bare "$bare_url" "$bare_pid"; worker_run off "$round"
  else
    worker_run off "$round"; run bare "$bare_url" "$bare_pid"; worker_run on "$round"
  fi
done

if [[ -n "${PERF:-}" ]]; then
  for setting in on off; do
    prediction_logging "$([[ $setting == on ]] && echo true || echo false)"
    wrk -t2 -c"$connections" -d"$((run_seconds + 2))s" -s "$work/predict.lua" "$worker_url" >"$work/wrk-perf-$setting.out" &
    load_pid=$!
    sleep 1
    perf record -F 2999 -g -p "$worker_pid" -o "$work/perf-$setting.data" -- sleep "$run_seconds" 2>/dev/null
    wait "$load_pid"
    log "perf-$setting.data: $(grep 'Requests/sec' "$work/wrk-perf-$setting.out")"
  done
fi

"$python" - "$work/results" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rps, cpu, p99, load = line.split()
    runs[name].append((float(rps), float(cpu), p99, load))
bare = statistics.median(r[0] for r in runs["bare"])
print("| server | requests/s (median) | share of bare Kestrel | CPU per request (median) | p99 per run | load average per run |")
print("|---|---|---|---|---|---|")
labels = (("on", "worker, audit on"), ("off", "worker, prediction logging off"),
          ("cmp-on", "compared build, audit on"), ("cmp-off", "compared build, prediction logging off"), ("bare", "bare Kestrel"))
for name, label in ((n, l) for n, l in labels if n in runs):
    rps = statistics.median(r[0] for r in runs[name])
    cpu = statistics.median(r[1] for r in runs[name])
    print(f"| {label} | {rps:,.0f} | {rps / bare * 100:.1f} % | {cpu:.1f} µs | {' '.join(r[2] for r in runs[name])} | {' '.join(r[3] for r in runs[name])} |")
PY
