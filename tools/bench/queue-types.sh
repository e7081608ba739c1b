#!/usr/bin/env bash
# What quorum shard queues cost the bus against classic ones, in one run on one private RabbitMQ node: the
# Release worker (audit and publisher confirms on) driven by the feed tool, at full speed (throughput) and at
# 1,000 bars/s (end-to-end p50/p99), once per Bus:RabbitMq:QueueType per round, the order swapped each round.
# The node loads no definitions: each run's worker declares its queues, and they are deleted after the run.
# Prints one markdown table of medians over the rounds.
#
#   tools/bench/queue-types.sh            # ~4 minutes on 2 cores (ROUNDS=2)
#   ROUNDS=3 THROUGHPUT_SYMBOLS=1000 THROUGHPUT_BARS=10 tools/bench/queue-types.sh
#
# Every process started here is stopped by pid on exit. Needs: the .NET SDK, Debian's rabbitmq-server.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
rounds="${ROUNDS:-2}"
throughput_symbols="${THROUGHPUT_SYMBOLS:-1000}"
throughput_bars="${THROUGHPUT_BARS:-10}"
latency_rate="${LATENCY_HALVES_PER_SECOND:-2000}"
latency_symbols="${LATENCY_SYMBOLS:-100}"
latency_bars="${LATENCY_BARS:-50}"

work="$(mktemp -d /tmp/arbitrex-queue-types.XXXXXX)"
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

stop_pid() {  # SIGTERM, then SIGKILL after 20 s
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do stop_pid "$pid"; done
  if [[ -n "$rabbit_root_pid" ]]; then
    for pid in $(descendants "$rabbit_root_pid") "$rabbit_root_pid"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait "$rabbit_root_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "== $*" >&2; }

free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() {  # port, seconds
  local i
  for i in $(seq $(($2 * 4))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  return 1
}

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

log "build (Release)"
for project in src/Arbitrex.MlLayer.Worker src/Arbitrex.MlLayer.Feed; do
  dotnet build "$repo/$project" -c Release -nologo -v q >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
done
worker_dll="$repo/src/Arbitrex.MlLayer.Worker/bin/Release/net10.0/Arbitrex.MlLayer.Worker.dll"
feed_dll="$repo/src/Arbitrex.MlLayer.Feed/bin/Release/net10.0/arbitrex-feed.dll"

node_dir="$work/rabbitmq"
node_name="arbitrex-qt-$$@localhost"
amqp_port="$(free_port)"
mkdir -p "$node_dir/mnesia" "$node_dir/log"
cp "$repo/rabbitmq/enabled_plugins" "$node_dir/"
grep -v '^load_definitions' "$repo/rabbitmq/rabbitmq.conf" >"$node_dir/rabbitmq.conf"
printf 'management.tcp.port = %s\nprometheus.tcp.port = %s\n' "$(free_port)" "$(free_port)" >>"$node_dir/rabbitmq.conf"
node_env=(RABBITMQ_NODENAME="$node_name" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp_port"
          RABBITMQ_DIST_PORT="$(free_port)" RABBITMQ_MNESIA_BASE="$node_dir/mnesia" RABBITMQ_LOG_BASE="$node_dir/log"
          RABBITMQ_CONFIG_FILE="$node_dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$node_dir/enabled_plugins")
if [[ "$(id -un)" == root ]]; then
  chown -R rabbitmq:rabbitmq "$node_dir"
  as_broker=(runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq)
else
  as_broker=(env HOME="$node_dir")
fi
"${as_broker[@]}" "${node_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server >"$work/rabbitmq.log" 2>&1 &
rabbit_root_pid=$!
log "broker: private node $node_name on 127.0.0.1:$amqp_port"
wait_for_port "$amqp_port" 90 || { tail -30 "$work/rabbitmq.log" >&2; exit 1; }
wait_for_line "$work/rabbitmq.log" "completed with" 60
amqp_uri="amqp://guest:guest@127.0.0.1:$amqp_port/"
ctl() { "${as_broker[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$node_name" "$@"; }

feed() {  # name, extra feed args...
  local name="$1"; shift
  timeout 300 dotnet "$feed_dll" synthetic --uri "$amqp_uri" --timeframe 1H --shuffle --wait --timeout 120 "$@" \
    >"$work/feed-$name.out" 2>"$work/feed-$name.err" || { cat "$work/feed-$name.out" "$work/feed-$name.err" >&2; exit 1; }
  grep -F 'decisions ' "$work/feed-$name.out" | tail -1 >"$work/feed-$name.summary"
  log "$name: $(cat "$work/feed-$name.summary")"
}

run() {  # round, queue type
  local name="$2-$1" state="$work/worker-$2-$1" admin_port
  admin_port="$(free_port)"
  mkdir -p "$state"
  (cd "$state" && DOTNET_ENVIRONMENT=Production exec dotnet "$worker_dll" \
    --Bus:Transport=RabbitMq "--Bus:RabbitMq:Uri=$amqp_uri" "--Bus:RabbitMq:QueueType=$2" "--Admin:Urls=http://127.0.0.1:$admin_port" \
    "--Registry:Root=$repo/models" "--Registry:ImportPath=$state/incoming" "--Audit:Directory=$state/audit" \
    "--Monitoring:ExportDirectory=$state/audit" "--Admin:RuntimeConfigFile=$state/runtime_config.json" \
    "--Logging:Directory=$state/logs" >"$work/worker-$name.log" 2>&1) &
  local worker_pid=$!
  started_pids+=("$worker_pid")
  wait_for_line "$work/worker-$name.log" "Consuming " 60
  ctl list_queues name type | grep -q "shard-0[[:space:]]*$2" || { echo "shard-0 is not a $2 queue:"; ctl list_queues name type; exit 1; } >&2
  feed "throughput-$name" --symbols "$throughput_symbols" --bars "$throughput_bars" --symbol-prefix "T$1${2:0:1}"
  feed "latency-$name" --symbols "$latency_symbols" --bars "$latency_bars" --rate "$latency_rate" --symbol-prefix "L$1${2:0:1}"
  stop_pid "$worker_pid"
  for queue in $(ctl list_queues name | grep '^arbitrex\.ml\.worker'); do ctl delete_queue "$queue" >/dev/null; done
}

for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then run "$round" classic; run "$round" quorum; else run "$round" quorum; run "$round" classic; fi
done

"$python" - "$work" "$rounds" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])

