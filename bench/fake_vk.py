#!/usr/bin/env python3
"""A fake VK API for bench/vk.sh (Python 3 standard library only).

    python3 bench/fake_vk.py serve --token T --group G --port-file F [--callback-url U --secret S]
    python3 bench/fake_vk.py report A.json B.json

Methods are under /method/<name> (names in any case), parameters form-encoded (or in the query),
answers {"response": ...} or {"error": {"error_code", "error_msg"}}, as VK does:
messages.send (checked: access_token, v, peer_id, 1-4096 characters, keyboard within VK's limits
— 5 per row, 10 rows/40 keys or inline 6 rows/10 keys, labels of 1-40 characters, payloads of at
most 255 — else 911; DEDUPLICATED by (peer_id, random_id): a repeated random_id answers the first
message's id and delivers nothing, and is counted), users.get, groups.getLongPollServer,
messages.sendMessageEventAnswer (the event must exist). Anything else is error 3 and reported.

It ENFORCES VK's limit for a community token: at most 20 method calls in any second (all methods;
--slack-ms, default 20, forgives that much lateness); a call over it gets error 6 and is counted.

Events: Bots Long Poll at /lp (a_check with key, ts, wait), or, with --callback-url, the Callback
API: the fake first POSTs a confirmation event (the answer must be the confirmation code given
with --confirmation), then every event with the secret, from --callback-connections (default 8)
concurrent senders, again until the answer is "ok".

The customers are simulated here: GET /control/run?scenario=A|B&timeout=S queues their messages,
waits until every one was answered (or the timeout), waits 2 s for late duplicates, and answers
with the measurements as JSON.
  A: 50 customers write 2 messages each (Russian and English FAQ questions; every 10th sends
     /start and then presses its first button — a keyboard button, or every 20th an inline
     callback button); the second message goes after the bot answered the first.
  B: 300 customers write one message each at the same moment.
  C (bench/reliability): &messages=N&chats=M queues N messages from M peers at once, each a
     question answered with one message. GET /control/progress tells how far a run is.
"""
import argparse
import json
import http.client
import queue as queuelib
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: a client opening more connections at once than
    # that (the bot's Bot API client, as its load rises) has its SYNs dropped and retried after
    # a second, which showed up as one-second replies at every step of a load test.
    request_queue_size = 1024
    daemon_threads = True

RU = ["как зарегистрироваться", "забыла пароль", "как сделать заказ", "где мой заказ",
      "хочу отменить заказ", "корзина пустая", "как можно оплатить", "не проходит оплата",
      "скок стоит дотавка", "хочу изменить адрес доставки", "хочу вернуть товар",
      "промокод не работает", "какой у вас номер телефона", "что ты умеешь", "удалите мой аккаунт"]
EN = ["how do i sign up", "forgot my pasword lol", "how do i place an order", "where is my order",
      "i want to cancel my order", "my cart is empty", "what payment methods do you accept",
      "payment failed", "how much is shiping to kazan", "i need to change my delivery address",
      "i want to return an item", "promo code doesnt work", "whats your phone number",
      "what can you do", "delete my account"]
SAFE_RU = ["как зарегистрироваться", "как сделать заказ", "где мой заказ", "как можно оплатить",
           "хочу вернуть товар", "промокод не работает"]
SAFE_EN = ["how do i sign up", "how do i place an order", "where is my order",
           "what payment methods do you accept", "i want to return an item", "promo code doesnt work"]
NAMES = ["Анна", "Иван", "Мария", "Олег", "Ольга", "John", "Mary", "Alex", "Kate", "Sam"]
TS_BASE = 1000


def keyboard_problem(kb):
    inline = bool(kb.get("inline"))
    rows = kb.get("buttons")
    if not isinstance(rows, list):
        return "no buttons"
    keys = 0
    for row in rows:
        if len(row) > 5:
            return "more than 5 buttons in a row"
        for b in row:
            keys += 1
            a = b.get("action", {})
            if a.get("type") not in ("text", "callback"):
                return "unknown action type"
            if not 1 <= len(a.get("label", "")) <= 40:
                return "label must have 1 to 40 characters"
            p = a.get("payload", "")
            if len(p) > 255:
                return "payload longer than 255"
            if p:
                try:
                    json.loads(p)
                except ValueError:
                    return "payload is not JSON"
    if len(rows) > (6 if inline else 10) or keys > (10 if inline else 40):
        return "too many buttons"
    return None


