#!/usr/bin/env bash
# Telegram benchmark: the packaged bot (java -jar target/support-bot.jar, long polling) against a
# local fake Bot API (bench/fake_telegram.py) that enforces Telegram's flood limits (30 messages/s
# overall, 1/s per chat with bursts of 3: 429 with retry_after above them) and plays the customers.
#   A "scripted burst": 50 customers in different chats write 2 messages each at once (Russian and
#     English FAQ questions; 5 send /start and then press its first button; the second message goes
#     after the bot answered the first).
#   B "benchmark": 300 customers write one message each at the same moment; the time from the
#     first update to the last reply is compared with 300 / 30 messages/s = 10 s.
# Every message must get exactly one reply and no 429 may be provoked; exits 1 otherwise.
# MODE=webhook: the same scenarios with TELEGRAM_MODE=webhook: the bot calls setWebhook at start-up
#   and the fake POSTs every customer update to http://127.0.0.1:<port>/telegram/webhook with the
#   secret header, 16 at a time (Telegram uses up to 40 connections), again until it gets 200; the
#   table adds the webhook intake rate (updates acknowledged per second) and POST latency p50/p99.
#   MODE=polling (the default): long polling with getUpdates.
# Everything listens on 127.0.0.1; bounded waits: the script ends by itself within about 3 minutes.
# Optional: B_RUNS=3 (scenario B again with new customers, warm), KEEP=dir (keep the JSON results
# and the bot's log), FAKE_ARGS="--window 30" (stricter fake: also at most 30 sends in any second;
# see python3 bench/fake_telegram.py serve -h).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${MODE:-polling}
case $MODE in polling|webhook) ;; *) echo "MODE must be polling or webhook, got '$MODE'"; exit 2;; esac
ROOT=$PWD
JAR=$ROOT/target/support-bot.jar
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
WORK=$(mktemp -d)
APP_PID= FAKE_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && { timeout 15 tail --pid="$APP_PID" -f /dev/null || kill -9 "$APP_PID" 2>/dev/null; }
  [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
elapsed() { python3 -c "import time; print(f'{time.time()-$1:.1f}')"; }
BEGIN=$(date +%s.%N)

TOKEN="123456789:bench-$RANDOM$RANDOM"
python3 bench/fake_telegram.py serve --token "$TOKEN" --port-file "$WORK/fake.port" ${FAKE_ARGS:-} >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 100); do [ -s "$WORK/fake.port" ] && break; sleep 0.05; done
[ -s "$WORK/fake.port" ] || { echo "the fake Bot API did not start:"; cat "$WORK/fake.log"; exit 1; }
FAKE=http://127.0.0.1:$(cat "$WORK/fake.port")
PORT=$(free_port)

HOOK=()
if [ "$MODE" = webhook ]; then
  HOOK=(TELEGRAM_MODE=webhook TELEGRAM_WEBHOOK_URL="http://127.0.0.1:$PORT/telegram/webhook"
        TELEGRAM_WEBHOOK_SECRET="bench-$RANDOM$RANDOM")
fi

echo "fake Bot API at $FAKE; starting the bot ($MODE mode) on 127.0.0.1:$PORT (fresh data dir: cold start trains the model)"
env SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$PORT SUPPORTBOT_CONTENT_DIR=$ROOT SUPPORTBOT_DATA_DIR=$WORK/data \
  TELEGRAM_BOT_TOKEN=$TOKEN TELEGRAM_API_URL=$FAKE "${HOOK[@]}" \
  java -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
deadline=$((SECONDS + 75))
until curl -fs --max-time 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP; do
  if ! kill -0 "$APP_PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "the bot did not become healthy within 75 s:"; tail -50 "$WORK/app.log"; exit 1
  fi
  sleep 0.2
done
echo "bot healthy after $(elapsed "$BEGIN") s"
if [ "$MODE" = webhook ]; then   # the bot registers its webhook when ready: the fake POSTs from then on
  deadline=$((SECONDS + 15))
  until curl -fs --max-time 2 "$FAKE/bot$TOKEN/getWebhookInfo" 2>/dev/null | grep -q '"url": "http'; do
    if [ $SECONDS -ge $deadline ]; then
      echo "the bot did not call setWebhook within 15 s:"; tail -30 "$WORK/app.log"; exit 1
    fi
    sleep 0.2
  done
  echo "webhook set: $(curl -fs --max-time 2 "$FAKE/bot$TOKEN/getWebhookInfo" | sed "s/$TOKEN/<token>/g")"
fi

run() { # scenario, timeout seconds
  curl -fsS --max-time $(($2 + 10)) "$FAKE/control/run?scenario=$1&timeout=$2" >"$WORK/$1.json" \
    || { echo "scenario $1: no answer from the fake"; tail -30 "$WORK/app.log"; exit 1; }
}
run A 30
RESULTS=("$WORK/A.json")
for i in $(seq "${B_RUNS:-1}"); do   # B_RUNS=3: scenario B again with new customers (add ~15 s each)
  run B 45 && mv "$WORK/B.json" "$WORK/B$i.json" && RESULTS+=("$WORK/B$i.json")
done
echo
status=0
python3 bench/fake_telegram.py report "${RESULTS[@]}" || status=$?
python3 - "${RESULTS[@]}" <<'PY'
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path))
    hook = r.get("webhook")
    intake = (f"webhook POSTs {hook['posts']} (retried {hook['retries']}, not 200: {hook['not_200']}), "
              f"POST ms p50/p99/max {hook['post_ms_200']['p50']}/{hook['post_ms_200']['p99']}/{hook['post_ms_200']['max']}"
              if hook else f"getUpdates batches {r['getupdates_batches'][-6:]}")
    print(f"scenario {r['scenario']} ({r.get('mode', 'polling')}): {intake}, Bot API calls so far {r['calls']}")
    if r["throttled_detail"]:
        print(f"  429s (time s, limit, chat, ms early): {r['throttled_detail']}")
a = json.load(open(sys.argv[1]))
print("sample replies (scenario A):")
for question, reply, buttons in a["sample_replies"]:
    print(f"  {question!r} -> {reply!r} {buttons if buttons else ''}")
PY
if grep -qE ' (WARN|ERROR) ' "$WORK/app.log"; then
  echo "bot warnings/errors:"; grep -E ' (WARN|ERROR) ' "$WORK/app.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -15
fi
[ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$WORK"/*.json "$WORK/app.log" "$KEEP"/
echo "total $(elapsed "$BEGIN") s; $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
