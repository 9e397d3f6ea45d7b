#!/usr/bin/env bash
# Start-up benchmark: seconds from launch until /actuator/health answers UP, first with an empty
# model cache (the model is trained) and then with the cached model (a normal restart).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/target/support-bot.jar
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
PORT=${PORT:-18080}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

measure() {
  local start end
  start=$(date +%s.%N)
  SERVER_PORT=$PORT SUPPORTBOT_CONTENT_DIR=$PWD SUPPORTBOT_DATA_DIR=$WORK/data java -jar "$JAR" >"$WORK/log" 2>&1 &
  PID=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP; do
    kill -0 $PID 2>/dev/null || { cat "$WORK/log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  local rss
  rss=$(ps -o rss= -p $PID | awk '{printf "%.0f", $1/1024}')
  kill $PID; wait $PID 2>/dev/null || true
  printf "%-28s %6.2f s to healthy, RSS %s MiB\n" "$1" "$(echo "$end - $start" | bc)" "$rss"
}

measure "cold start (trains model)"
measure "restart (cached model)"
