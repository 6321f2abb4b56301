"""Black-box tests of the shared caches (FSA_CACHE redis and memcached) with real servers: two
features_server processes share cached answers and invalidations; an outage of the cache server
never changes an answer, only its cost."""

import time
import uuid

import pytest

from features_helpers import CALVIN, CacheDaemon, Features, cache_daemon, free_port, served


@pytest.fixture(scope="module", params=["redis", "memcached"])
def daemon(request):
    yield from cache_daemon(request.param)


@pytest.fixture(scope="module")
def pair(daemon, tmp_path_factory):
    """Two servers on one cache, under one prefix of their own."""
    config = daemon.cache_config("feat-" + uuid.uuid4().hex[:8] + ".")
    a = Features.start(tmp_path_factory, config, name=daemon.kind + "-a")
    b = Features.start(tmp_path_factory, config, name=daemon.kind + "-b")
    yield a, b
    codes = (a.stop(), b.stop())
    assert codes == (0, 0), (a.server.stderr(), b.server.stderr())


def both(pair, action, **data):
    return [srv.admin(action, **data) for srv in pair]


def test_cached_hash_is_shared(pair):
    a, b = pair
    both(pair, "set-password", login="shared", password="old-pass")
    assert a.me(("shared", "old-pass")) == (200, "shared")  # A caches the hash
    both(pair, "set-password", login="shared", password="new-pass")
    b.reset_stats()
    assert a.me(("shared", "old-pass"))[0] == 200
    assert b.me(("shared", "old-pass"))[0] == 200  # B never read its own table: the shared hash
    assert b.me(("shared", "new-pass"))[0] == 401
    assert b.stats()["user_pass"] == 0
    assert a.admin("password-uncache", login="shared") is True
    assert b.me(("shared", "new-pass")) == (200, "shared")
    assert b.me(("shared", "old-pass"))[0] == 401
    assert a.me(("shared", "new-pass"))[0] == 200
    assert b.stats()["user_pass"] == 1


def test_group_answer_and_uncache_are_shared(pair):
    a, b = pair
    both(pair, "set-password", login="sgrp", password="sgrp-pass")
    assert a.me(("sgrp", "sgrp-pass"), "/admin-only")[0] == 403
    both(pair, "set-group", login="sgrp", group="admin", member="true")
    b.reset_stats()
    assert b.me(("sgrp", "sgrp-pass"), "/admin-only")[0] == 403  # A's cached answer
    assert b.stats()["group_check"] == 0
    assert b.admin("group-uncache", login="sgrp", group="admin") is True
    assert a.me(("sgrp", "sgrp-pass"), "/admin-only") == (200, "sgrp")


@pytest.fixture(scope="module")
def other_prefix(daemon, tmp_path_factory):
    """A third server on the same cache under another prefix."""
    yield from served(tmp_path_factory, daemon.cache_config("other-" + uuid.uuid4().hex[:8] + "."), name="other")


def test_clear_caches_is_shared_within_the_prefix(pair, other_prefix):
    a, b = pair
    for srv in (a, b, other_prefix):
        srv.set_password("sclr", "sclr-old")
    assert a.me(("sclr", "sclr-old"))[0] == 200
    assert other_prefix.me(("sclr", "sclr-old"))[0] == 200
    for srv in (a, b, other_prefix):
        srv.set_password("sclr", "sclr-new")
    assert b.me(("sclr", "sclr-new"))[0] == 401
    assert b.admin("clear-caches") == "ok"
    assert a.me(("sclr", "sclr-new"))[0] == 200
    assert other_prefix.me(("sclr", "sclr-new"))[0] == 401  # another prefix: untouched
    assert other_prefix.me(("sclr", "sclr-old"))[0] == 200


@pytest.mark.parametrize("login", [b"with space", b"x" * 300, "\u00fcber".encode(), b"semi;colon%25=eq"])
def test_odd_logins_are_cached_and_uncached(pair, login):
    a, b = pair
    text = login.decode()
    both(pair, "set-password", login=text, password="odd-old")
    b.reset_stats()
    assert a.me((login, b"odd-old")) == (200, text)
    assert b.me((login, b"odd-old")) == (200, text)
    both(pair, "set-password", login=text, password="odd-new")
    assert b.me((login, b"odd-new"))[0] == 401  # the shared, stale hash
    assert b.stats()["user_pass"] == 0
    assert a.admin("password-uncache", login=text) is True
    assert b.me((login, b"odd-new")) == (200, text)


# --- outage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["redis", "memcached"])
def test_outage_keeps_answers_correct(kind, tmp_path_factory):
    gen = cache_daemon(kind)
    daemon = next(gen)
    try:
        srv = Features.start(tmp_path_factory, daemon.cache_config("outage."), name=kind + "-outage")
        assert srv.me(CALVIN) == (200, "calvin")  # cached in the daemon
        daemon.stop()
        srv.reset_stats()
        calls = 0
        for auth, expected in [
            (CALVIN, 200),
            (("calvin", "wrong"), 401),
            (("nobody", "x"), 401),
            (CALVIN, 200),
        ]:
            start = time.monotonic()
            status, _ = srv.me(auth)
            elapsed = time.monotonic() - start
            assert status == expected, auth
            assert elapsed < 1.0, (auth, elapsed)
            calls += 1
        assert srv.stats()["user_pass"] == calls  # the hook answers while the cache is away
        srv.set_password("calvin", "changed-1")  # and its answer is the current one
        assert srv.me(CALVIN)[0] == 401
        assert srv.me(("calvin", "changed-1"))[0] == 200
        assert srv.admin("password-uncache", login="calvin") is False
        assert srv.stop() == 0
    finally:
        gen.close()


@pytest.mark.parametrize("kind", ["redis", "memcached"])
def test_cache_server_down_from_the_start(kind, tmp_path_factory):
    daemon = CacheDaemon(kind)
    daemon.port = free_port()  # nobody listens there
    for srv in served(tmp_path_factory, daemon.cache_config("down."), name=kind + "-down"):
        for auth, expected in [(CALVIN, 200), (("calvin", "wrong"), 401), (CALVIN, 200)]:
            start = time.monotonic()
            assert srv.me(auth)[0] == expected
            assert time.monotonic() - start < 1.0
        assert srv.stats()["user_pass"] == 3


@pytest.mark.parametrize("kind", ["redis", "memcached"])
def test_cache_used_again_after_a_restart(kind, tmp_path_factory):
    gen = cache_daemon(kind)
    daemon = next(gen)
    try:
        for srv in served(tmp_path_factory, daemon.cache_config("restart."), name=kind + "-restart"):
            assert srv.me(CALVIN)[0] == 200
            daemon.stop()
            assert srv.me(CALVIN)[0] == 200
            daemon.start(port=daemon.port)  # empty: nothing cached any more
            time.sleep(2.5)  # past the longest back-off (2 s)
            srv.reset_stats()
            for _ in range(3):
                assert srv.me(CALVIN)[0] == 200
            assert srv.stats()["user_pass"] <= 2  # cached again (at most one more miss while reconnecting)
    finally:
        gen.close()
