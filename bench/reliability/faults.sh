#!/usr/bin/env bash
# Faults: the bot under a burst (MESSAGES, default 1000, from CHATS, 200) while something fails.
# PARTS (default all three):
#   botapi  Telegram long polling; the Bot API answers every sendMessage with 429 (retry_after 1-5)
#           for FAULT_S seconds (default 30), then with 500/502/503 for FAULT_S seconds.
#   store   the store runs as its own process (java -jar support-bot.jar store) and the bot uses it
#           through MONGODB_URI; Telegram webhook; at 30 % of the replies the store is stopped
#           (SIGTERM), stays down OUTAGE_S seconds (default 15) and starts again on the same data.
#           /actuator/health is polled all along: it must report the outage (DOWN / 503) and UP after.
#   slow    the same, with a proxy adding SLOW_MS (default 20) ms to every chunk between the bot and
#           the store, both ways (bench/reliability/slowproxy.py).
# Passes when every update is answered exactly once and the bot recovered by itself.
# Writes target/reliability/faults.json; exits 1 on a failure.
source "$(dirname "$0")/lib.sh"
PARTS=${PARTS:-botapi store slow}
MESSAGES=${MESSAGES:-1000}
CHATS=${CHATS:-200}
FAULT_S=${FAULT_S:-30}
OUTAGE_S=${OUTAGE_S:-15}
SLOW_MS=${SLOW_MS:-20}
TIMEOUT=${TIMEOUT:-600}
RESULTS=()

start_store() { # port data
  java -jar "$JAR" store --port "$1" --data "$2" >>"$WORK/store.log" 2>&1 &
  STORE_PID=$!
  PIDS+=($STORE_PID)
  local _
  for _ in $(seq 300); do
    [ "$(grep -c "serving at" "$WORK/store.log")" -gt "${STORE_STARTS:-0}" ] && { STORE_STARTS=$((${STORE_STARTS:-0} + 1)); return 0; }
    sleep 0.1
  done
  echo "the store did not start"; cat "$WORK/store.log"; exit 1
}

# health_watch PORT FILE: one line per 0.25 s: fake time, HTTP status, health status
health_watch() {
  while :; do
    local code status
    rm -f "$WORK/h.json"
    status=$(curl -s --max-time 5 -o "$WORK/h.json" -w '%{http_code}' "http://127.0.0.1:$1/actuator/health" || true)
    code=$(grep -o '"status":"[A-Z_]*"' "$WORK/h.json" 2>/dev/null | head -1 | cut -d'"' -f4 || true)
    echo "$(progress | field '["now"]' 2>/dev/null || echo -) ${status:-000} ${code:-none}" >>"$2"
    sleep 0.25
  done
}

summarize() { # part run.json extra-json
  python3 - "$1" "$2" "$3" "$WORK/summary-$1.json" <<'PY'
import json, sys
part, r, extra, out = sys.argv[1], json.load(open(sys.argv[2])), json.loads(sys.argv[3]), sys.argv[4]
s = {"part": part, "updates": r["messages"], "chats": r["customers"], "replies": r["replies"],
     "chats_answered_exactly_once": r["answered_exactly_once"], "chats_with_a_lost_reply": r["unanswered_count"],
     "chats_with_a_duplicate": r["duplicated_count"], "first_update_to_last_reply_s": r["first_update_to_last_reply_s"],
     "latency_s": r["latency_s"], "timed_out": r["timed_out"], "updates_per_s": round(r["messages"] / r["first_update_to_last_reply_s"], 1) if r["first_update_to_last_reply_s"] else None}
s.update(extra)
s["pass"] = (s["chats_answered_exactly_once"] == s["chats"] and s["replies"] == s["updates"] and extra.get("ok", True))
json.dump(s, open(out, "w"), indent=1)
PY
  RESULTS+=("$WORK/summary-$1.json")
}

stop_all() {
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; timeout 15 tail --pid="$pid" -f /dev/null || kill -9 "$pid" 2>/dev/null || true; done
}

