"""Issue 15 §4, one test per attack: open redirects after login, lockouts, sessions that
outlive logout / a password change / a disabled account, the cookie's Secure flag and
contents, and the one password length limit."""

from urllib.parse import urlsplit

import pytest

from _web import PASSWORD, Client
from jixiao.store import models as m
from jixiao.store.passwords import MAX_LENGTH
from jixiao.web import create_app

COOKIE = "jixiao_session"


def as_browser_reads(location: str) -> str:
    """What a browser makes of a Location header: C0 controls and spaces trimmed, tabs and
    newlines dropped, backslashes read as slashes (WHATWG URL, special schemes)."""
    text = location.strip("".join(chr(c) for c in range(0x21)))
    return "".join(ch for ch in text if ch not in "\t\n\r").replace("\\", "/")


def login_from(c: Client, username: str, password: str, address: str = "127.0.0.1"):
    c.http.get("/login", environ_base={"REMOTE_ADDR": address})
    return c.http.post("/login", data={"username": username, "password": password, "csrf_token": c.token()},
                       environ_base={"REMOTE_ADDR": address})


# --- open redirect ----------------------------------------------------------------------

HOSTILE_NEXT = [
    "/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "\t//evil.example/", " //evil.example/",
    "//evil.example/", "///evil.example/", "/\\evil.example/", "\\\\evil.example/", "/\\/evil.example/",
    "\\/evil.example/", "https://evil.example/", "https:evil.example", "javascript:alert(1)", "/\x00/evil.example",
    "/%09/evil.example/" + "x" * 3000, "\n", "/\n", "/projects\n/1",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_site_whatever_next_holds(app, target):
    c = Client(app)
    page = c.http.get("/login", query_string={"next": target})
    assert page.status_code == 200  # the login page itself renders any next (a \n once gave 500)
    response = c.http.post("/login", data={"username": "staff", "password": PASSWORD, "csrf_token": c.token(),
                                           "next": target})
    assert response.status_code == 302
    location = response.headers["Location"]
    seen = urlsplit(as_browser_reads(location))
    assert (seen.scheme, seen.netloc) == ("", ""), location
    assert location.startswith("/") and not as_browser_reads(location).startswith("//"), location


def test_the_tab_trick_from_the_issue_lands_on_the_start_page(app):
    c = Client(app)
    page = c.http.get("/login?next=/%09/evil.example/")
    assert 'value="/\t/evil.example/"' in page.get_data(as_text=True)
    response = c.http.post("/login", data={"username": "staff", "password": PASSWORD, "csrf_token": c.token(),
                                           "next": "/\t/evil.example/"})
    assert response.headers["Location"] == "/"


def test_same_site_paths_survive_normalising(app):
    for target, expected in (("/projects/1?tab=history", "/projects/1?tab=history"), (" /queue\n", "/queue"),
                             ("/%2F%2Fevil.example", "/%2F%2Fevil.example")):
        c = Client(app)
        c.http.get("/login")
        response = c.http.post("/login", data={"username": "staff", "password": PASSWORD, "csrf_token": c.token(),
                                               "next": target})
        assert response.headers["Location"] == expected


# --- lockout ----------------------------------------------------------------------------


def test_an_attacker_elsewhere_cannot_lock_the_real_user_out(app):
    attacker = Client(app)
    for _ in range(12):
        assert login_from(attacker, "admin", "guess-guess", "203.0.113.66").status_code in (401, 429)
    refused = login_from(attacker, "admin", PASSWORD, "203.0.113.66")
    assert refused.status_code == 429  # the attacker's own pair is throttled, even with the right password
    assert "登录失败次数过多" in refused.get_data(as_text=True)
    assert login_from(Client(app), "admin", PASSWORD, "198.51.100.7").status_code == 302  # the real one


def test_failures_from_one_address_do_not_block_other_accounts_behind_it(app):
    office = Client(app)
    for _ in range(8):
        login_from(office, "staff", "forgot-it", "192.0.2.10")
    assert login_from(Client(app), "reviewer", PASSWORD, "192.0.2.10").status_code == 302


def test_forwarded_addresses_are_ignored_unless_a_proxy_is_trusted(app, web_store):
    # Not trusted (the default): a client cannot escape its throttle by inventing addresses.
    c = Client(app)
    for n in range(7):
        c.http.get("/login")
        response = c.http.post("/login", data={"username": "staff", "password": "nope-nope", "csrf_token": c.token()},
                               headers={"X-Forwarded-For": f"198.51.100.{n}"})
    assert response.status_code == 429
    # Trusted (one proxy): the address the proxy appends is the client's; two clients behind it differ.
    proxied = create_app(web_store.url, TESTING=True, SECRET_KEY="test-secret", TRUSTED_PROXIES=1)
    try:
        first, second = Client(proxied), Client(proxied)
        for _ in range(7):
            first.http.get("/login")
            response = first.http.post("/login", data={"username": "reviewer", "password": "nope-nope",
                                                        "csrf_token": first.token()},
                                       headers={"X-Forwarded-For": "203.0.113.9"})
        assert response.status_code == 429
        second.http.get("/login")
        response = second.http.post("/login", data={"username": "reviewer", "password": PASSWORD,
                                                     "csrf_token": second.token()},
                                    headers={"X-Forwarded-For": "203.0.113.10"})
        assert response.status_code == 302
    finally:
        proxied.extensions["jixiao.store"].dispose()


def test_the_proxy_setting_is_checked_at_start(web_store):
    with pytest.raises(ValueError, match="JIXIAO_TRUSTED_PROXIES 应为 0 至 10 的整数"):
        create_app(web_store.url, TRUSTED_PROXIES="yes")
    with pytest.raises(ValueError, match="JIXIAO_COOKIE_SECURE 只能是 auto、always 或 never"):
        create_app(web_store.url, COOKIE_SECURE="sometimes")


# --- sessions end on the server ----------------------------------------------------------


def saved_cookie(c: Client) -> str:
    return c.http.get_cookie(COOKIE).value


def replay(app, cookie: str) -> Client:
    """A fresh browser that presents a cookie saved earlier."""
    c = Client(app)
    c.http.set_cookie(COOKIE, cookie)
    return c


def csrf_of(app, cookie: str) -> str:
    return app.session_interface.get_signing_serializer(app).loads(cookie)["csrf"]


def assert_cookie_is_dead(app, world, cookie: str) -> None:
    thief = replay(app, cookie)
    response = thief.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    form = {"version": "1", f"actual-{world['ours_indicators'][0]}": "被冒用", "csrf_token": csrf_of(app, cookie)}
    response = replay(app, cookie).http.post(f"/projects/{world['ours']}/save", data=form)
    assert response.status_code in (302, 400) and response.status_code != 200
    with app.extensions["jixiao.store"].session() as session:
        project = session.get(m.Project, world["ours"])
        assert project.version == 1 and "被冒用" not in [i.actual for i in project.indicators]


def test_a_cookie_saved_before_logout_is_dead_after_it_for_get_and_post(app, client, world):
    staff = client("staff")
    cookie = saved_cookie(staff)
    assert replay(app, cookie).get("/").status_code == 200  # it works before
    assert staff.post("/logout").status_code == 302
    assert_cookie_is_dead(app, world, cookie)


def test_logout_ends_only_that_browsers_session(app, client):
    laptop, phone = client("staff"), client("staff")
    laptop.post("/logout")
    assert phone.get("/").status_code == 200


def test_a_password_change_ends_every_other_session_and_keeps_this_browser_signed_in(app, client, world):
    here, elsewhere = client("staff"), client("staff")
    old_cookie = saved_cookie(here)
    stolen = saved_cookie(elsewhere)
    response = here.post("/account/password", {"current": PASSWORD, "new": "violet-ledger-42", "confirm": "violet-ledger-42"})
    assert response.status_code == 302
    assert here.get("/").status_code == 200  # a new session for this browser
    for cookie in (stolen, old_cookie):
        assert_cookie_is_dead(app, world, cookie)
    assert Client(app).login("staff", PASSWORD).status_code == 401
    assert Client(app).login("staff", "violet-ledger-42").status_code == 302


def test_the_password_page_refuses_wrong_current_weak_and_mismatched_passwords(app, client):
    staff = client("staff")
    assert "修改密码" in staff.text("/account/password")
    cases = [({"current": "not-it-at-all", "new": "violet-ledger-42", "confirm": "violet-ledger-42"}, "当前密码不正确"),
             ({"current": PASSWORD, "new": "violet-ledger-42", "confirm": "violet-ledger-43"}, "两次输入的新密码不一致"),
             ({"current": PASSWORD, "new": "12345678", "confirm": "12345678"}, "密码过于简单"),
             ({"current": PASSWORD, "new": "password1", "confirm": "password1"}, "密码过于常见"),
             ({"current": PASSWORD, "new": "x" * (MAX_LENGTH + 1), "confirm": "x" * (MAX_LENGTH + 1)},
              f"密码不能超过{MAX_LENGTH}个字符")]
    for form, message in cases:
        response = staff.post("/account/password", form)
        assert response.status_code == 400, form
        assert message in response.get_data(as_text=True), form
    assert Client(app).login("staff", PASSWORD).status_code == 302  # unchanged


def test_disabling_an_account_ends_its_sessions_at_once(app, client, world):
    staff = client("staff")
    cookie = saved_cookie(staff)
    admin = client("admin")
    assert admin.post(f"/admin/users/{world['staff']}", {"action": "toggle"}).status_code == 302
    assert_cookie_is_dead(app, world, cookie)
    with app.extensions["jixiao.store"].session() as session:
        assert session.query(m.UserSession).filter_by(user_id=world["staff"]).count() == 0


# --- the cookie ---------------------------------------------------------------------------


def set_cookie_header(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "="))


