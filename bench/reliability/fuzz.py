#!/usr/bin/env python3
"""Malformed and hostile requests for bench/reliability/fuzz.sh (Python 3 standard library only).

    python3 bench/reliability/fuzz.py --base http://127.0.0.1:PORT --telegram-secret S \
        --vk-group G --vk-secret S --admin-password P --requests 10000 --out result.json

Sends --requests generated requests (seeded: --seed) from --threads connections to
POST /telegram/webhook, POST /vk/callback, POST /api/nlu/parse, the web chat (/api/chat/...), the
operator API (/api/operator/...) and the actuator: broken JSON, wrong types, huge bodies, deep
nesting, invalid UTF-8, wrong or missing secrets (also with a broken body: 403), missing or wrong
credentials (the actuator: never 2xx without an admin), injection strings, unissued, forged and
malformed web-chat session tokens (401/400), bodies over the 64 KB limit (413), hostile
X-Forwarded-For headers. Every answer must be a status below 500; a family with an exact
expectation (a set of statuses) counts every other answer as a wrong status.

The bot runs behind-proxy (SUPPORTBOT_LIMITS_BEHIND_PROXY=true) and the fuzzer, on 127.0.0.1, is
its trusted proxy: hostile requests name one of 64 attacker addresses (203.0.113.0/26) in
X-Forwarded-For, so the per-address limits answer many of them 429 while the rest still reach the
controllers; valid web chats each name an address of their own; the admin's requests name none.
--targeted runs fuzz_checks.py instead (large concurrent bodies, rate limits, forged CSAT,
hand-over flood, sign-in throttle). Some requests are VALID updates with hostile text (injection strings, control
characters, 4096 characters, RTL marks) from their own chats (ids from 990000000): the bot must
answer each (the fake Bot API counts replies to these chats; see fake_telegram.py).

Each case has a family; the result counts statuses per target and family, keeps samples of any
5xx and of any 2xx to a request that should have been refused, and lists the valid chats.
"""
import argparse
import base64
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

INJECTIONS = [
    '{"$gt": ""}', '{"$where": "sleep(5000)"}', "'; DROP TABLE tickets; --", '" OR 1=1 --',
    "<script>alert(1)</script>", "<b>bold</b> <a href='javascript:alert(1)'>x</a>", "${jndi:ldap://127.0.0.1:1/a}",
    "{{7*7}} ${7*7} #{7*7}", "../../../../etc/passwd", "%00%0d%0aSet-Cookie: a=b", "\u0000\u0001\u0002 null bytes",
    "\u202eevil\u202c rtl override", "👩‍👩‍👧‍👦🏳️‍🌈 emoji zwj", "a" * 4096, "я" * 4096, "\r\n\r\nHTTP/1.1 200 OK",
    "$gt", "db.tickets.drop()", "/start" + "x" * 300, "/operator@other_bot", "\\u0000 \\ud800", "  ", "\t\n",
    "SELECT * FROM operators", "<img src=x onerror=alert(1)>", "&lt;&amp;&gt;", "%s%s%s%n", "🔥" * 1000,
]


ATTACKERS = [f"203.0.113.{i}" for i in range(64)]
HOSTILE_FORWARDED = ["x" * 8000, "1.2.3.4, , ,", "999.999.999.999", "::::", "[::1]", "unknown", ", ".join(["198.51.100.7"] * 500),
                     "fe80::1%eth0", "127.0.0.1", "10.0.0.1, 192.168.0.1", "' OR 1=1 --", "\u0000", "1.1.1.1:8080", "-1.-1.-1.-1",
                     "::ffff:127.0.0.1", "0x7f.1", "1" * 300 + ".1.1.1"]
TEXTS = ["where is my order", "how do I return an item", "hello", "what are your opening hours", "где мой заказ",
         "как вернуть товар", "спасибо", "payment failed", "delivery time"]
WEB_LIMITED = {"/api/chat", "/api/chat/session", "/api/chat/updates", "/api/nlu/parse"}


class Case:
    """One request; `expect` is "4xx", "2xx", "any" or a set of exact statuses; `address` goes to
    X-Forwarded-For; a `session` case asks for a web-chat token first and puts it into the body."""

    def __init__(self, target, family, method, path, body=b"", headers=None, expect="4xx", chat=None, address=None, session=False):
        self.target, self.family, self.method, self.path = target, family, method, path
        self.body, self.headers, self.expect, self.chat = body, headers or {}, expect, chat
        self.address, self.session = address, session