for part in $PARTS; do
  echo "== faults: $part, $MESSAGES updates from $CHATS chats"
  PORT=$(free_port)
  DATA=$WORK/data-$part
  seed_data "$DATA"
  start_fake_telegram
  FAKE_PID=${PIDS[-1]}
  mv "$WORK/fake.log" "$WORK/fake-$part.log"
  rm -f "$WORK/fake.port"
  case $part in
    botapi)
      start_app "app-$part" "$PORT" "$DATA" TELEGRAM_BOT_TOKEN=$TOKEN TELEGRAM_API_URL=$FAKE SUPPORTBOT_TELEGRAM_POLL_TIMEOUT=5s SUPPORTBOT_TELEGRAM_LEASE=15s
      wait_healthy "$PORT" "$APP_PID" || { tail -40 "$WORK/app-$part.log"; exit 1; }
      keep_model "$DATA"
      sleep 1
      curl -fsS --max-time $((TIMEOUT + 30)) "$FAKE/control/run?scenario=C&messages=$MESSAGES&chats=$CHATS&timeout=$TIMEOUT" >"$WORK/run-$part.json" &
      RUN_PID=$!
      sleep 1
      curl -fsS "$FAKE/control/fault?kind=429&seconds=$FAULT_S" >/dev/null
      echo "   429 storm for $FAULT_S s"
      sleep "$FAULT_S"
      after_429=$(progress)
      curl -fsS "$FAKE/control/fault?kind=5xx&seconds=$FAULT_S" >/dev/null
      echo "   5xx for $FAULT_S s (replies so far: $(echo "$after_429" | field '["sends"]'))"
      sleep "$FAULT_S"
      t=$(now)
      during=$(progress)
      wait "$RUN_PID" || { echo "   no result from the fake"; exit 1; }
      drained=$(since "$t")
      summarize "$part" "$WORK/run-$part.json" "$(python3 -c "
import json; d = json.loads('''$during'''); a = json.loads('''$after_429''')
print(json.dumps({'fault_s': $FAULT_S, 'sendmessage_refused': d['faulted'], 'replies_during_faults': d['sends'],
                  'drain_after_faults_s': $drained}))")"
      stop_all "$APP_PID" "$FAKE_PID"
      ;;
    store|slow)
      STORE_PORT=$(free_port)
      STORE_STARTS=0
      : >"$WORK/store.log"
      start_store "$STORE_PORT" "$WORK/store-$part"
      URI_PORT=$STORE_PORT
      PROXY_PID=
      if [ $part = slow ]; then
        python3 bench/reliability/slowproxy.py --listen-port-file "$WORK/proxy.port" --to "127.0.0.1:$STORE_PORT" --delay-ms "$SLOW_MS" &
        PROXY_PID=$!
        PIDS+=($PROXY_PID)
        wait_file "$WORK/proxy.port" || { echo "the proxy did not start"; exit 1; }
        URI_PORT=$(cat "$WORK/proxy.port")
      fi
      start_app "app-$part" "$PORT" "$DATA" MONGODB_URI=mongodb://127.0.0.1:$URI_PORT/supportbot \
        TELEGRAM_BOT_TOKEN=$TOKEN TELEGRAM_API_URL=$FAKE TELEGRAM_MODE=webhook \
        TELEGRAM_WEBHOOK_URL=http://127.0.0.1:$PORT/telegram/webhook TELEGRAM_WEBHOOK_SECRET=rel-$RANDOM
      wait_healthy "$PORT" "$APP_PID" 120 || { tail -40 "$WORK/app-$part.log"; exit 1; }
      keep_model "$DATA"
      wait_webhook || exit 1
      curl -fsS --max-time $((TIMEOUT + 30)) "$FAKE/control/run?scenario=C&messages=$MESSAGES&chats=$CHATS&timeout=$TIMEOUT" >"$WORK/run-$part.json" &
      RUN_PID=$!
      extra='{}'
      if [ $part = store ]; then
        health_watch "$PORT" "$WORK/health-$part.txt" &
        WATCH_PID=$!
        PIDS+=($WATCH_PID)
        target=$((MESSAGES * 3 / 10))
        deadline=$((SECONDS + TIMEOUT))
        until [ "$(progress | field '["sends"]')" -ge "$target" ] || [ $SECONDS -ge $deadline ]; do sleep 0.1; done
        down_at=$(progress | field '["now"]')
        kill "$STORE_PID"; timeout 20 tail --pid="$STORE_PID" -f /dev/null || kill -9 "$STORE_PID"
        echo "   store stopped at $(progress | field '["sends"]') replies; down for $OUTAGE_S s"
        sleep "$OUTAGE_S"
        up_at=$(progress | field '["now"]')
        start_store "$STORE_PORT" "$WORK/store-$part"
        echo "   store started again"
        wait "$RUN_PID" || { echo "   no result from the fake"; exit 1; }
        sleep 2
        kill "$WATCH_PID" 2>/dev/null || true
        extra=$(python3 - "$WORK/health-$part.txt" "$down_at" "$up_at" "$OUTAGE_S" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 3 and l.split()[0] != "-"]
