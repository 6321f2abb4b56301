"""Black-box tests of error rendering against tests/http/features_server: FSA_ERROR_RESPONSE (plain, json,
json:KEY, a custom renderer chosen by [features] renderer), headers of ErrorResponse, internal errors,
FSA_SERVER_ERROR, FSA_NOT_FOUND_ERROR, FSA_KEEP_USER_ERRORS, FSA_HANDLE_ALL_ERRORS."""

import json

import pytest

from features_helpers import CALVIN, served

WERKZEUG_500 = (
    "The server encountered an internal error and was unable to complete your request. Either the server is "
    "overloaded or there is an error in the application."
)


def render(mode, message, status, content_type=None):
    """(body, Content-Type) of an error in each mode. json:KEY bodies are compact (pinned by the unit
    tests; upstream's Python json.dumps writes '{"error": "..."}' with a space)."""
    if mode == "plain":
        return message, "text/plain; charset=utf-8"
    if mode == "json":
        return json.dumps(message), "application/json"
    if mode == "json:error":
        return json.dumps({"error": message}, separators=(",", ":")), "application/json"
    return f"custom[{status}]: {message}", content_type or "application/x-custom"


def config_of(mode):
    if mode == "custom":
        return {"features": {"renderer": "custom"}}
    return {"FSA_ERROR_RESPONSE": mode}


@pytest.fixture(scope="module", params=["plain", "json", "json:error", "custom"])
def errors(request, tmp_path_factory):
    for srv in served(tmp_path_factory, config_of(request.param), name="errors"):
        srv.mode = request.param
        yield srv


def check(r, mode, message, status, content_type=None):
    body, ctype = render(mode, message, status, content_type)
    assert (r.status_code, r.text, r.headers["Content-Type"]) == (status, body, ctype)
    assert ("X-Renderer" in r.headers) == (mode == "custom")


def test_error_response_with_headers(errors):
    r = errors.get("/error/custom")
    check(r, errors.mode, "custom error", 418)
    assert r.headers["X-Custom"] == "custom-header"
    assert r.headers["Retry-After"] == "7"


def test_error_content_type_goes_to_the_renderer_only(errors):
    # upstream: the content type of an ErrorResponse is ignored by the built-in modes
    check(errors.get("/error/typed"), errors.mode, "typed error", 400, "text/x-typed")


def test_framework_errors_are_rendered(errors):
    check(errors.get("/nowhere"), errors.mode, "not found", 404)
    check(errors.get("/me"), errors.mode, "missing authorization header", 401)
    check(errors.get("/admin-only", auth=("susie", "calvin-3")), errors.mode, 'not in group "admin"', 403)
    check(errors.get("/doc/3", auth=CALVIN), errors.mode, "object not found", 404)


def test_405_keeps_allow(errors):
    r = errors.request("DELETE", "/me")
    check(r, errors.mode, "method not allowed", 405)
    assert r.headers["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_runtime_error_says_nothing(errors):
    r = errors.get("/error/runtime")
    check(r, errors.mode, "internal error", 500)
    assert "SECRET-123" not in r.text
    assert not [v for v in r.headers.values() if "SECRET-123" in v]


def test_non_standard_exception(errors):
    check(errors.get("/error/int"), errors.mode, "internal error", 500)
    assert errors.get("/open").text == "open"  # still serving
    check(errors.get("/error/int"), errors.mode, "internal error", 500)


def test_hook_answers_are_not_rendered(errors):
    r = errors.get("/me", headers={"X-Short-Circuit": "yes"})
    assert (r.status_code, r.text, r.headers["Content-Type"]) == (418, "short-circuited", "text/plain; charset=utf-8")


# --- statuses -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def statuses(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_SERVER_ERROR": 599, "FSA_NOT_FOUND_ERROR": 410}, name="statuses")


def test_server_error_status(statuses):
    for path in ("/error/runtime", "/error/int"):
        r = statuses.get(path)
        assert (r.status_code, r.text) == (599, "internal error"), path


def test_not_found_error_status(statuses):
    r = statuses.get("/doc/3", auth=CALVIN)
    assert (r.status_code, r.text) == (410, "object not found")
    assert statuses.get("/nowhere").status_code == 404  # upstream: only the object permissions' "not found"
    assert statuses.get("/doc/1", auth=CALVIN).status_code == 200


@pytest.fixture(scope="module")
def keep_user_errors(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_KEEP_USER_ERRORS": True}, name="keep")


def test_keep_user_errors(keep_user_errors):
    for path in ("/error/runtime", "/error/int"):
        r = keep_user_errors.get(path)
        assert (r.status_code, r.text) == (500, WERKZEUG_500), path
    r = keep_user_errors.get("/error/custom")  # an ErrorResponse is no user error
    assert (r.status_code, r.text) == (418, "custom error")


# --- FSA_HANDLE_ALL_ERRORS = false ------------------------------------------------------------------


@pytest.fixture(scope="module", params=["json", "custom"])
def not_all(request, tmp_path_factory):
    config = {"FSA_HANDLE_ALL_ERRORS": False, **config_of(request.param)}
    for srv in served(tmp_path_factory, config, name="notall"):
        srv.mode = request.param
        yield srv


def test_framework_404_405_not_rendered(not_all):
    r = not_all.get("/nowhere")
    assert r.status_code == 404
    assert not r.headers["Content-Type"].startswith(("application/json", "application/x-custom"))
    assert "X-Renderer" not in r.headers
    with pytest.raises(ValueError):
        json.loads(r.text)
    r = not_all.request("DELETE", "/me")
    assert r.status_code == 405
    assert r.headers["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert not r.headers["Content-Type"].startswith(("application/json", "application/x-custom"))
    assert "X-Renderer" not in r.headers


def test_other_errors_still_rendered(not_all):
    check(not_all.get("/error/custom"), not_all.mode, "custom error", 418)
    check(not_all.get("/doc/3", auth=CALVIN), not_all.mode, "object not found", 404)
    check(not_all.get("/me"), not_all.mode, "missing authorization header", 401)
