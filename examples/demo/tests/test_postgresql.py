"""What is particular to PostgreSQL (--db postgresql://...): transactions rolled back with an error
status, a check constraint, and a restart on an existing database. Every route of demo-spec also runs
on PostgreSQL through the `demo`, `jwt_demo` and `fsa_demo` fixtures of conftest.py."""

import pytest

from conftest import BLA, FOO, start_demo


@pytest.fixture(params=["jwt", "fsa"])
def pg_demo(request, postgres):
    d = start_demo(request.param, db=postgres.new_database())
    yield d
    d.server.stop()


def test_auth_model_and_rollback(pg_demo):
    user = {"login": "susie", "email": "susie@school.org", "upass": "derkins", "admin": "no",
            "secret": "SUSIESECRETSUSIES"}
    r = pg_demo.post("/auth", auth=BLA, json={"user": user})
    assert r.status_code == 201 and r.json() == {"aid": 3}
    assert pg_demo.post("/auth", auth=BLA, json={"user": user}).status_code == 409
    assert pg_demo.put("/auth/3", auth=BLA, json={"user": dict(user, aid=3, email="s@home.org")}).status_code == 204
    assert pg_demo.get("/auth/susie", auth=BLA).json()["email"] == "s@home.org"
    # a failed request leaves nothing behind: the password change is rolled back with the 409
    r = pg_demo.patch("/users/susie", auth=BLA, data={"pass": "newpass", "email": "foo@school.org"})
    assert r.status_code == 409
    assert pg_demo.get("/who", auth=("susie", "derkins")).json() == "susie"
    r = pg_demo.post("/auth", auth=BLA, json={"user": dict(user, login="x@y", email="x@school.org")})
    assert r.status_code == 500  # check constraint
    assert pg_demo.get("/auth", auth=BLA).json()[-1]["login"] == "susie"
    assert pg_demo.delete("/auth/susie", auth=BLA).status_code == 204


def test_restart_keeps_the_data(postgres):
    db = postgres.new_database()
    first = start_demo("jwt", db=db)
    assert first.post("/stuff", auth=FOO, data={"sname": "persistent"}).json() == 4
    first.server.stop()
    second = start_demo("jwt", db=db)  # no second creation
    assert second.get("/stuff/4", auth=FOO).json() == ["persistent"]
    assert len(second.get("/users", auth=FOO).json()) == 2
    second.server.stop()
