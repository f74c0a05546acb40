"""Rights on every route, CSRF on every form, upload limits, response headers."""

import io

import pytest

from jixiao.store import models as m

# Every route of the app, with how a unit user of unit A reaches unit B's data through it.
# A new route must be added here (test_every_route_is_covered fails otherwise).
ROUTES = {
    ("GET", "/"): None,
    ("GET", "/login"): None,
    ("POST", "/login"): None,
    ("POST", "/logout"): None,
    ("GET", "/account/password"): None,
    ("POST", "/account/password"): None,
    ("GET", "/healthz"): None,
    ("GET", "/queue"): None,
    ("GET", "/dashboard"): None,
    ("GET", "/import"): None,
    ("POST", "/import"): None,
    ("GET", "/audit"): None,
    ("POST", "/audit"): None,
    ("GET", "/admin/"): None,
    ("POST", "/admin/users"): None,
    ("POST", "/admin/users/<int:user_id>"): None,
    ("POST", "/admin/units"): None,
    ("POST", "/admin/years"): None,
    ("GET", "/projects/<int:project_id>"): "project",
    ("GET", "/projects/<int:project_id>/history"): "project",
    ("GET", "/projects/<int:project_id>/export/<fmt>"): "project",
    ("POST", "/projects/<int:project_id>/preview"): "project",
    ("POST", "/projects/<int:project_id>/save"): "project",
    ("POST", "/projects/<int:project_id>/review"): "project",
    ("POST", "/projects/<int:project_id>/review-preview"): "project",
    ("GET", "/projects/<int:project_id>/structure"): "project",
    ("POST", "/projects/<int:project_id>/structure"): "project",
    ("POST", "/projects/<int:project_id>/findings/mark"): "project",
    ("GET", "/projects/<int:project_id>/findings.xlsx"): "project",
    ("GET", "/projects/<int:project_id>/report"): "project",
    ("POST", "/projects/<int:project_id>/report"): "project",
    ("GET", "/projects/new"): None,
    ("POST", "/projects/new"): None,
    ("GET", "/template.xlsx"): None,
    ("GET", "/units/<int:unit_id>/backup"): "unit",
    ("GET", "/units/<int:unit_id>/restore"): "unit",
    ("POST", "/units/<int:unit_id>/restore"): "unit",
    ("GET", "/static/<path:filename>"): None,
    # Declarations are scoped by their own unit (tests/web/test_web_targets.py); history by project.
    ("GET", "/targets"): None,
    ("POST", "/targets"): None,
    ("GET", "/targets/<int:declaration_id>"): None,
    ("GET", "/targets/<int:declaration_id>/history"): None,
    ("POST", "/targets/<int:declaration_id>/start"): None,
    ("GET", "/targets/<int:declaration_id>/download.<kind>"): None,
    ("GET", "/targets/new"): None,
    ("POST", "/targets/new"): None,
    ("GET", "/targets/<int:declaration_id>/edit"): None,
    ("POST", "/targets/<int:declaration_id>/edit"): None,
    ("GET", "/projects/<int:project_id>/trend"): "project",
    ("POST", "/projects/<int:project_id>/trend/link"): "project",
    # Monitoring tables are scoped by their own unit (tests/web/test_web_monitor.py).
    ("GET", "/monitor"): None,
    ("POST", "/monitor"): None,
    ("GET", "/monitor/new"): None,
    ("POST", "/monitor/save"): None,
    ("GET", "/monitor/<int:table_id>"): None,
    ("GET", "/monitor/<int:table_id>/download.xlsx"): None,
    ("POST", "/monitor/<int:table_id>/start"): None,
    ("GET", "/monitor/dashboard"): None,
    ("GET", "/monitor/dashboard.xlsx"): None,
}


def rules(app):
    return {(method, rule.rule) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}}


def concrete(rule: str, world: dict, project: str = "theirs", unit: str = "unit_b") -> str:
    return (rule.replace("<int:project_id>", str(world[project])).replace("<int:unit_id>", str(world[unit]))
            .replace("<fmt>", "yaml").replace("<int:user_id>", str(world["other"]))
            .replace("<path:filename>", "style.css"))


def test_every_route_is_covered(app):
    assert rules(app) == set(ROUTES)


@pytest.mark.parametrize("who", ["staff", "reviewer"])
def test_another_units_project_and_unit_are_absent_on_every_route(app, client, world, who):
    user = client(who)
    with app.extensions["jixiao.store"].session() as session:
        original = session.get(m.Project, world["theirs"])
        before = (original.version, original.status, original.indicators[0].actual)
    scoped = [(method, rule) for (method, rule), scope in ROUTES.items() if scope]
    for method, rule in scoped:
        url = concrete(rule, world)
        form = {"version": "1", f"actual-{world['theirs_indicators'][0]}": "0次",
                f"rscore-{world['theirs_indicators'][0]}": "0", "action": "approve"}
        response = user.get(url) if method == "GET" else user.post(url, form)
        assert response.status_code == 404, (method, url, response.status_code)
        assert "未找到该页面，或您没有查看它的权限。" in response.get_data(as_text=True)
    for fmt in ("json", "xlsx"):
        assert user.get(f"/projects/{world['theirs']}/export/{fmt}").status_code == 404
    with app.extensions["jixiao.store"].session() as session:
        theirs = session.get(m.Project, world["theirs"])
        assert (theirs.version, theirs.status, theirs.indicators[0].actual) == before
        assert theirs.history == []


