"""A stored project's audit findings beside its table, live with the typing, and the most
frequent findings on the queue and the dashboard — always within the user's rights."""

import dataclasses
import re
from decimal import Decimal

import pytest
from _web import cell

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import find_or_create_unit, import_evaluation
from jixiao.web.scoring import score_project

RENTED, RECEPTION, SUBSCRIPTIONS = 8, 4, 1  # rows of proj-01 (the park administration table)
RENTED_MESSAGE = "指标“租赁用房空间利用率”自评得分1，按公式计分（评分细则）应为1.80（90%×2=1.80），请核正或说明依据。"


def panel_codes(html: str) -> list[str]:
    panel = html[html.index('id="findings"'):]
    panel = panel[:panel.index("</aside>")]
    return re.findall(r'<li class="sev-\w+" data-code="([\w-]+)"', panel)


def flags(html: str, indicator_id: int) -> str:
    match = re.search(rf'<div id="flags-{indicator_id}" class="flags"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no marker for indicator {indicator_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def frequent(html: str) -> dict[str, int]:
    return {code: int(n) for code, n in re.findall(r'<td class="num" id="frequent-([\w-]+)">(\d+)</td>', html)}


def test_the_project_page_shows_its_findings_beside_the_table(app, client, world):
    page = client("staff").text(f"/projects/{world['ours']}")
    ids = world["ours_indicators"]
    assert panel_codes(page) == ["unit-mismatch", "target-not-measurable", "score-mismatch", "score-mismatch",
                                 "score-mismatch"]
    assert cell(page, "findings-count") == "5"
    assert flags(page, ids[RENTED]) == f"错误 {RENTED_MESSAGE}"
    assert flags(page, ids[RECEPTION]).startswith("错误 指标“公务接待人次”目标为“≤200人次”，实际完成值却是“76%”，单位不一致")
    # On the project's own page its name is not repeated; the dashboard's examples keep it.
    assert "<p>指标“租赁用房空间利用率”自评得分1，" in page
    assert flags(page, ids[SUBSCRIPTIONS]) == ""
    assert f'<a href="#row-{ids[RENTED]}">指标“租赁用房空间利用率”</a>' in page


def unlocated(value):
    """A record with every location left out (the stored file's lines are not the example's)."""
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: None if f.name == "location" else unlocated(getattr(value, f.name))
                                             for f in dataclasses.fields(value)})
    if isinstance(value, tuple):
        return tuple(unlocated(item) for item in value)
    return value


def test_the_findings_are_those_of_the_same_evaluation_read_from_its_file(app, world):
    """Stored and read back (exact decimals on every backend), an evaluation audits as its file
    does: nothing is lost, a department's own figures and the unit's report text included."""
    def seen(report):
        return [(f.code, f.indicator, f.location.field, f.reported, f.expected, f.message) for f in report.findings]

    with app.extensions["jixiao.store"].session() as session:
        unit = find_or_create_unit(session, "核对单位")
        for path in api.example_paths():
            evaluation = api.load_evaluation(path)
            project = import_evaluation(session, evaluation, unit=unit)
            stored = score_project(project)
            from_file = api.audit_evaluation(evaluation)
            assert seen(api.audit_evaluation(stored.evaluation)) == seen(from_file), path.stem
            assert [f.message for f in stored.findings.flags] == [f.message for f in from_file.findings]
            assert unlocated(stored.evaluation.department_figures) == unlocated(evaluation.department_figures), path.stem
            assert unlocated(stored.evaluation.prose) == unlocated(evaluation.prose), path.stem
            if evaluation.department_figures is not None:
                # The four findings on the figures (the seed's staff breakdown, staff above its
                # establishment, and two stated differences) are the stored project's too.
                on_figures = [f[0] for f in seen(from_file) if (f[2] or "").startswith("department_figures.")]
                assert on_figures == ["staff-breakdown-mismatch", "staff-over-establishment",
                                      "department-figure-mismatch", "department-figure-mismatch"]
                assert [f.code for f in stored.findings.flags if f.field.startswith("department_figures.")] == on_figures