def deep(n, kind):
    return ("[" * n + "]" * n) if kind == 0 else ('{"a":' * n + "1" + "}" * n)


class Generator:
    def __init__(self, rng, args):
        self.rng, self.args = rng, args
        self.update_id = 900000000
        self.chat = 990000000
        self.web_address = args.first_id
        self.lock = threading.Lock()

    def next_ids(self):
        with self.lock:
            self.update_id += 1
            self.chat += 1
            return self.update_id, self.chat

    # --- bodies shared by the targets ---------------------------------------------------------------

    def broken_json(self, valid):
        r = self.rng
        choice = r.randrange(12)
        if choice == 0:
            return valid[:r.randrange(1, max(2, len(valid)))]
        if choice == 1:
            return bytes(r.randrange(256) for _ in range(r.randrange(1, 300)))
        if choice == 2:
            return r.choice([b"{", b"[", b"}", b"null", b'"string"', b"123", b"true", b"[]", b"{}{}", b"{,}"])
        if choice == 3:
            return valid + b"garbage"
        if choice == 4:
            return valid.replace(b":", b"", 1)
        if choice == 5:
            return b'{"update_id": NaN, "type": Infinity}'
        if choice == 6:
            return b"\xef\xbb\xbf" + valid  # a byte order mark
        if choice == 7:
            return valid.replace(b'"', b"'")
        if choice == 8:
            return b'{"update_id": 1, "update_id": "dup", "type": "x", "type": 1}'
        if choice == 9:
            return b"\x00" * r.randrange(1, 100)
        if choice == 10:
            return b'{"a": "\\uZZZZ"}'
        return b""

    def invalid_utf8(self, valid):
        r = self.rng
        bad = r.choice([b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xe2\x82"])
        i = valid.find(b'"text": "')
        if i < 0:
            i = valid.find(b'"type": "')
        if i < 0:
            return valid[:1] + bad + valid[1:]
        i += 9
        return valid[:i] + bad + valid[i:]

    def huge(self):
        r = self.rng
        size = r.choice([200_000, 1_000_000, 1_000_000, 5_000_000, 12_000_000])
        kind = r.randrange(3)
        if kind == 0:
            return json.dumps({"update_id": 1, "type": "message_new", "text": "x" * size}).encode()
        if kind == 1:
            return b"[" + b"1," * (size // 2) + b"1]"
        return b'{"k":"' + b"\xd0\xaf" * (size // 2) + b'"}'

    # --- targets ------------------------------------------------------------------------------------

    def telegram_update(self, text, uid=None, chat=None):
        uid2, chat2 = self.next_ids()
        uid, chat = uid or uid2, chat or chat2
        return {"update_id": uid, "message": {"message_id": 1, "date": int(time.time()),
                                               "chat": {"id": chat, "type": "private", "first_name": "Fuzz"},
                                               "from": {"id": chat, "is_bot": False, "first_name": "Fuzz", "language_code": "en"},
                                               "text": text}}, chat

    def telegram(self):
        r, a = self.rng, self.args
        hdr = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": a.telegram_secret}
        path = "/telegram/webhook"
        family = r.choices(["valid_hostile_text", "broken_json", "wrong_types", "deep_nesting", "invalid_utf8",
                            "wrong_secret", "huge_body", "wrong_method"], [6, 18, 30, 6, 8, 10, 1, 3])[0]
        if family == "valid_hostile_text":
            update, chat = self.telegram_update(r.choice(INJECTIONS))
            return Case("telegram", family, "POST", path, json.dumps(update, ensure_ascii=r.random() < 0.5).encode(), hdr, "2xx", chat)
        valid = json.dumps(self.telegram_update("hello")[0]).encode()
        if family == "broken_json":
            return Case("telegram", family, "POST", path, self.broken_json(valid), hdr)
        if family == "wrong_types":
            update, _ = self.telegram_update("hello")
            message = update["message"]
            bad = r.choice([None, "string", 1.5, -1, 2 ** 70, True, [], {}, [1, 2], {"x": 1}, "9" * 40, "", "1e400"])
            where = r.randrange(14)
            if where == 0:
                update["update_id"] = bad
            elif where == 1:
                update["message"] = bad
            elif where == 2:
                message["chat"] = bad
            elif where == 3:
                message["chat"]["id"] = bad
            elif where == 4:
                message["text"] = bad
            elif where == 5:
                message["from"] = bad
            elif where == 6:
                message["date"] = bad
            elif where == 7:
                message["entities"] = r.choice([bad, [{"type": "bot_command", "offset": 50, "length": 9}],
                                                 [{"type": "bot_command", "offset": -1, "length": -5}], [{"type": None}]])
            elif where == 8:
                message["chat"]["type"] = bad
            elif where == 9:
                del update["message"]
                update["callback_query"] = r.choice([bad, {"id": bad, "from": {"id": 1}, "data": bad},
                                                     {"id": "x", "from": None, "data": "intent:order_status"},
                                                     {"id": "x", "from": {"id": 5, "first_name": "a"}, "data": "x" * 10000}])
            elif where == 10:
                message["from"]["id"] = bad
            elif where == 11:
                message["message_id"] = bad
            elif where == 12:
                message["reply_to_message"] = bad
            else:
                message["photo"] = bad
                del message["text"]
            return Case("telegram", family, "POST", path, json.dumps(update).encode(), hdr, "any")
        if family == "deep_nesting":
            n = r.choice([100, 1000, 5000, 50_000])
            if r.random() < 0.5:
                body = ('{"update_id": 5, "message": ' + deep(n, 1) + "}").encode()
            else:
                body = deep(n, r.randrange(2)).encode()
            return Case("telegram", family, "POST", path, body, hdr)
        if family == "invalid_utf8":
            return Case("telegram", family, "POST", path, self.invalid_utf8(valid), hdr, "any")
        if family == "wrong_secret":
            h = dict(hdr)
            choice = r.randrange(5)
            if choice == 0:
                del h["X-Telegram-Bot-Api-Secret-Token"]
            elif choice == 1:
                h["X-Telegram-Bot-Api-Secret-Token"] = a.telegram_secret[:-1]
            elif choice == 2:
                h["X-Telegram-Bot-Api-Secret-Token"] = "x" * 8000
            elif choice == 3:
                h["X-Telegram-Bot-Api-Secret-Token"] = a.telegram_secret + "' OR '1'='1"
            else:
                h["X-Telegram-Bot-Api-Secret-Token"] = ""
            update, _ = self.telegram_update("hello")
            return Case("telegram", family, "POST", path, json.dumps(update).encode(), h)
        if family == "huge_body":
            return Case("telegram", family, "POST", path, self.huge(), hdr)
        return Case("telegram", family, r.choice(["GET", "PUT", "DELETE", "PATCH"]), path, valid, hdr)

    def vk_event(self, text):
        uid, peer = self.next_ids()
        return {"type": "message_new", "group_id": self.args.vk_group, "event_id": f"fuzz{uid:x}", "v": "5.199",
                "secret": self.args.vk_secret,
                "object": {"message": {"date": int(time.time()), "from_id": peer, "id": 0, "out": 0, "peer_id": peer,
                                       "text": text, "conversation_message_id": 1, "attachments": []},
                           "client_info": {"keyboard": True, "inline_keyboard": True, "lang_id": 3}}}

    def vk(self):
        r = self.rng
        hdr = {"Content-Type": "application/json"}
        path = "/vk/callback"
        family = r.choices(["broken_json", "wrong_types", "deep_nesting", "invalid_utf8", "wrong_secret",
                            "huge_body", "wrong_method"], [20, 35, 6, 8, 12, 1, 3])[0]
        valid = json.dumps(self.vk_event("hello")).encode()
        if family == "broken_json":
            return Case("vk", family, "POST", path, self.broken_json(valid), hdr)
        if family == "wrong_types":
            event = self.vk_event("hello")
            message = event["object"]["message"]
            bad = r.choice([None, "string", 1.5, -1, 2 ** 70, True, [], {}, "9" * 40, ""])
            where = r.randrange(11)
            if where == 0:
                event["type"] = bad
            elif where == 1:
                event["object"] = bad
            elif where == 2:
                event["object"]["message"] = bad
            elif where == 3:
                message["from_id"] = bad
            elif where == 4:
                message["peer_id"] = bad
            elif where == 5:
                message["text"] = bad
            elif where == 6:
                event["event_id"] = bad
            elif where == 7:
                message["payload"] = r.choice([bad, "{not json", '{"command": "start"}' * 100, '{"intent": {"$gt": ""}}'])
            elif where == 8:
                event["type"] = "message_event"
                event["object"] = r.choice([bad, {"user_id": bad, "peer_id": 5, "event_id": "e", "payload": bad},
                                            {"user_id": 5, "peer_id": 5, "event_id": bad, "payload": {"intent": "x" * 5000}}])
            elif where == 9:
                event["group_id"] = bad
            else:
                event["type"] = r.choice(["message_reply", "message_allow", "message_deny", "group_leave", "wall_post_new", "x" * 1000])
            return Case("vk", family, "POST", path, json.dumps(event).encode(), hdr, "any")
        if family == "deep_nesting":
            n = r.choice([100, 1000, 5000, 50_000])
            body = ('{"type": "message_new", "group_id": %d, "secret": "%s", "object": %s}'
                    % (self.args.vk_group, self.args.vk_secret, deep(n, r.randrange(2)))).encode()
            return Case("vk", family, "POST", path, body, hdr)
        if family == "invalid_utf8":
            return Case("vk", family, "POST", path, self.invalid_utf8(valid), hdr, "any")
        if family == "wrong_secret":
            event = self.vk_event("hello")
            event["secret"] = r.choice([None, "", "wrong", self.args.vk_secret[:-1], 5, "x" * 10000])
            if event["secret"] is None:
                del event["secret"]
            return Case("vk", family, "POST", path, json.dumps(event).encode(), hdr)
        if family == "huge_body":
            return Case("vk", family, "POST", path, self.huge(), hdr)
        return Case("vk", family, r.choice(["GET", "PUT", "DELETE"]), path, valid, hdr)

    def nlu(self):
        r = self.rng
        hdr = {"Content-Type": "application/json"}
        path = "/api/nlu/parse"
        family = r.choices(["valid_hostile_text", "broken_json", "wrong_types", "deep_nesting", "invalid_utf8",
                            "huge_body", "wrong_content_type"], [15, 25, 25, 8, 10, 1, 5])[0]
        if family == "valid_hostile_text":
            return Case("nlu", family, "POST", path, json.dumps({"text": r.choice(INJECTIONS)}).encode(), hdr, "any")
        valid = json.dumps({"text": "where is my order"}).encode()
        if family == "broken_json":
            return Case("nlu", family, "POST", path, self.broken_json(valid), hdr)
        if family == "wrong_types":
            bad = r.choice([None, 1, 1.5, True, [], {}, ["a"], {"$gt": ""}, "", "   ", "x" * 5000, 2 ** 80])
            return Case("nlu", family, "POST", path, json.dumps(r.choice([{"text": bad}, {"txt": "a"}, bad, [bad]])).encode(), hdr)
        if family == "deep_nesting":
            n = r.choice([100, 1000, 5000, 50_000])
            return Case("nlu", family, "POST", path, ('{"text": ' + deep(n, r.randrange(2)) + "}").encode(), hdr)
        if family == "invalid_utf8":
            return Case("nlu", family, "POST", path, self.invalid_utf8(valid), hdr, "any")
        if family == "huge_body":
            return Case("nlu", family, "POST", path, self.huge(), hdr)
        return Case("nlu", family, "POST", path, valid, {"Content-Type": r.choice(["text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded", "bogus"])})

    def operator(self):
        r, a = self.rng, self.args
        good = "Basic " + base64.b64encode(f"admin:{a.admin_password}".encode()).decode()
        family = r.choices(["missing_auth", "wrong_auth", "bad_path", "broken_json", "wrong_types", "huge_body",
                            "injection_params", "deep_nesting"], [15, 15, 20, 15, 20, 1, 12, 4])[0]
        number = r.choice(["1", "999999", "-1", "0", "abc", "1.5", "99999999999999999999999", "%24gt", "1%00", "..%2F..%2Fetc"])
        action = r.choice(["claim", "close", "release", "transfer", "messages"])
        path = f"/api/operator/tickets/{number}/{action}"
        hdr = {"Content-Type": "application/json", "Authorization": good}
        body = json.dumps({"text": "hello", "queue": "general"}).encode()
        if family == "missing_auth":
            h = {"Content-Type": "application/json"}
            p = r.choice(["/api/operator/me", "/api/operator/queue", "/api/operator/tickets", path, "/api/operator/analytics"])
            return Case("operator", family, "GET" if "/tickets/" not in p else "POST", p, body if "/tickets/" in p else b"", h)
        if family == "wrong_auth":
            h = dict(hdr)
            h["Authorization"] = r.choice([
                "Basic " + base64.b64encode(b"admin:wrong").decode(), "Basic " + base64.b64encode(b"nobody:" + a.admin_password.encode()).decode(),
                "Basic !!!notbase64", "Basic ", "Bearer abc.def.ghi", "Basic " + base64.b64encode(b"no-colon").decode(),
                "Basic " + base64.b64encode(("admin:" + "x" * 3000).encode()).decode(), "Digest x", "Basic " + base64.b64encode(b"\xff\xfe:\xff").decode(),
                "Basic " + base64.b64encode(b"admin' OR '1'='1:x").decode()])
            return Case("operator", family, r.choice(["GET", "POST"]), r.choice(["/api/operator/me", path]), body, h)
        if family == "bad_path":
            return Case("operator", family, "POST", path, body, hdr)
        if family == "broken_json":
            return Case("operator", family, "POST", f"/api/operator/tickets/1/{r.choice(['transfer', 'messages'])}", self.broken_json(body), hdr)
        if family == "wrong_types":
            bad = r.choice([None, 1, 1.5, True, [], {}, {"$gt": ""}, "", "x" * 5000, 2 ** 80])
            return Case("operator", family, "POST", f"/api/operator/tickets/1/{r.choice(['transfer', 'messages'])}",
                        json.dumps(r.choice([{"text": bad}, {"queue": bad}, {"operator": bad}, bad])).encode(), hdr)
        if family == "huge_body":
            return Case("operator", family, "POST", "/api/operator/tickets/1/messages", self.huge(), hdr)
        if family == "deep_nesting":
            n = r.choice([1000, 50_000])
            return Case("operator", family, "POST", "/api/operator/tickets/1/messages", ('{"text": ' + deep(n, 1) + "}").encode(), hdr)
        q = urllib.parse.quote(r.choice(INJECTIONS)[:500])
        p = r.choice([f"/api/operator/queue?queue={q}", f"/api/operator/tickets?scope={q}", f"/api/operator/tickets/{q}",
                      f"/api/operator/analytics?from={q}", f"/api/operator/tickets/1/messages"])
        if p.endswith("/messages"):
            hdr = dict(hdr, **{"Idempotency-Key": r.choice(INJECTIONS)[:200].encode("ascii", "replace").decode().replace("\r", "").replace("\n", "")})
            return Case("operator", family, "POST", p, body, hdr)
        return Case("operator", family, "GET", p, b"", hdr)

    # --- the web chat, the actuator, the webhooks' secrets before their bodies ------------------------

    def token(self):
        """A session token the server never issued, or one it cannot even read: (token, statuses)."""
        r = self.rng
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        kind = r.randrange(10)
        if kind < 4:  # the form of a real one (43 characters of URL-safe base64), never issued
            return "".join(r.choice(alphabet) for _ in range(43)), {401}
        if kind == 4:  # what operators see of a conversation: the first 16 hex of the token's hash
            return "".join(r.choice("0123456789abcdef") for _ in range(16)), {401}
        if kind == 5:
            return "x" * r.choice([65, 300, 5000]), {400}
        if kind == 6:
            return r.choice(["", "short", "../../etc/passwd", "a b c d e f g h", "{\"$gt\": \"\"}", "токентокен", "' OR '1'='1' --"]), {400}
        if kind == 7:  # Jackson reads a number as text: 12345678 is a well-formed token, never issued
            return r.choice([None, 12345678, True, [], {}, 1.5]), {400, 401}
        if kind == 8:
            return "A" * 8, {401}
        return "-" * 64, {401}

    def web(self):
        r = self.rng
        hdr = {"Content-Type": "application/json"}
        family = r.choices(["valid_issued_session", "unissued_token", "unissued_token_updates", "overlong_field",
                            "broken_json", "over_64kb", "hostile_forwarded_for", "wrong_method"], [20, 25, 10, 8, 12, 4, 6, 3])[0]
        if family == "valid_issued_session":
            text = r.choice(TEXTS) if r.random() < 0.7 else r.choice(INJECTIONS)
            return Case("web", family, "POST", "/api/chat", {"text": text, "name": r.choice([None, "Fuzz", "<b>x</b>"])}, hdr, {200},
                        address=self.fresh(), session=True)
        attacker = r.choice(ATTACKERS)
        if family == "unissued_token":
            token, statuses = self.token()
            body = {"session": token, r.choice(["text", "button"]): r.choice(TEXTS + ["csat:1:5", "intent:order_status"])}
            return Case("web", family, "POST", "/api/chat", json.dumps(body).encode(), hdr, statuses | {429}, address=attacker)
        if family == "unissued_token_updates":
            token, statuses = self.token()
            if not isinstance(token, str):
                token, statuses = "", {400}
            q = urllib.parse.urlencode({"session": token, "since": r.choice(["2026-01-01T00:00:00Z", "yesterday", ""])})
            return Case("web", family, "GET", "/api/chat/updates?" + q, b"", {}, statuses | {429}, address=attacker)
        if family == "overlong_field":
            # A session that exists is needed to reach the length checks: the valid family's issue path does it.
            field = r.choice(["button", "name"])
            body = {"text": "hello", "name": "n" * r.choice([257, 1000, 60000])} if field == "name" else {"button": "b" * r.choice([257, 5000, 60000])}
            return Case("web", family, "POST", "/api/chat", body, hdr, {400, 413}, address=self.fresh(), session=True)
        if family == "broken_json":
            valid = json.dumps({"session": "A" * 43, "text": "hello"}).encode()
            return Case("web", family, "POST", r.choice(["/api/chat", "/api/chat/session"]), self.broken_json(valid), hdr, "any", address=attacker)
        if family == "over_64kb":
            size = r.choice([65537, 100_000, 1_000_000])
            path = r.choice(["/api/chat", "/api/chat/session", "/api/nlu/parse", "/telegram/webhook", "/vk/callback", "/api/chat/anything"])
            return Case("web", family, "POST", path, b'{"text": "' + b"y" * size + b'"}', hdr, {413, 429}, address=attacker)
        if family == "hostile_forwarded_for":
            path = r.choice(["/api/chat/session", "/api/nlu/parse", "/api/operator/me"])
            body = b'{"text": "hello"}' if path != "/api/operator/me" else b""
            h = dict(hdr, **{"Authorization": "Basic " + base64.b64encode(b"admin:not-it").decode()}) if path == "/api/operator/me" else hdr
            return Case("web", family, "POST" if body else "GET", path, body, h, "any", address=r.choice(HOSTILE_FORWARDED))
        return Case("web", family, r.choice(["PUT", "DELETE", "PATCH"]), r.choice(["/api/chat", "/api/chat/session"]), b"{}", hdr, address=attacker)

    def actuator(self):
        r, a = self.rng, self.args
        family = r.choices(["anonymous", "non_admin", "wrong_password", "path_tricks"], [35, 30, 15, 20])[0]
        endpoint = r.choice(["prometheus", "env", "heapdump", "metrics", "beans", "configprops", "loggers", "threaddump",
                             "mappings", "info", "env/supportbot.admin-password", "shutdown", ""])
        path = "/actuator/" + endpoint if endpoint else "/actuator"
        method = "POST" if endpoint == "shutdown" else "GET"
        if family == "anonymous":
            return Case("actuator", family, method, path, b"", {}, {401, 403, 404}, address=r.choice(ATTACKERS))
        if family == "non_admin":
            basic = "Basic " + base64.b64encode(f"fuzzop:{a.operator_password}".encode()).decode()
            return Case("actuator", family, method, path, b"", {"Authorization": basic}, {403, 404, 429}, address=r.choice(ATTACKERS))
        if family == "wrong_password":
            basic = "Basic " + base64.b64encode(f"admin:{a.admin_password}x".encode()).decode()
            return Case("actuator", family, method, path, b"", {"Authorization": basic}, {401, 429}, address=r.choice(ATTACKERS))
        trick = r.choice(["/actuator/%2e%2e/actuator/env", "/actuator;x=1/env", "/ACTUATOR/env", "/actuator/health/../env",
                          "/actuator//prometheus", "/actuator/./heapdump", "/actuator/prometheus/", "/actuator/env%00",
                          "/actuator/heapdump?x=1", "/%61ctuator/env", "/api/../actuator/env", "/actuator/health/%2e%2e/env"])
        return Case("actuator", family, "GET", trick, b"", {}, "4xx", address=r.choice(ATTACKERS))

    def wrong_secret_broken_body(self, target):
        """Neither a wrong secret nor a broken body gets further than 403."""
        r, a = self.rng, self.args
        if target == "telegram":
            valid = json.dumps(self.telegram_update("hello")[0]).encode()
        else:  # the secret is in the body: a wrong one, so that no breakage leaves a valid event behind
            event = self.vk_event("hello")
            event["secret"] = r.choice(["", "wrong", a.vk_secret[:-1], a.vk_secret + "x"])
            valid = json.dumps(event).encode()
        body = r.choice([self.broken_json(valid), self.invalid_utf8(valid), deep(r.choice([1000, 5000]), r.randrange(2)).encode()])  # under 64 KB: 403, not 413
        if target == "telegram":
            h = {"Content-Type": "application/json"}
            wrong = r.choice([None, "", a.telegram_secret[:-1], "x" * 8000, a.telegram_secret + "x"])
            if wrong is not None:
                h["X-Telegram-Bot-Api-Secret-Token"] = wrong
            return Case("telegram", "wrong_secret_broken_body", "POST", "/telegram/webhook", body, h, {403}, address=r.choice(ATTACKERS))
        if r.random() < 0.5:  # a body that parses, with the wrong secret, but broken where it counts
            event = self.vk_event("hello")
            event["secret"] = r.choice(["", "wrong", a.vk_secret[:-1], 5, None, ["x"]])
            event["object"] = r.choice([None, "x", [], {"message": None}])
            body = json.dumps(event).encode()
        return Case("vk", "wrong_secret_broken_body", "POST", "/vk/callback", body, {"Content-Type": "application/json"}, {403},
                    address=r.choice(ATTACKERS))

    def fresh(self):
        """An address of its own for a valid web chat (198.19.0.0/16, benchmarking)."""
        with self.lock:
            self.web_address += 1
            n = self.web_address % 65536
        return f"198.19.{n // 256}.{n % 256}"

    def case(self):
        r = self.rng
        kind = r.choices(["telegram", "vk", "nlu", "operator", "web", "actuator", "secret_tg", "secret_vk"], [28, 18, 14, 14, 14, 6, 3, 3])[0]
        if kind == "secret_tg":
            return self.wrong_secret_broken_body("telegram")
        if kind == "secret_vk":
            return self.wrong_secret_broken_body("vk")
        case = getattr(self, kind)()
        if case.address is None and not (case.target == "operator" and case.headers.get("Authorization", "").endswith(
                base64.b64encode(f"admin:{self.args.admin_password}".encode()).decode())):
            # hostile traffic comes from the attackers; the admin's own well-signed requests from 127.0.0.1
            case.address = r.choice(ATTACKERS)
        return case


def issue_session(target, case):
    """For a case that needs an issued web-chat session: asks for one from the case's address."""
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    try:
        conn.request("POST", "/api/chat/session", b"", {"X-Forwarded-For": case.address})
        resp = conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            return resp.status, data
        body = dict(case.body, session=json.loads(data)["session"])
        case.body = json.dumps(body).encode()
        return None, b""
    finally:
        conn.close()


def send(base, case, conns):
    target = urllib.parse.urlsplit(base)
    conn = conns.get("c")
    started = time.monotonic()
    if case.session and isinstance(case.body, dict):
        try:
            status, data = issue_session(target, case)
        except (OSError, http.client.HTTPException, ValueError) as e:
            status, data = type(e).__name__, b""
        if status is not None:
            return status, data[:300], time.monotonic() - started
    for attempt in range(2):
        if conn is None:
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        try:
            headers = dict(case.headers)
            if case.address:
                headers["X-Forwarded-For"] = case.address
            headers["Content-Length"] = str(len(case.body))
            conn.putrequest(case.method, case.path, skip_accept_encoding=True)
            for k, v in headers.items():
                conn.putheader(k, v)
            conn.endheaders()
            if case.body:
                try:
                    conn.send(case.body)
                except OSError:
                    # The server may answer (413, 400) and close before reading a huge body to
                    # the end: its answer is still there to read.
                    resp = conn.getresponse()
                    data = resp.read()
                    conn.close()
                    conns["c"] = None
                    return resp.status, data[:300], time.monotonic() - started
            resp = conn.getresponse()
            data = resp.read()
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
            conns["c"] = conn
            return resp.status, data[:300], time.monotonic() - started
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            conn = None
            conns["c"] = None
            if attempt == 1 or len(case.body) > 100_000:
                # a server may close the connection on a body it refuses to read to the end
                return type(e).__name__, b"", time.monotonic() - started
    return "unreachable", b"", 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--telegram-secret", required=True)
    p.add_argument("--vk-group", type=int, required=True)
    p.add_argument("--vk-secret", required=True)
    p.add_argument("--admin-password", required=True)
    p.add_argument("--operator-password", required=True, help="of the operator account 'fuzzop', who is no admin")
    p.add_argument("--targeted", action="store_true", help="run fuzz_checks.py's checks instead of random requests")
    p.add_argument("--requests", type=int, default=10000)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--seed", type=int, default=10)
    p.add_argument("--first-id", type=int, default=0, help="offset for update and chat ids (a second round)")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if args.targeted:
        return targeted(args)
    rng = random.Random(args.seed)
    gen = Generator(rng, args)
    gen.update_id += args.first_id
    gen.chat += args.first_id
    cases = [gen.case() for _ in range(args.requests)]
    results = [None] * len(cases)
    counter = iter(range(len(cases)))
    lock = threading.Lock()

    def worker():
        conns = {}
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            results[i] = send(args.base, cases[i], conns)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    table, server_errors, unexpected_2xx, connection_errors, latencies, wrong = {}, [], [], [], [], []
    for case, (status, body, seconds) in zip(cases, results):
        key = f"{case.target} {case.family}"
        row = table.setdefault(key, {})
        cls = f"{status // 100}xx" if isinstance(status, int) else "error"
        row[cls] = row.get(cls, 0) + 1
        latencies.append(seconds)
        sample = {"target": case.target, "family": case.family, "method": case.method, "path": case.path[:120],
                  "status": status, "request": bytes(case.body[:200]).decode(errors="replace") if isinstance(case.body, bytes) else str(case.body)[:200],
                  "response": body.decode(errors="replace")}
        if isinstance(status, int) and status >= 500:
            server_errors.append(sample)
        elif not isinstance(status, int):
            connection_errors.append(sample)
        elif isinstance(case.expect, set) and status not in case.expect:
            wrong.append(dict(sample, expected=sorted(case.expect)))
        elif case.expect == "4xx" and status < 400:
            unexpected_2xx.append(sample)
        elif case.expect == "2xx" and status >= 300:
            unexpected_2xx.append(dict(sample, note="a valid update refused"))
    latencies.sort()
    valid_chats = [c.chat for c, (status, _, _) in zip(cases, results) if c.chat and status == 200]
    summary = summarize(table, server_errors, connection_errors, unexpected_2xx, wrong, latencies, elapsed)
    summary.update({
        "valid_hostile_updates": len([c for c in cases if c.chat]), "valid_hostile_accepted": len(valid_chats),
        "valid_chats": valid_chats})
    json.dump(summary, open(args.out, "w"), indent=1)


def summarize(table, server_errors, connection_errors, unexpected_2xx, wrong, latencies, elapsed):
    latencies = sorted(latencies) or [0.0]
    requests = sum(sum(row.values()) for row in table.values())
    return {
        "requests": requests, "seconds": round(elapsed, 1), "per_second": round(requests / max(elapsed, 0.001), 1),
        "status_classes": {k: sum(r.get(k, 0) for r in table.values()) for k in ("2xx", "3xx", "4xx", "5xx", "error")},
        "by_family": dict(sorted(table.items())),
        "server_errors": len(server_errors), "server_error_samples": server_errors[:15],
        "connection_errors": len(connection_errors), "connection_error_samples": connection_errors[:10],
        "accepted_but_should_be_refused": len(unexpected_2xx), "accepted_samples": unexpected_2xx[:10],
        "wrong_status": len(wrong), "wrong_status_samples": wrong[:10],
        "latency_ms": {"p50": round(latencies[len(latencies) // 2] * 1000, 1),
                       "p99": round(latencies[int(len(latencies) * 0.99)] * 1000, 1), "max": round(latencies[-1] * 1000, 1)},
    }


def targeted(args):
    sys.dont_write_bytecode = True  # no __pycache__ of fuzz_checks.py in the work tree
    import fuzz_checks
    recorder = fuzz_checks.Recorder()
    started = time.monotonic()
    checks, extra = fuzz_checks.run(args, recorder)
    summary = summarize(recorder.table, recorder.server_errors, recorder.connection_errors, [], recorder.wrong,
                        recorder.latencies, time.monotonic() - started)
    summary.update({"valid_hostile_updates": 0, "valid_hostile_accepted": 0, "valid_chats": [], "checks": checks, **extra})
    json.dump(summary, open(args.out, "w"), indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
