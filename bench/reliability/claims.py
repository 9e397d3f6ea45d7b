#!/usr/bin/env python3
"""Tickets on two instances for bench/reliability/two.sh (Python 3 standard library only).

    python3 bench/reliability/claims.py --a URL --b URL --tickets N --out result.json

N web-chat customers ask for a person (alternately through instance A and B), which opens N
tickets; then, for every ticket at once, operator anna claims it through A and boris through B.
Checks: every ticket claimed exactly once (one 200 and one 409 per ticket), each ends with one
operator that both instances report, and its history shows one assignment.
"""
import argparse
import hashlib
import base64
import json
import threading
import time
import urllib.error
import urllib.request


def call(base, method, path, body=None, user=None):
    headers = {"Content-Type": "application/json"}
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{user}-pw".encode()).decode()
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None,
                                 headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")[:200]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--a", required=True)
    p.add_argument("--b", required=True)
    p.add_argument("--tickets", type=int, default=100)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    opened = []
    conversations = set()
    for i in range(args.tickets):
        base = args.a if i % 2 == 0 else args.b
        # Sessions are issued by the server; operators see web:<first 16 hex of the token's SHA-256>.
        _, issued = call(base, "POST", "/api/chat/session", {})
        session = issued["session"]
        conversations.add("web:" + hashlib.sha256(session.encode()).hexdigest()[:16])
        status, reply = call(base, "POST", "/api/chat", {"session": session, "text": "I want to talk to a human operator", "language": "en"})
        opened.append((status, reply.get("status") if isinstance(reply, dict) else reply))
    status, queue = call(args.a, "GET", "/api/operator/tickets?scope=open", user="anna")
    mine = [t for t in queue if t["conversation"] in conversations] if status == 200 else []
    results = {}

    def claim(base, user, number):
        results[(number, user)] = call(base, "POST", f"/api/operator/tickets/{number}/claim", user=user)[0]

    threads = []
    for t in mine:
        threads += [threading.Thread(target=claim, args=(args.a, "anna", t["number"])),
                    threading.Thread(target=claim, args=(args.b, "boris", t["number"]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed_twice, unclaimed, disagree, assigned_steps = [], [], [], []
    for t in mine:
        n = t["number"]
        ok = [u for u in ("anna", "boris") if results.get((n, u)) == 200]
        if len(ok) > 1:
            claimed_twice.append(n)
        if not ok:
            unclaimed.append([n, results.get((n, "anna")), results.get((n, "boris"))])
        _, va = call(args.a, "GET", f"/api/operator/tickets/{n}", user="anna")
        _, vb = call(args.b, "GET", f"/api/operator/tickets/{n}", user="boris")
        oa, ob = (va or {}).get("operator") if isinstance(va, dict) else None, (vb or {}).get("operator") if isinstance(vb, dict) else None
        if oa != ob or (ok and oa != ok[0]):
            disagree.append([n, ok, oa, ob])
        steps = [s for s in (va.get("history") or []) if "assign" in json.dumps(s).lower()] if isinstance(va, dict) else []
        assigned_steps.append(len(steps))
    statuses = {}
    for code in results.values():
        statuses[str(code)] = statuses.get(str(code), 0) + 1
    summary = {"customers": args.tickets, "chat_answers": sorted({str(s) for s, _ in opened}),
               "conversation_status_after": sorted({str(x) for _, x in opened}), "tickets_opened": len(mine),
               "claims": len(results), "claim_statuses": statuses, "tickets_claimed_twice": claimed_twice,
               "tickets_not_claimed": unclaimed[:10], "instances_disagree": disagree[:10],
               "assignment_steps_per_ticket": sorted(set(assigned_steps))}
    summary["pass"] = (len(mine) == args.tickets and not claimed_twice and not unclaimed and not disagree)
    json.dump(summary, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()
