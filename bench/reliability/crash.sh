#!/usr/bin/env bash
# Crash: kill -9 the bot in the middle of a burst, start it again, and check that every update was
# answered exactly once — no loss, no duplicate — for each channel in CHANNELS (default all three):
#   polling  Telegram long polling (the fake keeps an update until getUpdates' offset passes it)
#   webhook  Telegram webhook (the fake POSTs again every update that did not get 200)
#   vk       VK Callback API (the fake POSTs again every event that did not get "ok")
# A burst is MESSAGES updates (default 5000) from CHATS chats (default 1000), all at once; the bot
# is killed when KILL_AT (default 0.4) of the updates were acknowledged (KILL_ON=acks: the offset
# passed them, or the webhook answered 200 / "ok"; KILL_ON=replies: of the replies handed to the
# fake API), then started again on the same data folder. Replies are counted per chat: each question is answered by one
# message, so a chat with more replies than messages got a duplicate.
# One duplicate is allowed by design, and told apart: a reply Telegram accepted in the last moment
# before the kill, whose "sent" mark had not reached the store yet, is sent again (Telegram has
# no idempotency key; the bot prefers a rare duplicate to a lost answer). At most as many as sends
# in flight (SUPPORTBOT_DELIVERY_THREADS, default 16), first copy within 1 s of the kill; STRICT=1 fails on those too. VK is always strict
# (random_id makes a repeated send harmless). Anything lost, or any other duplicate, fails.
# Writes target/reliability/crash.json; exits 1 on a failure.
source "$(dirname "$0")/lib.sh"
CHANNELS=${CHANNELS:-polling webhook vk}
MESSAGES=${MESSAGES:-5000}
CHATS=${CHATS:-1000}
KILL_AT=${KILL_AT:-0.4}
KILL_ON=${KILL_ON:-acks}
TIMEOUT=${TIMEOUT:-900}
RESULTS=()

for channel in $CHANNELS; do
  echo "== crash: $channel, $MESSAGES updates from $CHATS chats, kill -9 at $KILL_AT of the $KILL_ON"
  PORT=$(free_port)
  DATA=$WORK/data-$channel
  seed_data "$DATA"
  case $channel in
    polling) start_fake_telegram
             APP_ENV=(TELEGRAM_BOT_TOKEN=$TOKEN TELEGRAM_API_URL=$FAKE
                      SUPPORTBOT_TELEGRAM_POLL_TIMEOUT=5s SUPPORTBOT_TELEGRAM_LEASE=15s) ;;
    webhook) start_fake_telegram
             APP_ENV=(TELEGRAM_BOT_TOKEN=$TOKEN TELEGRAM_API_URL=$FAKE TELEGRAM_MODE=webhook
                      TELEGRAM_WEBHOOK_URL=http://127.0.0.1:$PORT/telegram/webhook TELEGRAM_WEBHOOK_SECRET=rel-$RANDOM) ;;
    vk)      start_fake_vk "$PORT"
             APP_ENV=(VK_GROUP_TOKEN=$VK_TOKEN VK_GROUP_ID=$VK_GROUP VK_API_URL=$FAKE/method VK_MODE=callback
                      VK_CONFIRMATION_CODE=$VK_CONFIRMATION VK_SECRET=$VK_SECRET) ;;
    *) echo "CHANNELS: polling, webhook or vk, got '$channel'"; exit 2 ;;
  esac
  FAKE_PID=${PIDS[-1]}
  t=$(now)
  start_app "app-$channel" "$PORT" "$DATA" "${APP_ENV[@]}"
  wait_healthy "$PORT" "$APP_PID" || { tail -40 "$WORK/app-$channel.log"; exit 1; }
  first_start=$(since "$t")
  keep_model "$DATA"
  [ "$channel" = webhook ] && { wait_webhook || exit 1; }
  [ "$channel" = vk ] && { curl -fsS --max-time 15 "$FAKE/control/confirm" | grep -q '"ok": true' || { echo "no VK confirmation"; exit 1; }; }
  [ "$channel" = polling ] && sleep 1
  echo "   bot healthy after $first_start s; the burst starts"
  curl -fsS --max-time $((TIMEOUT + 30)) "$FAKE/control/run?scenario=C&messages=$MESSAGES&chats=$CHATS&timeout=$TIMEOUT" \
    >"$WORK/run-$channel.json" 2>"$WORK/run-$channel.err" &
  RUN_PID=$!
  target=$(python3 -c "print(int($MESSAGES * $KILL_AT))")
  deadline=$((SECONDS + TIMEOUT))
  t=$(now)
  while :; do
    before_kill=$(progress)
    sends=$(echo "$before_kill" | field "[\"$([ "$KILL_ON" = acks ] && echo confirmed || echo sends)\"]")
    [ "$sends" -ge "$target" ] && break
    [ $SECONDS -ge $deadline ] && { echo "   only $sends replies before the deadline"; break; }
    sleep 0.05
  done
  kill -9 "$APP_PID"
  killed_after=$(since "$t")
  at_kill=$(progress)
  echo "   kill -9 after $killed_after s: $(echo "$at_kill" | field '["sends"]') replies sent, $(echo "$at_kill" | field '["confirmed"]') of $MESSAGES updates acknowledged"
  wait "$APP_PID" 2>/dev/null || true
  t=$(now)
  start_app "app-$channel" "$PORT" "$DATA" "${APP_ENV[@]}"
  wait_healthy "$PORT" "$APP_PID" || { tail -40 "$WORK/app-$channel.log"; exit 1; }
  restart=$(since "$t")
  echo "   restarted, healthy after $restart s; waiting for the burst to finish"
  wait "$RUN_PID" || { echo "   no result from the fake"; cat "$WORK/run-$channel.err"; tail -30 "$WORK/app-$channel.log"; exit 1; }
  python3 - "$WORK/run-$channel.json" "$channel" "$killed_after" "$restart" "$first_start" "$at_kill" "$WORK/summary-$channel.json" "$before_kill" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
