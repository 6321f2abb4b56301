#!/usr/bin/env python3
"""The README's "A first service", as a newcomer builds it against the installed package (issue 9): its
CMakeLists.txt, main.cpp (the `program hello` snippet) and hello.toml are taken from README.md as they
read now, configured with find_package(SimpleAuth) against PREFIX, built, run, and its OpenAPI document
must list the secured route, which answers calvin and refuses anonymous clients.

usage: readme_service.py --root SOURCE_DIR --prefix INSTALL_PREFIX --work DIR
"""

import argparse
import base64
import json
import os
import re
import select
import subprocess
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs"))
import extract_snippets  # noqa: E402  (tests/docs: the README's C++ blocks as compiled in-tree)


def file_block(readme, name):
    """The fenced block right after `<!-- file: NAME -->`."""
    found = re.search(r"<!-- file: " + re.escape(name) + r" -->\n```\w*\n(.*?)```", readme, re.S)
    if not found:
        sys.exit(f"readme_service: README.md has no block marked <!-- file: {name} -->")
    return found.group(1)


def get(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def run_and_check(binary, cwd):
    server = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", "0"], cwd=cwd, stdout=subprocess.PIPE,
                              text=True)
    try:
        ready, _, _ = select.select([server.stdout], [], [], 20)
        line = server.stdout.readline() if ready else ""
        if not line.startswith("listening on http://"):
            sys.exit(f"readme_service: the first service did not start: {line!r}")
        url = line.strip()[len("listening on "):]
        status, body = get(url + "/openapi.json")
        if status != 200:
            sys.exit(f"readme_service: /openapi.json answered {status}")
        operation = json.loads(body).get("paths", {}).get("/hello", {}).get("get")
        if not operation or not operation.get("security"):
            sys.exit(f"readme_service: GET /hello is not in the OpenAPI document as a secured route: {body[:500]!r}")
        calvin = {"Authorization": "Basic " + base64.b64encode(b"calvin:hobbes-1").decode()}
        answers = (get(url + "/hello")[0], get(url + "/hello", calvin))
        if answers != (401, (200, b"hello calvin\n")):
            sys.exit(f"readme_service: GET /hello answered {answers}")
        print(f"readme_service: GET /hello in the OpenAPI document with security {operation['security']}")
    finally:
        server.terminate()
        server.wait(timeout=15)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    readme = open(os.path.join(args.root, "README.md"), encoding="utf-8").read()
    source = os.path.join(args.work, "hello")
    os.makedirs(source, exist_ok=True)
    with open(os.path.join(source, "CMakeLists.txt"), "w", encoding="utf-8") as f:
        f.write(file_block(readme, "CMakeLists.txt"))
    with open(os.path.join(source, "main.cpp"), "w", encoding="utf-8") as f:
        f.write(extract_snippets.units(args.root)["program_hello.cpp"])
    # the Swagger UI assets are the newcomer's own npm install: without them the page lists the routes
    config, removed = re.subn(r"^FSA_DOCS_ASSETS = .*\n", "", file_block(readme, "hello.toml"), flags=re.M)
    if removed != 1:
        sys.exit("readme_service: hello.toml no longer sets FSA_DOCS_ASSETS: update this test")
    with open(os.path.join(source, "hello.toml"), "w", encoding="utf-8") as f:
        f.write(config)
    build = os.path.join(args.work, "build")
    for step in (["cmake", "-S", source, "-B", build, f"-DCMAKE_PREFIX_PATH={args.prefix}", "-DCMAKE_BUILD_TYPE=Release"],
                 ["cmake", "--build", build, "-j2"]):
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"readme_service: {' '.join(step)} failed:\n{done.stdout}\n{done.stderr}")
    run_and_check(os.path.join(build, "hello"), source)


if __name__ == "__main__":
    main()
