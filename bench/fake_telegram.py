#!/usr/bin/env python3
"""A fake Telegram Bot API for bench/telegram.sh (Python 3 standard library only).

    python3 bench/fake_telegram.py serve --token T --port-file F      # 127.0.0.1, a free port
    python3 bench/fake_telegram.py report A.json B.json               # the results table

It answers /bot<token>/<method> (method names in any case) as the Bot API does: getMe,
deleteWebhook/setWebhook/getWebhookInfo, getUpdates (long polling: offset confirms and drops
updates, timeout, limit; a second concurrent getUpdates ends the first with 409 as Telegram does),
sendMessage (recorded with chat, text and time; checked: known chat, text of 1-4096 characters
after HTML parsing, callback_data of at most 64 bytes), answerCallbackQuery and the edit methods.
Anything else is 404 and reported.

It ENFORCES Telegram's flood limits on sendMessage, as token buckets: 30 messages/s overall (a
burst of 30) and 1 message/s per chat (a burst of 3); a request over a limit gets 429 with
parameters.retry_after (whole seconds, as Telegram sends it) and is counted. Requests reach the
fake a little after the bot decided to send them, so a bucket may look a few milliseconds emptier
here than in the bot: --slack-ms (default 20) forgives that much lateness.

The customers are simulated here too: GET /control/run?scenario=A|B&timeout=S queues their
messages, waits until every one was answered (or the timeout), waits a grace period for late
duplicates, and answers with the measurements as JSON. Scenario C (bench/reliability):
&messages=N&chats=M queues N updates from M chats at once, each a question answered with one
message. Scenario L (sustained load): &messages=N&chats=M&rate=R queues message i at i/R
seconds, from chat i % M (open loop). GET /control/progress tells how far a run is; GET /control/fault?kind=429|5xx&seconds=S
makes every sendMessage fail so for S seconds (a 429 storm, or 500/502/503).

Webhook mode, as Telegram does it: once the bot called setWebhook with a url (deleteWebhook
clears it), getUpdates answers 409 and every update is POSTed to that url instead, with the
X-Telegram-Bot-Api-Secret-Token header, by --webhook-connections (default 16) concurrent senders;
an update whose POST did not get 200 is POSTed again after a short pause (until --webhook-give-up
seconds). The time of the 200 counts as the update taken in; POST latencies are measured.
"""
import argparse
import html
import http.client
import queue as queuelib
import json
import math
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
# Questions the bot answers confidently with one message (bench/reliability bursts send several
# per chat: two unsure ones in a row would hand the chat to a person, who answers nothing here).
SAFE_RU = ["как зарегистрироваться", "как сделать заказ", "где мой заказ", "как можно оплатить",
           "хочу вернуть товар", "промокод не работает"]
SAFE_EN = ["how do i sign up", "how do i place an order", "where is my order",
           "what payment methods do you accept", "i want to return an item", "promo code doesnt work"]
FUZZ_CHATS = 990000000        # chats from here on are bench/reliability/fuzz.py's: any reply is accepted
NAMES = ["Анна", "Иван", "Мария", "Олег", "Ольга", "John", "Mary", "Alex", "Kate", "Sam"]


class Bucket:
    def __init__(self, capacity, per_second, now):
        self.capacity, self.rate, self.tokens, self.at = capacity, per_second, capacity, now

    def wait(self, now, slack):
        """Seconds until a token is there (0: now), forgiving `slack` seconds of lateness."""
        if now > self.at:
            self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
            self.at = now
        missing = 1 - self.tokens - slack * self.rate
        return 0.0 if missing <= 1e-9 else missing / self.rate

    def take(self):
        self.tokens -= 1


