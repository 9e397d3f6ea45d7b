# Shared by bench/reliability/*.sh (sourced): processes, ports, waits, the JSON summary.
# Everything listens on 127.0.0.1; every wait is bounded; cleanup stops what the script started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
JAR=${JAR:-$ROOT/target/support-bot.jar}
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
OUT=$ROOT/target/reliability
mkdir -p "$OUT"
WORK=$(mktemp -d)
PIDS=()          # every process this script started (the app's pid changes across restarts)
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do timeout 15 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp -r "$WORK"/*.log "$WORK"/*.json "$KEEP"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { python3 -c "import time; print(f'{time.time()-$1:.1f}')"; }
# Limits of the local fakes and of the bot's senders: the fakes are not Telegram, so the bot may
# send as fast as it can (per-chat limits stay: 1 message/s per chat, bursts of 3).
APP_RATE=${APP_RATE:-1000}
# The admin account every started bot gets: metrics (/actuator/prometheus) need an admin's sign-in.
ADMIN_PASSWORD=${ADMIN_PASSWORD:-bench-admin-$RANDOM$RANDOM$RANDOM}

# start_fake_telegram [extra args]: sets FAKE, TOKEN (a fake Bot API with a high overall limit)
start_fake_telegram() {
  rm -f "$WORK/fake.port"
  TOKEN="123456789:rel-$RANDOM$RANDOM"
  python3 bench/fake_telegram.py serve --token "$TOKEN" --port-file "$WORK/fake.port" \
    --overall 100000 --overall-burst 1000 --webhook-give-up 600 "$@" >"$WORK/fake.log" 2>&1 &
  PIDS+=($!)
  wait_file "$WORK/fake.port" || { echo "the fake Bot API did not start:"; cat "$WORK/fake.log"; exit 1; }
  FAKE=http://127.0.0.1:$(cat "$WORK/fake.port")
}

# start_fake_vk PORT_OF_APP [extra args]: sets FAKE, VK_TOKEN, VK_GROUP, VK_SECRET, VK_CONFIRMATION (callback mode)
start_fake_vk() {
  rm -f "$WORK/fake.port"
  VK_TOKEN="vk1.a.rel-$RANDOM$RANDOM" VK_GROUP=229$RANDOM VK_SECRET="rel-$RANDOM$RANDOM" VK_CONFIRMATION="c0nf$RANDOM"
  local port=$1; shift
  python3 bench/fake_vk.py serve --token "$VK_TOKEN" --group "$VK_GROUP" --port-file "$WORK/fake.port" \
    --rps 100000 --callback-url "http://127.0.0.1:$port/vk/callback" --secret "$VK_SECRET" \
    --confirmation "$VK_CONFIRMATION" "$@" >"$WORK/fake.log" 2>&1 &
  PIDS+=($!)
  wait_file "$WORK/fake.port" || { echo "the fake VK API did not start:"; cat "$WORK/fake.log"; exit 1; }
  FAKE=http://127.0.0.1:$(cat "$WORK/fake.port")
}

wait_file() { local _; for _ in $(seq 200); do [ -s "$1" ] && return 0; sleep 0.05; done; return 1; }

# start_app NAME PORT DATA_DIR VAR=VALUE...: the packaged bot as users run it; sets APP_PID
start_app() {
  local name=$1 port=$2 data=$3; shift 3
  env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" SUPPORTBOT_CONTENT_DIR="$ROOT" SUPPORTBOT_DATA_DIR="$data" \
    SUPPORTBOT_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    SUPPORTBOT_TELEGRAM_MESSAGES_PER_SECOND=$APP_RATE SUPPORTBOT_VK_CALLS_PER_SECOND=$APP_RATE \
    "$@" java ${JAVA_OPTS:-} -jar "$JAR" >>"$WORK/$name.log" 2>&1 &
  APP_PID=$!
  PIDS+=($APP_PID)
}

# wait_healthy PORT PID [SECONDS]: until /actuator/health says UP
wait_healthy() {
  local deadline=$((SECONDS + ${3:-90}))
  until curl -fs --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$2" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "the bot on port $1 did not become healthy"; return 1
    fi
    sleep 0.1
  done
}

# wait_webhook: until the bot registered its webhook with the fake
wait_webhook() {
  local deadline=$((SECONDS + 20))
  until curl -fs --max-time 2 "$FAKE/bot$TOKEN/getWebhookInfo" 2>/dev/null | grep -q '"url": "http'; do
    [ $SECONDS -ge $deadline ] && { echo "the bot did not call setWebhook within 20 s"; return 1; }
    sleep 0.1
  done
}

progress() { curl -fs --max-time 5 "$FAKE/control/progress"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# heap_mb PORT: the JVM heap in use (MB), from /actuator/prometheus
heap_mb() {
  curl -fs --max-time 5 -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}'
}

# warnings NAME: the bot's WARN/ERROR lines, counted
warnings() {
  grep -E ' (WARN|ERROR) ' "$WORK/$1.log" 2>/dev/null | cut -c1-220 | sed -E 's/^[^ ]+ +//; s/[0-9]{3,}/N/g' | sort | uniq -c | sort -rn | head -${2:-10} || true
}

# seed_data DIR: a fresh data folder holding the trained intent model from an earlier run (the
# model depends only on intents/, so a cold start's 10-40 s of training is paid once)
seed_data() {
  mkdir -p "$1"
  [ -d "$OUT/model-cache" ] && cp -r "$OUT/model-cache" "$1/models" || true
}
# keep_model DIR: remember the model a run trained, for seed_data
keep_model() {
  [ -d "$1/models" ] && rm -rf "$OUT/model-cache" && cp -r "$1/models" "$OUT/model-cache" || true
}

# memory PORT PID: JSON {heap_used_mb, live_after_gc_mb, heap_max_mb, rss_mb, cpu_s}
memory() {
  { curl -fs --max-time 5 -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null || true; } | python3 -c "
import sys, json, os
m = {}
for line in sys.stdin:
    if line.startswith('#') or not line.strip(): continue
    name, value = line.rsplit(' ', 1)
    key = name.split('{')[0]
    if key == 'jvm_memory_used_bytes' and 'area=\"heap\"' in name: m['heap'] = m.get('heap', 0) + float(value)
    if key == 'jvm_memory_max_bytes' and 'area=\"heap\"' in name and float(value) > 0: m['max'] = m.get('max', 0) + float(value)
    if key == 'jvm_gc_live_data_size_bytes': m['live'] = float(value)
    if key == 'process_cpu_time_ns_total' or key == 'process_cpu_time_seconds_total': m['cpu'] = float(value) / (1e9 if 'ns' in key else 1)
rss = 0
try:
    rss = int([l for l in open('/proc/$2/status') if l.startswith('VmRSS')][0].split()[1]) / 1024
except Exception: pass
cpu = None
try:
    f = open('/proc/$2/stat').read().rsplit(')', 1)[1].split()
    cpu = (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')
except Exception: pass
mb = lambda k: round(m[k] / 1048576, 1) if k in m else None
print(json.dumps({'heap_used_mb': mb('heap'), 'live_after_gc_mb': mb('live'), 'heap_max_mb': mb('max'), 'rss_mb': round(rss, 1), 'cpu_s': cpu}))
"
}
