#!/usr/bin/env bash
# Two instances on one store: the store runs as a process of its own (java -jar support-bot.jar
# store), bots A and B use it through MONGODB_URI. At the same time:
#   - Telegram webhook traffic split between A and B (the fake POSTs each update to one of the URLs
#     setWebhook was given, in turn): MESSAGES (default 2000) updates from CHATS (400) chats;
#   - VK long polling enabled on both: one instance at a time polls (a lease in the store):
#     VK_MESSAGES (default 1000) events from 200 peers;
#   - TICKETS (default 100) web-chat customers ask for a person through A and B, then operator anna
#     claims every ticket through A while boris claims it through B, at once (bench/reliability/claims.py).
# Passes when every update is answered exactly once on both channels, one instance polled VK,
# no ticket was claimed twice and both instances agree on who holds each.
# Writes target/reliability/two.json; exits 1 on a failure.
source "$(dirname "$0")/lib.sh"
MESSAGES=${MESSAGES:-2000}
CHATS=${CHATS:-400}
VK_MESSAGES=${VK_MESSAGES:-1000}
TICKETS=${TICKETS:-100}
STORE_PORT=$(free_port)
java -jar "$JAR" store --port "$STORE_PORT" --data "$WORK/store" >"$WORK/store.log" 2>&1 &
PIDS+=($!)
STORE_PID=$!
for _ in $(seq 300); do grep -q "serving at" "$WORK/store.log" && break; sleep 0.1; done
grep -q "serving at" "$WORK/store.log" || { echo "the store did not start:"; cat "$WORK/store.log"; exit 1; }
URI=mongodb://127.0.0.1:$STORE_PORT/supportbot
echo "store: $(head -1 "$WORK/store.log")"
start_fake_telegram --webhook-split
TG_FAKE=$FAKE
mv "$WORK/fake.port" "$WORK/fake-telegram.port"; mv "$WORK/fake.log" "$WORK/fake-telegram.log"
VK_TOKEN="vk1.a.rel-$RANDOM$RANDOM" VK_GROUP=229$RANDOM
python3 bench/fake_vk.py serve --token "$VK_TOKEN" --group "$VK_GROUP" --port-file "$WORK/fake-vk.port" --rps 100000 >"$WORK/fake-vk.log" 2>&1 &
PIDS+=($!)
wait_file "$WORK/fake-vk.port" || { echo "the fake VK API did not start"; exit 1; }
VK_FAKE=http://127.0.0.1:$(cat "$WORK/fake-vk.port")
SECRET=rel-$RANDOM$RANDOM
PORT_A=$(free_port) PORT_B=$(free_port)
declare -A APP
for name in a b; do
  port=$([ $name = a ] && echo "$PORT_A" || echo "$PORT_B")
  DATA=$WORK/data-$name
  seed_data "$DATA"
  start_app "app-$name" "$port" "$DATA" MONGODB_URI=$URI TELEGRAM_BOT_TOKEN=$TOKEN TELEGRAM_API_URL=$TG_FAKE TELEGRAM_MODE=webhook \
    TELEGRAM_WEBHOOK_URL=http://127.0.0.1:$port/telegram/webhook TELEGRAM_WEBHOOK_SECRET=$SECRET \
    VK_GROUP_TOKEN=$VK_TOKEN VK_GROUP_ID=$VK_GROUP VK_API_URL=$VK_FAKE/method VK_MODE=longpoll \
    SUPPORTBOT_VK_POLL_WAIT=5s SUPPORTBOT_VK_LEASE=15s SUPPORTBOT_LIMITS_ENABLED=false \
    SUPPORTBOT_OPERATORS_ACCOUNTS_ANNA_NAME=Anna 'SUPPORTBOT_OPERATORS_ACCOUNTS_ANNA_PASSWORD={noop}anna-pw' SUPPORTBOT_OPERATORS_ACCOUNTS_ANNA_CAPACITY=1000 \
    SUPPORTBOT_OPERATORS_ACCOUNTS_BORIS_NAME=Boris 'SUPPORTBOT_OPERATORS_ACCOUNTS_BORIS_PASSWORD={noop}boris-pw' SUPPORTBOT_OPERATORS_ACCOUNTS_BORIS_CAPACITY=1000
  APP[$name]=$APP_PID
  wait_healthy "$port" "$APP_PID" || { tail -40 "$WORK/app-$name.log"; exit 1; }
  keep_model "$DATA"
  echo "bot $name healthy on port $port"
done
FAKE=$TG_FAKE
deadline=$((SECONDS + 30))
until [ "$(progress | field '["webhook_urls"].__len__()')" = 2 ]; do
  [ $SECONDS -ge $deadline ] && { echo "both bots did not call setWebhook"; exit 1; }
  sleep 0.2
