"""The targeted part of bench/reliability/fuzz.py (--targeted; Python 3 standard library only).

Run once after the random rounds: bodies over the 64 KB limit to every public endpoint (with a
Content-Length and chunked, up to 30 MB, streamed from a generator and never built in memory, and
16 threads uploading 1-30 MB at once), the per-address rate limits (429 with Retry-After), forged
CSAT ratings, a flood of hand-overs from one address, and last the sign-in throttle.

The bot runs with SUPPORTBOT_LIMITS_BEHIND_PROXY=true and the fuzzer connects from 127.0.0.1, a
trusted proxy: each request names its client in X-Forwarded-For (documentation and benchmarking
ranges: they are header text only, every byte goes to 127.0.0.1). So each check has addresses of
its own, and the admin's reads (from 127.0.0.1 itself) are never throttled by what a check provokes.
"""
import base64
import hashlib
import http.client
import json
import re
import select
import socket
import threading
import time
import urllib.parse

LIMIT = 64 * 1024
MB = 1024 * 1024
BLOCK = b"x" * 65536


class Recorder:
    """Counts statuses per "target family" like the random rounds, keeps samples of anything wrong."""

    def __init__(self):
        self.lock = threading.Lock()
        self.table, self.server_errors, self.connection_errors, self.wrong = {}, [], [], []
        self.latencies = []

    def add(self, target, family, method, path, status, body=b"", seconds=0.0, expect=None, request=""):
        with self.lock:
            row = self.table.setdefault(f"{target} {family}", {})
            cls = f"{status // 100}xx" if isinstance(status, int) else "error"
            row[cls] = row.get(cls, 0) + 1
            self.latencies.append(seconds)
            sample = {"target": target, "family": family, "method": method, "path": path[:120], "status": status,
                      "request": request[:200], "response": body[:300].decode(errors="replace")}
            if isinstance(status, int) and status >= 500:
                self.server_errors.append(sample)
            elif not isinstance(status, int):
                self.connection_errors.append(sample)
            elif expect is not None and status not in expect:
                self.wrong.append(dict(sample, expected=sorted(expect)))


class Addresses:
    """Client addresses for X-Forwarded-For: a fresh one per call from 198.18.0.0/16 (benchmarking)."""

    def __init__(self, first):
        self.next, self.lock = first, threading.Lock()

    def fresh(self):
        with self.lock:
            self.next += 1
            n = self.next % 65536
            return f"198.18.{n // 256}.{n % 256}"  # the random rounds' web chats use 198.19.0.0/16


class Client:
    """One request per connection from 127.0.0.1, naming its client address; records every answer."""

    def __init__(self, base, admin_password, recorder):
        target = urllib.parse.urlsplit(base)
        self.host, self.port = target.hostname, target.port
        self.admin = "Basic " + base64.b64encode(f"admin:{admin_password}".encode()).decode()
        self.rec = recorder

    def call(self, target, family, method, path, body=None, address=None, headers=None, expect=None, record=True):
        h = {"Content-Type": "application/json"} if body is not None else {}
        h.update(headers or {})
        if address:
            h["X-Forwarded-For"] = address
        data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        started = time.monotonic()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, data, h)
            resp = conn.getresponse()
            status, answer, got = resp.status, resp.read(), dict((k.lower(), v) for k, v in resp.getheaders())
        except (OSError, http.client.HTTPException) as e:
            status, answer, got = type(e).__name__, b"", {}
        finally:
            conn.close()
        if record:
            self.rec.add(target, family, method, path, status, answer, time.monotonic() - started, expect, data[:200].decode(errors="replace"))
        return status, got, answer

    def json_of(self, answer):
        try:
            return json.loads(answer)
        except ValueError:
            return None

    def as_admin(self, method, path):
        status, _, answer = self.call("operator", "admin_read", method, path, headers={"Authorization": self.admin}, record=False)
        return status, self.json_of(answer)

    def session(self, family, address):
        status, _, answer = self.call("web", family, "POST", "/api/chat/session", address=address, expect={200})
        body = self.json_of(answer) if status == 200 else None
        return body.get("session") if isinstance(body, dict) else None

    def say(self, family, token, address, text=None, button=None, expect=None):
        body = {"session": token, "text": text} if text is not None else {"session": token, "button": button}
        status, _, answer = self.call("web", family, "POST", "/api/chat", body, address, expect=expect)
        return status, self.json_of(answer)


