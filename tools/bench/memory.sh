#!/usr/bin/env bash
# The worker's memory, as docs/PERFORMANCE.md ("Memory") reports it: the Release worker on a private RabbitMQ node,
# fed 15,000 bars over 1,000 symbols (the decision history full at 10,000, 1,000 symbols of smoothing state), then,
# with MODEL=<xgboost json>, that model registered and activated as the signal filter. Prints VmRSS (now) and
# VmHWM (peak) after each step, in MB.
#
#   tools/bench/memory.sh
#   MODEL=/tmp/big_model.json tools/bench/memory.sh
#   DOTNET_GCConserveMemory=5 tools/bench/memory.sh     # any DOTNET_* setting reaches the worker (and the feed tool)
#
# Everything runs on loopback; every process started here is stopped by pid on exit. Needs the .NET SDK and
# Debian's rabbitmq-server.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${MODEL:-}"
work="$(mktemp -d /tmp/arbitrex-memory.XXXXXX)"
chmod 755 "$work"
started_pids=()
rabbit_root_pid=""

descendants() {
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    descendants "$child"
    echo "$child"
  done
}

cleanup() {
  local pid i
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for i in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -n "$rabbit_root_pid" ]]; then
    for pid in $(descendants "$rabbit_root_pid") "$rabbit_root_pid"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait "$rabbit_root_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "== $*" >&2; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for_line() {  # file, text, seconds
  local i
  for i in $(seq $(($3 * 4))); do
    if grep -qF "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  echo "'$2' not seen in $1 within $3 s:" >&2
  tail -30 "$1" >&2
  return 1
}
memory() { awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } END { printf "RSS %.0f MB, peak %.0f MB", rss / 1024, hwm / 1024 }' "/proc/$1/status"; }

log "build (Release)"
for project in src/Arbitrex.MlLayer.Worker src/Arbitrex.MlLayer.Feed; do
  dotnet build "$repo/$project" -c Release -nologo -v q >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
done
worker_dll="$repo/src/Arbitrex.MlLayer.Worker/bin/Release/net10.0/Arbitrex.MlLayer.Worker.dll"
feed_dll="$repo/src/Arbitrex.MlLayer.Feed/bin/Release/net10.0/arbitrex-feed.dll"

node_dir="$work/rabbitmq"
amqp_port="$(free_port)"
mkdir -p "$node_dir/mnesia" "$node_dir/log"
cp "$repo/rabbitmq/definitions.json" "$repo/rabbitmq/enabled_plugins" "$node_dir/"
sed "s|^load_definitions.*|load_definitions = $node_dir/definitions.json|" "$repo/rabbitmq/rabbitmq.conf" >"$node_dir/rabbitmq.conf"
printf 'management.tcp.port = %s\nprometheus.tcp.port = %s\n' "$(free_port)" "$(free_port)" >>"$node_dir/rabbitmq.conf"
node_env=(RABBITMQ_NODENAME="arbitrex-memory-$$@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp_port"
          RABBITMQ_DIST_PORT="$(free_port)" RABBITMQ_MNESIA_BASE="$node_dir/mnesia" RABBITMQ_LOG_BASE="$node_dir/log"
          RABBITMQ_CONFIG_FILE="$node_dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$node_dir/enabled_plugins")
if [[ "$(id -un)" == root ]]; then
  chown -R rabbitmq:rabbitmq "$node_dir"
  runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq "${node_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server >"$work/rabbitmq.log" 2>&1 &
else
  env HOME="$node_dir" "${node_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server >"$work/rabbitmq.log" 2>&1 &
fi
rabbit_root_pid=$!
wait_for_line "$work/rabbitmq.log" "completed with" 90
amqp_uri="amqp://guest:guest@127.0.0.1:$amqp_port/"

admin_port="$(free_port)"
state="$work/worker"
mkdir -p "$state/incoming" "$state/models"
cp -r "$repo/models/." "$state/models/"
(cd "$state" && DOTNET_ENVIRONMENT=Production exec dotnet "$worker_dll" \
  --Bus:Transport=RabbitMq "--Bus:RabbitMq:Uri=$amqp_uri" "--Admin:Urls=http://127.0.0.1:$admin_port" \
  "--Registry:Root=$state/models" "--Registry:ImportPath=$state/incoming" "--Audit:Directory=$state/audit" \
  "--Monitoring:ExportDirectory=$state/audit" "--Admin:RuntimeConfigFile=$state/runtime_config.json" \
  "--Logging:Directory=$state/logs" >"$work/worker.log" 2>&1) &
worker_pid=$!
started_pids+=("$worker_pid")
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
