#!/bin/sh
# ctest openapi_validate: the OpenAPI documents of the acme example and of tests/openapi/sample.cpp
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
for config in jwt fsa oauth; do
    "$build/tests/openapi/openapi_sample" "$config" >"$work/sample-$config.json"
done
node "$here/validate.mjs" "$work"/*.json
