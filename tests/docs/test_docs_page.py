"""The Swagger UI page (FSA_DOCS_PATH), served with local assets (FSA_DOCS_ASSETS) and rendered by
headless Chromium: every route of the OpenAPI document is listed on the page.

- the acme example runs in prod, where the page and the document are off unless configured: the test
  configures them. The screenshot is kept as an artifact: $SIMPLEAUTH_BUILD_DIR/tests/docs/docs_page.png.
- the README's first service (its main.cpp, built as doc_hello, and its hello.toml) runs as a newcomer
  would run it, in dev mode: its secured route works and is on its page.
"""

import base64
import json
import os
import re
import struct
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import build_path, parse_responses, raw_request, start_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ASSETS = os.environ.get("SWAGGER_UI_DIST", "")
SECRET = "docs page test secret, 32 bytes or more"
WIDTH, HEIGHT = 1280, 2000


@pytest.fixture(scope="module")
def acme_config(tmp_path_factory):
    work = tmp_path_factory.mktemp("acme")
    base = open(os.path.join(ROOT, "examples", "acme", "acme.toml"), encoding="utf-8").read()
    # top-level keys before acme.toml's [acme] table
    head = f'FSA_OPENAPI_PATH = "/openapi.json"\nFSA_DOCS_PATH = "/docs"\nFSA_DOCS_ASSETS = {json.dumps(ASSETS)}\n'
    (work / "acme.toml").write_text(head + base, encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def acme(acme_config):
    env = dict(os.environ, ACME_SECRET=SECRET)
    server = start_server([build_path("examples/acme/acme"), "--config", str(acme_config / "acme.toml")], env=env,
                          cwd=str(acme_config))
    yield server
    assert server.stop() == 0


def get(server, path, headers=None):
    request = urllib.request.Request(server.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


def chromium(args, url, tmp_path):
    """Runs headless Chromium; its stderr (D-Bus and GPU warnings on a server) is not looked at."""
    argv = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={WIDTH},{HEIGHT}", "--virtual-time-budget=5000"]
    result = subprocess.run(argv + args + [url], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=40,
                            check=True)
    return result.stdout.decode("utf-8", "replace")


def rendered_operations(server, tmp_path):
    """(METHOD, path) of every operation Swagger UI rendered: its method, then its path in data-path."""
    dom = chromium(["--dump-dom"], server.url + "/docs", tmp_path)
    return set(re.findall(r'opblock-summary-method">(\w+)</span>.*?data-path="([^"]+)"', dom, re.S))


def document_operations(server):
    status, _, body = get(server, "/openapi.json")
    assert status == 200
    paths = json.loads(body)["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method in item}


def test_page_and_its_assets(acme):
    status, content_type, page = get(acme, "/docs")
    assert status == 200 and content_type == "text/html; charset=utf-8"
    page = page.decode()
    assert '<link rel="stylesheet" href="/docs/swagger-ui.css">' in page
    assert '<script src="/docs/swagger-ui-bundle.js"></script>' in page
    assert 'SwaggerUIBundle({url: "/openapi.json"' in page
    for name, expected_type in (("swagger-ui.css", "text/css"), ("swagger-ui-bundle.js", "text/javascript")):
        status, content_type, body = get(acme, "/docs/" + name)
        assert status == 200 and content_type.startswith(expected_type)
        assert body == open(os.path.join(ASSETS, name), "rb").read()


@pytest.mark.parametrize("path", [
    "/docs/index.html",                  # in swagger-ui-dist, not on the allow-list
    "/docs/package.json",
    "/docs/swagger-ui-bundle.js.map",
    "/docs/../../../../etc/passwd",      # raw, not normalized by a client
    "/docs/%2e%2e/%2e%2e/etc/passwd",
    "/docs/./swagger-ui.css",
    "/docs//swagger-ui.css",
    "/docs/swagger-ui.css/",
])
def test_nothing_outside_the_allow_list(acme, path):
    data = raw_request(acme.host, acme.port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    [(status, _, body)] = parse_responses(data)
    assert status in (400, 404)
    assert b"root:" not in body


def test_the_page_is_not_in_the_document_but_is_in_the_audit_table(acme, acme_config):
    operations = document_operations(acme)
    assert not any(path.startswith("/docs") for _, path in operations)
    routes = subprocess.run([build_path("examples/acme/acme"), "--config", str(acme_config / "acme.toml"),
                             "--routes"], env=dict(os.environ, ACME_SECRET=SECRET), cwd=str(acme_config),
                            capture_output=True, text=True, timeout=20, check=True).stdout
    for path in ("/openapi.json", "/docs", "/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js"):
        assert re.search(rf"^GET +{re.escape(path)} +OPEN \| - \|", routes, re.M), routes


def test_chromium_lists_every_route(acme, tmp_path):
    expected = document_operations(acme)
    assert len(expected) == 5 and ("POST", "/store/{sid}/product") in expected
    assert rendered_operations(acme, tmp_path) == expected


def test_chromium_screenshot(acme, tmp_path):
    artifact = os.path.join(os.environ["SIMPLEAUTH_BUILD_DIR"], "tests", "docs", "docs_page.png")
    os.makedirs(os.path.dirname(artifact), exist_ok=True)
    if os.path.exists(artifact):
        os.unlink(artifact)  # a stale one from an earlier run proves nothing
    chromium([f"--screenshot={artifact}"], acme.url + "/docs", tmp_path)
    png = open(artifact, "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (WIDTH, HEIGHT)
    # a page with one line of text is about 12 KB at this size; the rendered operations are far more
    assert len(png) > 20000


def readme_block(marker):
    """The fenced block right after an HTML comment line of README.md."""
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    return re.search(re.escape(marker) + r"\n```\w*\n(.*?)```", text, re.S).group(1)


def test_readme_first_service(tmp_path):
    config = readme_block("<!-- file: hello.toml -->")
    config, replaced = re.subn(r'^FSA_DOCS_ASSETS = ".*"$', f"FSA_DOCS_ASSETS = {json.dumps(ASSETS)}", config,
                               flags=re.M)
    assert replaced == 1
    (tmp_path / "hello.toml").write_text(config, encoding="utf-8")
    server = start_server([build_path("tests/docs/doc_hello")], cwd=str(tmp_path))
    try:
        assert get(server, "/hello")[0] == 401
        calvin = {"Authorization": "Basic " + base64.b64encode(b"calvin:hobbes-1").decode()}
        assert get(server, "/hello", calvin)[::2] == (200, b"hello calvin\n")
        assert rendered_operations(server, tmp_path) == {("GET", "/hello")}
    finally:
        assert server.stop() == 0