def test_the_cookie_is_secure_over_https_and_behind_a_trusted_proxy_only(app, web_store):
    plain = Client(app)
    assert "Secure" not in set_cookie_header(plain.login("staff"))
    https = Client(app)
    https.http = app.test_client()
    https.http.get("/login", base_url="https://localhost")
    response = https.http.post("/login", base_url="https://localhost",
                               data={"username": "staff", "password": PASSWORD, "csrf_token": https.token()})
    assert "; Secure" in set_cookie_header(response)
    # A client claiming HTTPS is not believed unless a proxy is trusted.
    spoofed = Client(app)
    spoofed.http.get("/login")
    response = spoofed.http.post("/login", headers={"X-Forwarded-Proto": "https"},
                                 data={"username": "staff", "password": PASSWORD, "csrf_token": spoofed.token()})
    assert "Secure" not in set_cookie_header(response)
    for settings, secure in (({"TRUSTED_PROXIES": 1}, True), ({"COOKIE_SECURE": "always"}, True)):
        other = create_app(web_store.url, TESTING=True, SECRET_KEY="test-secret", **settings)
        try:
            c = Client(other)
            c.http.get("/login")
            response = c.http.post("/login", headers={"X-Forwarded-Proto": "https"},
                                   data={"username": "staff", "password": PASSWORD, "csrf_token": c.token()})
            assert ("; Secure" in set_cookie_header(response)) is secure, settings
        finally:
            other.extensions["jixiao.store"].dispose()