down, up = float(sys.argv[2]), float(sys.argv[3])
during = [r for r in rows if down + 2 <= float(r[0]) <= up]
after = [r for r in rows if float(r[0]) > up]
first_up = next((float(r[0]) - up for r in after if r[2] == "UP"), None)
reported = sum(1 for r in during if r[2] != "UP")
print(json.dumps({"outage_s": float(sys.argv[4]), "health_checks_during_outage": len(during),
                  "health_not_up_during_outage": reported,
                  "health_answers_during_outage": sorted({f"{r[1]} {r[2]}" for r in during}),
                  "health_up_again_after_s": round(first_up, 1) if first_up is not None else None,
                  "health_up_at_end": bool(after) and after[-1][2] == "UP",
                  "ok": len(during) > 0 and reported == len(during) and bool(after) and after[-1][2] == "UP"}))
PY
)
      else
        wait "$RUN_PID" || { echo "   no result from the fake"; exit 1; }
        extra="{\"store_delay_ms_each_way\": $SLOW_MS}"
      fi
      extra=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); d['webhook_503_or_errors']=sys.argv[2]; print(json.dumps(d))" "$extra" \
        "$(python3 -c "import json; r=json.load(open('$WORK/run-$part.json')); print(r['webhook']['not_200'])")")
      summarize "$part" "$WORK/run-$part.json" "$extra"
      stop_all "$APP_PID" "$FAKE_PID" "$STORE_PID" ${PROXY_PID:+"$PROXY_PID"}
      ;;
    *) echo "PARTS: botapi, store or slow, got '$part'"; exit 2 ;;
  esac
  warnings "app-$part" 8
done

python3 - "$OUT/faults.json" "${RESULTS[@]}" <<'PY'
import json, sys, time
rows = [json.load(open(p)) for p in sys.argv[2:]]
line = lambda *c: print("| " + " | ".join(f"{x:<36}" if i == 0 else f"{x:>16}" for i, x in enumerate(c)) + " |")
line("", *[r["part"] for r in rows])
print("|" + "-" * 38 + "|" + "|".join("-" * 17 + ":" for _ in rows) + "|")
line("updates / replies", *[f"{r['updates']}/{r['replies']}" for r in rows])
line("chats answered exactly once", *[f"{r['chats_answered_exactly_once']}/{r['chats']}" for r in rows])
line("chats with a lost / duplicate reply", *[f"{r['chats_with_a_lost_reply']}/{r['chats_with_a_duplicate']}" for r in rows])
line("first update → last reply (s)", *[r["first_update_to_last_reply_s"] for r in rows])
line("latency p50 / p95 / max (s)", *[f"{r['latency_s']['p50']}/{r['latency_s']['p95']}/{r['latency_s']['max']}" for r in rows])
for r in rows:
    extra = {k: v for k, v in r.items() if k not in ("part", "updates", "chats", "replies", "chats_answered_exactly_once",
             "chats_with_a_lost_reply", "chats_with_a_duplicate", "first_update_to_last_reply_s", "latency_s", "pass")}
    print(f"{r['part']}: {json.dumps(extra, ensure_ascii=False)}")
ok = all(r["pass"] for r in rows)
json.dump({"scenario": "faults", "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "pass": ok, "parts": rows},
          open(sys.argv[1], "w"), indent=1)
print("PASS" if ok else "FAIL", "->", sys.argv[1])
sys.exit(0 if ok else 1)
PY
