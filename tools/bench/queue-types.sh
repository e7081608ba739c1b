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

source "$repo/tools/bench/lib.sh"
bench_init queue-types

build_release src/Arbitrex.MlLayer.Worker src/Arbitrex.MlLayer.Feed

# No topology: each run's worker declares its queues.
BROKER_DEFINITIONS=0 start_broker arbitrex-qt

run() {  # round, queue type
  local name="$2-$1" state="$work/worker-$2-$1" admin_port
  admin_port="$(free_port)"
  start_worker "$state" "$repo/models" "$work/worker-$name.log" \
    --Bus:Transport=RabbitMq "--Bus:RabbitMq:Uri=$amqp_uri" "--Bus:RabbitMq:QueueType=$2" "--Admin:Urls=http://127.0.0.1:$admin_port"
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