def conversation_of(token):
    """The web chat's conversation id of a token, as WebSessions derives it."""
    return "web:" + hashlib.sha256(token.encode()).hexdigest()[:16]


# --- bodies over the limit, streamed --------------------------------------------------------------

def stream_upload(host, port, method, path, size, chunked, expect_continue, address, deaf=False):
    """Sends a body of `size` bytes from a generator (64 KB blocks), stopping as soon as the server
    answers (unless `deaf`: then it goes on sending until the server stops reading, as a hostile
    client would); returns (status or error name, response head, bytes of the body sent). A server
    that refuses a huge body may close the connection before it was all sent: that is fine as long
    as its answer can be read."""
    sock = socket.create_connection((host, port), timeout=60)
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/json",
            f"X-Forwarded-For: {address}", "Connection: close"]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    if expect_continue:
        head.append("Expect: 100-continue")
    received = b""
    try:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        if expect_continue:
            readable, _, _ = select.select([sock], [], [], 2)
            if readable:
                received = sock.recv(65536)
                if received.startswith(b"HTTP/1.1 100"):
                    received = received.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in received else b""
        sent = 0
        while sent < size and not received:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable and not deaf:
                break
            n = min(len(BLOCK), size - sent)
            sock.sendall(b"%x\r\n" % n + BLOCK[:n] + b"\r\n" if chunked else BLOCK[:n])
            sent += n
        if sent >= size and chunked:
            sock.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server stopped reading; its answer may still be there to read
    sent = locals().get("sent", 0)
    try:
        deadline = time.monotonic() + 30
        while b"\r\n\r\n" not in received and time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    except OSError as e:
        if not received:
            return type(e).__name__, b"", sent
    finally:
        sock.close()
    match = re.match(rb"HTTP/1\.1 (\d{3})", received)
    return (int(match.group(1)), received[:300], sent) if match else ("NoAnswer", received[:300], sent)


BODY_ENDPOINTS = [("POST", "/api/chat/session"), ("POST", "/api/chat"), ("GET", "/api/chat/updates"),
                  ("POST", "/api/nlu/parse"), ("POST", "/telegram/webhook"), ("POST", "/vk/callback")]


def large_bodies(client, addresses, rng, threads=16, per_thread=3):
    """Every public endpoint × Content-Length/chunked × just over the limit/30 MB, one by one; then
    `threads` threads uploading `per_thread` bodies of 1-30 MB each at once. Each upload comes from
    a fresh address, so its bucket is full and the answer must be exactly 413."""
    rec = client.rec
    sent_total, sent_lock = [0, 0], threading.Lock()

    def one(method, path, size, chunked, expect_continue, family, deaf=False):
        started = time.monotonic()
        status, answer, sent = stream_upload(client.host, client.port, method, path, size, chunked, expect_continue, addresses.fresh(), deaf)
        rec.add("large", family, method, path, status, answer, time.monotonic() - started, {413},
                f"{size} bytes {'chunked' if chunked else 'with Content-Length'}{' expecting 100-continue' if expect_continue else ''}"
                f"{' not listening' if deaf else ''}")
        with sent_lock:
            sent_total[0] += size
            sent_total[1] += sent

    for method, path in BODY_ENDPOINTS:
        for chunked in (False, True):
            for size in (LIMIT + 1, 30 * MB):
                one(method, path, size, chunked, False, f"{'chunked' if chunked else 'length'}_{'64kb+1' if size == LIMIT + 1 else '30mb'}")
        one(method, path, 30 * MB, False, True, "length_30mb_expect_100")
        one(method, path, 30 * MB, rng.random() < 0.5, False, "30mb_not_listening", deaf=True)
    # Half the concurrent uploaders do not listen: they push their whole body whatever the answer.
    plan = [[(rng.choice(BODY_ENDPOINTS), rng.randint(1, 30) * MB, rng.random() < 0.5, t % 2 == 1) for _ in range(per_thread)]
            for t in range(threads)]

    def worker(jobs):
        for (method, path), size, chunked, deaf in jobs:
            one(method, path, size, chunked, False, f"concurrent_{threads}x{per_thread}_1-30mb", deaf)

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(jobs,)) for jobs in plan]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {"concurrent_uploads": threads * per_thread, "concurrent_mb": sum(s for jobs in plan for _, s, _, _ in jobs) // MB,
            "concurrent_seconds": round(time.monotonic() - started, 1),
            "mb_offered": round(sent_total[0] / MB), "mb_sent_before_the_answer_or_close": round(sent_total[1] / MB, 1)}


