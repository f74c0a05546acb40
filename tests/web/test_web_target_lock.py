"""A self-evaluation held to its year's declaration (issue 12): its targets and weights are locked
on the project page and in 编辑指标与目标 (disabled, with a note saying why); a change is refused
without an approval reference, and with one it is saved, recorded in the history and in the
declaration's 调整批复 — so the audit's target-changed/weight-changed findings stay for what was
not approved. Beside each indicator, its history across the stored years as a small chart."""

from __future__ import annotations

import io
import re

import pytest
from _forms import form_fields, set_field
from _web import cell

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation
from jixiao.store.plan_models import StoredDeclaration

HISTORY = api.EXAMPLES_DIR / "history"
SUBSCRIPTIONS = 1          # 订阅报刊杂志数, the second indicator of the declaration
APPROVAL = "武新管财〔2020〕21号"


@pytest.fixture
def started(client, web_store, world) -> int:
    """2018 (constructed) and 2019 (the seed's) stored; the 2020 declaration kept and the 2020
    self-evaluation started from it. Returns the 2020 project's id."""
    with web_store.session() as session:
        session.merge(m.Year(year=2020, open=True))
        import_evaluation(session, api.load_evaluation(HISTORY / "2018-xingzheng.yaml"))
    staff = client("staff")
    data = {"file": (io.BytesIO((HISTORY / "declaration-2020-xingzheng.yaml").read_bytes()), "申报表.yaml"),
            "save": "1"}
    location = staff.post("/targets", data=data, content_type="multipart/form-data").headers["Location"]
    started = staff.post(location + "/start")
    return int(started.headers["Location"].rsplit("/", 1)[1])


def post_form(client, url: str, fields, **extra):
    fields = fields.copy()
    for key, value in extra.items():
        fields[key] = value
    fields["csrf_token"] = client.token()
    return client.http.post(url, data=fields)


def versions(web_store, project_id: int) -> tuple[int, str]:
    with web_store.session() as session:
        project = session.get(m.Project, project_id)
        return project.version, project.indicators[SUBSCRIPTIONS].target


def test_the_project_page_shows_the_lock_and_each_indicators_history(client, started):
    page = client("staff").text(f"/projects/{started}")
    note = re.search(r'<section class="alert info target-lock" id="target-lock"[^>]*>(.*?)</section>', page, re.S)
    assert note, "no lock note"
    text = " ".join(re.sub(r"<[^>]+>", " ", note.group(1)).split())
    assert text.startswith("目标与分值按2020年度申报表“园区行政管理事务类专项”，批复文号武新管财〔2020〕3号（构造）锁定。"
                           " 年度指标值和分值不能直接修改；确需调整的，在 编辑指标与目标 中填写调整批复文号后修改")
    assert "已批复调整：指标“租赁用房空间利用率”年度指标值调整为≥95%（武新管财〔2020〕15号（构造）" in text
    assert page.count('<small class="lock-mark"') == 20  # every declared indicator
    # 订阅报刊杂志数: 2018 and 2019 stored, 2020 started; a chart of the three years in its name cell.
    row = re.search(r'<td class="name">(?:(?!</td>).)*订阅报刊杂志数.*?</td>', page, re.S).group(0)
    assert '<svg class="spark compact"' in row
    assert "<title>2018年实际 118份</title>" in row and "<title>2019年实际 128份</title>" in row
    assert "<title>2020年目标 ≥100份</title>" in row
    assert page.count('<svg class="spark compact"') >= 15
    assert 'id="declaration-changes"' not in page  # nothing differs from the declaration