def test_no_part_of_the_password_hash_is_in_the_cookie(app, client, world):
    staff = client("staff")
    cookie = saved_cookie(staff)
    content = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert set(content) <= {"sid", "csrf", "_permanent", "_flashes"}
    with app.extensions["jixiao.store"].session() as session:
        digest = session.get(m.User, world["staff"]).password_hash
    raw = str(content) + cookie
    pieces = {digest[i:i + 6] for i in range(len(digest) - 5)}
    assert not any(piece in raw for piece in pieces if "$" not in piece and "=" not in piece)


# --- one password length ----------------------------------------------------------------


def test_an_over_long_password_is_refused_at_login_not_truncated(app):
    response = Client(app).login("staff", PASSWORD + "x" * 300)
    assert response.status_code == 400
    assert f"密码不能超过{MAX_LENGTH}个字符" in response.get_data(as_text=True)
    # The old truncation let the first 200 characters through; nothing of the kind now.
    assert Client(app).login("staff", (PASSWORD * 20)[:250]).status_code == 400


def test_a_password_of_the_maximum_length_set_by_an_admin_logs_in(app, client):
    admin = client("admin")
    longest = ("Ledger-" + "k7" * 100)[:MAX_LENGTH]
    response = admin.post("/admin/users", {"username": "clerk", "password": longest + "x", "role": "reviewer"})
    assert response.status_code == 400 and f"密码不能超过{MAX_LENGTH}个字符" in response.get_data(as_text=True)
    assert admin.post("/admin/users", {"username": "clerk", "password": longest, "role": "reviewer"}).status_code == 302
    assert Client(app).login("clerk", longest).status_code == 302


@pytest.mark.parametrize("role, password, message", [
    ("admin", "12345678", "管理员密码至少12位"), ("admin", "aaaaaaaa", "管理员密码至少12位"),
    ("admin", "123456789012", "密码过于简单"), ("admin", "aaaaaaaaaaaa", "密码过于简单"),
    ("admin", "qwertyuiop[]", "密码过于简单"), ("admin", "Password2024", "密码过于常见"),
    ("admin", "boss2-ledger-key", "密码不能包含用户名"),
    ("reviewer", "12345678", "密码过于简单"), ("reviewer", "aaaaaaaa", "密码过于简单"),
    ("reviewer", "iloveyou", "密码过于常见"), ("reviewer", "woaini1314", "密码过于常见"),
])
def test_common_and_trivial_passwords_are_refused(app, client, role, password, message):
    response = client("admin").post("/admin/users", {"username": "boss2", "password": password, "role": role})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.extensions["jixiao.store"].session() as session:
        assert session.query(m.User).filter_by(username="boss2").first() is None