class HeapSampler(threading.Thread):
    """The heap in use (no GC forced) every 0.25 s from /actuator/prometheus, as the admin: the peak
    while bodies are refused shows whether any of them was buffered."""

    def __init__(self, client):
        super().__init__(daemon=True)
        self.client, self.stop, self.samples = client, threading.Event(), []

    def run(self):
        while not self.stop.is_set():
            status, _, answer = self.client.call("actuator", "admin_read", "GET", "/actuator/prometheus",
                                                 headers={"Authorization": self.client.admin}, record=False)
            if status == 200:
                used = sum(float(line.rsplit(" ", 1)[1]) for line in answer.decode().splitlines()
                           if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line)
                self.samples.append(round(used / MB, 1))
            self.stop.wait(0.25)


# --- the checks -----------------------------------------------------------------------------------

def check(name, passed, detail, pending=None):
    row = {"name": name, "pass": bool(passed), "detail": detail}
    if pending and not passed:
        row["note"] = f"expected to pass after {pending} lands"
    return row


def rate_limits(client, addresses):
    """One address past each limit: new sessions and parse calls must get 429 with Retry-After."""
    rows = []
    for family, method, path, body, n in (("rate_new_sessions", "POST", "/api/chat/session", None, 45),
                                          ("rate_parse", "POST", "/api/nlu/parse", {"text": "where is my order"}, 45)):
        address = addresses.fresh()
        statuses, retry = [], []
        for _ in range(n):
            status, headers, _ = client.call("web" if "chat" in path else "nlu", family, method, path, body, address, expect={200, 429})
            statuses.append(status)
            if status == 429:
                retry.append(headers.get("retry-after", ""))
        refused = statuses.count(429)
        good_retry = all(r.isdigit() and int(r) >= 1 for r in retry)
        rows.append(check(f"429 with Retry-After past the limit of {path}", refused > 0 and good_retry,
                          f"{n} requests from one address: {statuses.count(200)} × 200, {refused} × 429, Retry-After {sorted(set(retry))[:5]}"))
    return rows


def open_ticket(client, addresses):
    """A ticket of a fresh web customer, claimed and resolved by the admin: (number, token, address)."""
    address = addresses.fresh()
    token = client.session("csat_victim", address)
    if not token:
        return None, None, address
    status, body = client.say("csat_victim", token, address, text="позовите оператора", expect={200})
    conversation = conversation_of(token)
    _, queue = client.as_admin("GET", "/api/operator/queue")
    number = next((t["number"] for t in queue or [] if t.get("conversation") == conversation), None)
    if number is None:
        return None, token, address
    client.call("operator", "csat_setup", "POST", f"/api/operator/tickets/{number}/claim", headers={"Authorization": client.admin}, expect={200})
    client.call("operator", "csat_setup", "POST", f"/api/operator/tickets/{number}/close", headers={"Authorization": client.admin}, expect={200})
    return number, token, address


def forged_csat(client, addresses):
    """Ratings and comments on other customers' tickets, from fresh sessions, change nothing; a
    customer's own rating counts once."""
    victim, _, _ = open_ticket(client, addresses)
    rated, owner, owner_address = open_ticket(client, addresses)
    if victim is None or rated is None:
        return [check("forged CSAT changes no one else's ticket", False, "could not open and resolve the tickets to forge ratings of")]
    # What the answers say is the bot's to choose (below 500); the tickets afterwards are the check.
    client.say("csat_owner", owner, owner_address, button=f"csat:{rated}:4")
    client.say("csat_owner", owner, owner_address, button=f"csat:{rated}:1")
    payloads = [f"csat:{victim}:1", f"csat:{victim}:5", f"csat:{rated}:1", "csat:1:1", "csat:999999:5", "csat:-1:3",
                "csat:1:99", f"csat:{victim}:99", f"csat:{victim}:-5", "csat:99999999999999999999999:5",
                f"csat:{victim}:99999999999999999999", "csat:" + "9" * 240 + ":1", "csat:1", "csat::", "csat:x:y", f"csat:{victim}:3:extra"]
    for payload in payloads:
        address = addresses.fresh()
        token = client.session("csat_forged", address)
        if token:
            client.say("csat_forged", token, address, button=payload)
            client.say("csat_forged", token, address, text="forged comment: terrible operator")
    _, v = client.as_admin("GET", f"/api/operator/tickets/{victim}")
    _, r = client.as_admin("GET", f"/api/operator/tickets/{rated}")
    _, first = client.as_admin("GET", "/api/operator/tickets/1")
    forged_ok = (isinstance(v, dict) and v.get("csat") is None and v.get("comment") is None
                 and (not isinstance(first, dict) or first.get("number") in (victim, rated) or first.get("csat") is None))
    once_ok = isinstance(r, dict) and r.get("csat") == 4 and not (r.get("comment") or "").startswith("forged")
    return [check("forged CSAT changes no one else's ticket", forged_ok,
                  f"{len(payloads)} forged payloads + comments; ticket #{victim}: csat {v.get('csat') if isinstance(v, dict) else v}, "
                  f"comment {v.get('comment') if isinstance(v, dict) else None!r}", "the CSAT ownership fix"),
            check("a customer's own rating counts once", once_ok,
                  f"owner rated #{rated} 4 then 1, forgers 1: csat {r.get('csat') if isinstance(r, dict) else r}", "the CSAT ownership fix")]


