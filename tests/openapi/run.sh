#!/bin/sh
# ctest openapi_validate: the OpenAPI documents of the acme and demo examples and of tests/openapi/sample.cpp
# validated against the OpenAPI 3.1 schema by @seriousme/openapi-schema-validator (package-lock.json).
# usage: run.sh BUILD_DIR; exit 77 (ctest: skipped) when the validator cannot be installed (offline).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1
if [ ! -d "$here/node_modules/@seriousme/openapi-schema-validator" ]; then
    if ! npm ci --prefix "$here" --no-audit --no-fund >"${TMPDIR:-/tmp}/openapi-npm.log" 2>&1; then
        echo "openapi_validate: SKIPPED: 'npm ci --prefix tests/openapi' failed (offline or no npm?):"
        tail -5 "${TMPDIR:-/tmp}/openapi-npm.log"
        exit 77
    fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# acme reads its secret from the environment and creates its database in the working directory
(cd "$work" && ACME_SECRET="openapi validation secret, 32 bytes or more" \
    "$build/examples/acme/acme" --config "$here/../../examples/acme/acme.toml" --openapi >"$work/acme.json")
# the demo under both configurations (demo-jwt.toml adds /oauth, demo-fsa.toml /mfa): every route of its
# audit table (--routes) must be in its document, and the document valid
for config in jwt fsa; do
    demo="$build/examples/demo/demo --config $here/../../examples/demo/demo-$config.toml --db $work/demo-$config.db"
    (cd "$work" && $demo --openapi >"$work/demo-$config.json" && $demo --routes >"$work/demo-$config.routes")
    /usr/bin/python3 - "$work/demo-$config.routes" "$work/demo-$config.json" <<'PY'
import json, re, sys
paths = json.load(open(sys.argv[2]))["paths"]
lines = open(sys.argv[1]).read().splitlines()[1:]  # less the framework's own (FSA_OPENAPI_PATH...)
routes = [line.split()[:2] for line in lines if line.strip() and "(FSA_" not in line]
missing = [f"{m} {p}" for m, p in routes if m.lower() not in paths.get(re.sub(r"<(\w+)>", r"{\1}", p), {})]
if missing or not routes:
    sys.exit(f"{sys.argv[2]}: routes missing from the OpenAPI document: {missing or 'no routes read'}")
PY
done
for config in jwt fsa oauth; do
    "$build/tests/openapi/openapi_sample" "$config" >"$work/sample-$config.json"
done
node "$here/validate.mjs" "$work"/*.json