def test_rows_of_another_units_project_posted_with_ones_own_are_ignored(app, client, world):
    staff = client("staff")
    target = world["theirs_indicators"][1]
    response = staff.post(f"/projects/{world['ours']}/save", {
        "version": "1", f"actual-{target}": "被篡改", f"executed-{world['theirs_funds'][0]}": "1"})
    assert response.status_code == 302
    with app.extensions["jixiao.store"].session() as session:
        theirs = session.get(m.Project, world["theirs"])
        assert "被篡改" not in [i.actual for i in theirs.indicators]
        assert theirs.fund_lines[0].executed != 1
        assert session.get(m.Project, world["ours"]).version == 1  # nothing of its own changed


def test_admin_reviewer_pages_are_forbidden_to_unit_staff(app, client, world):
    staff = client("staff")
    for url in ("/admin/", "/queue", "/dashboard"):
        assert staff.get(url).status_code == 403, url
    for url, form in (("/admin/users", {"username": "x1", "password": "p" * 9, "role": "admin"}),
                      ("/admin/units", {"name": "新单位"}), ("/admin/years", {"year": "2020", "open": "0"}),
                      (f"/admin/users/{world['staff']}", {"action": "toggle"})):
        assert staff.post(url, form).status_code == 403, url
    with app.extensions["jixiao.store"].session() as session:
        assert session.query(m.User).filter_by(username="x1").first() is None
        assert session.get(m.Year, 2020) is None


def test_unit_staff_cannot_review_and_reviewers_cannot_edit(app, client, world):
    staff, reviewer = client("staff"), client("reviewer")
    assert staff.post(f"/projects/{world['ours']}/save", {"version": "1", "action": "submit",
                                                                        "submit_reason": "得分以佐证材料为准"}).status_code == 302
    response = staff.post(f"/projects/{world['ours']}/review", {"version": "2", "action": "approve"})
    assert response.status_code == 403
    assert reviewer.post(f"/projects/{world['ours']}/save", {"version": "2"}).status_code == 403
    assert staff.get(f"/units/{world['unit_a']}/restore").status_code == 403


def test_every_form_needs_the_csrf_token(app, client, world):
    admin = client("admin")
    posts = sorted(rule for method, rule in ROUTES if method == "POST")
    for rule in posts:
        url = concrete(rule, world, project="ours", unit="unit_a")
        response = admin.post(url, {"version": "1", "action": "save"}, csrf=False)
        assert response.status_code == 400, url
        assert "CSRF 校验失败" in response.get_data(as_text=True), url
        response = admin.post(url, {"version": "1", "csrf_token": "forged"}, csrf=False)
        assert response.status_code == 400, url
    # HTMX requests carry it as a header instead.
    response = admin.post(f"/projects/{world['ours']}/preview", {}, csrf=False, headers={"X-CSRF-Token": admin.token()})
    assert response.status_code == 200
    page = admin.text(f"/projects/{world['ours']}")
    assert page.count('name="csrf_token"') >= 2 and '"X-CSRF-Token"' in page


def upload(c, url, name, data, **form):
    return c.post(url, {"file": (io.BytesIO(data), name), **form}, content_type="multipart/form-data")


def test_uploads_are_checked_for_type_and_content(app, client, world):
    staff = client("staff")
    cases = [
        ("report.exe", b"MZ\x90\x00", "不支持的文件类型“.exe”"),
        ("table.xlsx", b"kind: project\n", "文件“table.xlsx”的内容不是Excel 工作簿，与扩展名不符。"),
        ("empty.yaml", b"", "文件“empty.yaml”是空的。"),
    ]
    for name, data, message in cases:
        response = upload(staff, "/import", name, data)
        assert response.status_code == 400, name
        assert message in response.get_data(as_text=True)
    # Text is judged by the reader, as on the command line: binary is refused, GBK is read.
    for data, message in ((b"kind: project\x00\n", "这是二进制文件（含空字节），不是文本"),
                          ("kind: 项目".encode("gbk"), "未知的表类型“项目”")):
        response = upload(staff, "/import", "table.yaml", data)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    response = upload(staff, "/audit", "report.pdf", b"not a pdf")
    assert response.status_code == 400 and "内容不是PDF" in response.get_data(as_text=True)


def test_uploads_have_a_size_limit(app, client, world):
    app.config["UPLOAD_LIMIT"] = 1024
    staff = client("staff")
    response = upload(staff, "/import", "big.yaml", b"#" * 2048)
    assert response.status_code == 413
    assert "文件“big.yaml”超过 1 KB 的上限。" in response.get_data(as_text=True)
    app.config["MAX_CONTENT_LENGTH"] = 4096
    response = upload(staff, "/import", "bigger.yaml", b"#" * 8192)
    assert response.status_code == 413
    assert "上传的文件过大：单个请求不能超过" in response.get_data(as_text=True)


def test_responses_forbid_framing_sniffing_and_foreign_scripts(app, client):
    response = client("staff").get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "http" not in response.get_data(as_text=True).split("<main>")[0].replace('http-equiv', '')
    cookie = client().login("staff").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
