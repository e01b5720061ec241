#!/usr/bin/env bash
# Issue 11 item 7: the example server's resident memory (VmRSS) around large messages, with default
# JVM flags (no -Xmx). Starts examples/target/pollen-examples.jar, reads /proc/<pid>/status before,
# after each of three 100 MB uploads, after two 100 MB REST messages delivered to a client of its own
# (RestDeliveryThroughput: one warm-up checked byte for byte, one timed), and a few seconds after the
# last, then stops the server.
# Build first: mvn -B package (needs examples/target/pollen-examples.jar and jmh/target/benchmarks.jar).
#
#   examples/rss-run.sh [MB per upload (100)] [seconds to wait after (10)] [extra server JVM flags...]
#
# Prints one line per reading and a JSON summary line on stdout. Linux only (/proc).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-100}
SETTLE=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
SERVER_JAR=${SERVER_JAR:-examples/target/pollen-examples.jar}
CLIENT_JAR=${CLIENT_JAR:-jmh/target/benchmarks.jar}
PORT=${PORT:-7399}
HTTP_PORT=${HTTP_PORT:-8399}
for jar in "$SERVER_JAR" "$CLIENT_JAR"; do
  [[ -f $jar ]] || { echo "missing $jar: build with mvn -B package" >&2; exit 2; }
done
OUT=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$OUT"' EXIT

java "$@" -jar "$SERVER_JAR" server --port "$PORT" --http-port "$HTTP_PORT" --max-frame $(( MB * 2 ))m \
  >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$OUT/server.out" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$OUT/server.out" || { cat "$OUT/server.err" >&2; exit 1; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER/status"; }
upload() {
  java -Xmx512m -cp "$CLIENT_JAR" io.pollen.jmh.upload.UploadThroughput --port "$PORT" --mb "$MB" \
    --warmups 0 --runs 1 --type "$1" 2>/dev/null >/dev/null
}

sleep 1 # the listening line comes before the JIT and the loops settle
BEFORE=$(rss_kb)
echo "before:          $(( BEFORE / 1024 )) MB"
AFTER=()
for i in 1 2 3; do
  upload $([[ $i == 2 ]] && echo last || echo first) # the second one with its "type" last
  AFTER+=("$(rss_kb)")
  echo "after upload $i:  $(( ${AFTER[-1]} / 1024 )) MB"
done
java -Xmx512m -cp "$CLIENT_JAR" io.pollen.jmh.upload.RestDeliveryThroughput --port "$PORT" --http-port "$HTTP_PORT" \
  --mb "$MB" --warmups 1 --runs 1 2>/dev/null >/dev/null
REST=$(rss_kb)
echo "after REST:      $(( REST / 1024 )) MB"
sleep "$SETTLE"
SETTLED=$(rss_kb)
echo "after ${SETTLE}s:     $(( SETTLED / 1024 )) MB"
printf '{"mb":%d,"before_mb":%d,"after_uploads_mb":[%d,%d,%d],"after_rest_mb":%d,"settled_mb":%d,"kept_mb":%d,"jvm_flags":"%s"}\n' \
  "$MB" $(( BEFORE / 1024 )) $(( AFTER[0] / 1024 )) $(( AFTER[1] / 1024 )) $(( AFTER[2] / 1024 )) $(( REST / 1024 )) \
  $(( SETTLED / 1024 )) $(( (SETTLED - BEFORE) / 1024 )) "$*"
