#!/usr/bin/env bash
# The worker's memory, as docs/PERFORMANCE.md ("Memory") reports it: the Release worker on a private RabbitMQ node,
# fed 15,000 bars over 1,000 symbols (the decision history full at 10,000, 1,000 symbols of smoothing state), then,
# with MODEL=<xgboost json>, that model registered and activated as the signal filter. Prints VmRSS (now) and
# VmHWM (peak) after each step, in MB.
#
#   tools/bench/memory.sh
#   MODEL=/tmp/big_model.json tools/bench/memory.sh
#   DOTNET_GCConserveMemory=5 tools/bench/memory.sh     # any DOTNET_* setting reaches the worker (and the feed tool)
#   DETAIL=1 tools/bench/memory.sh                      # also the mapped files holding the most resident memory
#   WORKER_DLL=/tmp/main/src/Arbitrex.MlLayer.Worker/bin/Release/net10.0/Arbitrex.MlLayer.Worker.dll tools/bench/memory.sh
#                                                       # another build of the worker, to compare two builds in turn
#   WORKER_EXE=/tmp/native/Arbitrex.MlLayer.Worker tools/bench/memory.sh
#                                                       # the worker compiled ahead of time (dotnet publish -r linux-x64)
#
# With the history full it also prints where the resident memory is (/proc/PID/smaps: mapped files, JIT-compiled code,
# anonymous memory) and the GC's own view of its heap (committed, and each generation after the last collection).
#
# Everything runs on loopback; every process started here is stopped by pid on exit. Needs the .NET SDK and
# Debian's rabbitmq-server.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${MODEL:-}"
source "$repo/tools/bench/lib.sh"
bench_init memory

memory() { awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } END { printf "RSS %.0f MB, peak %.0f MB", rss / 1024, hwm / 1024 }' "/proc/$1/status"; }

# Resident memory by kind of mapping. With W^X (the default) the JIT's code and stubs live in the memfd "doublemapper".
resident_by_kind() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { kind = NF < 6 ? "anonymous" : ($6 ~ /doublemapper/ ? "jit" : ($6 ~ /^\// ? "file" : "anonymous")) }
       /^Rss:/ { kb[kind] += $2 }
       END { printf "mapped files %.0f MB, JIT code and stubs %.0f MB, anonymous (GC heap, native) %.0f MB", kb["file"] / 1024, kb["jit"] / 1024, kb["anonymous"] / 1024 }' "/proc/$1/smaps"
}

# The mapped files holding the most resident memory, largest first (DETAIL=1).
resident_files() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { file = (NF >= 6 && $6 ~ /^\//) ? $6 : "" }
       /^Rss:/ && file != "" { kb[file] += $2 }
       END { for (f in kb) printf "%8.1f MB  %s\n", kb[f] / 1024, f }' "/proc/$1/smaps" | sort -rn | head -"${DETAIL_TOP:-25}"
}

# The runtime meter as the worker exports it: GC committed bytes and each generation's size after the last collection.
gc_heap() {
  curl -sf "$1/metrics/prometheus" | awk '
    /^system_runtime_dotnet_gc_last_collection_memory_committed_size / { committed = $2 }
    /^system_runtime_dotnet_gc_last_collection_heap_size\{/ { match($0, /"[a-z0-9]+"/); gen[substr($0, RSTART + 1, RLENGTH - 2)] = $2 }
    END { printf "GC committed %.0f MB; after the last collection gen0 %.0f, gen1 %.0f, gen2 %.0f, LOH %.0f MB",
          committed / 1048576, gen["gen0"] / 1048576, gen["gen1"] / 1048576, gen["gen2"] / 1048576, gen["loh"] / 1048576 }'
}

build_release src/Arbitrex.MlLayer.Worker src/Arbitrex.MlLayer.Feed

start_broker arbitrex-memory

admin_port="$(free_port)"
state="$work/worker"
mkdir -p "$state/incoming" "$state/models"
cp -r "$repo/models/." "$state/models/"
start_worker "$state" "$state/models" "$work/worker.log" \
  --Bus:Transport=RabbitMq "--Bus:RabbitMq:Uri=$amqp_uri" "--Admin:Urls=http://127.0.0.1:$admin_port"
wait_for_line "$work/worker.log" "Consuming " 60
echo "started: $(memory "$worker_pid")"

for round in 10 5; do
  timeout 300 dotnet "$feed_dll" synthetic --uri "$amqp_uri" --timeframe 1H --shuffle --wait --timeout 120 \
    --symbols 1000 --bars "$round" --symbol-prefix M"$round" >"$work/feed.out" 2>&1 || { cat "$work/feed.out" >&2; exit 1; }
done
history="$(curl -sf "http://127.0.0.1:$admin_port/metrics/decisions?limit=10000" | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["decisions"]))')"
echo "after 15,000 bars (history $history): $(memory "$worker_pid")"
sleep 10
echo "10 s later: $(memory "$worker_pid")"
echo "  where: $(resident_by_kind "$worker_pid")"
echo "  $(gc_heap "http://127.0.0.1:$admin_port")"
[[ "${DETAIL:-0}" == 1 ]] && resident_files "$worker_pid"

if [[ -n "$model" ]]; then
  cp "$model" "$state/incoming/big_model.json"
  curl -sf -X POST "http://127.0.0.1:$admin_port/models/register" -H 'Content-Type: application/json' \
    -d '{"model_name":"signal_filter","version":"v9.0.0","model_path":"big_model.json"}' >/dev/null
  curl -sf -X PUT "http://127.0.0.1:$admin_port/config" -H 'Content-Type: application/json' \
    -d '{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v9.0.0"}}' >/dev/null
  echo "model $(( $(stat -c %s "$model") / 1024 / 1024 )) MB registered and active: $(memory "$worker_pid")"
  sleep 10
  echo "10 s later: $(memory "$worker_pid")"
fi
