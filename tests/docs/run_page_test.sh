#!/bin/sh
# ctest docs_page: the acme example serves its Swagger UI page; headless Chromium renders it.
# Swagger UI (npm swagger-ui-dist, package-lock.json) is installed into tests/docs/node_modules, outside
# git, when missing; exit 77 (ctest: skipped) when it cannot be installed (offline) or Chromium is absent.
# usage: run_page_test.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/node_modules/swagger-ui-dist/swagger-ui-bundle.js" ]; then
    # --ignore-scripts: the package's postinstall only reports usage, nothing to run for a test
    if ! npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund >"${TMPDIR:-/tmp}/docs-npm.log" 2>&1; then
        echo "docs_page: SKIPPED: 'npm ci --prefix tests/docs' failed (offline or no npm?):"
        tail -5 "${TMPDIR:-/tmp}/docs-npm.log"
        exit 77
    fi
fi
if ! command -v chromium >/dev/null; then
    echo "docs_page: SKIPPED: no chromium (scripts/install-deps installs it)"
    exit 77
fi
# the fixtures of tests/http/conftest.py (server start and clean-up), loaded as a plugin
SIMPLEAUTH_BUILD_DIR=$1 SWAGGER_UI_DIST="$here/node_modules/swagger-ui-dist" PYTHONPATH="$here/../http" \
    exec /usr/bin/python3 -m pytest -q -p no:cacheprovider -p conftest "$here/test_docs_page.py"