chan, killed, restart, first, at_kill, out = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), json.loads(sys.argv[6]), sys.argv[7]
unanswered = r.get("unanswered_count", len(r.get("unanswered", [])))
duplicated = r.get("duplicated_count", len(r.get("duplicated", [])))
s = {"channel": chan, "updates": r["messages"], "chats": r["customers"], "replies": r["replies"],
     "chats_answered_exactly_once": r["answered_exactly_once"],
     "replies_missing": max(0, r["messages"] - r["replies"]),
     "chats_with_a_lost_reply": unanswered, "chats_with_a_duplicate": duplicated,
     "duplicates": max(0, r["replies"] - r["messages"]) if duplicated else 0,
     "killed_after_s": killed, "replies_before_kill": at_kill["sends"], "acknowledged_before_kill": at_kill["confirmed"],
     "first_start_s": first, "restart_to_healthy_s": restart,
     "first_update_to_last_reply_s": r.get("first_update_to_last_reply_s") or r.get("first_event_to_last_reply_s"),
     "latency_s": r["latency_s"], "deduplicated_by_vk_random_id": r.get("deduplicated_by_random_id"),
     "timed_out": r["timed_out"], "killed_at_fake_s": at_kill["now"],
     # a duplicate's copies, in the fake's clock: compare with killed_at_fake_s
     "duplicate_detail": r.get("duplicate_detail", [])[:10]}
# A reply the API accepted just before the kill, but whose "sent" mark did not reach the store,
# is sent again after the restart: Telegram has no idempotency key, so a lost response means
# "maybe delivered" and the bot prefers a duplicate to a loss (README, "Exactly once"). Such a
# duplicate's first copy was accepted in the last moments before the kill, and there are at most
# as many as sends in flight (SUPPORTBOT_DELIVERY_THREADS, default 16). Any other duplicate is a bug.
# STRICT=1 counts every duplicate as a failure. VK deduplicates by random_id: none may reach a peer.
window_start, window_end = json.loads(sys.argv[8])["now"] - 1.0, at_kill["now"]
in_flight, other = 0, 0
for chat, replies in r.get("duplicate_detail", []):
    seen = {}
    for t, text in replies:
        if text in seen:
            if window_start <= seen[text] <= window_end:
                in_flight += 1
            else:
                other += 1
        else:
            seen[text] = t
if duplicated > len(r.get("duplicate_detail", [])):
    other += duplicated - len(r.get("duplicate_detail", []))   # not detailed: count as unexplained
s["duplicates_in_flight_at_kill"], s["duplicates_unexplained"] = in_flight, other
strict = __import__("os").environ.get("STRICT") == "1" or chan == "vk"
s["pass"] = (not unanswered and s["replies"] >= s["updates"] and other == 0
             and (in_flight == 0 if strict else in_flight <= int(__import__("os").environ.get("SUPPORTBOT_DELIVERY_THREADS", "16"))))
json.dump(s, open(out, "w"), indent=1)
PY
  RESULTS+=("$WORK/summary-$channel.json")
  for pid in "$APP_PID" "$FAKE_PID"; do kill "$pid" 2>/dev/null || true; timeout 15 tail --pid="$pid" -f /dev/null || kill -9 "$pid" 2>/dev/null || true; done
  warnings "app-$channel" 6
done

python3 - "$OUT/crash.json" "${RESULTS[@]}" <<'PY'
import json, sys, time
rows = [json.load(open(p)) for p in sys.argv[2:]]
line = lambda *c: print("| " + " | ".join(f"{x:<34}" if i == 0 else f"{x:>14}" for i, x in enumerate(c)) + " |")
line("", *[r["channel"] for r in rows])
print("|" + "-" * 36 + "|" + "|".join("-" * 15 + ":" for _ in rows) + "|")
line("updates / chats", *[f"{r['updates']}/{r['chats']}" for r in rows])
line("kill -9 after (s)", *[r["killed_after_s"] for r in rows])
line("replies / acks before the kill", *[f"{r['replies_before_kill']}/{r['acknowledged_before_kill']}" for r in rows])
line("restart to healthy (s)", *[r["restart_to_healthy_s"] for r in rows])
line("replies received", *[r["replies"] for r in rows])
line("chats answered exactly once", *[f"{r['chats_answered_exactly_once']}/{r['chats']}" for r in rows])
line("chats with a lost / duplicate reply", *[f"{r['chats_with_a_lost_reply']}/{r['chats_with_a_duplicate']}" for r in rows])
line("duplicates: in flight at the kill / other", *[f"{r['duplicates_in_flight_at_kill']}/{r['duplicates_unexplained']}" for r in rows])
line("first update → last reply (s)", *[r["first_update_to_last_reply_s"] for r in rows])
line("latency p50 / p95 / max (s)", *[f"{r['latency_s']['p50']}/{r['latency_s']['p95']}/{r['latency_s']['max']}" for r in rows])
if any(r.get("deduplicated_by_vk_random_id") for r in rows):
    line("sends VK dropped by random_id", *[r.get("deduplicated_by_vk_random_id") or 0 for r in rows])
ok = all(r["pass"] for r in rows)
json.dump({"scenario": "crash", "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "pass": ok, "channels": rows},
          open(sys.argv[1], "w"), indent=1)
print("PASS" if ok else "FAIL", "->", sys.argv[1])
sys.exit(0 if ok else 1)
PY
