#!/usr/bin/env bash
# The benchmark of issue 7, in one run (make bench): throughput ratios of the secured routes of
# bench/bench_app.hpp against the same server's open route, of the open route against a bare
# libmicrohttpd server (bench/bare_mhd.cpp), memory at rest and per idle connection, scaling with I/O
# threads, then the micro-benchmarks (bench/micro). Prints the table and records it in bench/README.md.
#
# Usage: bench/run.sh [BUILD_DIR] [DURATION_SECONDS]   (BUILD_DIR configured with -DSIMPLEAUTH_BENCH=ON)
# Environment: CONNECTIONS (64), IDLE_CONNECTIONS (10000), MICRO_MIN_TIME (0.2 s per micro-benchmark),
# BENCH_README (the file whose results block is replaced: bench/README.md); the harness test
# (bench/harness_test.sh) shrinks them all.
# Every server is pinned to core 0 with one I/O thread and wrk (one thread, $CONNECTIONS keep-alive
# connections, loopback) to core 1, except for the scaling figure, where both share cores 0 and 1.
set -euo pipefail
BUILD=${1:-build}
DURATION=${2:-10}
CONNECTIONS=${CONNECTIONS:-64}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
MICRO_MIN_TIME=${MICRO_MIN_TIME:-0.2}
PASSWORD_CACHE_TTL=${PASSWORD_CACHE_TTL:-600}  # FSA_PASSWORD_CACHE_TTL of the cached basic figure
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in
/*) BIN=$BUILD ;;  # an absolute build directory (ctest's bench_harness passes one)
*) BIN="$ROOT/$BUILD" ;;
esac
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps)"; exit 1; }
for binary in bench/bench_server bench/bare_mhd bench/idle_connections bench/micro_bench examples/acme/acme; do
    [ -x "$BIN/$binary" ] || { echo "bench: $BIN/$binary is missing (make bench builds it)"; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "bench: needs 2 cores (server and wrk on their own)"; exit 1; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# start CORES COMMAND...: the server in the background on CORES; sets SERVER (pid) and URL
start() {
    local cores=$1
    shift
    : >"$WORK/out"  # emptied here, not by the child's redirection: the last server's line must not be read
    taskset -c "$cores" "$@" >"$WORK/out" 2>"$WORK/err" &
    SERVER=$!
    for _ in $(seq 300); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
    URL=$(sed -n 's/^listening on //p' "$WORK/out")
    [ -n "$URL" ] || { echo "bench: $* did not start" >&2; cat "$WORK/err" >&2; exit 1; }
}
stop() {
    kill "$SERVER"
    wait "$SERVER" || true
    SERVER=""
}

# measure NAME CORES THREADS PATH [HEADER]: requests/s through bench/requests.lua; the full output
# stays in $WORK/NAME.txt for p99. Any non-2xx answer or socket error voids the run.
measure() {
    local name=$1 cores=$2 threads=$3
    BENCH_PATH=$4 BENCH_HEADER=${5:-} taskset -c "$cores" \
        wrk -t"$threads" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/requests.lua" "$URL" \
        >"$WORK/$name.txt"
    if grep -q 'Non-2xx\|Socket errors' "$WORK/$name.txt"; then
        echo "bench: $name ($4) had errors:" >&2
        cat "$WORK/$name.txt" >&2
        exit 1
    fi
    sed -n 's/^Requests\/sec: *//p' "$WORK/$name.txt"
}
p99() { awk '$1 == "99%" {print $2}' "$WORK/$1.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "**missed**") }'; }

SERVER_CORE=0
CLIENT_CORE=1
JWT_PATH="/jwt/{a}?b={b}&c=3.5"
FSA_PATH="/fsa/{a}?b={b}&c=3.5"
BASIC="Authorization: Basic $(printf 'bench:bench-password' | base64)"

echo "bench: bare libmicrohttpd"
start $SERVER_CORE "$BIN/bench/bare_mhd" --threads 1
BARE=$(measure bare $CLIENT_CORE 1 /open)
stop

# token_server TYPE [FLAGS...]: the bench server with FSA_TOKEN_TYPE = TYPE (and FLAGS) and a token of
# user bench for it
token_server() {
    echo "bench: bench_server ($*)"
    # basic requests wait for the worker pool (bcrypt runs there): a queue for every connection, so
    # that wrk measures the verification and not the pool's 503s when its default queue is full
    start $SERVER_CORE "$BIN/bench/bench_server" --port 0 --threads 1 --queue $((CONNECTIONS * 2)) --token "$@"
    TOKEN=$("$BIN/bench/bench_server" --token "$1" --print-token bench)
}
token_server jwt
OPEN=$(measure open $CLIENT_CORE 1 /open)
JWT=$(measure jwt $CLIENT_CORE 1 "$JWT_PATH" "Authorization: Bearer $TOKEN")
BASIC_RPS=$(measure basic $CLIENT_CORE 1 /basic "$BASIC")
stop
token_server fsa
OPEN_FSA=$(measure open_fsa $CLIENT_CORE 1 /open)
FSA=$(measure fsa $CLIENT_CORE 1 "$FSA_PATH" "Authorization: Bearer $TOKEN")
stop
# the same /basic with FSA_PASSWORD_CACHE_TTL: one bcrypt per TTL, then HMAC lookups (a server of its own,
# since the directive is per application; its ratio is against its own open route)
token_server jwt --password-cache-ttl "$PASSWORD_CACHE_TTL"
OPEN_CACHED=$(measure open_cached $CLIENT_CORE 1 /open)
BASIC_CACHED=$(measure basic_cached $CLIENT_CORE 1 /basic "$BASIC")
stop

echo "bench: I/O threads (server and wrk on cores 0-1)"
start 0,1 "$BIN/bench/bench_server" --port 0 --threads 1
THREADS1=$(measure threads1 0,1 2 /open)
stop
start 0,1 "$BIN/bench/bench_server" --port 0 --threads 2
THREADS2=$(measure threads2 0,1 2 /open)
stop

echo "bench: acme at rest"
mkdir -p "$WORK/acme"
: >"$WORK/out"
(cd "$WORK/acme" &&
    ACME_SECRET="benchmark secret for the acme example, 0123456789" ACME_CONFIG="$ROOT/examples/acme/acme.toml" \
        exec taskset -c $SERVER_CORE "$BIN/examples/acme/acme" --port 0 --threads 1 >"$WORK/out" 2>"$WORK/err") &
SERVER=$!
for _ in $(seq 300); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$WORK/out")
[ -n "$URL" ] || { echo "bench: acme did not start"; cat "$WORK/err"; exit 1; }
curl -sf "$URL/hello" >/dev/null
sleep 1
ACME_RSS=$(rss_kib $SERVER)
ACME_ANON=$(awk '/^RssAnon/ {print $2}' "/proc/$SERVER/status")
stop

# idle_cost COMMAND...: KiB of RSS per idle keep-alive connection of the server COMMAND starts (the
# engine's default limit is about 1000 connections: the servers are given --max-connections)
idle_cost() {
    ulimit -n $((IDLE_CONNECTIONS + 1000))
    start $SERVER_CORE "$@" --max-connections $((IDLE_CONNECTIONS + 100))
    curl -sf "$URL/open" >/dev/null
    local before after held
    before=$(rss_kib $SERVER)
    taskset -c $CLIENT_CORE "$BIN/bench/idle_connections" "${URL##*:}" "$IDLE_CONNECTIONS" /open 60 \
        >"$WORK/idle.out" 2>"$WORK/idle.err" &
    local client=$!
    for _ in $(seq 300); do grep -q held "$WORK/idle.out" 2>/dev/null && break; sleep 0.1; done
    held=$(sed -n 's/^held //p' "$WORK/idle.out")
    sleep 1
    after=$(rss_kib $SERVER)
    kill $client
    wait $client || true
    stop
    [ "${held:-0}" -eq "$IDLE_CONNECTIONS" ] || {
        echo "bench: ${held:-0} of $IDLE_CONNECTIONS idle connections held" >&2
        cat "$WORK/idle.err" >&2
        exit 1
    }
    awk -v a="$after" -v b="$before" -v n="$held" 'BEGIN { printf "%.1f", (a - b) / n }'
}
echo "bench: $IDLE_CONNECTIONS idle keep-alive connections"
IDLE_SERVER=$(idle_cost "$BIN/bench/bench_server" --port 0 --threads 1)
IDLE_BARE=$(idle_cost "$BIN/bench/bare_mhd" --threads 1)

echo "bench: micro-benchmarks"
taskset -c $SERVER_CORE "$BIN/bench/micro_bench" --benchmark_min_time="$MICRO_MIN_TIME" --benchmark_color=false \
    >"$WORK/micro.txt" 2>/dev/null

JWT_RATIO=$(ratio "$JWT" "$OPEN")
FSA_RATIO=$(ratio "$FSA" "$OPEN_FSA")
BASIC_RATIO=$(ratio "$BASIC_RPS" "$OPEN")
BASIC_CACHED_RATIO=$(ratio "$BASIC_CACHED" "$OPEN_CACHED")
# what one verification costs, from the micro-benchmarks: the uncached /basic pays it on every request
BCRYPT4=$(awk '$1 == "bcrypt_verify/4" { print $2 " " $3 }' "$WORK/micro.txt")
ENGINE_RATIO=$(ratio "$OPEN" "$BARE")
THREADS_RATIO=$(ratio "$THREADS2" "$THREADS1")
ACME_MIB=$(awk -v k="$ACME_RSS" 'BEGIN { printf "%.1f", k / 1024 }')

{
    echo "<!-- results -->"
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
    echo
    echo "Command: \`bench/run.sh $BUILD $DURATION\` (\`make bench\`): servers on core $SERVER_CORE with 1 I/O thread,"
    echo "\`wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency -s bench/requests.lua\` on core $CLIENT_CORE, loopback, keep-alive."
    echo "Load average before the run: $LOAD_BEFORE (above 0 when other work shared the machine)."
    echo
    echo "| route | requests/s | p99 latency | ratio | target |"
    echo "|---|---|---|---|---|"
    echo "| bare libmicrohttpd, same settings (bare_mhd) | $BARE | $(p99 bare) | | |"
    echo "| GET /open (OPEN) | $OPEN | $(p99 open) | $ENGINE_RATIO × bare | ≥ 0.90: $(verdict "$ENGINE_RATIO" 0.90) |"
    echo "| GET /jwt/<a>?b&c: JWT HS256, group, object permission, 3 typed parameters | $JWT | $(p99 jwt) | $JWT_RATIO × open | ≥ 0.90: $(verdict "$JWT_RATIO" 0.90) |"
    echo "| GET /basic: HTTP basic, bcrypt cost 4 (${BCRYPT4:-?} each) on every request, group (upstream's behaviour) | $BASIC_RPS | $(p99 basic) | $BASIC_RATIO × open | none: the hash sets it |"
    echo "| GET /open of the fsa server | $OPEN_FSA | $(p99 open_fsa) | | |"
    echo "| GET /fsa/<a>?b&c: fsa token (blake2s), same checks | $FSA | $(p99 fsa) | $FSA_RATIO × its open | ≥ 0.90: $(verdict "$FSA_RATIO" 0.90) |"
    echo "| GET /open of the password-cache server (FSA_PASSWORD_CACHE_TTL = $PASSWORD_CACHE_TTL) | $OPEN_CACHED | $(p99 open_cached) | | |"
    echo "| GET /basic with cached password check: the same basic route, bcrypt once per $PASSWORD_CACHE_TTL s, then an HMAC lookup | $BASIC_CACHED | $(p99 basic_cached) | $BASIC_CACHED_RATIO × its open | ≥ 0.85: $(verdict "$BASIC_CACHED_RATIO" 0.85) |"
    echo "| GET /open, 1 I/O thread, server and \`wrk -t2\` sharing cores 0-1 | $THREADS1 | $(p99 threads1) | | |"
    echo "| GET /open, 2 I/O threads, server and \`wrk -t2\` sharing cores 0-1 | $THREADS2 | $(p99 threads2) | $THREADS_RATIO × 1 thread | ≥ 1.7: $(verdict "$THREADS_RATIO" 1.7) |"
    echo
    echo "| memory | measured | target |"
    echo "|---|---|---|"
    echo "| acme at rest: VmRSS one second after its first request | $ACME_MIB MiB, of which $ACME_ANON KiB private (RssAnon), the rest shared libraries | ≤ 10 MiB: $(awk -v m="$ACME_MIB" 'BEGIN { print (m <= 10 ? "met" : "**missed**") }') |"
    echo "| bench_server holding $IDLE_CONNECTIONS idle keep-alive connections | $IDLE_SERVER KiB each | ≤ 16 KiB: $(awk -v k="$IDLE_SERVER" 'BEGIN { print (k <= 16 ? "met" : "**missed**") }') |"
    echo "| bare_mhd holding $IDLE_CONNECTIONS idle keep-alive connections (the engine alone) | $IDLE_BARE KiB each | |"
    echo
    echo "Micro-benchmarks (\`$BUILD/bench/micro_bench --benchmark_min_time=$MICRO_MIN_TIME\`, core $SERVER_CORE):"
    echo
    echo '```'
    grep -v '^\*\*\*\|^-\|^Run on\|^CPU Caches\|^  L[123]\|^Load Average' "$WORK/micro.txt"
    echo '```'
    echo "<!-- /results -->"
} >"$WORK/results.md"
cat "$WORK/results.md"
# replace the previous results in bench/README.md
python3 - "${BENCH_README:-$ROOT/bench/README.md}" "$WORK/results.md" <<'PY'
import re, sys
readme, results = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
text = re.sub(r"<!-- results -->.*?<!-- /results -->\n?", lambda m: results, text, flags=re.S)
open(readme, "w").write(text)
PY
