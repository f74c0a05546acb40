"""Issue 15 §5 through the web: every tampered backup is answered 400 with the problems in
Chinese, never 500, and nothing is stored; pages keep working afterwards."""

import io
import json

import pytest

from jixiao.store import models as m


def upload(c, url, name, data):
    return c.post(url, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def backup_of(admin, world) -> dict:
    response = admin.get(f"/units/{world['unit_a']}/backup")
    assert response.status_code == 200
    return json.loads(response.get_data())


def snapshot(app):
    with app.extensions["jixiao.store"].session() as session:
        return sorted((p.id, p.name, p.kind, p.version, len(p.history)) for p in session.query(m.Project))


def first_project(change):
    def apply(data):
        change(data["projects"][0])
        return data
    return apply


CASES = {
    "rule_json": (first_project(lambda p: p["indicators"][0].__setitem__("rule_json", "{not json")),
                  "indicators[0]的“rule_json”不是有效的 JSON 文本"),
    "declared_weights": (first_project(lambda p: p.__setitem__("declared_weights", "[[[")),
                         "“declared_weights”不是有效的 JSON 文本"),
    "executed 1e30": (first_project(lambda p: p["fund_lines"][0].__setitem__("executed", "1e30")),
                      "fund_lines[0]的“executed”应为写成文本的十进制数"),
    "kind evil": (first_project(lambda p: p.__setitem__("kind", "evil")), "（kind）：未知的表类型“evil”"),
    "source bogus": (first_project(lambda p: p["fund_lines"][0].__setitem__("source", "bogus")),
                     "（fund_lines[0].source）：未知的资金来源“bogus”"),
    "profile nope": (first_project(lambda p: p.__setitem__("profile", "nope")), "（profile）：未知的评分方案“nope”"),
    "null name": (first_project(lambda p: p.__setitem__("name", None)), "第1个项目的“name”应为文本，而不是空值"),
    "missing fields": (first_project(lambda p: p.pop("indicators")[0] and p.pop("version")), "缺少字段“version”"),
    "year 10**20": (first_project(lambda p: p.__setitem__("year", 10**20)), "“year”应为 1 至 9999 的整数"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tampered_backup_is_refused_with_its_problems_and_nothing_is_stored(app, client, world, case):
    admin = client("admin")
    change, message = CASES[case]
    data = change(backup_of(admin, world))
    before = snapshot(app)
    response = upload(admin, f"/units/{world['unit_a']}/restore", "备份.json",
                      json.dumps(data, ensure_ascii=False).encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 400, page[-800:]
    assert "备份文件未恢复，没有做任何修改" in page and message in page
    assert snapshot(app) == before
    for url in ("/", "/dashboard", f"/projects/{world['ours']}"):
        assert admin.get(url).status_code == 200, url


@pytest.mark.parametrize("raw, message", [
    (b"[" * 200_000, "嵌套层次过深"),
    (b'{"a":' * 5000 + b"1" + b"}" * 5000, "嵌套层次过深"),
    (b"{not json", "不是有效的 JSON"),
    (b"\xff\xfe\xfa", "不是有效的 JSON"),
    (b'"just a string"', "不是 jixiao 单位备份文件"),
])
def test_files_that_are_not_backups_are_refused_not_a_500(app, client, world, raw, message):
    admin = client("admin")
    before = snapshot(app)
    response = upload(admin, f"/units/{world['unit_a']}/restore", "备份.json", raw)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_a_deeply_nested_value_inside_a_field_is_refused(app, client, world):
    admin = client("admin")
    data = backup_of(admin, world)
    data["projects"][0]["indicators"][0]["name"] = json.loads("[" * 900 + "]" * 900)
    response = upload(admin, f"/units/{world['unit_a']}/restore", "备份.json", json.dumps(data).encode())
    assert response.status_code == 400
    assert "嵌套层次超过12层" in response.get_data(as_text=True)


def test_an_untampered_backup_still_round_trips(app, client, world):
    admin = client("admin")
    data = backup_of(admin, world)
    response = upload(admin, f"/units/{world['unit_a']}/restore", "备份.json", json.dumps(data).encode())
    assert response.status_code == 302
    assert "已从备份恢复 2 个项目" in admin.text("/")
