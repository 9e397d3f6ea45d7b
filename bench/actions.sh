#!/usr/bin/env bash
# Store actions: the latency an order lookup adds to the bot's turn, with the fake store on 127.0.0.1
# answering in 50 ms through the real HTTP client; prints p50/p99 of the turn that calls the store,
# of a knowledge-base turn, and what the action adds beyond the store's own 50 ms.
# Usage: bench/actions.sh [runs]     (default 200 lookups, each a new order: no cache hits)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-200}
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
if ! mvn -B -ntp -q -o test -Dtest=StoreActionLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.runs="$RUNS" >"$LOG" 2>&1; then
  echo "the measurement failed: see target/surefire-reports/" >&2
  exit 1
fi
grep '^actions: ' "$LOG"
