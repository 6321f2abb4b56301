#!/bin/bash
# The token route's throughput alone, then while password logins keep the worker pool busy, on one
# server (tests/http/pool_server: get_user_pass sleeps like a database round trip, FSA_CACHE off).
#   bench/pool_load.sh SERVER HOOK_DELAY_MS LOGIN_CONNECTIONS [server flags...]
# e.g. bench/pool_load.sh build/tests/http/pool_server 50 4 --workers 2 --queue 32
# Prints wrk's figures for: the token route alone (5 s), the token route while LOGIN_CONNECTIONS
# clients log in with HTTP basic (5 s inside a 7 s login run), and the logins themselves.
set -euo pipefail
SERVER=$1 DELAY=$2 LOGINS=$3
shift 3
LUA=$(dirname "$0")/requests.lua
OUT=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$OUT"' EXIT
"$SERVER" --host 127.0.0.1 --port 0 --threads 1 --hook-delay-ms "$DELAY" "$@" >"$OUT/listening" 2>"$OUT/stderr" &
PID=$!
for _ in $(seq 50); do grep -q listening "$OUT/listening" && break || sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$OUT/listening")
TOKEN=$(curl -sf -u calvin:hobbes "$URL/login")
token_run() {
    BENCH_PATH=/token BENCH_HEADER="Authorization: Bearer $TOKEN" wrk -t1 -c32 -d5s --latency -s "$LUA" "$URL" |
        grep -E "Requests/sec| 99%|Non-2xx|Socket errors"
}
echo "token route alone:"
token_run
BENCH_PATH=/basic BENCH_HEADER="Authorization: Basic $(printf calvin:hobbes | base64)" \
    wrk -t1 -c"$LOGINS" -d7s -s "$LUA" "$URL" >"$OUT/logins" &
LOGIN_PID=$!
sleep 1
echo "token route while $LOGINS clients log in:"
token_run
wait "$LOGIN_PID"
echo "the logins meanwhile:"
grep -E "Requests/sec|requests in|Non-2xx" "$OUT/logins"
kill -TERM "$PID"
wait "$PID" && echo "server exit 0"
