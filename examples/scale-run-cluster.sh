#!/usr/bin/env bash
# Scale run past one process (issue 12): Redis, `server --workers 6 --redis` (six worker processes
# sharing one port through SO_REUSEPORT, each within its own open-file limit, the supervisor serving
# REST for all) and `loadgen --processes 6` holding 100,000 clients spread over 24 source addresses
# (four per load child, ~4,200 connections each), each pinging every 10 s. Then
# the REST latency to a local and to a remote session, at 1,000 requests a second, on two
# single-process nodes. Loopback only, bounded in time, stops by itself; nothing is
# left running on exit, even on Ctrl-C.
#
#   examples/scale-run-cluster.sh                          # the whole run, about 5 minutes
#   CLIENTS=6000 examples/scale-run-cluster.sh             # a smaller run, same phases
#
# Needs: examples/target/pollen-examples.jar (mvn -B -q package -DskipTests), redis-server on PATH
# (apt-get install -y redis-server), jcmd, curl. Results: a Markdown summary on stdout and the raw
# outputs under examples/target/scale-run-cluster/.
#
# What is measured:
#   sessions     /health of the supervisor (the whole cluster) after the ramp and at the end
#   loadgen      its one JSON summary: connected, pings, pongs, lost, p50/p99/p999 round trips
#   cpu          CPU time (utime + stime) over the measurement window of the supervisor, the workers
#                and Redis together, per 1,000 pongs; Redis alone beside it
#   heap         live heap after a full GC (jcmd GC.class_histogram) of every worker with the sessions
#                held minus the same before the run, summed, per session held
#   redis        used_memory and used_memory_rss from INFO memory with the sessions held
#   rest         GET /sessions/{id} at REST_RATE requests/s for REST_SECONDS s: through a node for a
#                session of its own (local) and for one of another node (remote, one Redis round trip
#                each way), with RestLatencyProbe (open loop, latency from each request's planned start)

set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-examples/target/pollen-examples.jar}
OUT_DIR=${OUT_DIR:-examples/target/scale-run-cluster}
CLIENTS=${CLIENTS:-100000}
WORKERS=${WORKERS:-6}
PROCESSES=${PROCESSES:-6}
CONNECT_RATE=${CONNECT_RATE:-2000}
PING_INTERVAL=${PING_INTERVAL:-10s}
PINGING=${PINGING:-110}          # seconds of pinging after the ramp: heap, the CPU window, then REST under load
# 24 source addresses, four per load child: an address whose ephemeral ports are dense makes each
# bind(port 0) before connect scan long in the kernel (the load children's loops were found in
# Net.bind0 at ~15,000 connections per address), so few connections per address keep connecting cheap.
SOURCE_IPS=${SOURCE_IPS:-127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7,127.0.0.8,127.0.0.9,127.0.0.10,127.0.0.11,127.0.0.12,127.0.0.13,127.0.0.14,127.0.0.15,127.0.0.16,127.0.0.17,127.0.0.18,127.0.0.19,127.0.0.20,127.0.0.21,127.0.0.22,127.0.0.23,127.0.0.24,127.0.0.25}
PORT=${PORT:-7400}
HTTP_PORT=${HTTP_PORT:-8480}
REDIS_PORT=${REDIS_PORT:-6480}
WORKER_HEAP=${WORKER_HEAP:-512m}
# Each load child gets the load generator's -Xmx: ~17,000 clients with their histograms need more than 256 MB.
LOADGEN_HEAP=${LOADGEN_HEAP:-1g}
REST_RATE=${REST_RATE:-1000}
# Through the supervisor while 100,000 clients ping, the box's two cores are mostly taken: 1,000/s
# queues without end there (measured), so the default is lower.
REST_LOAD_RATE=${REST_LOAD_RATE:-200}
REST_SECONDS=${REST_SECONDS:-20}
REST_WARMUP=${REST_WARMUP:-5}    # seconds at the same rate before each REST measurement, not recorded
RAMP=$(( (CLIENTS + CONNECT_RATE - 1) / CONNECT_RATE ))
DURATION=${DURATION:-$(( RAMP + PINGING + 10 ))}
HELD_AT=$(( RAMP + 5 ))
# After the heap histograms of every worker, taken from HELD_AT on; the REST measurement under load
# (warm-up and measurement, 25 s by default) follows the window, before the load generator ends.
WINDOW_FROM=$(( RAMP + 20 ))
WINDOW_TO=$(( RAMP + 70 ))
CLK_TCK=$(getconf CLK_TCK)
REDIS_URI="redis://127.0.0.1:$REDIS_PORT"