class Fake:
    def __init__(self, args):
        self.token, self.group = args.token, args.group
        self.slack = args.slack_ms / 1000.0
        self.rps = args.rps
        self.cond = threading.Condition()
        self.t0 = time.monotonic()
        self.events = []                 # event i has ts TS_BASE + i
        self.key = "key-0"
        self.keys = 0
        self.next_event = 1
        self.calls = {}
        self.unknown = {}
        self.recent = []                 # times of accepted method calls in the last second
        self.throttled = 0
        self.throttle_log = []
        self.rejected = []
        self.deduplicated = 0
        self.by_random = {}
        self.sends = []                  # delivered messages: dict(t, peer, text)
        self.customers = {}
        self.event_ids = {}              # vk event_id -> answered
        self.queued_at = {}
        self.served_at = {}              # event number -> when the bot confirmed it (ts past it, or "ok")
        self.on_reply = None
        self.callback = args.callback_url
        self.secret, self.confirmation = args.secret, args.confirmation
        self.post_queue = queuelib.Queue()
        self.post_log = []               # (event number, status or error, seconds)
        self.confirmed = None
        self.base_url = None

    def now(self):
        return time.monotonic() - self.t0

    # --- events --------------------------------------------------------------------------

    def deliver(self, event):
        """Lock held."""
        n = self.next_event
        self.next_event += 1
        event["event_id"] = f"bench{n:08x}"
        event["group_id"] = self.group
        event["v"] = "5.199"
        self.queued_at[n] = self.now()
        if self.callback:
            self.post_queue.put((n, event))
        else:
            self.events.append((n, event))
        self.cond.notify_all()
        return n

    def queue(self, c, text):
        """Lock held: the customer writes `text`, or presses the first button of the last reply ("[button]")."""
        peer = c["peer"]
        if text == "[button]":
            kb = c["replies"][-1][2]
            action = kb["buttons"][0][0]["action"]
            if kb.get("inline"):
                vk_event = f"ev-{peer}-{len(c['sent'])}"
                self.event_ids[vk_event] = False
                n = self.deliver({"type": "message_event", "object": {
                    "user_id": peer, "peer_id": peer, "event_id": vk_event,
                    "payload": json.loads(action["payload"]), "conversation_message_id": 1}})
            else:
                n = self.deliver(self.message_new(c, action["label"], action.get("payload")))
            c["sent"].append((n, f"[{action['label']}]", self.now()))
            return
        n = self.deliver(self.message_new(c, text, None))
        c["sent"].append((n, text, self.now()))

    def message_new(self, c, text, payload):
        message = {"date": int(time.time()), "from_id": c["peer"], "id": 0, "out": 0, "attachments": [],
                   "conversation_message_id": len(c["sent"]) + 1, "fwd_messages": [], "important": False,
                   "is_hidden": False, "peer_id": c["peer"], "random_id": 0, "text": text}
        if payload:
            message["payload"] = payload
        return {"type": "message_new", "object": {"message": message, "client_info": {
            "button_actions": ["text", "vkpay", "open_app", "location", "open_link", "callback"],
            "keyboard": True, "inline_keyboard": True, "carousel": True, "lang_id": 0 if c["lang"] == "ru" else 3}}}

    def a_check(self, q):
        deadline = time.monotonic() + float(q.get("wait", "0"))
        with self.cond:
            if q.get("key") != self.key:
                return {"failed": 2}
            try:
                ts = int(q.get("ts", ""))
            except ValueError:
                return {"failed": 1, "ts": str(TS_BASE + len(self.events))}
            if ts < TS_BASE or ts > TS_BASE + len(self.events):
                return {"failed": 1, "ts": str(TS_BASE + len(self.events))}
            for n, _ in self.events[:ts - TS_BASE]:   # asking from ts confirms every event before it
                self.served_at.setdefault(n, self.now())
            while TS_BASE + len(self.events) <= ts:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.cond.wait(left)
            batch = self.events[ts - TS_BASE:]
            return {"ts": str(TS_BASE + len(self.events)), "updates": [e for _, e in batch]}

    def poster(self):
        """One Callback API connection: POSTs events until each gets "ok"."""
        target = urllib.parse.urlsplit(self.callback)
        conn = None
        while True:
            n, event = self.post_queue.get()
            body = json.dumps(dict(event, secret=self.secret), ensure_ascii=False).encode()
            retry = 0
            while True:
                started = time.monotonic()
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                    headers = {"Content-Type": "application/json"}
                    if retry:
                        headers["X-Retry-Counter"] = str(retry)
                    conn.request("POST", target.path, body, headers)
                    r = conn.getresponse()
                    text = r.read().decode(errors="replace")
                    status = r.status if text != "ok" else "ok"
                except (OSError, http.client.HTTPException) as e:
                    status = type(e).__name__
                    conn = None
                with self.cond:
                    self.post_log.append((n, status, time.monotonic() - started))
                    if status == "ok":
                        self.served_at.setdefault(n, self.now())
                        break
                retry += 1
                time.sleep(0.2)

    def confirm(self):
        target = urllib.parse.urlsplit(self.callback)
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        conn.request("POST", target.path, json.dumps({"type": "confirmation", "group_id": self.group}),
                     {"Content-Type": "application/json"})
        r = conn.getresponse()
        return r.status, r.read().decode(errors="replace")

    # --- methods -------------------------------------------------------------------------

    def error(self, code, msg):
        return {"error": {"error_code": code, "error_msg": msg, "request_params": []}}

    def method(self, name, p):
        with self.cond:
            self.calls[name] = self.calls.get(name, 0) + 1
            if p.get("access_token") != self.token:
                return self.error(5, "User authorization failed: invalid access_token")
            if p.get("v") != "5.199":
                return self.error(8, "Invalid request: v is required")
            now = self.now()
            self.recent = [t for t in self.recent if t > now - (1.0 - self.slack)]
            if len(self.recent) >= self.rps:
                self.throttled += 1
                self.throttle_log.append((round(now, 3), name))
                return self.error(6, "Too many requests per second")
            self.recent.append(now)
            if name == "messages.send":
                return self.send(p, now)
            if name == "users.get":
                ids = [int(x) for x in p.get("user_ids", "").split(",") if x.strip()]
                return {"response": [{"id": i, "first_name": self.customers[i]["name"] if i in self.customers else "Гость",
                                      "last_name": "Тестов", "can_access_closed": True, "is_closed": False} for i in ids]}
            if name == "groups.getlongpollserver":
                if p.get("group_id") != str(self.group):
                    return self.error(100, "One of the parameters specified was missing or invalid: group_id")
                self.keys += 1
                self.key = f"key-{self.keys}"
                return {"response": {"key": self.key, "server": self.base_url + "/lp", "ts": str(TS_BASE + len(self.events))}}
            if name == "messages.sendmessageeventanswer":
                if p.get("event_id") not in self.event_ids:
                    return self.error(100, "One of the parameters specified was missing or invalid: event_id")
                self.event_ids[p["event_id"]] = True
                return {"response": 1}
            self.unknown[name] = self.unknown.get(name, 0) + 1
            return self.error(3, "Unknown method passed")

    def send(self, p, now):
        """Lock held."""
        try:
            peer, random_id = int(p.get("peer_id", "0")), int(p.get("random_id", "0"))
        except ValueError:
            return self.reject(100, "peer_id and random_id must be integers")
        text = p.get("message", "")
        if peer not in self.customers:
            return self.reject(901, "Can't send messages for users without permission")
        if not text or len(text) > 4096:
            return self.reject(914 if text else 100, "message must have 1 to 4096 characters")
        kb = None
        if p.get("keyboard"):
            try:
                kb = json.loads(p["keyboard"])
            except ValueError:
                return self.reject(911, "Keyboard format is invalid: not JSON")
            problem = keyboard_problem(kb)
            if problem:
                return self.reject(911, "Keyboard format is invalid: " + problem)
        if random_id and (peer, random_id) in self.by_random:
            self.deduplicated += 1
            return {"response": self.by_random[(peer, random_id)]}
        message_id = 100000 + len(self.sends)
        if random_id:
            self.by_random[(peer, random_id)] = message_id
        self.sends.append({"t": now, "peer": peer, "text": text})
        c = self.customers[peer]
        c["replies"].append((now, text, kb))
        if self.on_reply:
            self.on_reply(c)
        self.cond.notify_all()
        return {"response": message_id}

    def reject(self, code, msg):
        self.rejected.append((code, msg))
        return self.error(code, msg)

    # --- scenarios -----------------------------------------------------------------------

    def run(self, scenario, timeout, messages=0, chats=0):
        with self.cond:
            base = {"A": 100000, "B": 200000, "C": 300000}[scenario] + 1000000 * (len(self.customers) // 50 + 1)
            n = 50 if scenario == "A" else 300 if scenario == "B" else chats
            customers = []
            for i in range(n):
                lang = "en" if i % 5 in (1, 3) else "ru"
                qs = EN if lang == "en" else RU
                if scenario == "C":   # a burst: `messages` events from `chats` peers at once (bench/reliability)
                    safe = SAFE_EN if lang == "en" else SAFE_RU
                    plan = [safe[(i + k) % len(safe)] for k in range(messages // n + (i < messages % n))]
                elif scenario == "A":
                    plan = ["/start", "[button]"] if i % 10 == 0 else [qs[i % len(qs)], qs[(i * 3 + 1) % len(qs)]]
                else:
                    plan = ["/start" if i % 25 == 0 else qs[i % len(qs)]]
                c = {"peer": base + i + 1, "name": NAMES[i % len(NAMES)], "lang": lang, "plan": plan, "sent": [], "replies": []}
                self.customers[c["peer"]] = c
                customers.append(c)

            def on_reply(c):
                if c in customers and len(c["replies"]) == len(c["sent"]) < len(c["plan"]):
                    step = c["plan"][len(c["sent"])]
                    if step == "[button]" and customers.index(c) % 20 == 0 and c["replies"][-1][2]:
                        # every 20th presses an inline callback button: make the last keyboard one
                        kb = dict(c["replies"][-1][2], inline=True)
                        c["replies"][-1] = (c["replies"][-1][0], c["replies"][-1][1], kb)
                    self.queue(c, step)
            self.on_reply = on_reply
            sends_before, throttled_before, rejected_before, dedup_before = len(self.sends), self.throttled, len(self.rejected), self.deduplicated
            first_event, posts_before = self.next_event, len(self.post_log)
            start = self.now()
            if scenario == "C":
                self.on_reply = None
                for k in range(max(len(c["plan"]) for c in customers)):
                    for c in customers:
                        if k < len(c["plan"]):
                            self.queue(c, c["plan"][k])
            else:
                for c in customers:
                    self.queue(c, c["plan"][0])
            planned = sum(len(c["plan"]) for c in customers)
            deadline = time.monotonic() + timeout
            while sum(min(len(c["replies"]), len(c["sent"])) for c in customers) < planned:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.cond.wait(min(left, 1))
            done = self.now()
        time.sleep(2.0)
        with self.cond:
            self.on_reply = None
            sends = self.sends[sends_before:]
            times = [s["t"] for s in sends]
            exact = sum(1 for c in customers if len(c["sent"]) == len(c["plan"]) == len(c["replies"]))
            latencies = sorted(rt - at for c in customers for (_, _, at), (rt, _, _) in zip(c["sent"], c["replies"]))
            pct = lambda p: round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 3) if latencies else None
            peak, j = 0, 0
            for i, t in enumerate(times):
                while times[j] < t - 1.0:
                    j += 1
                peak = max(peak, i - j + 1)
            ids = range(first_event, self.next_event)
            served = [self.served_at[k] for k in ids if k in self.served_at]
            intake = max(served) - start if len(served) == len(ids) and served else None
            wrong_language = 0
            for c in customers:
                for (_, text, _), (_, reply, _) in zip(c["sent"], c["replies"]):
                    cyr = bool(re.search("[а-яА-ЯёЁ]", reply.replace(c["name"], "")))
                    expect = bool(re.search("[а-яА-ЯёЁ]", text)) if text[0] not in "/[" else c["lang"] == "ru"
                    wrong_language += cyr != expect
            posts = self.post_log[posts_before:]
            ok = sorted(d for _, s, d in posts if s == "ok")
            return {
                "scenario": scenario, "mode": "callback" if self.callback else "longpoll", "customers": n,
                "messages": sum(len(c["sent"]) for c in customers), "replies": sum(len(c["replies"]) for c in customers),
                "answered_exactly_once": exact,
                "unanswered": [c["peer"] for c in customers if len(c["replies"]) < len(c["plan"])][:20],
                "duplicated": [c["peer"] for c in customers if len(c["replies"]) > len(c["sent"])][:20],
                "duplicated_count": sum(1 for c in customers if len(c["replies"]) > len(c["sent"])),
                "unanswered_count": sum(1 for c in customers if len(c["replies"]) < len(c["plan"])),
                "duplicate_detail": [[c["peer"], [[round(t, 3), text[:40]] for t, text, _ in c["replies"]]]
                                     for c in customers if len(c["replies"]) > len(c["sent"])][:20],
                "error_6": self.throttled - throttled_before, "throttle_log": self.throttle_log[-10:],
                "rejected": [m for _, m in self.rejected[rejected_before:]][:10],
                "deduplicated_by_random_id": self.deduplicated - dedup_before,
                "first_event_to_last_reply_s": round(max(times) - start, 3) if times else None,
                "bound_20_per_s": round(len(sends) / 20.0, 3),
                "intake_s": round(intake, 3) if intake is not None else None,
                "intake_per_s": round(len(ids) / intake, 1) if intake else None,
                "latency_s": {"p50": pct(0.5), "p95": pct(0.95), "max": pct(1.0)},
                "peak_sends_in_1s": peak,
                "button_presses": sum(1 for c in customers for _, t, _ in c["sent"] if t.startswith("[")),
                "callback_events_unanswered": sum(1 for e, done in self.event_ids.items() if not done),
                "replies_in_wrong_language": wrong_language,
                "callback_posts": {"posts": len(posts), "not_ok": len([p for p in posts if p[1] != "ok"]),
                                   "p50_ms": round(ok[len(ok) // 2] * 1000, 1) if ok else None,
                                   "p99_ms": round(ok[min(len(ok) - 1, int(0.99 * len(ok)))] * 1000, 1) if ok else None},
                "calls": dict(self.calls), "unknown_methods": dict(self.unknown),
                "timed_out": done - start >= timeout,
                "sample_replies": [(c["sent"][k][1], c["replies"][k][1][:100]) for c in customers[:3]
                                   for k in range(min(len(c["sent"]), len(c["replies"])))],
            }


def serve(args):
    fake = Fake(args)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def answer(self, status, payload, ctype="application/json"):
            body = (json.dumps(payload, ensure_ascii=False) if not isinstance(payload, str) else payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def handle_any(self):
            url = urllib.parse.urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            q = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/control/run":
                return self.answer(200, fake.run(q.get("scenario", "A"), float(q.get("timeout", 60)),
                                                 int(q.get("messages", 0)), int(q.get("chats", 0))))
            if url.path == "/control/progress":
                with fake.cond:
                    return self.answer(200, {"now": round(fake.now(), 3), "queued": fake.next_event - 1, "confirmed": len(fake.served_at),
                                             "sends": len(fake.sends), "deduplicated": fake.deduplicated,
                                             "posts": len(fake.post_log), "calls": dict(fake.calls)})
            if url.path == "/control/confirm":
                status, text = fake.confirm()
                return self.answer(200, {"status": status, "body": text, "ok": status == 200 and text == fake.confirmation})
            if url.path == "/lp":
                return self.answer(200, fake.a_check(q) if q.get("act") == "a_check" else {"failed": 4})
            m = re.fullmatch(r"/method/([A-Za-z.]+)", url.path)
            if not m:
                return self.answer(404, "Not Found", "text/plain")
            if "x-www-form-urlencoded" in self.headers.get("Content-Type", ""):
                q.update(urllib.parse.parse_qsl(raw.decode()))
            self.answer(200, fake.method(m.group(1).lower(), q))

        do_GET = do_POST = handle_any

    server = Server(("127.0.0.1", 0), Handler)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    if fake.callback:
        for _ in range(args.callback_connections):
            threading.Thread(target=fake.poster, daemon=True).start()
    import os
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


def report(paths):
    rows = [json.load(open(p)) for p in paths]
    print(f"VK mode: {rows[0]['mode']}")
    line = lambda *cells: print("| " + " | ".join(f"{c:<40}" if i == 0 else f"{c:>12}" for i, c in enumerate(cells)) + " |")
    line("", *[f"scenario {r['scenario']}" for r in rows])
    print("|" + "-" * 42 + "|" + "|".join("-" * 13 + ":" for _ in rows) + "|")
    fmt = lambda v, unit="": "–" if v is None else f"{v}{unit}"
    line("customers", *[r["customers"] for r in rows])
    line("messages sent / replies received", *[f"{r['messages']}/{r['replies']}" for r in rows])
    line("customers answered exactly once each", *[f"{r['answered_exactly_once']}/{r['customers']}" for r in rows])
    line("unanswered / answered twice", *[f"{len(r['unanswered'])}/{len(r['duplicated'])}" for r in rows])
    line("error 6 returned (over 20 calls/s)", *[r["error_6"] for r in rows])
    line("other errors to messages.send", *[len(r["rejected"]) for r in rows])
    line("repeated sends dropped by random_id", *[r["deduplicated_by_random_id"] for r in rows])
    line("first event → last reply", *[fmt(r["first_event_to_last_reply_s"], " s") for r in rows])
    line("bound at 20 sends/s", *[fmt(r["bound_20_per_s"], " s") for r in rows])
    line("events confirmed (ts past them / ok)", *[fmt(r["intake_s"], " s") for r in rows])
    line("intake rate (events/s)", *[fmt(r["intake_per_s"]) for r in rows])
    if rows[0]["mode"] == "callback":
        line("callback POST p50 / p99 (ms)", *[f"{r['callback_posts']['p50_ms']}/{r['callback_posts']['p99_ms']}" for r in rows])
        line("callback POSTs / not ok", *[f"{r['callback_posts']['posts']}/{r['callback_posts']['not_ok']}" for r in rows])
    line("latency p50 / p95 / max (s)", *[f"{r['latency_s']['p50']}/{r['latency_s']['p95']}/{r['latency_s']['max']}" for r in rows])
    line("peak sends in 1 s", *[r["peak_sends_in_1s"] for r in rows])
    line("replies in the wrong language", *[r["replies_in_wrong_language"] for r in rows])
    line("button presses made / callback events unanswered", *[f"{r['button_presses']}/{r['callback_events_unanswered']}" for r in rows])
    for r in rows:
        if r["unknown_methods"] or r["rejected"] or r["unanswered"] or r["duplicated"]:
            print(f"scenario {r['scenario']}: unknown {r['unknown_methods']}, errors {r['rejected']}, "
                  f"unanswered {r['unanswered']}, duplicated {r['duplicated']}")
    ok = all(r["answered_exactly_once"] == r["customers"] and not r["duplicated"] and r["error_6"] == 0
             and not r["rejected"] and r["callback_events_unanswered"] == 0 for r in rows)
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--token", required=True)
    s.add_argument("--group", type=int, required=True)
    s.add_argument("--port-file", required=True)
    s.add_argument("--rps", type=int, default=20)
    s.add_argument("--slack-ms", type=float, default=20)
    s.add_argument("--callback-url")
    s.add_argument("--secret", default="")
    s.add_argument("--confirmation", default="")
    s.add_argument("--callback-connections", type=int, default=8)
    r = sub.add_parser("report")
    r.add_argument("results", nargs="+")
    args = p.parse_args()
    if args.command == "serve":
        serve(args)
    else:
        sys.exit(report(args.results))


if __name__ == "__main__":
    main()
