import json

from _web import PASSWORD, Client


def test_pages_need_a_login_and_login_lands_on_the_start_page(app, client):
    anonymous = client()
    response = anonymous.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    staff = client("staff")
    page = staff.text("/")
    assert "张会计（单位填报人员）" in page and "园区行政管理事务类专项" in page


def test_a_wrong_password_is_answered_in_chinese_without_saying_which_part_was_wrong(app):
    c = Client(app)
    response = c.login("staff", "wrong-password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)
    response = c.login("nobody", PASSWORD)
    assert response.status_code == 401 and "用户名或密码错误" in response.get_data(as_text=True)


def test_logins_are_rate_limited_per_account_and_address(app):
    c = Client(app)
    for _ in range(5):
        assert c.login("staff", "guess").status_code == 401
    response = c.login("staff", PASSWORD)
    assert response.status_code == 429 and response.headers["Retry-After"] == "30"
    assert "登录失败次数过多，请30秒后再试" in response.get_data(as_text=True)
    assert Client(app).login("admin", PASSWORD).status_code == 302  # same address, another account


def test_after_login_only_same_site_paths_are_followed(app):
    c = Client(app)
    c.http.get("/login")
    response = c.http.post("/login", data={"username": "staff", "password": PASSWORD, "csrf_token": c.token(),
                                           "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    c2 = Client(app)
    c2.http.get("/login")
    response = c2.http.post("/login", data={"username": "staff", "password": PASSWORD, "csrf_token": c2.token(),
                                            "next": "/queue"})
    assert response.headers["Location"] == "/queue"


def test_logout_ends_the_session(client):
    staff = client("staff")
    response = staff.post("/logout")
    assert response.status_code == 302
    assert staff.get("/").status_code == 302


def test_healthz_answers_when_the_database_does(app, client):
    response = client().get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok", "database": "ok"})


def test_healthz_reports_an_unreachable_database(app, client):
    from jixiao.store.db import make_engine

    store = app.extensions["jixiao.store"]
    working = store.engine
    store.engine = make_engine("postgresql+psycopg://nobody:nothing@127.0.0.1:9/none?connect_timeout=1")
    try:
        response = client().get("/healthz")
        assert (response.status_code, response.get_json()["status"]) == (503, "error")
    finally:
        store.engine.dispose()
        store.engine = working


def test_every_request_is_logged_as_one_json_line(app, client):
    import logging

    from jixiao.web.logs import LOGGER

    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Keep()
    handler.setFormatter(LOGGER.handlers[0].formatter)
    LOGGER.addHandler(handler)
    try:
        client("staff").get("/")
    finally:
        LOGGER.removeHandler(handler)
    records = [json.loads(line) for line in lines]
    login = next(r for r in records if r["event"] == "login")
    assert login["user"] == "staff"
    home = [r for r in records if r["event"] == "request" and r["path"] == "/"][-1]
    assert (home["method"], home["status"], home["user"]) == ("GET", 200, "staff")
