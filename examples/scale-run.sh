#!/usr/bin/env bash
# Scale run of DESIGN.md / issue 6: the example server holding ~19,000 keep-alive sessions on one box,
# the load generator in a second JVM pinging each one every second. Loopback only, bounded in time
# (about 90 s per backend), stops by itself; nothing is left running on exit, even on Ctrl-C.
#
#   examples/scale-run.sh                  # epoll, poll, then select
#   examples/scale-run.sh epoll            # one backend
#   examples/scale-run.sh netty            # the Netty baseline instead of Pollen (not in the default list)
#   CLIENTS=2000 DURATION=20 examples/scale-run.sh epoll     # a quick smoke run
#   SERVER_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java SERVER_ARGS=--sequential \
#       OUT_DIR=examples/target/scale-run-sequential examples/scale-run.sh epoll
#                                          # the server's application as sequential code on Java 25
#
# Needs: examples/target/pollen-examples.jar (mvn -B -pl examples package), jcmd, curl, an open-file
# limit above CLIENTS + 500 in each process (ulimit -n). Results: a Markdown table on stdout, and the
# raw outputs of every process under examples/target/scale-run/<backend>/.
#
# The target "netty" runs benchmarks/netty-baseline/target/netty-baseline.jar, a minimal Netty 4.2
# native-epoll server speaking the ping subset of the protocol, under the same load and the same
# measurements; the script builds that standalone project first if its jar is missing or older than
# its sources (cd benchmarks/netty-baseline && mvn -B -q package). It has no REST /health, so its
# session count comes from its own stderr instead: started with --report-every 1s it prints
# "netty baseline sessions=N direct_kib=D" each second, and the script takes the first such line
# printed after it asks ("down" if none comes within 3 s), so the count is at most a second old.
# Its direct_kib (memory Netty's buffer allocator holds off the heap, which the heap measurement
# does not see) goes into notes.txt.
#
# What is measured, per backend:
#   sessions    open sessions per the server's REST /health, once every client had its turn to connect
#               and again at the end of the measurement window
#   loadgen     the load generator's JSON summary line (the whole run, connection ramp included)
#   cpu         server CPU time (utime + stime from /proc/<pid>/stat) over the measurement window,
#               per 1,000 pongs the load generator received in that window
#   other CPU   CPU time the whole machine spent over the window outside the server and the load
#               generator (other users of a shared box, the kernel's own work), as a disturbance check
#   heap        live heap after a full GC (the total of jcmd GC.class_histogram) with the sessions
#               held, minus the same before the run's clients connected, per session held; both
#               histograms are kept as histogram-idle.txt and histogram-held.txt. A warm-up of
#               WARMUP_CLIENTS (default 200) pinging clients for 5 s comes and goes before the idle
#               histogram, so that what a process loads once (classes, time zones, security providers,
#               lambda forms: about 300 KB, 17 B a session at 19,000) is not counted per session

set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-examples/target/pollen-examples.jar}  # another build's jar to compare builds
NETTY_DIR=benchmarks/netty-baseline
NETTY_JAR=$NETTY_DIR/target/netty-baseline.jar
OUT_DIR=${OUT_DIR:-examples/target/scale-run}

CLIENTS=${CLIENTS:-19000}
CONNECT_RATE=${CONNECT_RATE:-2000}
DURATION=${DURATION:-75}         # seconds: the connection ramp (CLIENTS / CONNECT_RATE) plus the pinging
PING_INTERVAL=${PING_INTERVAL:-1s}
SOURCE_IPS=${SOURCE_IPS:-127.0.0.2,127.0.0.3,127.0.0.4}
PORT=${PORT:-7300}
HTTP_PORT=${HTTP_PORT:-8380}
SERVER_HEAP=${SERVER_HEAP:-1g}
LOADGEN_HEAP=${LOADGEN_HEAP:-1g}
WARMUP_CLIENTS=${WARMUP_CLIENTS:-200}
SERVER_JAVA=${SERVER_JAVA:-java}  # the server's JVM (the load generator always runs on java from PATH)
SERVER_ARGS=${SERVER_ARGS:-}      # extra options of the Pollen server, e.g. --sequential (word-split)
# jcmd of the server's own JDK: attaching across JDK versions is not something to rely on.
JCMD=jcmd
[[ "$SERVER_JAVA" == java || ! -x "$(dirname "$SERVER_JAVA")/jcmd" ]] || JCMD="$(dirname "$SERVER_JAVA")/jcmd"

