# Shared by the bench scripts (source it; it runs nothing by itself): a work folder removed on exit, processes
# stopped by pid on exit, waits with a deadline, the Release build, and a private RabbitMQ node on loopback.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   bench_init memory                       # $work, $started_pids, the EXIT trap
#   build_release src/Arbitrex.MlLayer.Worker src/Arbitrex.MlLayer.Feed
#   start_broker arbitrex-memory            # $amqp_uri, $node_name, ctl; BROKER_DEFINITIONS=0 loads no topology
#
# Needs $repo (the repository root) set by the caller.

python="${python:-/usr/bin/python3}"
started_pids=()
worker_env=()
rabbit_root_pid=""

bench_init() {  # name: the work folder is /tmp/arbitrex-<name>.XXXXXX
  work="$(mktemp -d "/tmp/arbitrex-$1.XXXXXX")"
  chmod 755 "$work"
  trap cleanup EXIT
}

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

log() { echo "== $*" >&2; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }  # user + system time of a process, in clock ticks

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

build_release() {  # project folders relative to $repo; sets $worker_dll (WORKER_DLL=… for another build, WORKER_EXE=… for a
                   # native one) and $feed_dll
  local project
  log "build (Release)"
  for project in "$@"; do
    dotnet build "$repo/$project" -c Release -nologo -v q >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
  done
  worker_dll="${WORKER_EXE:-${WORKER_DLL:-$repo/src/Arbitrex.MlLayer.Worker/bin/Release/net10.0/Arbitrex.MlLayer.Worker.dll}}"
  feed_dll="$repo/src/Arbitrex.MlLayer.Feed/bin/Release/net10.0/arbitrex-feed.dll"
}

# A private node: its own ports, data and logs under $work, the repository's rabbitmq.conf and plugins, and unless
# BROKER_DEFINITIONS=0 the topology of rabbitmq/definitions.json. Run as the rabbitmq user when this is root.
start_broker() {  # node name prefix; sets $node_name, $amqp_port, $amqp_uri, $rabbit_root_pid, $as_broker
  local node_dir="$work/rabbitmq"
  node_name="$1-$$@localhost"
  amqp_port="$(free_port)"
  mkdir -p "$node_dir/mnesia" "$node_dir/log"
  cp "$repo/rabbitmq/enabled_plugins" "$node_dir/"
  if [[ "${BROKER_DEFINITIONS:-1}" == 0 ]]; then
    grep -v '^load_definitions' "$repo/rabbitmq/rabbitmq.conf" >"$node_dir/rabbitmq.conf"
  else
    cp "$repo/rabbitmq/definitions.json" "$node_dir/"
    sed "s|^load_definitions.*|load_definitions = $node_dir/definitions.json|" "$repo/rabbitmq/rabbitmq.conf" >"$node_dir/rabbitmq.conf"
  fi
  printf 'management.tcp.port = %s\nprometheus.tcp.port = %s\n' "$(free_port)" "$(free_port)" >>"$node_dir/rabbitmq.conf"
  local node_env=(RABBITMQ_NODENAME="$node_name" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp_port"
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
}

# The Release worker ($worker_dll) with everything it writes under one state folder (import folder, audit log, metric
# snapshots, runtime config, logs) and its model registry in the folder given; settings for its environment (perf's,
# say) in the array $worker_env. Sets $worker_pid.
start_worker() {  # state folder, registry folder, output file, worker arguments...
  local state="$1" registry="$2" output="$3"
  shift 3
  mkdir -p "$state/incoming"
  local command=(dotnet "$worker_dll")
  [[ "$worker_dll" == *.dll ]] || command=("$worker_dll")  # a native (AOT-compiled) worker runs by itself
  (cd "$state" && exec env DOTNET_ENVIRONMENT=Production "${worker_env[@]}" "${command[@]}" \
    "--Registry:Root=$registry" "--Registry:ImportPath=$state/incoming" "--Audit:Directory=$state/audit" \
    "--Monitoring:ExportDirectory=$state/audit" "--Admin:RuntimeConfigFile=$state/runtime_config.json" \
    "--Logging:Directory=$state/logs" "$@" >"$output" 2>&1) &
  worker_pid=$!
  started_pids+=("$worker_pid")
}

ctl() { "${as_broker[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$node_name" "$@"; }

feed() {  # name, extra feed args...: the feed tool's synthetic bars; its last summary line in $work/feed-<name>.summary
  local name="$1"; shift
  timeout 300 dotnet "$feed_dll" synthetic --uri "$amqp_uri" --timeframe 1H --shuffle --wait --timeout 120 "$@" \
    >"$work/feed-$name.out" 2>"$work/feed-$name.err" || { cat "$work/feed-$name.out" "$work/feed-$name.err" >&2; exit 1; }
  grep -F 'decisions ' "$work/feed-$name.out" | tail -1 >"$work/feed-$name.summary"
  log "$name: $(cat "$work/feed-$name.summary")"
}