STARTED=()   # pids this script started, ended on exit

die() {
    echo "scale-run-cluster: $*" >&2
    exit 1
}

cleanup() {
    local i pid
    # Last started first: the servers leave Redis before Redis goes.
    for (( i = ${#STARTED[@]} - 1; i >= 0; i-- )); do
        pid=${STARTED[i]}
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            timeout 30 tail --pid="$pid" -f /dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}
trap cleanup EXIT

[[ -f "$JAR" ]] || die "$JAR is missing: run mvn -B -q package -DskipTests first"
for tool in redis-server redis-cli jcmd curl timeout; do
    command -v "$tool" >/dev/null || die "$tool is needed (redis-server and redis-cli: apt-get install -y redis-server)"
done
(( DURATION >= WINDOW_TO + 40 )) || die "DURATION=$DURATION leaves no room for the CPU window and the REST measurement after a ${RAMP}s ramp"

# shellcheck source=examples/scale-run-lib.sh
source "examples/scale-run-lib.sh"

cpu_of_all_ms() { # the CPU of every pid given, summed
    local total=0 pid
    for pid in "$@"; do
        total=$(( total + $(process_cpu_ms "$pid") ))
    done
    echo "$total"
}

heap_of_all_kib() { # live heap after a full GC of every pid given, summed; histograms kept under $1
    local prefix=$1 total=0 pid
    shift
    for pid in "$@"; do
        jcmd "$pid" GC.class_histogram >"$prefix-$pid.txt"
        total=$(( total + $(awk '$1 == "Total" { printf "%d", $3 / 1024 }' "$prefix-$pid.txt") ))
    done
    echo "$total"
}

json_field() { grep -oE "\"$1\":[0-9]+" <<<"$2" | head -1 | cut -d: -f2; }
field() { grep -oE "(^| )$1=[0-9]+" <<<"$2" | cut -d= -f2; }

health() { curl -fsS --max-time 5 "http://127.0.0.1:$1/health" || echo '{"status":"down"}'; }

await_line() { # await_line FILE PATTERN SECONDS PID
    local waited=0
    until grep -qs "$2" "$1"; do
        kill -0 "$4" 2>/dev/null || die "process $4 ended before printing '$2' (see $1 and its .err)"
        (( waited++ < $3 * 10 )) || die "no '$2' in $1 within $3 s"
        sleep 0.1
    done
}

rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"

echo "== redis on 127.0.0.1:$REDIS_PORT" >&2
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT_DIR" \
    >"$OUT_DIR/redis.out" 2>&1 &
REDIS_PID=$!
STARTED+=("$REDIS_PID")
await_line "$OUT_DIR/redis.out" "Ready to accept connections" 10 "$REDIS_PID"

echo "== server --workers $WORKERS" >&2
# The workers are started with the supervisor's -Xmx (and -D options): WORKER_HEAP is the heap of each.
java -Xmx"$WORKER_HEAP" -Dpollen.server.drainTimeout=10s -jar "$JAR" server --workers "$WORKERS" --redis "$REDIS_URI" \
    --port "$PORT" --http-port "$HTTP_PORT" --threads 1 --node scale \
    >"$OUT_DIR/server.out" 2>"$OUT_DIR/server.err" &
SUPERVISOR_PID=$!
STARTED+=("$SUPERVISOR_PID")
await_line "$OUT_DIR/server.out" "listening" 120 "$SUPERVISOR_PID"
cat "$OUT_DIR/server.out" >&2
mapfile -t WORKER_PIDS < <(grep -oE 'pid [0-9]+' "$OUT_DIR/server.out" | awk '{print $2}')
(( ${#WORKER_PIDS[@]} == WORKERS )) || die "expected $WORKERS worker pids in the listening line"
heap_idle=$(heap_of_all_kib "$OUT_DIR/histogram-idle" "${WORKER_PIDS[@]}")

echo "== loadgen: $CLIENTS clients over $PROCESSES processes at $CONNECT_RATE/s, ping every $PING_INTERVAL, ${DURATION}s" >&2
timeout $(( DURATION + 120 )) java -Xmx"$LOADGEN_HEAP" -jar "$JAR" loadgen --port "$PORT" --clients "$CLIENTS" \
    --processes "$PROCESSES" --connect-rate "$CONNECT_RATE/s" --ping-interval "$PING_INTERVAL" \
    --duration "${DURATION}s" --source-ips "$SOURCE_IPS" --hello c- \
    >"$OUT_DIR/loadgen.out" 2>"$OUT_DIR/loadgen.err" &
LOADGEN_PID=$!
STARTED+=("$LOADGEN_PID")

await_line "$OUT_DIR/loadgen.err" "^loadgen t=${HELD_AT}s " $(( HELD_AT + 120 )) "$LOADGEN_PID"
# The children start their JVMs before they connect: wait (bounded) until the cluster holds them all.
waited=0
until (( $(json_field sessions "$(health "$HTTP_PORT")" || echo 0) >= CLIENTS )); do
    (( waited++ < 600 )) || break
    kill -0 "$LOADGEN_PID" 2>/dev/null || die "the load generator ended before the cluster held its clients"
    sleep 0.1
done
health_held=$(health "$HTTP_PORT")
nodes_held=$(curl -fsS --max-time 5 "http://127.0.0.1:$HTTP_PORT/nodes" || echo down)
heap_held=$(heap_of_all_kib "$OUT_DIR/histogram-held" "${WORKER_PIDS[@]}")
redis_memory=$(redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | grep -E '^used_memory(_rss)?:')
redis_keys=$(redis-cli -p "$REDIS_PORT" dbsize | tr -d '\r')

await_line "$OUT_DIR/loadgen.err" "^loadgen t=${WINDOW_FROM}s " 60 "$LOADGEN_PID"
from_line=$(grep -m1 "^loadgen t=${WINDOW_FROM}s " "$OUT_DIR/loadgen.err")
cpu_from=$(cpu_of_all_ms "$SUPERVISOR_PID" "${WORKER_PIDS[@]}" "$REDIS_PID")
redis_from=$(process_cpu_ms "$REDIS_PID")
await_line "$OUT_DIR/loadgen.err" "^loadgen t=${WINDOW_TO}s " $(( DURATION + 60 )) "$LOADGEN_PID"
to_line=$(grep -m1 "^loadgen t=${WINDOW_TO}s " "$OUT_DIR/loadgen.err")
cpu_to=$(cpu_of_all_ms "$SUPERVISOR_PID" "${WORKER_PIDS[@]}" "$REDIS_PID")
redis_to=$(process_cpu_ms "$REDIS_PID")
# A remote REST read while the box holds the load (through the supervisor every session is remote),
# after the CPU window, so that the window holds keep-alives only.
java -cp "$JAR" io.pollen.examples.bench.RestLatencyProbe "http://127.0.0.1:$HTTP_PORT/sessions/c-77" \
    "$REST_LOAD_RATE" "$REST_SECONDS" "$REST_WARMUP" >"$OUT_DIR/rest-under-load.out" 2>"$OUT_DIR/rest-under-load.err" || true
health_end=$(health "$HTTP_PORT")
kill -0 "$LOADGEN_PID" 2>/dev/null || echo "scale-run-cluster: the load generator ended during the REST measurement under load: raise PINGING" >&2

wait "$LOADGEN_PID" || die "the load generator failed (see $OUT_DIR/loadgen.err)"
summary=$(tail -1 "$OUT_DIR/loadgen.out")

kill -TERM "$SUPERVISOR_PID"
timeout 60 tail --pid="$SUPERVISOR_PID" -f /dev/null || die "the supervisor did not stop within 60 s of SIGTERM"
wait "$SUPERVISOR_PID" && supervisor_status=0 || supervisor_status=$?

echo "== REST latency, local and remote, on two nodes" >&2
redis-cli -p "$REDIS_PORT" flushall >/dev/null
NODE_PORT_a=$(( PORT + 1 )); NODE_HTTP_a=$(( HTTP_PORT + 1 ))
NODE_PORT_b=$(( PORT + 2 )); NODE_HTTP_b=$(( HTTP_PORT + 2 ))
for node in a b; do
    port_var=NODE_PORT_$node http_var=NODE_HTTP_$node
    java -Xmx256m -jar "$JAR" server --redis "$REDIS_URI" --node "$node" --port "${!port_var}" \
        --http-port "${!http_var}" --threads 1 >"$OUT_DIR/node-$node.out" 2>"$OUT_DIR/node-$node.err" &
    STARTED+=("$!")
    await_line "$OUT_DIR/node-$node.out" "listening" 60 "$!"
done
# One client with a known id on each node, held for the measurement.
for node in a b; do
    port_var=NODE_PORT_$node
    timeout $(( 2 * (REST_SECONDS + REST_WARMUP) + 120 )) java -Xmx128m -jar "$JAR" loadgen --port "${!port_var}" --clients 1 \
        --hello "on-$node-" --ping-interval 1s --duration $(( 2 * (REST_SECONDS + REST_WARMUP) + 90 ))s \
        >"$OUT_DIR/holder-$node.out" 2>"$OUT_DIR/holder-$node.err" &
    STARTED+=("$!")
done
waited=0
until [[ "$(curl -fsS "http://127.0.0.1:$NODE_HTTP_a/health" | grep -oE '"sessions":[0-9]+')" == '"sessions":2' ]]; do
    (( waited++ < 300 )) || die "the two holders did not show on the nodes within 30 s"
    sleep 0.1
done
# One unrecorded pass over both paths first: the first remote pass of fresh nodes showed second-long
# tails (the routed path's first use: JIT, Lettuce's buffers) that the probe's own warm-up did not cover.
for id in on-a-0 on-b-0; do
    java -cp "$JAR" io.pollen.examples.bench.RestLatencyProbe "http://127.0.0.1:$NODE_HTTP_a/sessions/$id" \
        "$REST_RATE" 10 0 >/dev/null 2>&1 || true
done
java -cp "$JAR" io.pollen.examples.bench.RestLatencyProbe "http://127.0.0.1:$NODE_HTTP_a/sessions/on-a-0" \
    "$REST_RATE" "$REST_SECONDS" "$REST_WARMUP" >"$OUT_DIR/rest-local.out" 2>"$OUT_DIR/rest-local.err" || true
java -cp "$JAR" io.pollen.examples.bench.RestLatencyProbe "http://127.0.0.1:$NODE_HTTP_a/sessions/on-b-0" \
    "$REST_RATE" "$REST_SECONDS" "$REST_WARMUP" >"$OUT_DIR/rest-remote.out" 2>"$OUT_DIR/rest-remote.err" || true

window_s=$(( WINDOW_TO - WINDOW_FROM ))
pongs_window=$(( $(field pongs "$to_line") - $(field pongs "$from_line") ))
cpu_ms=$(( cpu_to - cpu_from ))
redis_ms=$(( redis_to - redis_from ))
sessions_held=$(json_field sessions "$health_held")
per_1000=$(awk -v c="$cpu_ms" -v p="$pongs_window" 'BEGIN { if (p > 0) printf "%.2f", c / (p / 1000); else print "n/a" }')
redis_per_1000=$(awk -v c="$redis_ms" -v p="$pongs_window" 'BEGIN { if (p > 0) printf "%.3f", c / (p / 1000); else print "n/a" }')
heap_per_session=$(awk -v a="$heap_held" -v b="$heap_idle" -v s="$sessions_held" \
    'BEGIN { if (s > 0) printf "%.0f", (a - b) * 1024 / s; else print "n/a" }')

{
    echo "machine: $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(nproc) cores, $(java -version 2>&1 | head -1)"
    echo
    echo "| what | value |"
    echo "|---|---|"
    echo "| clients asked / connected / failed | $CLIENTS / $(json_field connected "$summary") / $(json_field failed "$summary") |"
    echo "| sessions held (/health after the ramp / at the end) | $sessions_held / $(json_field sessions "$health_end") |"
    echo "| nodes (/health) | $(json_field nodes "$health_held") |"
    echo "| pings / pongs / lost | $(json_field pings "$summary") / $(json_field pongs "$summary") / $(json_field lost "$summary") |"
    echo "| round trip p50 / p99 / p999 / max (µs) | $(json_field p50_us "$summary") / $(json_field p99_us "$summary") / $(json_field p999_us "$summary") / $(json_field max_us "$summary") |"
    echo "| CPU per 1,000 keep-alives, supervisor + $WORKERS workers + Redis | $per_1000 ms ($cpu_ms ms over ${window_s} s, $pongs_window pongs) |"
    echo "| Redis CPU per 1,000 keep-alives | $redis_per_1000 ms ($redis_ms ms) |"
    echo "| heap per session (workers, after full GC) | $heap_per_session B ($heap_idle KiB idle → $heap_held KiB held) |"
    echo "| Redis memory with the sessions held | $(tr '\n' ' ' <<<"$redis_memory")($redis_keys keys) |"
    echo "| REST GET of a remote session through the supervisor, under the load, $REST_LOAD_RATE/s | $(cat "$OUT_DIR/rest-under-load.out") |"
    echo "| REST GET, local session, two idle nodes, $REST_RATE/s | $(cat "$OUT_DIR/rest-local.out") |"
    echo "| REST GET, remote session, two idle nodes, $REST_RATE/s | $(cat "$OUT_DIR/rest-remote.out") |"
    echo "| supervisor exit status after SIGTERM | $supervisor_status |"
    echo
    echo "/nodes with the sessions held: $nodes_held"
} | tee "$OUT_DIR/summary.md"