# The measurement window, in the load generator's seconds: it starts once every client had its turn
# to connect plus a few seconds of settling, and ends a few seconds before the run does.
RAMP=$(( (CLIENTS + CONNECT_RATE - 1) / CONNECT_RATE ))
HEAP_AT=$(( RAMP + 3 ))
WINDOW_FROM=$(( RAMP + 5 ))
WINDOW_TO=$(( DURATION - 3 ))
CLK_TCK=$(getconf CLK_TCK)

SERVER_PID=
SERVER_KIND=      # "pollen" or "netty": says where the session count comes from
SERVER_ERR=       # the running server's stderr file
LOADGEN_PID=

die() {
    echo "scale-run: $*" >&2
    exit 1
}

# Ends only the processes this script started, by their ids.
cleanup() {
    for pid in "$LOADGEN_PID" "$SERVER_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            timeout 20 tail --pid="$pid" -f /dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}
trap cleanup EXIT

[[ -f "$JAR" ]] || die "$JAR is missing: run mvn -B -pl examples package first"
(( WINDOW_TO > WINDOW_FROM )) || die "DURATION=$DURATION leaves no measurement window after a ${RAMP}s ramp"
for tool in jcmd curl timeout; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done

# shellcheck source=examples/scale-run-lib.sh
source "examples/scale-run-lib.sh"

# Prints the CPU time the whole machine has been busy so far, in milliseconds (every field of the
# "cpu" line of /proc/stat except idle and iowait).
machine_busy_ms() {
    local label user nice system idle iowait irq softirq steal rest
    read -r label user nice system idle iowait irq softirq steal rest </proc/stat
    echo $(( (user + nice + system + irq + softirq + steal) * 1000 / CLK_TCK ))
}

# Prints the bytes of live objects on the server's heap, in KiB, and keeps the class histogram they
# are summed from in $1 (the per-class breakdown of docs/BENCHMARKS.md is a diff of two of them).
# GC.class_histogram runs a full GC and counts the survivors in the same safepoint; reading "used"
# from GC.heap_info after a GC.run would also count whatever the server allocated between the two
# commands, which at 19,000 pings a second is a few hundred bytes a session.
server_heap_after_gc_kib() {
    "$JCMD" "$SERVER_PID" GC.class_histogram >"$1"
    awk '$1 == "Total" { printf "%d", $3 / 1024 }' "$1"
}

# Connects WARMUP_CLIENTS pinging clients for 5 s and waits until the server holds none again.
warm_up() {
    (( WARMUP_CLIENTS > 0 )) || return 0
    timeout 60 java -Xmx"$LOADGEN_HEAP" -jar "$JAR" loadgen --port "$PORT" --clients "$WARMUP_CLIENTS" \
        --connect-rate "$CONNECT_RATE/s" --ping-interval "$PING_INTERVAL" --duration 5s \
        --source-ips "$SOURCE_IPS" >"$1/warmup.out" 2>"$1/warmup.err" || die "the warm-up load generator failed (see $1/warmup.err)"
    local waited=0
    until [[ "$(server_sessions)" == 0 ]]; do
        (( waited++ < 300 )) || die "the server still held sessions 30 s after the warm-up"
        sleep 0.1
    done
}

# Prints the sessions count of REST /health (Netty: of the baseline's next report), or "down" if the
# server does not answer.
server_sessions() {
    if [[ "$SERVER_KIND" == netty ]]; then
        field sessions "$(netty_report)" || echo down
        return
    fi
    curl -fsS --max-time 5 "http://127.0.0.1:$HTTP_PORT/health" | grep -oE '"sessions":[0-9]+' | cut -d: -f2 \
        || echo down
}

# Waits (at most 3 s) for the Netty baseline's next "netty baseline sessions=..." report on stderr,
# one printed after this call, and prints it; prints nothing and fails if none comes.
netty_report() {
    local pattern='^netty baseline sessions=' seen waited=0
    seen=$(grep -c "$pattern" "$SERVER_ERR" || true)
    until (( $(grep -c "$pattern" "$SERVER_ERR" || true) > seen )); do
        (( waited++ < 30 )) || return 1
        sleep 0.1
    done
    grep "$pattern" "$SERVER_ERR" | tail -1
}

# Builds the Netty baseline if its jar is missing or older than its pom or sources. It is a
# standalone project, outside the root build, so mvn runs in its own directory.
ensure_netty_jar() {
    if [[ -f "$NETTY_JAR" ]] && [[ -z "$(find "$NETTY_DIR/pom.xml" "$NETTY_DIR/src" -newer "$NETTY_JAR" -print -quit)" ]]; then
        return
    fi
    echo "== building $NETTY_JAR" >&2
    (cd "$NETTY_DIR" && mvn -B -q -Dstyle.color=never package) >&2 || die "building the Netty baseline failed"
}

# Starts the server under test in the background and sets SERVER_PID, SERVER_KIND and SERVER_ERR.
start_server() {
    local backend=$1 dir=$2
    SERVER_ERR="$dir/server.err"
    if [[ "$backend" == netty ]]; then
        SERVER_KIND=netty
        java -Xms256m -Xmx"$SERVER_HEAP" -jar "$NETTY_JAR" --port "$PORT" --report-every 1s \
            >"$dir/server.out" 2>"$SERVER_ERR" &
    else
        SERVER_KIND=pollen
        # shellcheck disable=SC2086 # SERVER_ARGS is a list of options
        "$SERVER_JAVA" -Xms256m -Xmx"$SERVER_HEAP" -jar "$JAR" server --backend "$backend" --port "$PORT" \
            --http-port "$HTTP_PORT" $SERVER_ARGS >"$dir/server.out" 2>"$SERVER_ERR" &
    fi
    SERVER_PID=$!
}

# Waits (bounded) until the load generator's progress reaches second $1, and prints that line.
await_progress() {
    local second=$1 log=$2 waited=0
    until grep -q "^loadgen t=${second}s " "$log"; do
        kill -0 "$LOADGEN_PID" 2>/dev/null || die "the load generator ended before t=${second}s (see $log)"
        (( waited++ < 10 * (DURATION + 60) )) || die "no progress line for t=${second}s"
        sleep 0.1
    done
    grep -m1 "^loadgen t=${second}s " "$log"
}

field() { # field NAME LINE: the value of NAME=... in a progress line
    grep -oE "(^| )$1=[0-9]+" <<<"$2" | cut -d= -f2
}

json_field() { # json_field NAME JSON
    grep -oE "\"$1\":[0-9]+" <<<"$2" | cut -d: -f2
}

run_backend() {
    local backend=$1 dir="$OUT_DIR/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "== $backend: $CLIENTS clients at $CONNECT_RATE/s, ping every $PING_INTERVAL, ${DURATION}s" >&2

    start_server "$backend" "$dir"
    local waited=0
    until grep -q 'listening' "$dir/server.out"; do
        kill -0 "$SERVER_PID" 2>/dev/null || die "the $backend server did not start (see $dir/server.err)"
        (( waited++ < 300 )) || die "the $backend server printed no listening line in 30 s"
        sleep 0.1
    done
    cat "$dir/server.out" >&2
    warm_up "$dir"
    local heap_before direct_before=
    heap_before=$(server_heap_after_gc_kib "$dir/histogram-idle.txt")
    [[ "$SERVER_KIND" != netty ]] || direct_before=$(field direct_kib "$(netty_report)") || direct_before=n/a

    timeout $(( DURATION + 60 )) java -Xmx"$LOADGEN_HEAP" -jar "$JAR" loadgen --port "$PORT" --clients "$CLIENTS" \
        --connect-rate "$CONNECT_RATE/s" --ping-interval "$PING_INTERVAL" --duration "${DURATION}s" \
        --source-ips "$SOURCE_IPS" >"$dir/loadgen.out" 2>"$dir/loadgen.err" &
    LOADGEN_PID=$!
    # The load generator's own JVM, the child of timeout, is what its CPU is read from.
    local loadgen_jvm= waited_jvm=0
    until [[ -n "$loadgen_jvm" ]]; do
        loadgen_jvm=$(cat "/proc/$LOADGEN_PID/task/$LOADGEN_PID/children" 2>/dev/null | awk '{print $1}')
        (( waited_jvm++ < 100 )) || die "the load generator's JVM did not start"
        [[ -n "$loadgen_jvm" ]] || sleep 0.1
    done

    await_progress "$HEAP_AT" "$dir/loadgen.err" >/dev/null
    local sessions_held heap_held
    sessions_held=$(server_sessions)
    heap_held=$(server_heap_after_gc_kib "$dir/histogram-held.txt")
    local direct_held=
    [[ "$SERVER_KIND" != netty ]] || direct_held=$(field direct_kib "$(netty_report)") || direct_held=n/a

    local from_line cpu_from loadgen_from busy_from to_line cpu_to loadgen_to busy_to
    from_line=$(await_progress "$WINDOW_FROM" "$dir/loadgen.err")
    cpu_from=$(process_cpu_ms "$SERVER_PID")
    loadgen_from=$(process_cpu_ms "$loadgen_jvm")
    busy_from=$(machine_busy_ms)
    to_line=$(await_progress "$WINDOW_TO" "$dir/loadgen.err")
    cpu_to=$(process_cpu_ms "$SERVER_PID")
    loadgen_to=$(process_cpu_ms "$loadgen_jvm")
    busy_to=$(machine_busy_ms)
    local sessions_end
    sessions_end=$(server_sessions)

    wait "$LOADGEN_PID" || die "the load generator failed (see $dir/loadgen.err)"
    LOADGEN_PID=
    local summary still_up
    summary=$(tail -1 "$dir/loadgen.out")
    still_up=$(server_sessions)

    kill -TERM "$SERVER_PID"
    timeout 30 tail --pid="$SERVER_PID" -f /dev/null || die "the $backend server did not stop within 30 s of SIGTERM"
    SERVER_PID=

    local window_s=$(( WINDOW_TO - WINDOW_FROM ))
    local pongs_window=$(( $(field pongs "$to_line") - $(field pongs "$from_line") ))
    local cpu_ms=$(( cpu_to - cpu_from ))
    local loadgen_ms=$(( loadgen_to - loadgen_from ))
    local other_ms=$(( busy_to - busy_from - cpu_ms - loadgen_ms ))
    local cpu_per_1000 heap_per_session cpu_pct
    cpu_per_1000=$(awk -v c="$cpu_ms" -v p="$pongs_window" 'BEGIN { if (p > 0) printf "%.2f", c / (p / 1000); else print "n/a" }')
    cpu_pct=$(awk -v c="$cpu_ms" -v w="$window_s" 'BEGIN { printf "%.0f", c / (w * 10) }')
    heap_per_session=$(awk -v a="$heap_held" -v b="$heap_before" -v s="$sessions_held" \
        'BEGIN { if (s > 0) printf "%.0f", (a - b) * 1024 / s; else print "n/a" }')

    echo "$summary" >&2
    printf '| %s | %s / %s | %s | %s | %s | %s | %s / %s / %s / %s | %s ms (%s%% of a core) | %s KiB → %s KiB | %s |\n' \
        "$backend${SERVER_ARGS:+ $SERVER_ARGS}" "$sessions_held" "$sessions_end" "$(json_field connected "$summary")" "$(json_field failed "$summary")" \
        "$(json_field pings "$summary")" "$(json_field pongs "$summary")" \
        "$(json_field p50_us "$summary")" "$(json_field p99_us "$summary")" "$(json_field p999_us "$summary")" \
        "$(json_field max_us "$summary")" "$cpu_per_1000" "$cpu_pct" "$heap_before" "$heap_held" "$heap_per_session" \
        >>"$OUT_DIR/table.md"
    local sessions_source=/health
    [[ "$SERVER_KIND" != netty ]] || sessions_source="its stderr report"
    echo "after the run the server answered $sessions_source with sessions=$still_up" >&2
    echo "$backend: window t=${WINDOW_FROM}s..${WINDOW_TO}s: $pongs_window pongs, server CPU ${cpu_ms} ms," \
        "load generator CPU ${loadgen_ms} ms, other CPU on the machine ${other_ms} ms;" \
        "after the run $sessions_source answered sessions=$still_up (\"down\" if it did not answer)" >>"$OUT_DIR/notes.txt"
    if [[ "$SERVER_KIND" == netty ]]; then
        echo "$backend: sessions from the baseline's stderr report, not /health; direct memory held by Netty's" \
            "allocator (off the heap, not in the heap columns): $direct_before KiB idle, $direct_held KiB with the" \
            "sessions held" >>"$OUT_DIR/notes.txt"
    fi
}

mkdir -p "$OUT_DIR"
: >"$OUT_DIR/notes.txt"
{
    echo "| backend | sessions held (after ramp / end of window) | loadgen connected | failed | pings | pongs | round trip p50 / p99 / p999 / max (µs) | server CPU per 1,000 pings | heap after full GC (idle → held) | heap per session (bytes) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$OUT_DIR/table.md"

backends=("$@")
(( ${#backends[@]} > 0 )) || backends=(epoll poll select)
for backend in "${backends[@]}"; do
    [[ "$backend" != netty ]] || ensure_netty_jar
done
for backend in "${backends[@]}"; do
    run_backend "$backend"
done

echo "machine: $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(nproc) cores, server on $("$SERVER_JAVA" -version 2>&1 | head -1)"
cat "$OUT_DIR/table.md"
cat "$OUT_DIR/notes.txt"
