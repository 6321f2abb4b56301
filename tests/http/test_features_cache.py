"""Black-box tests of the in-process authentication cache (FSA_CACHE ttl, lru, none, FSA_CACHE_OPTS ttl)
and of the uncache API, against tests/http/features_server: the hooks count their calls (GET /stats),
OPEN /admin routes change the users' table and call app.password_uncache & co.

Every test works on its own logins, so that the tests of one server do not see each other's entries."""

import time

import pytest

from features_helpers import CALVIN, bearer, served


@pytest.fixture(scope="module", params=["ttl", "lru"])
def cached(request, tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_CACHE": request.param}, name="cache-" + request.param)


def test_password_hook_called_once(cached):
    cached.set_password("pw1", "secret-1")
    cached.reset_stats()
    for _ in range(3):
        assert cached.me(("pw1", "secret-1")) == (200, "pw1")
    assert cached.me(("pw1", "wrong")) == (401, "invalid user or password")  # checked against the cached hash
    assert cached.stats()["user_pass"] == 1


def test_stale_password_until_password_uncache(cached):
    cached.set_password("pw2", "old-2")
    assert cached.me(("pw2", "old-2"))[0] == 200
    cached.set_password("pw2", "new-2")
    assert cached.me(("pw2", "old-2"))[0] == 200  # the cached hash
    assert cached.me(("pw2", "new-2"))[0] == 401
    assert cached.admin("password-uncache", login="pw2") is True
    assert cached.me(("pw2", "new-2"))[0] == 200
    assert cached.me(("pw2", "old-2"))[0] == 401
    assert cached.admin("password-uncache", login="never-seen") is False


def test_unknown_user_is_cached_too(cached):
    cached.reset_stats()
    assert cached.me(("ghost", "boo-1"))[0] == 401
    cached.set_password("ghost", "boo-1")
    assert cached.me(("ghost", "boo-1"))[0] == 401  # "no such user" is cached (upstream)
    assert cached.stats()["user_pass"] == 1
    assert cached.admin("password-uncache", login="ghost") is True
    assert cached.me(("ghost", "boo-1")) == (200, "ghost")
    assert cached.stats()["user_pass"] == 2


def test_group_check_cached_until_group_uncache(cached):
    cached.set_password("grp", "grp-pass")
    cached.reset_stats()
    for _ in range(3):
        assert cached.me(("grp", "grp-pass"), "/admin-only") == (403, 'not in group "admin"')
    assert cached.stats()["group_check"] == 1
    assert cached.admin("set-group", login="grp", group="admin", member="true") == "ok"
    assert cached.me(("grp", "grp-pass"), "/admin-only")[0] == 403  # stale
    assert cached.admin("group-uncache", login="grp", group="admin") is True
    assert cached.me(("grp", "grp-pass"), "/admin-only") == (200, "grp")
    assert cached.stats()["group_check"] == 2
    assert cached.admin("group-uncache", login="grp", group="nosuchgroup") is False


def test_object_perms_cached_until_object_perms_uncache(cached):
    cached.set_password("obj", "obj-pass")
    cached.reset_stats()
    for _ in range(3):
        assert cached.me(("obj", "obj-pass"), "/doc/1")[0] == 403
    assert cached.stats()["object_perms"] == 1
    assert cached.admin("set-perm", login="obj", id="1", mode="read", allowed="true") == "ok"
    assert cached.me(("obj", "obj-pass"), "/doc/1")[0] == 403  # stale
    assert cached.admin("object-perms-uncache", domain="doc", login="obj", id="1", mode="read") is True
    assert cached.me(("obj", "obj-pass"), "/doc/1") == (200, "doc 1")
    assert cached.stats()["object_perms"] == 2
    # "no such object" (the hook's nullopt) is cached too
    for _ in range(2):
        assert cached.me(("obj", "obj-pass"), "/doc/3") == (404, "object not found")
    assert cached.stats()["object_perms"] == 3


def test_token_uncache(cached):
    token = cached.token(CALVIN)
    assert cached.get("/me", headers=bearer(token)).text == "calvin"
    assert cached.admin("token-uncache", token=token) is True  # it was cached
    assert cached.admin("token-uncache", token=token) is False
    assert cached.get("/me", headers=bearer(token)).text == "calvin"  # checked again, cached again
    assert cached.admin("token-uncache", token=token, realm="another-realm") is False
    assert cached.admin("token-uncache", token=token, realm="features-test") is True


def test_user_token_uncache(cached):
    cached.set_password("tok", "tok-pass")
    token = cached.token(("tok", "tok-pass"))
    assert cached.get("/me", headers=bearer(token)).text == "tok"
    assert cached.admin("user-token-uncache", login="tok") is True
    assert cached.admin("user-token-uncache", login="tok") is False
    assert cached.admin("token-uncache", token=token) is False  # the token's entry went too


def test_expired_token_refused_even_when_cached(cached):
    token = cached.token(CALVIN, delay=0.02)  # 1.2 s
    assert cached.get("/me", headers=bearer(token)).status_code == 200  # now in the cache
    time.sleep(2.3)  # the limit has a one-second resolution
    r = cached.get("/me", headers=bearer(token))
    assert r.status_code == 401  # the message is the last scheme's (basic), as upstream
    assert 'Bearer realm="features-test", error="invalid_token"' in r.raw.headers.getlist("WWW-Authenticate")


def test_auth_uncache(cached):
    cached.set_password("all", "all-old")
    assert cached.admin("set-group", login="all", group="admin", member="true") == "ok"
    assert cached.me(("all", "all-old"), "/admin-only") == (200, "all")
    token = cached.token(("all", "all-old"))
    assert cached.get("/me", headers=bearer(token)).status_code == 200
    cached.set_password("all", "all-new")
    assert cached.admin("set-group", login="all", group="admin", member="false") == "ok"
    assert cached.me(("all", "all-old"), "/admin-only")[0] == 200  # stale password and group
    assert cached.admin("auth-uncache", login="all") is True
    assert cached.me(("all", "all-old"))[0] == 401
    assert cached.me(("all", "all-new"), "/admin-only")[0] == 403
    assert cached.admin("token-uncache", token=token) is False  # the user's last token went too
    assert cached.admin("auth-uncache", login="all-never-seen") is False


def test_clear_caches(cached):
    cached.set_password("clr", "clr-old")
    assert cached.me(("clr", "clr-old"))[0] == 200
    cached.set_password("clr", "clr-new")
    assert cached.me(("clr", "clr-new"))[0] == 401
    assert cached.admin("clear-caches") == "ok"
    assert cached.me(("clr", "clr-new"))[0] == 200
    assert cached.admin("password-uncache", login="calvin") is False  # everything went


# --- FSA_CACHE = "none" -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uncached(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_CACHE": "none"}, name="cache-none")


def test_no_cache_calls_the_hooks_every_time(uncached):
    uncached.reset_stats()
    for _ in range(3):
        assert uncached.me(CALVIN, "/admin-only") == (200, "calvin")
        assert uncached.me(CALVIN, "/doc/1") == (200, "doc 1")
    assert uncached.stats() == {"user_pass": 6, "group_check": 3, "object_perms": 3}


def test_no_cache_sees_changes_at_once(uncached):
    uncached.set_password("nc", "nc-old")
    assert uncached.me(("nc", "nc-old"))[0] == 200
    uncached.set_password("nc", "nc-new")
    assert uncached.me(("nc", "nc-old"))[0] == 401
    assert uncached.me(("nc", "nc-new"))[0] == 200
    assert uncached.admin("password-uncache", login="nc") is False
    token = uncached.token(CALVIN)
    assert uncached.get("/me", headers=bearer(token)).status_code == 200
    assert uncached.admin("token-uncache", token=token) is False


# --- FSA_CACHE_OPTS ttl -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def short_ttl(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_CACHE": "ttl", "FSA_CACHE_OPTS": {"ttl": 1}}, name="cache-ttl1")


def test_entries_expire_after_ttl(short_ttl):
    short_ttl.reset_stats()
    assert short_ttl.me(CALVIN, "/admin-only")[0] == 200
    assert short_ttl.me(CALVIN, "/admin-only")[0] == 200
    assert short_ttl.stats() == {"user_pass": 1, "group_check": 1, "object_perms": 0}
    time.sleep(1.5)
    assert short_ttl.me(CALVIN, "/admin-only")[0] == 200
    assert short_ttl.stats() == {"user_pass": 2, "group_check": 2, "object_perms": 0}
