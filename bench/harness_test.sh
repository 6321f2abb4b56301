#!/usr/bin/env bash
# ctest bench_harness (make test): bench/run.sh runs from end to end in about a minute — every server
# starts, wrk's output is parsed, every row of the table is filled, the results block of a copy of
# bench/README.md is replaced and nothing else in it changes. It checks the harness, never a timing:
# the figures of a one-second run on a loaded machine mean nothing and are not compared with anything.
#
# Usage: bench/harness_test.sh BUILD_DIR   (configured with -DSIMPLEAUTH_BENCH=ON)
set -euo pipefail
BUILD=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/bench/README.md" "$WORK/README.md"
before=$(sha256sum "$ROOT/bench/README.md")

CONNECTIONS=8 IDLE_CONNECTIONS=100 MICRO_MIN_TIME=0.001 BENCH_README="$WORK/README.md" \
    "$ROOT/bench/run.sh" "$BUILD" 1 >"$WORK/out" 2>"$WORK/err" || {
    echo "bench_harness: bench/run.sh failed"
    cat "$WORK/out" "$WORK/err"
    exit 1
}
[ "$(sha256sum "$ROOT/bench/README.md")" = "$before" ] || { echo "bench_harness: bench/README.md was written"; exit 1; }

python3 - "$ROOT/bench/README.md" "$WORK/README.md" <<'PY'
import re, sys

original, written = open(sys.argv[1]).read(), open(sys.argv[2]).read()
block = re.compile(r"<!-- results -->.*?<!-- /results -->\n?", re.S)
assert block.sub("", original) == block.sub("", written), "text outside the results block changed"
results = block.search(written).group(0)
assert re.search(r"^### \d{4}-\d\d-\d\d \d\d:\d\d UTC — \d+ cores", results, re.M), "no dated heading"

rows = {}
for line in results.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if line.startswith("| ") and len(cells) >= 3 and not set(cells[0]) <= set("-"):
        rows[cells[0]] = cells

def row(prefix):
    found = [cells for name, cells in rows.items() if name.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} rows start with {prefix!r}"
    return found[0]

def positive(text, what):
    value = float(text)
    assert value > 0, f"{what}: {text}"

throughput = ["bare libmicrohttpd", "GET /open (OPEN)", "GET /jwt/", "GET /basic: HTTP basic", "GET /open of the fsa",
              "GET /fsa/", "GET /open of the password-cache", "GET /basic with cached", "GET /open, 1 I/O",
              "GET /open, 2 I/O"]
ratios = {"GET /open (OPEN)": "bare", "GET /jwt/": "open", "GET /basic: HTTP basic": "open", "GET /fsa/": "its open",
          "GET /basic with cached": "its open", "GET /open, 2 I/O": "1 thread"}
for prefix in throughput:
    cells = row(prefix)
    positive(cells[1], prefix + " requests/s")
    assert re.fullmatch(r"[\d.]+(us|ms|s)", cells[2]), f"{prefix}: p99 {cells[2]!r}"
    if prefix in ratios:
        assert re.fullmatch(r"\d+\.\d\d × " + ratios[prefix], cells[3]), f"{prefix}: ratio {cells[3]!r}"
        assert re.search(r"met|\*\*missed\*\*|none", cells[4]), f"{prefix}: verdict {cells[4]!r}"
assert re.search(r"\d+\.\d+ ms each", row("GET /basic: HTTP basic")[0]), "bcrypt cost not read from micro_bench"

acme = row("acme at rest")
assert re.match(r"[\d.]+ MiB, of which \d+ KiB private", acme[1]), acme[1]
for prefix in ("bench_server holding 100 idle", "bare_mhd holding 100 idle"):
    positive(re.match(r"(-?[\d.]+) KiB each", row(prefix)[1]).group(1), prefix)

for benchmark in ("pipeline_open", "pipeline_jwt", "jwt_hs256_verify", "fsa_token_verify", "bcrypt_verify/4",
                  "password_verdict_hit", "jwt_public_key_verify/es256", "cache_hit", "route/first_literal", "cast_int"):
    assert re.search(r"^" + re.escape(benchmark) + r"\S*\s+[\d.]+ [nmu]?s", results, re.M), f"micro: {benchmark}"
print(f"bench_harness: {len(rows)} rows filled, results block replaced, nothing else changed")
PY