class Fake:
    def __init__(self, token, overall, overall_burst, chat, chat_burst, slack, window=0):
        self.token = token
        self.cond = threading.Condition()
        self.limits = (overall, overall_burst, chat, chat_burst)
        self.slack = slack
        self.window = window         # > 0: also at most this many sendMessage in any 1-second window
        self.recent = []             # times of accepted sends in the last second (window mode)
        self.t0 = time.monotonic()
        self.overall = Bucket(overall_burst, overall, 0.0)
        self.chat_buckets = {}
        self.pending = []            # updates not yet confirmed, in order
        self.next_update = 1
        self.poll_generation = 0
        self.calls = {}              # method -> count
        self.unknown = {}            # unknown method -> count
        self.throttled = {"overall": 0, "chat": 0, "window": 0}
        self.rejected = []           # (status, description) of 4xx answers to sendMessage
        self.conflicts = 0
        self.throttle_log = []       # (time, kind, chat, ms until the request would have been allowed)
        self.runs = 0
        self.callback_ids = {}       # callback query id -> answered (answerCallbackQuery)
        self.sends = []              # accepted sendMessage: dict(t, chat, text, buttons, parse_mode)
        self.customers = {}          # chat id -> customer dict
        self.queued_at = {}          # update id -> time it became available
        self.served_at = {}          # update id -> first time getUpdates returned it
        self.confirmed_at = {}       # update id -> time an offset passed it
        self.batch_sizes = []
        self.on_reply = None
        self.webhook = None          # (url, secret) once setWebhook was called
        self.webhook_queue = queuelib.Queue()
        self.webhook_give_up = 60.0
        self.post_log = []           # (time, update id, status or error, seconds) of every webhook POST
        self.webhook_lost = []       # update ids given up after webhook_give_up seconds
        self.webhook_split = False   # --webhook-split: POST to every URL setWebhook was given, in turn
        self.webhook_urls = []
        self.posts_by_url = {}       # webhook URL -> updates it took (answered 200)
        self.fuzz_replies = {}       # chat id (from FUZZ_CHATS on) -> replies sent there
        self.fault = None            # (kind, until) while /control/fault makes sendMessage fail
        self.faulted = {}            # kind -> sendMessage calls failed on purpose

    def now(self):
        return time.monotonic() - self.t0

    # --- customers -------------------------------------------------------------------------

    def queue(self, customer, text):
        """Called with the lock held: the customer writes `text` (or presses the first button of
        the last reply, for "[button]"); getUpdates will return it."""
        uid = self.next_update
        self.next_update += 1
        chat = customer["chat"]
        if text == "[button]":
            label, data = customer["replies"][-1][3][0]
            user = {"id": chat, "is_bot": False, "first_name": customer["name"], "language_code": customer["lang"]}
            self.deliver({"update_id": uid, "callback_query": {
                "id": f"cq-{uid}", "from": user, "chat_instance": f"ci-{chat}", "data": data,
                "message": {"message_id": 100000 + len(self.sends), "date": int(time.time()),
                            "chat": {"id": chat, "type": "private", "first_name": customer["name"]},
                            "from": {"id": 999, "is_bot": True, "first_name": "SupportBot"},
                            "text": customer["replies"][-1][1]}}})
            self.queued_at[uid] = self.now()
            self.callback_ids[f"cq-{uid}"] = False
            customer["sent"].append((uid, f"[{label}]", self.now()))
            self.cond.notify_all()
            return
        message = {"message_id": len(customer["sent"]) + 1, "date": int(time.time()),
                   "chat": {"id": chat, "type": "private", "first_name": customer["name"]},
                   "from": {"id": chat, "is_bot": False, "first_name": customer["name"],
                            "language_code": customer["lang"]},
                   "text": text}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self.deliver({"update_id": uid, "message": message})
        self.queued_at[uid] = self.now()
        customer["sent"].append((uid, text, self.now()))
        self.cond.notify_all()

    def deliver(self, update):
        """Lock held: getUpdates will return the update, or, with a webhook set, a sender POSTs it."""
        if self.webhook:
            self.webhook_queue.put(update)
        else:
            self.pending.append(update)

    def webhook_sender(self):
        """One of the concurrent webhook connections: POSTs updates until each got 200."""
        conn, conn_for = None, None
        while True:
            update = self.webhook_queue.get()
            uid, first = update["update_id"], time.monotonic()
            body = json.dumps(update, ensure_ascii=False).encode()
            attempt = 0
            while True:
                with self.cond:
                    url, secret = self.webhook or (None, None)
                    if url and self.webhook_split:   # a load balancer in front of several instances
                        url = self.webhook_urls[(uid + attempt) % len(self.webhook_urls)]
                if url is None:        # webhook deleted: back to getUpdates
                    with self.cond:
                        self.pending.append(update)
                        self.cond.notify_all()
                    break
                target = urllib.parse.urlsplit(url)
                if conn is None or conn_for != (target.hostname, target.port):
                    conn, conn_for = http.client.HTTPConnection(target.hostname, target.port, timeout=10), (target.hostname, target.port)
                t = time.monotonic()
                with self.cond:
                    self.served_at.setdefault(uid, self.now())
                try:
                    conn.request("POST", target.path or "/", body=body, headers={
                        "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret or ""})
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    if response.getheader("Connection", "").lower() == "close":
                        conn.close()
                        conn = None
                except (OSError, http.client.HTTPException) as e:
                    status = type(e).__name__
                    conn.close()
                    conn = None
                with self.cond:
                    now = self.now()
                    self.post_log.append((round(now, 4), uid, status, time.monotonic() - t))
                    if status == 200:
                        self.posts_by_url[url] = self.posts_by_url.get(url, 0) + 1
                        self.confirmed_at.setdefault(uid, now)
                        self.cond.notify_all()
                        break
                    if time.monotonic() - first > self.webhook_give_up:
                        self.webhook_lost.append(uid)
                        break
                attempt += 1
                time.sleep(min(2.0, 0.1 * attempt))

    # --- Bot API ---------------------------------------------------------------------------

    def get_updates(self, req):
        offset = int(req.get("offset", 0) or 0)
        timeout = max(0.0, float(req.get("timeout", 0) or 0))
        limit = min(100, max(1, int(req.get("limit", 100) or 100)))
        with self.cond:
            if self.webhook:
                self.conflicts += 1
                return 409, {"ok": False, "error_code": 409, "description":
                             "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
            now = self.now()
            if offset:
                kept = []
                for u in self.pending:
                    if u["update_id"] < offset:
                        self.confirmed_at.setdefault(u["update_id"], now)
                    else:
                        kept.append(u)
                self.pending = kept
            self.poll_generation += 1
            generation = self.poll_generation
            self.cond.notify_all()     # a waiting getUpdates ends with 409
            deadline = time.monotonic() + timeout
            while not self.pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.cond.wait(left)
                if self.poll_generation != generation:
                    self.conflicts += 1
                    return 409, {"ok": False, "error_code": 409, "description":
                                 "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
            batch = self.pending[:limit]
            now = self.now()
            for u in batch:
                self.served_at.setdefault(u["update_id"], now)
            if batch:
                self.batch_sizes.append(len(batch))
            return 200, {"ok": True, "result": batch}

    def send_message(self, req):
        try:
            chat = int(req.get("chat_id"))
        except (TypeError, ValueError):
            return self.reject(400, "Bad Request: chat_id is empty")
        text = req.get("text") or ""
        with self.cond:
            failure = self.faulty()
            if failure:
                return failure
            now = self.now()
            bucket = self.chat_buckets.get(chat)
            if bucket is None:
                bucket = self.chat_buckets[chat] = Bucket(self.limits[3], self.limits[2], now)
            wait_overall = self.overall.wait(now, self.slack)
            wait_chat = bucket.wait(now, self.slack)
            if self.window:
                self.recent = [t for t in self.recent if t > now - 1.0]
                if len(self.recent) >= self.window and wait_overall == 0 and wait_chat == 0:
                    self.throttled["window"] += 1
                    return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                                 "parameters": {"retry_after": 1}}
            if wait_overall > 0 or wait_chat > 0:
                kind = "chat" if wait_chat >= wait_overall else "overall"
                self.throttled[kind] += 1
                self.throttle_log.append((round(now, 3), kind, chat, round(max(wait_overall, wait_chat) * 1000, 1)))
                retry = max(1, math.ceil(max(wait_overall, wait_chat)))
                return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry}",
                             "parameters": {"retry_after": retry}}
            customer = self.customers.get(chat)
            if customer is None and chat >= FUZZ_CHATS:
                # bench/reliability/fuzz.py writes from these chats directly to the bot's webhook
                self.overall.take()
                bucket.take()
                self.fuzz_replies[chat] = self.fuzz_replies.get(chat, 0) + 1
                return 200, {"ok": True, "result": {"message_id": 1, "date": int(time.time()),
                                                    "chat": {"id": chat, "type": "private"}, "text": text[:100]}}
            if customer is None:
                return self.reject(400, "Bad Request: chat not found")
            shown = text
            if (req.get("parse_mode") or "").upper() == "HTML":
                if re.search(r"<(?!/?(b|strong|i|em|u|ins|s|strike|del|a|code|pre|tg-spoiler|span|blockquote)\b)", text):
                    return self.reject(400, "Bad Request: can't parse entities: unsupported start tag")
                shown = html.unescape(re.sub(r"<[^>]*>", "", text))
            if not shown.strip():
                return self.reject(400, "Bad Request: message text is empty")
            if len(shown) > 4096:
                return self.reject(400, "Bad Request: message is too long")
            markup = req.get("reply_markup") or {}
            if isinstance(markup, str):
                markup = json.loads(markup)
            buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
            for b in buttons:
                if not b.get("text") or len((b.get("callback_data") or "").encode()) > 64:
                    return self.reject(400, "Bad Request: BUTTON_DATA_INVALID")
            self.overall.take()
            bucket.take()
            self.recent.append(now)
            self.sends.append({"t": now, "chat": chat, "text": shown, "buttons": [b.get("text") for b in buttons],
                               "parse_mode": req.get("parse_mode")})
            customer["replies"].append((now, shown, [b.get("text") for b in buttons],
                                        [(b.get("text"), b.get("callback_data")) for b in buttons]))
            message_id = 100000 + len(self.sends)
            if self.on_reply:
                self.on_reply(customer)
            self.cond.notify_all()
        return 200, {"ok": True, "result": {"message_id": message_id, "date": int(time.time()),
                                            "chat": {"id": chat, "type": "private", "first_name": customer["name"]},
                                            "from": {"id": 999, "is_bot": True, "first_name": "SupportBot", "username": "support_bot"},
                                            "text": shown}}

    def progress(self):
        """GET /control/progress: how far the current run is (the reliability suite polls this)."""
        with self.cond:
            return {"now": round(self.now(), 3), "queued": self.next_update - 1, "confirmed": len(self.confirmed_at), "sends": len(self.sends),
                    "pending": len(self.pending) + self.webhook_queue.qsize(), "faulted": dict(self.faulted),
                    "calls": dict(self.calls), "webhook_posts": len(self.post_log),
                    "webhook_urls": list(self.webhook_urls), "posts_by_url": dict(self.posts_by_url),
                    "fuzz_replies": {str(k): v for k, v in self.fuzz_replies.items()},
                    "rejected": len(self.rejected), "rejected_samples": [d for _, d in self.rejected[-5:]]}

    def set_fault(self, kind, seconds):
        """GET /control/fault?kind=429|5xx&seconds=S: for S seconds every sendMessage fails so
        (429 with retry_after 1..5, or 500/502/503 in turn); kind=none ends it."""
        with self.cond:
            self.fault = (kind, time.monotonic() + seconds) if kind in ("429", "5xx") else None
            return {"fault": kind, "seconds": seconds}

    def faulty(self):
        """Lock held: the failure to answer a sendMessage with now, if a fault is on."""
        if not self.fault or time.monotonic() >= self.fault[1]:
            return None
        kind = self.fault[0]
        self.faulted[kind] = self.faulted.get(kind, 0) + 1
        n = self.faulted[kind]
        if kind == "429":
            retry = 1 + n % 5
            return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry}",
                         "parameters": {"retry_after": retry}}
        status = (500, 502, 503)[n % 3]
        return status, {"ok": False, "error_code": status, "description": "Internal Server Error" if status == 500 else "Bad Gateway"}

    def reject(self, status, description):
        with self.cond:
            self.rejected.append((status, description))
        return status, {"ok": False, "error_code": status, "description": description}

    def call(self, method, req):
        with self.cond:
            self.calls[method] = self.calls.get(method, 0) + 1
        if method == "getupdates":
            return self.get_updates(req)
        if method == "sendmessage":
            return self.send_message(req)
        if method == "getme":
            return 200, {"ok": True, "result": {"id": 999, "is_bot": True, "first_name": "SupportBot", "username": "support_bot",
                                                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}}
        if method == "getwebhookinfo":
            with self.cond:
                url = self.webhook[0] if self.webhook else ""
                pending = self.webhook_queue.qsize() if self.webhook else len(self.pending)
            return 200, {"ok": True, "result": {"url": url, "has_custom_certificate": False, "pending_update_count": pending}}
        if method == "setwebhook":
            url = req.get("url") or ""
            if url and not re.fullmatch(r"https?://[^/]+/.*", url):
                return self.reject(400, "Bad Request: bad webhook: invalid URL")
            with self.cond:
                self.webhook = (url, req.get("secret_token")) if url else None
                if url and url not in self.webhook_urls:
                    self.webhook_urls.append(url)
            return 200, {"ok": True, "result": True, "description": "Webhook was set" if url else "Webhook is already deleted"}
        if method == "deletewebhook":
            with self.cond:
                self.webhook = None
            return 200, {"ok": True, "result": True, "description": "Webhook was deleted"}
        if method == "answercallbackquery":
            with self.cond:
                if req.get("callback_query_id") not in self.callback_ids:
                    return self.reject(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
                self.callback_ids[req["callback_query_id"]] = True
            return 200, {"ok": True, "result": True}
        if method in ("editmessagereplymarkup", "editmessagetext",
                      "setmycommands", "deletemycommands", "sendchataction"):
            return 200, {"ok": True, "result": True}
        with self.cond:
            self.unknown[method] = self.unknown.get(method, 0) + 1
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    # --- scenarios -------------------------------------------------------------------------

    def run(self, scenario, timeout, messages=0, chats=0, rate=0.0):
        with self.cond:
            self.runs += 1
            base = {"A": 100000, "B": 200000, "C": 300000, "L": 400000}[scenario] + 1000000 * self.runs
            n = 50 if scenario == "A" else 300 if scenario == "B" else chats
            customers = []
            for i in range(n):
                lang = "en" if i % 5 in (1, 3) else "ru"     # 40 % English speakers
                questions = EN if lang == "en" else RU
                if scenario in ("C", "L"):
                    # a burst: `messages` updates from `chats` chats, all at once; each chat asks
                    # questions the bot answers with one message (never two misses in a row,
                    # which would hand the chat to a person and silence the bot)
                    safe = SAFE_EN if lang == "en" else SAFE_RU
                    plan = [safe[(i + k) % len(safe)] for k in range(messages // n + (i < messages % n))]
                elif scenario == "A":
                    # the second message: the other language now and then, as real customers do;
                    # after /start, a press on the first topic button
                    other = EN if i % 7 == 0 and lang == "ru" else questions
                    plan = ["/start", "[button]"] if i % 10 == 0 else [questions[i % len(questions)], other[(i * 3 + 1) % len(other)]]
                else:
                    plan = ["/start" if i % 25 == 0 else questions[i % len(questions)]]
                c = {"chat": base + i + 1, "name": NAMES[i % len(NAMES)], "lang": lang, "plan": plan, "sent": [], "replies": []}
                self.customers[c["chat"]] = c
                customers.append(c)

            def on_reply(customer):  # lock held: the next message once the last one was answered
                if customer in customers and len(customer["replies"]) == len(customer["sent"]) < len(customer["plan"]):
                    self.queue(customer, customer["plan"][len(customer["sent"])])
            self.on_reply = on_reply
            sends_before, throttled_before = len(self.sends), dict(self.throttled)
            rejected_before, conflicts_before = len(self.rejected), self.conflicts
            first_update = self.next_update
            posts_before = len(self.post_log)
            mode = "webhook" if self.webhook else "polling"
            start = self.now()
            if scenario == "L":
                # sustained load: message i at start + i / rate (open loop: late replies do not
                # slow the customers down), from customer i % chats
                self.on_reply = None
                t0 = time.monotonic()

                def feed():
                    for i in range(messages):
                        delay = t0 + i / rate - time.monotonic()
                        if delay > 0:
                            time.sleep(delay)
                        c = customers[i % n]
                        with self.cond:
                            self.queue(c, c["plan"][len(c["sent"])])
                threading.Thread(target=feed, daemon=True).start()
            elif scenario == "C":
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
        time.sleep(2.0)  # late duplicates?
        with self.cond:
            self.on_reply = None
            result = self.measure(scenario, customers, start, done, first_update, sends_before, throttled_before,
                                  rejected_before, conflicts_before, timeout)
            result["mode"] = mode
            posts = self.post_log[posts_before:]
            ok = sorted(d for _, _, status, d in posts if status == 200)
            pct = lambda xs, p: round(xs[min(len(xs) - 1, int(p * len(xs)))] * 1000, 1) if xs else None
            statuses = {}
            for _, _, status, _ in posts:
                if status != 200:
                    statuses[str(status)] = statuses.get(str(status), 0) + 1
            result["webhook"] = None if mode != "webhook" else {
                "url": self.webhook[0] if self.webhook else None, "connections": self.webhook_connections,
                "posts": len(posts), "retries": len(posts) - len({uid for _, uid, _, _ in posts}),
                "not_200": statuses, "lost": [u for u in self.webhook_lost if u >= first_update],
                "post_ms_200": {"p50": pct(ok, 0.5), "p99": pct(ok, 0.99), "max": pct(ok, 1.0)}}
            return result

    def measure(self, scenario, customers, start, done, first_update, sends_before, throttled_before,
                rejected_before, conflicts_before, timeout):
        sends = self.sends[sends_before:]
        ids = range(first_update, self.next_update)
        messages = sum(len(c["sent"]) for c in customers)
        replies = sum(len(c["replies"]) for c in customers)
        exact = sum(1 for c in customers if len(c["sent"]) == len(c["plan"]) == len(c["replies"]))
        unanswered = [c["chat"] for c in customers if len(c["replies"]) < len(c["plan"])]
        duplicated = [c["chat"] for c in customers if len(c["replies"]) > len(c["sent"])]
        # reply i answers message i: in its language (Cyrillic or not), after it
        latencies, wrong_language, start_without_buttons, wrong_samples = [], 0, 0, []
        for c in customers:
            for (uid, text, at), (rt, reply, buttons, _) in zip(c["sent"], c["replies"]):
                latencies.append(rt - at)
                cyrillic = bool(re.search("[а-яА-ЯёЁ]", reply.replace(c["name"], "")))  # {name} may be Cyrillic
                expected_ru = bool(re.search("[а-яА-ЯёЁ]", text)) if text[0] not in "/[" else c["lang"] == "ru"
                if cyrillic != expected_ru:
                    wrong_language += 1
                    wrong_samples.append((c["lang"], text, reply[:80]))
                start_without_buttons += text == "/start" and not buttons
        latencies.sort()
        pct = lambda p: round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 3) if latencies else None
        times = [s["t"] for s in sends]
        peak, j = 0, 0
        for i, t in enumerate(times):          # most sends in any 1-second window
            while times[j] < t - 1.0:
                j += 1
            peak = max(peak, i - j + 1)
        per_chat_peak = 0
        by_chat = {}
        for s in sends:
            by_chat.setdefault(s["chat"], []).append(s["t"])
        for ts in by_chat.values():
            for i in range(len(ts)):
                per_chat_peak = max(per_chat_peak, sum(1 for t in ts[i:] if t - ts[i] < 1.0))
        confirmed = [self.confirmed_at[u] for u in ids if u in self.confirmed_at]
        served = [self.served_at[u] for u in ids if u in self.served_at]
        intake = (max(confirmed) - start) if len(confirmed) == len(ids) and confirmed else None
        last_reply = max(times) if times else None
        return {
            "scenario": scenario, "customers": len(customers), "messages": messages,
            "planned_messages": sum(len(c["plan"]) for c in customers), "replies": replies,
            "answered_exactly_once": exact, "unanswered": unanswered[:20], "unanswered_count": len(unanswered),
            "duplicated": duplicated[:20], "duplicated_count": len(duplicated),
            "duplicate_detail": [[c["chat"], [[round(t, 3), text[:60]] for t, text, _, _ in c["replies"]]]
                                 for c in customers if len(c["replies"]) > len(c["sent"])][:20],
            "throttled_429": {k: self.throttled[k] - throttled_before[k] for k in self.throttled},
            "throttled_detail": [x for x in self.throttle_log if x[0] >= start][:20],
            "rejected_4xx": [d for _, d in self.rejected[rejected_before:]][:10],
            "rejected_count": len(self.rejected) - rejected_before,
            "getupdates_conflicts": self.conflicts - conflicts_before,
            "timed_out": done - start >= timeout,
            "first_update_to_last_reply_s": round(last_reply - start, 3) if last_reply is not None else None,
            "bound_30_per_s": round(len(customers if scenario == "B" else sends) / 30.0, 3),
            "first_served_s": round(min(served) - start, 3) if served else None,
            "intake_s": round(intake, 3) if intake is not None else None,
            "intake_per_s": round(len(ids) / intake, 1) if intake else None,
            "getupdates_batches": self.batch_sizes[-50:],
            "latency_s": {"p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99), "max": pct(1.0) if latencies else None},
            "peak_sends_in_1s": peak, "peak_sends_per_chat_in_1s": per_chat_peak,
            "callback_queries": sum(1 for c in customers for _, t, _ in c["sent"] if t.startswith("[")),
            "callback_queries_unanswered": sum(1 for c in customers for u, t, _ in c["sent"]
                                               if t.startswith("[") and not self.callback_ids.get(f"cq-{u}")),
            "replies_in_wrong_language": wrong_language, "wrong_language_samples": wrong_samples[:10], "start_replies_without_buttons": start_without_buttons,
            "calls": dict(self.calls), "unknown_methods": dict(self.unknown),
            "timeline": [[uid, c["chat"], text, round(at, 3), self.served_at.get(uid), self.confirmed_at.get(uid),
                          round(c["replies"][k][0], 3) if k < len(c["replies"]) else None]
                         for c in customers for k, (uid, text, at) in enumerate(c["sent"])],
            "sample_replies": [(c["sent"][k][1], c["replies"][k][1][:120], c["replies"][k][2])
                               for c in customers[:3] for k in range(min(len(c["sent"]), len(c["replies"])))],
        }


def serve(args):
    # Dozens of threads (webhook senders, one per client connection) share the GIL; at Python's
    # default 5 ms switch interval a request waited its turn for tens of milliseconds under load,
    # which the latencies measured the bot by.
    sys.setswitchinterval(0.0005)
    fake = Fake(args.token, args.overall, args.overall_burst, args.chat, args.chat_burst, args.slack_ms / 1000.0, args.window)
    fake.webhook_connections, fake.webhook_give_up = args.webhook_connections, args.webhook_give_up
    fake.webhook_split = args.webhook_split
    for _ in range(args.webhook_connections):
        threading.Thread(target=fake.webhook_sender, daemon=True).start()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def answer(self, status, payload):
            body = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def read_body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def handle_any(self):
            url = urllib.parse.urlsplit(self.path)
            raw = self.read_body()
            if url.path == "/control/run":
                q = dict(urllib.parse.parse_qsl(url.query))
                return self.answer(200, fake.run(q.get("scenario", "A"), float(q.get("timeout", 60)),
                                                 int(q.get("messages", 0)), int(q.get("chats", 0)), float(q.get("rate", 0))))
            if url.path == "/control/progress":
                return self.answer(200, fake.progress())
            if url.path == "/control/fault":
                q = dict(urllib.parse.parse_qsl(url.query))
                return self.answer(200, fake.set_fault(q.get("kind", ""), float(q.get("seconds", 0))))
            m = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", url.path)
            if not m:
                return self.answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            if m.group(1) != fake.token:
                return self.answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            req = dict(urllib.parse.parse_qsl(url.query))
            ctype = self.headers.get("Content-Type", "")
            try:
                if "json" in ctype and raw:
                    req.update(json.loads(raw))
                elif "x-www-form-urlencoded" in ctype:
                    req.update(urllib.parse.parse_qsl(raw.decode()))
                elif "multipart/form-data" in ctype:
                    req.update(parse_multipart(ctype, raw))
            except ValueError:
                return self.answer(400, {"ok": False, "error_code": 400, "description": "Bad Request: invalid JSON"})
            status, payload = fake.call(m.group(2).lower(), req)
            self.answer(status, payload)

        do_GET = do_POST = handle_any

    server = Server(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


def parse_multipart(ctype, raw):
    """The text fields of a multipart/form-data body (TelegramBots sends setWebhook so)."""
    m = re.search(r'boundary="?([^";]+)"?', ctype)
    fields = {}
    if not m:
        return fields
    for part in raw.split(b"--" + m.group(1).encode())[1:]:
        head, sep, value = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        if sep and name and b"filename=" not in head:
            fields[name.group(1).decode()] = value[:-2].decode(errors="replace") if value.endswith(b"\r\n") else value.decode(errors="replace")
    return fields


def report(paths):
    rows = [json.load(open(p)) for p in paths]
    for mode in sorted({r.get("mode", "polling") for r in rows}):
        hook = next((r["webhook"] for r in rows if r.get("webhook")), None)
        print(f"Telegram mode: {mode} — " + (
            f"the fake POSTs every update to {hook['url']} ({hook['connections']} concurrent connections, "
            "secret header, again until 200)" if mode == "webhook" and hook else
            "the bot long-polls getUpdates; an update counts as taken in once the offset passes it"))
    line = lambda *cells: print("| " + " | ".join(f"{c:<38}" if i == 0 else f"{c:>12}" for i, c in enumerate(cells)) + " |")
    line("", *[f"scenario {r['scenario']}" + (f" #{k}" if sum(x["scenario"] == r["scenario"] for x in rows) > 1 else "")
               for k, r in enumerate(rows, start=1 - sum(x["scenario"] == "A" for x in rows))])
    print("|" + "-" * 40 + "|" + "|".join("-" * 13 + ":" for _ in rows) + "|")
    fmt = lambda v, unit="": "–" if v is None else f"{v}{unit}"
    line("customers", *[r["customers"] for r in rows])
    line("messages sent / replies received", *[f"{r['messages']}/{r['replies']}" for r in rows])
    line("customers answered exactly once each", *[f"{r['answered_exactly_once']}/{r['customers']}" for r in rows])
    line("unanswered / answered twice", *[f"{r['unanswered_count']}/{r['duplicated_count']}" for r in rows])
    line("429 returned (overall / per chat)", *[f"{r['throttled_429']['overall']}/{r['throttled_429']['chat']}" for r in rows])
    if any(r["throttled_429"]["window"] for r in rows):
        line("429 returned (1-second window)", *[r["throttled_429"]["window"] for r in rows])
    line("other 4xx to sendMessage", *[r["rejected_count"] for r in rows])
    line("first update → last reply", *[fmt(r["first_update_to_last_reply_s"], " s") for r in rows])
    line("bound at 30 messages/s", *[fmt(r["bound_30_per_s"], " s") for r in rows])
    hooked = any(r.get("webhook") for r in rows)
    line("updates taken in (all acked 200)" if hooked else "updates taken in (offset past all)", *[fmt(r["intake_s"], " s") for r in rows])
    line("webhook intake rate (updates/s, 200)" if hooked else "intake rate (updates/s)", *[fmt(r["intake_per_s"]) for r in rows])
    if hooked:
        hooks = [r.get("webhook") or {} for r in rows]
        line("webhook POST latency p50 / p99 (ms)", *[f"{h['post_ms_200']['p50']}/{h['post_ms_200']['p99']}" if h else "–" for h in hooks])
        line("webhook POSTs / retried / not 200", *[f"{h['posts']}/{h['retries']}/{sum(h['not_200'].values())}" if h else "–" for h in hooks])
    line("latency p50 / p95 / max", *[f"{r['latency_s']['p50']}/{r['latency_s']['p95']}/{r['latency_s']['max']}" for r in rows])
    line("peak sends in 1 s (all / one chat)", *[f"{r['peak_sends_in_1s']}/{r['peak_sends_per_chat_in_1s']}" for r in rows])
    line("replies in the wrong language", *[r["replies_in_wrong_language"] for r in rows])
    line("button presses / spinners not stopped", *[f"{r['callback_queries']}/{r['callback_queries_unanswered']}" for r in rows])
    for r in rows:
        if r["unknown_methods"] or r["rejected_4xx"] or r["getupdates_conflicts"] or r["start_replies_without_buttons"]:
            print(f"scenario {r['scenario']}: unknown methods {r['unknown_methods']}, 4xx {r['rejected_4xx']}, "
                  f"getUpdates conflicts {r['getupdates_conflicts']}, /start without buttons {r['start_replies_without_buttons']}")
        if r.get("webhook") and (r["webhook"]["not_200"] or r["webhook"]["lost"]):
            print(f"scenario {r['scenario']}: webhook answers other than 200 {r['webhook']['not_200']}, "
                  f"updates given up {r['webhook']['lost'][:20]}")
        if r["unanswered"]:
            print(f"scenario {r['scenario']}: unanswered chats (first 20): {r['unanswered']}")
        if r["duplicated"]:
            print(f"scenario {r['scenario']}: chats answered twice (first 20): {r['duplicated']}")
    ok = all(r["answered_exactly_once"] == r["customers"] and not r["duplicated_count"] and not r["callback_queries_unanswered"]
             and sum(r["throttled_429"].values()) == 0 and r["rejected_count"] == 0
             and not (r.get("webhook") or {}).get("lost") for r in rows)
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--token", required=True)
    s.add_argument("--port-file", required=True)
    s.add_argument("--overall", type=float, default=30)
    s.add_argument("--overall-burst", type=float, default=30)
    s.add_argument("--chat", type=float, default=1)
    s.add_argument("--chat-burst", type=float, default=3)
    s.add_argument("--slack-ms", type=float, default=20)
    s.add_argument("--window", type=int, default=0,
                   help="also refuse a sendMessage when this many were accepted in the last second (0: off)")
    s.add_argument("--webhook-connections", type=int, default=16,
                   help="concurrent webhook POSTs once the bot called setWebhook (Telegram: up to 40)")
    s.add_argument("--webhook-give-up", type=float, default=60,
                   help="stop POSTing an update again after this many seconds without 200")
    s.add_argument("--webhook-split", action="store_true",
                   help="POST each update to one of the URLs setWebhook was given (several instances), in turn")
    r = sub.add_parser("report")
    r.add_argument("results", nargs="+")
    args = p.parse_args()
    if args.command == "serve":
        serve(args)
    else:
        sys.exit(report(args.results))


if __name__ == "__main__":
    main()
