"""demo-spec §5.3 and §8: /users, for admins, or the user themself through the "users" permission."""

from conftest import BLA, FOO

# a valid TOTP secret: PostgreSQL's schema checks it (^[A-Z2-7]{16,32}$), SQLite's does not
SECRET = "XSECRETXSECRETXS"


def add_user(demo, login, password="pw", admin=False, by=FOO):
    r = demo.post("/users", auth=by, data={"login": login, "email": f"{login}@school.org", "pass": password,
                                           "secret": "ABCDEFGHIJKLMNOP", "admin": str(admin)})
    assert r.status_code == 201, r.text
    return r.json()


def test_list_and_get(demo):
    users = demo.get("/users", auth=FOO).json()
    assert [u[:2] for u in users] == [["bla", "bla@school.org"], ["foo", "foo@school.org"]]
    assert all(u[2].startswith("$2b$04$") and u[3] == 1 for u in users)
    assert demo.get("/users/foo", auth=BLA).json()[:2] == ["foo", "foo@school.org"]
    assert demo.get("/users/foo@school.org", auth=BLA).json()[0] == "foo"  # the stored login
    r = demo.get("/users/nobody", auth=FOO)
    assert r.status_code == 404 and r.text == "no such login: nobody"


def test_non_admin_self_only(demo):
    assert add_user(demo, "calvin") == 3
    calvin = ("calvin", "pw")
    assert demo.get("/users/calvin", auth=calvin).json() == [
        "calvin", "calvin@school.org", demo.get("/users/calvin", auth=FOO).json()[2], 0]
    assert demo.get("/users/foo", auth=calvin).status_code == 403
    assert demo.get("/users/nobody", auth=calvin).status_code == 403  # never the framework's 404
    assert demo.get("/users/calvin@school.org", auth=calvin).status_code == 403  # not self by e-mail
    r = demo.get("/users", auth=calvin)
    assert r.status_code == 403 and r.text == 'not in group "ADMIN"'
    assert demo.post("/users", auth=calvin, data={"login": "x"}).status_code == 403
    assert demo.patch("/users/calvin", auth=calvin, data={"admin": "true"}).status_code == 403
    assert demo.delete("/users/foo", auth=calvin).status_code == 403
    assert demo.delete("/users/calvin", auth=calvin).status_code == 204  # deleting oneself
    assert demo.get("/users/calvin", auth=FOO).status_code == 404


def test_create_errors(demo):
    r = demo.post("/users", auth=FOO, data={"login": "x", "email": "x@s.org", "pass": "1", "secret": SECRET})
    assert r.status_code == 400 and r.text == "password is too short, must be at least 2"
    r = demo.post("/users", auth=FOO, data={"login": "x", "email": "x@s.org", "pass": "12", "secret": SECRET})
    assert r.status_code == 400 and r.text == "password must match [a-zA-Z]"
    r = demo.post("/users", auth=FOO, data={"login": "foo", "email": "x@s.org", "pass": "pw", "secret": SECRET})
    assert r.status_code == 409  # upstream: 500
    r = demo.post("/users", auth=FOO, data={"login": "a@b", "email": "x@s.org", "pass": "pw", "secret": SECRET})
    assert r.status_code == 500  # check constraint, rolled back
    r = demo.post("/users", auth=FOO, data={"login": "x"})
    assert r.status_code == 400
    assert all(f'parameter "{p}" is missing' in r.text for p in ("email", "pass", "secret"))
    assert len(demo.get("/users", auth=FOO).json()) == 2


def test_new_user_logs_in_after_a_failed_attempt(demo):
    assert demo.get("/who", auth=("hobbes", "pw")).json() is None  # caches "no such user"
    add_user(demo, "hobbes")  # invalidates it
    assert demo.get("/who", auth=("hobbes", "pw")).json() == "hobbes"
    assert demo.get("/who", auth=("hobbes@school.org", "pw")).json() == "hobbes@school.org"


def test_patch(demo):
    add_user(demo, "susie")
    susie = ("susie", "pw")
    assert demo.get("/users", auth=susie).status_code == 403  # caches "not admin"
    assert demo.patch("/users/susie", auth=FOO, data={"admin": "true"}).status_code == 204
    assert demo.get("/users", auth=susie).status_code == 200  # invalidated
    assert demo.patch("/users/susie", auth=FOO, data={"pass": "new"}).status_code == 204
    assert demo.get("/who", auth=susie).json() is None
    assert demo.get("/who", auth=("susie", "new")).json() == "susie"
    assert demo.patch("/users/susie", auth=FOO, json={"email": "s@home.org", "secret": SECRET}).status_code == 204
    assert demo.get("/users/susie", auth=FOO).json()[1] == "s@home.org"
    assert demo.get("/who", auth=("s@home.org", "new")).json() == "s@home.org"
    assert demo.get("/users/susie", auth=FOO).json()[3] == 1  # the secret no longer lands in admin
    assert demo.patch("/users/susie", auth=FOO).status_code == 204  # nothing to change
    r = demo.patch("/users/nobody", auth=FOO, data={"admin": "false"})
    assert r.status_code == 404 and r.text == "no such login: nobody"  # upstream: 500
    r = demo.patch("/users/susie", auth=FOO, data={"pass": "1"})
    assert r.status_code == 400


def test_delete(demo):
    add_user(demo, "rosalyn")
    rosalyn = ("rosalyn", "pw")
    token = demo.token(rosalyn)
    assert demo.get("/stuff", **demo.with_token(token)).status_code == 200
    assert demo.delete("/users/rosalyn@school.org", auth=BLA).status_code == 204
    assert demo.get("/who", auth=rosalyn).json() is None  # cached password forgotten
    r = demo.delete("/users/rosalyn", auth=BLA)
    assert r.status_code == 404 and r.text == "no such login: rosalyn"
