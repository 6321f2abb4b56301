"""Black-box tests of FSA_PASSWORD_CACHE_TTL (a SimpleAuth addition, off by default) against
tests/http/auth_server: a remembered success still answers 200, a wrong password is refused even right
after it, a password change (POST /password: new hash, then password_uncache) refuses the old password
at once, bad values stop the start-up. How many verifications a request costs is counted in the unit
tests (tests/unit/auth/password_cache_test.cpp); here the cost shows as time only, too noisy to assert."""

import pytest

from auth_helpers import CALVIN, SUSIE, Auth, find_leaks, run_refused, secret

WRONG = secret("not-the-password-of-calvin")
NEW = secret("hobbes-2-new-password")
CONFIG = {"FSA_AUTH": ["basic", "none"], "FSA_PASSWORD_SCHEME": "bcrypt", "FSA_PASSWORD_OPTS": {"rounds": 4},
          "FSA_PASSWORD_CACHE_TTL": 600, "FSA_THROTTLE": False}


@pytest.fixture()
def srv(tmp_path_factory):
    server = Auth.start(tmp_path_factory, CONFIG, name="pwcache")
    yield server
    assert server.stop() == 0


def test_right_password_again_then_wrong_one(srv):
    for _ in range(3):
        r = srv.get("/me", auth=CALVIN)
        assert (r.status_code, r.text) == (200, "calvin")
    for _ in range(2):
        r = srv.get("/me", auth=("calvin", WRONG))
        assert r.status_code == 401, "a wrong password right after a remembered success"
        assert r.headers["WWW-Authenticate"].startswith("Basic")
    assert srv.get("/me", auth=(CALVIN[0], CALVIN[1] + "x")).status_code == 401  # a prefix matches nothing
    assert srv.get("/me", auth=("susie", CALVIN[1])).status_code == 401  # nor another login
    assert srv.get("/me", auth=CALVIN).status_code == 200
    assert srv.get("/me", auth=SUSIE).text == "susie"


def test_password_change_refuses_the_old_password_at_once(srv):
    assert srv.get("/me", auth=CALVIN).status_code == 200
    assert srv.get("/me", auth=CALVIN).status_code == 200  # remembered
    r = srv.post("/password", auth=CALVIN, data={"new_password": NEW})
    assert (r.status_code, r.text) == (200, "changed")
    assert srv.get("/me", auth=CALVIN).status_code == 401
    assert srv.get("/me", auth=("calvin", NEW)).text == "calvin"
    assert srv.get("/me", auth=("calvin", NEW)).status_code == 200
    assert srv.get("/me", auth=SUSIE).status_code == 200  # other users untouched


@pytest.mark.parametrize("config", [{"FSA_PASSWORD_CACHE_TTL": -1}, {"FSA_PASSWORD_CACHE_TTL": "600"},
                                    {"FSA_PASSWORD_CACHE_SIZE": 0}])
def test_bad_values_stop_the_start_up(tmp_path, config):
    code, out, err = run_refused(tmp_path, {"FSA_AUTH": ["basic", "none"], **config})
    assert code == 2, (code, out, err)
    assert "listening" not in out
    assert next(iter(config)) in err, err


def test_zz_no_secret_in_responses_or_logs():
    assert find_leaks() == []