def test_a_locked_target_or_weight_is_not_changed_without_an_approval_reference(client, web_store, started):
    staff = client("staff")
    url = f"/projects/{started}/structure"
    html = staff.text(url)
    assert "目标与分值按2020年度申报表“园区行政管理事务类专项”" in html
    assert 'aria-label="第2项指标年度指标值（已锁定）">≥100份</textarea>' in html
    assert re.search(r'<textarea rows="1" disabled aria-label="第2项指标年度指标值（已锁定）"', html)
    fields = form_fields(html, "structure")
    # A tampered form (the hidden value changed) is refused all the same, naming the indicator.
    set_field(fields, "ind_target", "≥80份", SUBSCRIPTIONS)
    response = post_form(staff, url, fields)
    assert response.status_code == 400
    assert ("指标“订阅报刊杂志数”的年度指标值按2020年度申报表“园区行政管理事务类专项”，批复文号武新管财〔2020〕3号（构造）锁定，"
            "未修改；确需调整的，请填写调整批复文号") in response.get_data(as_text=True)
    assert versions(web_store, started) == (1, "≥100份")
    # Other parts of the structure are still edited freely.
    fields = form_fields(html, "structure")
    fields["department"] = "武汉东湖新技术开发区管理委员会"
    assert post_form(staff, url, fields).status_code == 302
    assert versions(web_store, started) == (2, "≥100份")


def test_with_an_approval_reference_the_change_is_saved_recorded_and_approved(client, web_store, started):
    staff = client("staff")
    url = f"/projects/{started}/structure"
    fields = form_fields(staff.text(url), "structure")
    html = post_form(staff, url, fields, op="unlock").get_data(as_text=True)
    assert "已解除锁定：修改年度指标值或分值须填写调整批复文号" in html
    fields = form_fields(html, "structure")
    assert fields["unlocked"] == "1" and "approval" in fields
    set_field(fields, "ind_target", "≥120份", SUBSCRIPTIONS)
    set_field(fields, "ind_weight", "5", SUBSCRIPTIONS)
    set_field(fields, "ind_weight", "3", 0)      # 部门维持在职人员完成率 4 → 3: the total stays 100
    refused = post_form(staff, url, fields)
    assert refused.status_code == 400 and "请填写调整批复文号" in refused.get_data(as_text=True)
    fields["approval"] = APPROVAL
    assert post_form(staff, url, fields).status_code == 302

    history = staff.text(f"/projects/{started}/history")
    for text in ("订阅报刊杂志数·年度指标值", "≥120份", "订阅报刊杂志数·分值", "订阅报刊杂志数·调整批复",
                 f"{APPROVAL}（调整年度指标值、分值，记入2020年度申报表“园区行政管理事务类专项”"):
        assert text in history, text
    with web_store.session() as session:
        declaration = api.read_bytes(session.query(StoredDeclaration).one().content.encode("utf-8"),
                                     "d.yaml").documents[0].declaration
        assert [(a.indicator, a.target, a.weight, a.approval) for a in declaration.adjustments][1:] == [
            ("部门维持在职人员完成率", None, 3, APPROVAL), ("订阅报刊杂志数", "≥120份", 5, APPROVAL)]
    page = staff.text(f"/projects/{started}")
    assert f"已批复调整：指标“订阅报刊杂志数”年度指标值调整为≥120份，分值调整为5（{APPROVAL}）" in page
    assert 'id="declaration-changes"' not in page  # approved: no target-changed or weight-changed


def test_a_change_made_without_approval_elsewhere_is_listed_against_the_declaration(client, web_store, started):
    """An import over the project (or a change before the lock) is not approved: the page says so."""
    with web_store.session() as session:
        project = session.get(m.Project, started)
        project.indicators[SUBSCRIPTIONS].target = "≥90份"
        project.indicators[4].weight = 5   # 公务接待人次
    page = client("reviewer").text(f"/projects/{started}")
    changes = re.search(r'<ul id="declaration-changes">(.*?)</ul>', page, re.S).group(1)
    items = [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li[^>]*>(.*?)</li>", changes)]
    assert items == ["指标“订阅报刊杂志数”批复的指标值为“≥100份”，自评使用的是“≥90份”，且无调整批复。",
                     "指标“公务接待人次”批复的分值为4，自评使用的是5，且无调整批复。"]
    assert cell(page, "status") == "填报中"


def test_a_project_without_a_declaration_is_not_locked(client, world):
    page = client("staff").text(f"/projects/{world['ours']}")
    assert 'id="target-lock"' not in page and 'class="lock-mark"' not in page
    html = client("staff").text(f"/projects/{world['ours']}/structure")
    assert 'id="target-lock"' not in html and "（已锁定）" not in html