def handover_flood(client, addresses, sessions=20):
    """New sessions and «позовите оператора» from one address, as fast as they go: at most 10
    tickets a minute may open."""
    address = addresses.fresh()
    started = time.monotonic()
    conversations = []
    for _ in range(sessions):
        token = client.session("handover_flood", address)
        if token:
            client.say("handover_flood", token, address, text="позовите оператора")  # refused how the limit likes, below 500
            conversations.append(conversation_of(token))
    seconds = round(time.monotonic() - started, 1)
    _, open_tickets = client.as_admin("GET", "/api/operator/tickets?scope=open")
    opened = sum(1 for t in open_tickets or [] if t.get("conversation") in conversations)
    return [check("at most 10 hand-overs a minute from one address", opened <= 10 and open_tickets is not None,
                  f"{len(conversations)} sessions asked for an operator within {seconds} s: {opened} tickets opened",
                  "the hand-over limit")]


def sign_in_throttle(client, addresses, attempts=12, failures=10):
    """Wrong Basic passwords from one address: the first `failures` get 401, then 429 with
    Retry-After, even for the right password; the admin at another address is not affected."""
    address = addresses.fresh()
    statuses, retry = [], []
    for i in range(attempts):
        wrong = "Basic " + base64.b64encode(f"admin:wrong-{i}".encode()).decode()
        status, headers, _ = client.call("operator", "sign_in_throttle", "GET", "/api/operator/me", None, address,
                                         {"Authorization": wrong}, expect={401} if i < failures else {429})
        statuses.append(status)
        if status == 429:
            retry.append(headers.get("retry-after", ""))
    right, _, _ = client.call("operator", "sign_in_throttle", "GET", "/api/operator/me", None, address,
                              {"Authorization": client.admin}, expect={429})
    elsewhere, _ = client.as_admin("GET", "/api/operator/me")
    passed = (statuses == [401] * failures + [429] * (attempts - failures) and right == 429 and elsewhere == 200
              and all(r.isdigit() and int(r) >= 1 for r in retry))
    return [check(f"sign-in closes after {failures} failures from one address", passed,
                  f"wrong passwords: {statuses}; then the right one: {right}; Retry-After {sorted(set(retry))}; "
                  f"the admin from another address: {elsewhere}")]


def run(args, recorder):
    """All targeted checks in order, the sign-in throttle last; returns (checks, extra numbers)."""
    import random
    rng = random.Random(args.seed)
    client = Client(args.base, args.admin_password, recorder)
    addresses = Addresses(args.first_id)
    sampler = HeapSampler(client)
    sampler.start()
    extra = {"large_bodies": large_bodies(client, addresses, rng)}
    sampler.stop.set()
    sampler.join()
    extra["heap_mb_while_uploading"] = {"samples": len(sampler.samples), "peak": max(sampler.samples, default=None),
                                        "first": sampler.samples[0] if sampler.samples else None}
    rows = [check("every body over 64 KB refused with 413", not any(w["target"] == "large" for w in recorder.wrong)
                  and not any(e["target"] == "large" for e in recorder.connection_errors + recorder.server_errors),
                  f"{sum(sum(r.values()) for k, r in recorder.table.items() if k.startswith('large '))} uploads, "
                  f"{extra['large_bodies']['concurrent_uploads']} of them ({extra['large_bodies']['concurrent_mb']} MB) at once")]
    rows += rate_limits(client, addresses)
    rows += forged_csat(client, addresses)
    rows += handover_flood(client, addresses)
    rows += sign_in_throttle(client, addresses)
    return rows, extra