done
deadline=$((SECONDS + 40))
until cat "$WORK"/app-*.log | grep -q "Polling VK for community"; do
  [ $SECONDS -ge $deadline ] && { echo "no instance polls VK after 40 s"; exit 1; }
  sleep 0.2
done
sleep 1
echo "both bots set their webhook; one polls VK; the traffic starts"
t=$(now)
curl -fsS --max-time 900 "$TG_FAKE/control/run?scenario=C&messages=$MESSAGES&chats=$CHATS&timeout=840" >"$WORK/telegram.json" &
TG_RUN=$!
curl -fsS --max-time 900 "$VK_FAKE/control/run?scenario=C&messages=$VK_MESSAGES&chats=$((VK_MESSAGES / 5))&timeout=840" >"$WORK/vk.json" &
VK_RUN=$!
python3 bench/reliability/claims.py --a "http://127.0.0.1:$PORT_A" --b "http://127.0.0.1:$PORT_B" --tickets "$TICKETS" --out "$WORK/claims.json"
wait "$TG_RUN" || { echo "no Telegram result"; exit 1; }
wait "$VK_RUN" || { echo "no VK result"; exit 1; }
echo "done in $(since "$t") s"
progress >"$WORK/progress.json"
POLLERS=$(for name in a b; do grep -l "Polling VK for community" "$WORK/app-$name.log" 2>/dev/null || true; done | wc -l)
MEM_A=$(memory "$PORT_A" "${APP[a]}") MEM_B=$(memory "$PORT_B" "${APP[b]}")
for name in a b; do echo "bot $name warnings:"; warnings "app-$name" 6; done
python3 - "$WORK/telegram.json" "$WORK/vk.json" "$WORK/claims.json" "$WORK/progress.json" "$POLLERS" "$MEM_A" "$MEM_B" "$OUT/two.json" <<'PY'
import json, sys, time
tg, vk, claims, prog = (json.load(open(x)) for x in sys.argv[1:5])
pollers, mem_a, mem_b, out = int(sys.argv[5]), json.loads(sys.argv[6]), json.loads(sys.argv[7]), sys.argv[8]
row = lambda r: {"updates": r["messages"], "replies": r["replies"], "chats": r["customers"],
                 "chats_answered_exactly_once": r["answered_exactly_once"],
                 "chats_with_a_lost_reply": r.get("unanswered_count", len(r["unanswered"])),
                 "chats_with_a_duplicate": r.get("duplicated_count", len(r["duplicated"])),
                 "first_update_to_last_reply_s": r.get("first_update_to_last_reply_s") or r.get("first_event_to_last_reply_s"),
                 "latency_s": r["latency_s"]}
s = {"scenario": "two", "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
     "telegram_webhook_split": dict(row(tg), updates_taken_by_instance=list(prog["posts_by_url"].values())),
     "vk_longpoll": dict(row(vk), instances_that_polled=pollers, deduplicated_by_random_id=vk.get("deduplicated_by_random_id")),
     "tickets": claims, "memory_a": mem_a, "memory_b": mem_b}
ok = lambda r: r["chats_answered_exactly_once"] == r["chats"] and r["replies"] == r["updates"]
s["pass"] = ok(s["telegram_webhook_split"]) and ok(s["vk_longpoll"]) and pollers == 1 and claims["pass"]
json.dump(s, open(out, "w"), indent=1)
t, v = s["telegram_webhook_split"], s["vk_longpoll"]
print(f"| {'':<40} | {'Telegram webhook':>18} | {'VK long poll':>14} |")
print("|" + "-" * 42 + "|" + "-" * 19 + ":|" + "-" * 15 + ":|")
for label, key in (("updates / replies", None), ("chats answered exactly once", "x"), ("chats with a lost / duplicate reply", "y"), ("first update → last reply (s)", "first_update_to_last_reply_s")):
    f = {None: lambda r: f"{r['updates']}/{r['replies']}", "x": lambda r: f"{r['chats_answered_exactly_once']}/{r['chats']}",
         "y": lambda r: f"{r['chats_with_a_lost_reply']}/{r['chats_with_a_duplicate']}"}.get(key, lambda r: r[key])
    print(f"| {label:<40} | {f(t):>18} | {f(v):>14} |")
print(f"Telegram updates taken by A / B: {t['updates_taken_by_instance']}; instances that polled VK: {pollers}")
print(f"tickets: {claims['tickets_opened']} opened, {claims['claims']} concurrent claims -> statuses {claims['claim_statuses']}, "
      f"claimed twice {len(claims['tickets_claimed_twice'])}, unclaimed {len(claims['tickets_not_claimed'])}, instances disagree {len(claims['instances_disagree'])}")
print(f"memory A {mem_a}\nmemory B {mem_b}")
print("PASS" if s["pass"] else "FAIL", "->", out)
sys.exit(0 if s["pass"] else 1)
PY