def summary(name):
    line = open(f"{work}/feed-{name}.summary").read()
    m = re.search(r"decisions (\d+)/(\d+) missing=(\d+).*p50=([\d.]+) ms p99=([\d.]+) ms.*throughput (\d+) bars/s", line)
    return {"bars": int(m[2]), "missing": int(m[3]), "p50": float(m[4]), "p99": float(m[5]), "rate": int(m[6])}

rows = {}
for kind in ("classic", "quorum"):
    t = [summary(f"throughput-{kind}-{r}") for r in range(1, rounds + 1)]
    l = [summary(f"latency-{kind}-{r}") for r in range(1, rounds + 1)]
    rows[kind] = {
        "rate": statistics.median(x["rate"] for x in t), "rates": [x["rate"] for x in t], "bars": t[0]["bars"],
        "missing": sum(x["missing"] for x in t + l),
        "p50": statistics.median(x["p50"] for x in l), "p99": statistics.median(x["p99"] for x in l), "lbars": l[0]["bars"],
    }
c, q = rows["classic"], rows["quorum"]
print(f"| Bus, private RabbitMQ 3.10 node, 4 shards, prefetch 512 ({rounds} rounds, medians) | classic | quorum | quorum vs classic |")
print("|---|---|---|---|")
print(f"| Worker throughput, {c['bars']:,} bars at full speed (confirms + audit on) | {c['rate']:,.0f} bars/s {c['rates']} | {q['rate']:,.0f} bars/s {q['rates']} | {q['rate'] / c['rate'] - 1:+.0%} |")
print(f"| End-to-end p50 at 1,000 bars/s ({c['lbars']:,} bars) | {c['p50']:.1f} ms | {q['p50']:.1f} ms | {q['p50'] - c['p50']:+.1f} ms |")
print(f"| End-to-end p99 at 1,000 bars/s | {c['p99']:.1f} ms | {q['p99']:.1f} ms | {q['p99'] - c['p99']:+.1f} ms |")
print(f"| Decisions missing | {c['missing']} | {q['missing']} | |")
PY
