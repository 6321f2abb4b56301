"""TLS in the engine adapter: --tls-cert/--tls-key, the secure flag, and the start-up refusals."""

import socket
import ssl
import subprocess

import pytest
import requests

from conftest import build_path, parse_responses, start_server


def echo_argv(*extra):
    return [build_path("tests/http/echo_server"), *extra]


@pytest.fixture(scope="module")
def pem(tmp_path_factory):
    """A throw-away self-signed certificate for 127.0.0.1: (cert path, key path)."""
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return str(cert), str(key)


@pytest.fixture(scope="module")
def tls_echo(pem):
    cert, key = pem
    server = start_server(echo_argv("--threads", "2", "--tls-cert", cert, "--tls-key", key))
    yield server
    assert server.stop() == 0


def tls_exchange(server, cafile, data, timeout=5):
    """Sends raw bytes over TLS and reads until the server closes (or timeout)."""
    ctx = ssl.create_default_context(cafile=cafile)
    chunks = []
    with socket.create_connection((server.host, server.port), timeout=timeout) as raw:
        with ctx.wrap_socket(raw, server_hostname=server.host) as sock:
            sock.sendall(data)
            while True:
                try:
                    chunk = sock.recv(65536)
                except (socket.timeout, ssl.SSLError, ConnectionResetError):
                    break
                if not chunk:
                    break
                chunks.append(chunk)
    return b"".join(chunks)


def test_https_request_is_served_and_marked_secure(tls_echo, pem):
    assert tls_echo.url.startswith("https://127.0.0.1:")  # the startup line says https
    r = requests.post(tls_echo.url + "/p?q=1", data=b"hello", verify=pem[0], timeout=10)
    assert r.status_code == 200
    assert "secure: true\n" in r.text
    assert "path: /p\n" in r.text and "query: q=1\n" in r.text
    assert r.text.endswith("body-length: 5\nbody: hello")


def test_plain_server_is_not_secure():
    server = start_server(echo_argv())
    try:
        assert server.url.startswith("http://")
        assert "secure: false\n" in requests.get(server.url + "/", timeout=10).text
    finally:
        assert server.stop() == 0


def test_plain_http_to_the_tls_port_fails(tls_echo, pem):
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"http://{tls_echo.host}:{tls_echo.port}/", timeout=5)
    # raw: whatever comes back is never an HTTP answer
    with socket.create_connection((tls_echo.host, tls_echo.port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        sock.settimeout(5)
        try:
            data = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            data = b""
    assert not data.startswith(b"HTTP/")
    # and the server keeps serving TLS clients
    assert requests.get(tls_echo.url + "/", verify=pem[0], timeout=10).status_code == 200


def test_unknown_certificate_is_rejected_by_the_client(tls_echo):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(tls_echo.url + "/", timeout=10)  # the system's CAs do not know it


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # offering TLS 1.1 is the point
def test_tls_1_1_is_refused(tls_echo, pem):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pem[0])
    try:
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    except (ValueError, ssl.SSLError):
        pytest.skip("the client library cannot offer TLS 1.1 at all")
    with socket.create_connection((tls_echo.host, tls_echo.port), timeout=5) as raw:
        with pytest.raises((ssl.SSLError, ConnectionResetError)):
            with ctx.wrap_socket(raw, server_hostname=tls_echo.host):
                pass


def test_request_checks_still_apply_over_tls(tls_echo, pem):
    # the head layout check reads the engine's buffer, which now holds decrypted bytes
    (status, _, _), = parse_responses(tls_exchange(tls_echo, pem[0], b"GET / HTTP/1.1\nHost: h\n\n"))
    assert status == 400
    data = tls_exchange(
        tls_echo, pem[0], b"GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
    )
    (s1, _, b1), (s2, _, b2) = parse_responses(data)
    assert (s1, s2) == (200, 200)
    assert b"path: /a\n" in b1 and b"path: /b\n" in b2 and b"secure: true\n" in b2


def refused(*args):
    proc = subprocess.run(echo_argv(*args, "--port", "0"), capture_output=True, text=True, timeout=20)
    assert proc.returncode != 0
    assert proc.stdout == ""  # never a listening line
    return proc.stderr


def test_cert_without_key_is_refused(pem):
    assert "both a certificate and its private key" in refused("--tls-cert", pem[0])
    assert "both a certificate and its private key" in refused("--tls-key", pem[1])


def test_unreadable_files_are_refused(pem, tmp_path):
    err = refused("--tls-cert", str(tmp_path / "missing.pem"), "--tls-key", pem[1])
    assert "cannot read TLS certificate file" in err and "missing.pem" in err
    err = refused("--tls-cert", pem[0], "--tls-key", str(tmp_path))  # a directory
    assert "cannot read TLS key file" in err


def test_swapped_or_garbage_files_are_refused(pem, tmp_path):
    cert, key = pem
    assert "is not a PEM file with a CERTIFICATE" in refused("--tls-cert", key, "--tls-key", cert)
    empty = tmp_path / "empty.pem"
    empty.write_text("")
    assert "is not a PEM file" in refused("--tls-cert", cert, "--tls-key", str(empty))
    # looks like PEM, is not: the engine refuses it and the server says why it did not start
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    assert "TLS certificate and key were refused" in refused("--tls-cert", str(bad), "--tls-key", key)


def test_empty_flag_value_is_refused():
    assert "--tls-cert needs a file name" in refused("--tls-cert=", "--tls-key", "x")
