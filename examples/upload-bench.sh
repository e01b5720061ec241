#!/usr/bin/env bash
# Issue 11 item 6: 100 MB uploads end to end (client to ack) against the example server, 100 MB REST
# messages delivered to a client (POST's first byte to the frame's last), plus the ceiling: the same
# document through jackson alone. Starts examples/target/pollen-examples.jar on loopback, runs
# io.pollen.jmh.upload.UploadThroughput (2 warm-ups, then 5 timed uploads on one connection, the
# median reported) with "type" first and last, io.pollen.jmh.upload.RestDeliveryThroughput (the same
# counts; the warm-ups check the bytes), and io.pollen.jmh.upload.JacksonBaseline.
# Build first: mvn -B package (needs examples/target/pollen-examples.jar and jmh/target/benchmarks.jar).
#
#   examples/upload-bench.sh [MB (100)] [shape: items|strings (items)]
#   JFR=/tmp/upload.jfr examples/upload-bench.sh   # also record the server with JFR (settings=profile)
#   SERVER_JAR=... CLIENT_JAR=... PORT=...         # other builds, another port
#
# Prints the JSON lines of each run on stdout; run it several times on a quiet machine (uptime).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-100}
SHAPE=${2:-items}
SERVER_JAR=${SERVER_JAR:-examples/target/pollen-examples.jar}
CLIENT_JAR=${CLIENT_JAR:-jmh/target/benchmarks.jar}
PORT=${PORT:-7398}
HTTP_PORT=${HTTP_PORT:-8398}
for jar in "$SERVER_JAR" "$CLIENT_JAR"; do
  [[ -f $jar ]] || { echo "missing $jar: build with mvn -B package" >&2; exit 2; }
done
OUT=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$OUT"' EXIT

JVM_FLAGS=()
[[ -n ${JFR:-} ]] && JVM_FLAGS+=("-XX:StartFlightRecording=name=upload,settings=profile")
java "${JVM_FLAGS[@]}" -jar "$SERVER_JAR" server --port "$PORT" --http-port "$HTTP_PORT" --max-frame $(( MB * 2 ))m \
  >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$OUT/server.out" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$OUT/server.out" || { cat "$OUT/server.err" >&2; exit 1; }

echo "# $(uptime)" >&2
for position in first last; do
  java -Xmx512m -cp "$CLIENT_JAR" io.pollen.jmh.upload.UploadThroughput --port "$PORT" --mb "$MB" \
    --shape "$SHAPE" --type "$position" --warmups 2 --runs 5 2>/dev/null
done
java -Xmx512m -cp "$CLIENT_JAR" io.pollen.jmh.upload.RestDeliveryThroughput --port "$PORT" --http-port "$HTTP_PORT" \
  --mb "$MB" --warmups 2 --runs 5 2>/dev/null
if [[ -n ${JFR:-} ]]; then
  jcmd "$SERVER" JFR.dump name=upload filename="$JFR" >/dev/null
  echo "# server recording: $JFR (jfr view hot-methods $JFR, on JDK 21+)" >&2
fi
kill "$SERVER"; wait "$SERVER" || true
java -Xmx1g -cp "$CLIENT_JAR" io.pollen.jmh.upload.JacksonBaseline "$MB" first "$SHAPE" 5
echo "# $(uptime)" >&2
