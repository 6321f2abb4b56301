#!/usr/bin/env bash
# Instructions per request that a server's own code executes, under callgrind: what the profiles of
# bench/README.md count. Deterministic, unlike a timing: the machine's load does not change it.
#
# Usage: bench/instructions.sh NAME PATH HEADER FUNCTIONS -- SERVER [ARGS...]
#   PATH, HEADER   as for bench/requests.lua (BENCH_PATH, BENCH_HEADER; HEADER may be "")
#   FUNCTIONS      comma-separated callgrind --toggle-collect patterns: only what runs inside them is
#                  counted, e.g. the adapter's callbacks
#                  'simpleauth::server::on_access*,simpleauth::server::on_request_line*,simpleauth::server::on_completed*'
#                  or bare_mhd's handler '(anonymous namespace)::answer*'
# Prints "NAME requests=N instructions/request=M" and leaves the profile in /tmp/instructions.NAME.PID
# for callgrind_annotate --inclusive=yes. Needs valgrind (apt-get install valgrind) and wrk.
set -euo pipefail
name=$1 path=$2 header=$3 toggles=$4
shift 4
[ "$1" = "--" ] && shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
server=""
cleanup() {
    [ -z "$server" ] || { kill -9 "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true
    rm -rf "$WORK"
}
trap cleanup EXIT
collect=()
IFS=, read -ra patterns <<<"$toggles"
for p in "${patterns[@]}"; do collect+=(--toggle-collect="$p"); done
valgrind --tool=callgrind "${collect[@]}" --callgrind-out-file="/tmp/instructions.$name.%p" "$@" \
    >"$WORK/out" 2>"$WORK/err" &
server=$!
for _ in $(seq 300); do grep -q listening "$WORK/out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$WORK/out")
[ -n "$url" ] || { echo "instructions: the server did not start" >&2; cat "$WORK/err" >&2; exit 1; }
drive() { BENCH_PATH="$path" BENCH_HEADER="$header" wrk -t1 -c64 -d"$1" -s "$ROOT/bench/requests.lua" "$url"; }
drive 2s >/dev/null              # warm the caches (tokens, groups, permissions) first
callgrind_control -z "$server" >/dev/null 2>&1
drive 6s >"$WORK/wrk"
callgrind_control -d "$server" >/dev/null 2>&1
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk")
profile=$(ls -t /tmp/instructions."$name".* | head -1)
total=$(callgrind_annotate "$profile" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$name requests=$requests instructions/request=$((total / requests))"