def test_fixing_a_value_while_typing_clears_its_finding(app, client, world):
    staff = client("staff")
    ids = world["ours_indicators"]
    url = f"/projects/{world['ours']}/preview"
    html = staff.post(url, {f"actual-{ids[RENTED]}": "50%"}, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert cell(html, f"score-{ids[RENTED]}") == "1.00"  # the self-score of 1 is now right
    assert flags(html, ids[RENTED]) == ""
    assert f'<div id="flags-{ids[RENTED]}" class="flags" hx-swap-oob="true">' in html
    assert panel_codes(html) == ["unit-mismatch", "target-not-measurable", "score-mismatch", "score-mismatch"]
    assert 'id="findings" class="findings-panel" aria-live="polite" hx-swap-oob="true"' in html

    html = staff.post(url, {f"actual-{ids[RENTED]}": "50%", f"actual-{ids[RECEPTION]}": "151人次"}).get_data(
        as_text=True)
    # 151人次 is comparable with ≤200人次: the unit problem is gone, and the self-score of 1.51
    # can now be checked against the stated rule.
    assert panel_codes(html) == ["score-mismatch", "target-not-measurable", "score-mismatch", "score-mismatch"]
    assert "自评得分1.51，按公式计分（评分细则）应为3.02（151人次/200人次×4=3.02" in flags(html, ids[RECEPTION])
    assert "单位不一致" not in html

    # A wrong value brings a finding back, with the recomputed score in its message.
    html = staff.post(url, {f"actual-{ids[RENTED]}": "40%"}).get_data(as_text=True)
    assert "自评得分1，按公式计分（评分细则）应为0.80（40%×2=0.80）" in flags(html, ids[RENTED])

    # Nothing was saved; saving the fix clears the finding on the page itself.
    assert len(panel_codes(staff.text(f"/projects/{world['ours']}"))) == 5
    assert staff.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{ids[RENTED]}": "50%"}
                      ).status_code == 302
    page = staff.text(f"/projects/{world['ours']}")
    assert flags(page, ids[RENTED]) == "" and cell(page, "findings-count") == "4"


def test_a_project_without_findings_says_so(app, client, world):
    """proj-02 with a measurable target and its total printed to two decimals: nothing to report."""
    with app.extensions["jixiao.store"].session() as session:
        project = session.get(m.Project, world["safety"])
        promotion = project.indicators[8]  # 推动园区安全生产工作: a target in words, 12 of 15
        promotion.target, promotion.actual, promotion.reported_score = "≥90%", "96%", Decimal("15")
        project.reported_total = sum((i.reported_score for i in project.indicators),
                                     project.fund_lines[0].reported_score)
        session.commit()
    page = client("staff").text(f"/projects/{world['safety']}")
    assert panel_codes(page) == [] and cell(page, "findings-count") == "0"
    assert "未发现问题：自评得分、总分与资金数据均与重算一致。" in page


def wrong_score_for_unit_b(app, world) -> None:
    """Unit B's copy of proj-02 gets a score above its weight: a finding only unit B's readers may see."""
    with app.extensions["jixiao.store"].session() as session:
        session.get(m.Project, world["theirs"]).indicators[0].reported_score = 60
        session.commit()


def test_the_dashboard_counts_the_audit_findings_of_the_visible_projects(app, client, world):
    wrong_score_for_unit_b(app, world)
    page = client("reviewer").text("/dashboard?year=2019")
    # proj-01: unit-mismatch, target-not-measurable, 3 × score-mismatch; proj-02: total-rounded,
    # target-not-measurable. Unit B's copy is not the reviewer's.
    assert frequent(page) == {"score-mismatch": 3, "target-not-measurable": 2, "total-rounded": 1,
                              "unit-mismatch": 1}
    assert "最常见的审核发现" in page and "indicator-not-scored" not in page
    assert cell(page, f"findings-{world['ours']}") == "5" and cell(page, f"findings-{world['safety']}") == "2"
    assert "score-out-of-range" not in page
    assert "“园区行政管理事务类专项”指标“公务接待人次”目标为“≤200人次”，实际完成值却是“76%”" in page  # the example

    page = client("admin").text("/dashboard?year=2019")
    assert frequent(page) == {"score-mismatch": 4, "target-not-measurable": 3, "total-rounded": 1,
                              "total-mismatch": 1, "score-out-of-range": 1, "unit-mismatch": 1}


def test_the_queue_counts_the_findings_of_the_submitted_projects_only(app, client, world):
    wrong_score_for_unit_b(app, world)
    staff, other, reviewer = client("staff"), client("other"), client("reviewer")
    assert staff.post(f"/projects/{world['safety']}/save", {"version": "1", "action": "submit"}).status_code == 302
    assert other.post(f"/projects/{world['theirs']}/save", {"version": "1", "action": "submit",
                                                                        "submit_reason": "得分以佐证材料为准"}).status_code == 302
    page = reviewer.text("/queue")
    assert frequent(page) == {"target-not-measurable": 1, "total-rounded": 1}
    assert cell(page, f"findings-{world['safety']}") == "2"
    assert "score-out-of-range" not in page and f"findings-{world['theirs']}" not in page
    assert frequent(client("admin").text("/queue")) == {"target-not-measurable": 2, "total-rounded": 1,
                                                         "total-mismatch": 1, "score-out-of-range": 1,
                                                         "score-mismatch": 1}


@pytest.mark.parametrize("who", ["staff", "other"])
def test_unit_staff_have_no_queue_or_dashboard(app, client, world, who):
    user = client(who)
    for url in ("/queue", "/dashboard"):
        assert user.get(url).status_code == 403
