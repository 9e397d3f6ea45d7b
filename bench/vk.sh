#!/usr/bin/env bash
# VK benchmark: the packaged bot (java -jar target/support-bot.jar, as the README runs it) against a
# local fake VK API (bench/fake_vk.py) that enforces VK's limit for a community token (20 method
# calls in any second: error 6 above it), deduplicates messages.send by random_id, and plays the
# customers.
#   A "scripted burst": 50 customers write 2 messages each (Russian and English FAQ questions; 5
#     send /start and then press its first button; the second message goes after the first reply).
#   B "benchmark": 300 customers write one message each at the same moment; the time from the first
#     event to the last reply is compared with 300 / 20 sends/s = 15 s.
# Every message must get exactly one reply and no error 6 may be provoked; exits 1 otherwise.
# MODE=longpoll (the default): Bots Long Poll. MODE=callback: the Callback API — the fake confirms
#   the server (the answer must be VK_CONFIRMATION_CODE), then POSTs every event with the secret to
#   http://127.0.0.1:<port>/vk/callback, 8 at a time, again until the answer is "ok".
# Everything listens on 127.0.0.1; bounded waits: the script ends by itself within about 3 minutes.
# Optional: KEEP=dir (keep the JSON results and the bot's log).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${MODE:-longpoll}
case $MODE in longpoll|callback) ;; *) echo "MODE must be longpoll or callback, got '$MODE'"; exit 2;; esac
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

TOKEN="vk1.a.bench-$RANDOM$RANDOM"
GROUP=229$RANDOM
PORT=$(free_port)
SECRET="bench-$RANDOM$RANDOM"
CONFIRMATION="c0nf$RANDOM"
CALLBACK=()
if [ "$MODE" = callback ]; then
  CALLBACK=(--callback-url "http://127.0.0.1:$PORT/vk/callback" --secret "$SECRET" --confirmation "$CONFIRMATION")
fi
python3 bench/fake_vk.py serve --token "$TOKEN" --group "$GROUP" --port-file "$WORK/fake.port" "${CALLBACK[@]}" >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 100); do [ -s "$WORK/fake.port" ] && break; sleep 0.05; done
[ -s "$WORK/fake.port" ] || { echo "the fake VK API did not start:"; cat "$WORK/fake.log"; exit 1; }
FAKE=http://127.0.0.1:$(cat "$WORK/fake.port")

echo "fake VK API at $FAKE/method; starting the bot ($MODE mode) on 127.0.0.1:$PORT (fresh data dir: cold start trains the model)"
env SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$PORT SUPPORTBOT_CONTENT_DIR=$ROOT SUPPORTBOT_DATA_DIR=$WORK/data \
  VK_GROUP_TOKEN=$TOKEN VK_GROUP_ID=$GROUP VK_API_URL=$FAKE/method VK_MODE=$MODE \
  VK_CONFIRMATION_CODE=$CONFIRMATION VK_SECRET=$SECRET \
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
if [ "$MODE" = callback ]; then
  echo "confirmation: $(curl -fsS --max-time 15 "$FAKE/control/confirm")"
  curl -fsS --max-time 15 "$FAKE/control/confirm" | grep -q '"ok": true' || { echo "the bot did not confirm the Callback API server"; exit 1; }
else   # like VK, the fake long-polls only events after the ts getLongPollServer gave: wait for the poller
  deadline=$((SECONDS + 15))
  until grep -q "Polling VK for community" "$WORK/app.log"; do
    [ $SECONDS -ge $deadline ] && { echo "the bot did not start long polling within 15 s:"; tail -30 "$WORK/app.log"; exit 1; }
    sleep 0.2
  done
  sleep 0.5
fi

run() { # scenario, timeout seconds
  curl -fsS --max-time $(($2 + 10)) "$FAKE/control/run?scenario=$1&timeout=$2" >"$WORK/$1.json" \
    || { echo "scenario $1: no answer from the fake"; tail -30 "$WORK/app.log"; exit 1; }
}
run A 40
run B 60
echo
status=0
python3 bench/fake_vk.py report "$WORK/A.json" "$WORK/B.json" || status=$?
python3 - "$WORK/A.json" "$WORK/B.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path))
    print(f"scenario {r['scenario']} ({r['mode']}): VK API calls so far {r['calls']}")
    if r["throttle_log"]:
        print(f"  error 6 (time s, method): {r['throttle_log']}")
a = json.load(open(sys.argv[1]))
print("sample replies (scenario A):")
for question, reply in a["sample_replies"]:
    print(f"  {question!r} -> {reply!r}")
PY
if grep -qE ' (WARN|ERROR) ' "$WORK/app.log"; then
  echo "bot warnings/errors:"; grep -E ' (WARN|ERROR) ' "$WORK/app.log" | cut -c1-300 | sed "s/$TOKEN/<token>/g" | sort | uniq -c | sort -rn | head -15
fi
grep -q "$TOKEN" "$WORK/app.log" && { echo "the token appears in the bot's log"; status=1; }
[ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$WORK"/*.json "$WORK/app.log" "$KEEP"/
echo "total $(elapsed "$BEGIN") s; $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
