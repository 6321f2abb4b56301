"""The curl lines the README prints for `make demo` work as printed (port aside)."""

import os
import re
import subprocess

from conftest import build_path, start_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def demo_lines():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    block = re.search(r"<!-- demo-curl -->(.*?)<!-- /demo-curl -->", text, re.S).group(1)
    return [line for line in block.splitlines() if line.startswith(("curl", "TOKEN"))]


def test_readme_curl_lines(tmp_path):
    env = dict(os.environ, ACME_SECRET="acme development secret, not for production use",
               ACME_CONFIG=os.path.join(ROOT, "examples", "acme", "acme.toml"))
    server = start_server([build_path("examples/acme/acme")], env=env, cwd=str(tmp_path))
    try:
        lines = [line.replace("127.0.0.1:5000", f"127.0.0.1:{server.port}") for line in demo_lines()]
        assert len(lines) == 6
        # run them in one shell, as a user would, printing each status code
        script = "set -e\n" + "\n".join(
            line if line.startswith("TOKEN") else line.replace("curl ", "curl -s -o /dev/null -w '%{http_code}\\n' ", 1)
            for line in lines)
        out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=True).stdout
        assert out.split() == ["200", "200", "200", "201", "403"]
    finally:
        assert server.stop() == 0
