#!/usr/bin/env bash
# Ratio benchmark of the acme example: the server pinned to one core, wrk on the other, loopback,
# keep-alive. Prints requests/s of an open route, a basic-auth route (bcrypt on every request, slow
# by design) and a JWT route with an object permission, and the JWT/open ratio.
# Usage: bench/run.sh [BUILD_DIR] [DURATION_SECONDS]; prints the table and records it in bench/README.md.
set -euo pipefail
BUILD=${1:-build}
DURATION=${2:-10}
CONNECTIONS=${CONNECTIONS:-64}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/examples/acme/acme"
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps)"; exit 1; }
CORES=$(nproc)
SERVER_CORE=0
CLIENT_CORE=$((CORES > 1 ? 1 : 0))

cd "$WORK"
ACME_SECRET="benchmark secret for the acme example, 0123456789" ACME_CONFIG="$ROOT/examples/acme/acme.toml" \
    taskset -c $SERVER_CORE "$BIN" --port 0 --threads 1 >"$WORK/out" 2>"$WORK/err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$WORK/out")
[ -n "$URL" ] || { echo "bench: the server did not start"; cat "$WORK/err"; exit 1; }

BASIC="Authorization: Basic $(printf 'calvin:hobbes-1' | base64)"
TOKEN=$(curl -sf -u calvin:hobbes-1 "$URL/login" | tr -d '"')
BEARER="Authorization: Bearer $TOKEN"

run() {  # name, path, [header]
    local args=(-t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency)
    [ -n "${3:-}" ] && args+=(-H "$3")
    taskset -c $CLIENT_CORE wrk "${args[@]}" "$URL$2" >"$WORK/$1.txt"
    local non2xx
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: //p' "$WORK/$1.txt")
    [ -z "$non2xx" ] || { echo "bench: $1 got $non2xx non-2xx responses"; cat "$WORK/$1.txt"; exit 1; }
    sed -n 's/^Requests\/sec: *//p' "$WORK/$1.txt"
}
p99() { awk '$1 == "99%" {print $2}' "$WORK/$1.txt"; }

OPEN=$(run open /hello)
BASIC_RPS=$(run basic /store "$BASIC")
JWT=$(run jwt /store/1/product "$BEARER")
RATIO=$(awk -v a="$JWT" -v b="$OPEN" 'BEGIN { printf "%.2f", a / b }')

{
    echo "<!-- results -->"
    echo "### $(date -u +%Y-%m-%d) — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
    echo
    echo "Command: \`bench/run.sh $BUILD $DURATION\` (server on core $SERVER_CORE with 1 I/O thread, wrk -t1 -c$CONNECTIONS on core $CLIENT_CORE, ${DURATION}s each)"
    echo
    echo "| route | authentication | requests/s | p99 latency |"
    echo "|---|---|---|---|"
    echo "| GET /hello (OPEN) | none | $OPEN | $(p99 open) |"
    echo "| GET /store (group employee) | basic, bcrypt cost 10 on every request | $BASIC_RPS | $(p99 basic) |"
    echo "| GET /store/1/product (object permission, SQLite) | JWT HS256 | $JWT | $(p99 jwt) |"
    echo
    echo "Ratio JWT route / open route: **$RATIO**"
    echo "<!-- /results -->"
} >"$WORK/results.md"
cat "$WORK/results.md"
# replace the previous results in bench/README.md
python3 - "$ROOT/bench/README.md" "$WORK/results.md" <<'PY'
import re, sys
readme, results = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
text = re.sub(r"<!-- results -->.*?<!-- /results -->\n?", lambda m: results, text, flags=re.S)
open(readme, "w").write(text)
PY
