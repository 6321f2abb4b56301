"""Re-exports the black-box fixtures of tests/http/conftest.py (start_server, build_path and the
autouse finalizers that stop servers), loaded under another module name to avoid a clash."""

import importlib.util
import os

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http", "conftest.py")
_spec = importlib.util.spec_from_file_location("http_conftest", _path)
_http = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_http)

build_path = _http.build_path
start_server = _http.start_server
_stop_leftover_servers = _http._stop_leftover_servers
_stop_all_servers = _http._stop_all_servers
