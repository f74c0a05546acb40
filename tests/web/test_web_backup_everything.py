"""A unit's backup downloaded from the web, restored by an administrator into a fresh database:
every page of the unit reads the same — the projects with their review notes, marks and a
department's figures and report text, the declaration and its review, the monitoring table,
the history with its indicator link — except the restore's own stamp (who saved last, and the
history row 恢复备份)."""

from __future__ import annotations

import io
import json
import re

import pytest
from _everything import fill_unit, fresh_store
from _web import UNIT_A, _client

from jixiao.store import models as m
from jixiao.store.plan_models import StoredDeclaration, StoredMonitoring
from jixiao.web import create_app


@pytest.fixture
def fresh_app(web_store, tmp_path_factory):
    store = fresh_store(web_store, tmp_path_factory, "web_fresh")
    app = create_app(store.url, TESTING=True, SECRET_KEY="test-secret")
    yield app, store
    app.extensions["jixiao.store"].dispose()
    store.dispose()


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def seen(html: str) -> str | list[str]:
    """A page as its reader sees it: the text, without the stamp of the last save (a history
    page: its rows, newest first)."""
    if '<h1>修改记录' in html:
        return [text(row) for row in re.findall(r"<tr><td>(.*?)</tr>", html, re.S)]
    return text(re.sub(r'<p class="meta">.*?</p>', "", html, flags=re.S))


def pages(app, store) -> dict[str, str]:
    """Every page of unit A's data, by what it is, as its staff and its reviewer see them."""
    with store.session() as session:
        projects = {(p.kind, p.name): p.id for p in session.query(m.Project).join(m.Unit).filter(m.Unit.name == UNIT_A)}
        declaration = session.query(StoredDeclaration).one().id
        table = session.query(StoredMonitoring).one().id
    urls = {}
    for (kind, name), pid in projects.items():
        for page in ("", "/history", "/report", "/trend"):
            urls[f"{kind}:{name}{page}"] = f"/projects/{pid}{page}"
    urls.update({"targets": "/targets", "declaration": f"/targets/{declaration}",
                 "declaration/history": f"/targets/{declaration}/history", "monitor": "/monitor",
                 "monitoring": f"/monitor/{table}"})
    found = {}
    for who in ("staff", "reviewer"):
        client = _client(app, who)
        for name, url in urls.items():
            found[f"{who} {name}"] = seen(client.text(url))
    return found


def test_every_page_reads_the_same_after_a_restore_into_a_fresh_database(app, client, world, web_store, fresh_app):
    with web_store.session() as session:
        fill_unit(session, world["unit_a"], world["staff"], world["reviewer"])
    before = pages(app, web_store)
    department = before["staff department:武汉东湖综合保税区建设管理办公室部门整体支出"]
    assert "请补充三公经费的说明" in department and "王审核" in department and "实有16人" in department
    assert "单位已更正" in before["reviewer department:武汉东湖综合保税区建设管理办公室部门整体支出"]
    assert "“报刊订阅数” → “订阅报刊杂志数”" in before["staff project:园区行政管理事务类专项/trend"]
    backup = client("admin").get(f"/units/{world['unit_a']}/backup").data

    other, store = fresh_app
    admin = _client(other, "admin")
    with store.session() as session:
        unit_id = session.query(m.Unit).one().id
    response = admin.post(f"/units/{unit_id}/restore", {"file": (io.BytesIO(backup), "备份.json")},
                          content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[-600:]
    assert "已从备份恢复 3 个项目、1 张申报表、1 张监控表、1 条指标关联。" in admin.text("/")
    after = pages(other, store)
    assert sorted(after) == sorted(before)
    for name in before:
        if name.endswith("/history"):
            # The restore is the newest change, by the administrator who made it.
            assert after[name][0].endswith("管理员 恢复备份 由admin从备份文件恢复"), after[name][0]
            assert after[name][1:] == before[name], name
        else:
            assert after[name] == before[name], name
    # And the data itself: the fresh database's backup is the original's, plus the restore rows.
    again = json.loads(admin.get(f"/units/{unit_id}/backup").data)
    for record in [*again["projects"], *again["declarations"]]:
        assert record["history"].pop()["field"] == "恢复备份"
    assert again == json.loads(backup)
