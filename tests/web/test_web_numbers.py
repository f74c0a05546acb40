"""Numbers outside the domain (issue 15 §1, docs/numbers.md) never reach the store, and one
that is there already (older data) never takes a page down: the page says which field is wrong
and the unit can put it right."""

from decimal import Decimal

import pytest
from _web import cell
from sqlalchemy import text

from jixiao.store import models as m
from jixiao.web import scoring


def _executed(app, line_id):
    with app.extensions["jixiao.store"].session() as session:
        return session.get(m.FundLine, line_id).executed


def _history(app, project_id):
    with app.extensions["jixiao.store"].session() as session:
        return [(c.field, c.new) for c in session.get(m.Project, project_id).history]


def _store_raw(app, line_id, literal: str):
    """What an older version (or a hand-edited database) may hold: written past the ORM type."""
    with app.extensions["jixiao.store"].session() as session:
        dialect = session.get_bind().dialect.name
        # PostgreSQL's NUMERIC holds at most 131072 digits before the point: its far value is 10^100000.
        value = literal if dialect == "sqlite" else Decimal(literal.replace("E+20000000", "E+100000"))
        session.execute(text("UPDATE fund_lines SET executed = :value WHERE id = :id"), {"value": value, "id": line_id})
        session.commit()


def _pages_answer(client, world):
    """Every page that scores the project, for the unit and for its reviewer."""
    project = f"/projects/{world['ours']}"
    for who, urls in (("staff", ("/", project, project + "/history")),
                      ("reviewer", ("/", "/dashboard", project, project + "/history"))):
        user = client(who)
        for url in urls:
            assert user.get(url).status_code == 200, (who, url)


@pytest.mark.parametrize(("typed", "reason"), [
    ("1e30", "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("1e20000000", "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("5.6e2", "是科学计数法，请写出完整的数字（如1000000）"),
    ("1" * 30, "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("563.1234567", "小数位数过多：金额最多6位小数"),
])
def test_an_amount_outside_the_domain_is_refused_naming_the_field_and_nothing_is_stored(app, client, world, typed,
                                                                                        reason):
    staff = client("staff")
    line = world["ours_funds"][0]
    response = staff.post(f"/projects/{world['ours']}/save", {"version": "1", f"executed-{line}": typed})
    assert response.status_code == 400
    shown = typed if len(typed) <= 40 else typed[:40] + "…"
    assert f"年度资金总额的全年执行数“{shown}”{reason}" in response.get_data(as_text=True)
    assert _executed(app, line) == Decimal("563.27")
    assert _history(app, world["ours"]) == []
    _pages_answer(client, world)


def test_a_preview_of_a_huge_exponent_is_refused_at_once_and_scores_the_saved_value(app, client, world):
    staff = client("staff")
    line = world["ours_funds"][0]
    before = scoring._CACHE.used
    html = staff.post(f"/projects/{world['ours']}/preview", {f"executed-{line}": "9e900000000"}).get_data(as_text=True)
    assert "全年执行数“9e900000000”超出范围：金额的绝对值不能超过10^15（即1000万亿），按已保存的数值计算。" in html
    assert cell(html, f"fscore-{line}") == "9.17"
    # Nothing of the value's size was kept: at most one ordinary project's entry was added.
    assert scoring._CACHE.used - before < 1024 * 1024


def test_a_review_score_outside_the_domain_names_the_indicator(app, client, world):
    with app.extensions["jixiao.store"].session() as session:
        project = session.get(m.Project, world["ours"])
        project.status = m.Status.SUBMITTED.value
        session.commit()
    reviewer = client("reviewer")
    second = world["ours_indicators"][1]
    response = reviewer.post(f"/projects/{world['ours']}/review", {"version": "1", f"rscore-{second}": "1e30"})
    assert response.status_code == 400
    assert "“订阅报刊杂志数”的审核得分“1e30”超出范围：得分应在−1000至1000之间" in response.get_data(as_text=True)


@pytest.mark.parametrize("stored", ["1" * 30, "1E+20000000"])
def test_a_stored_value_outside_the_domain_shows_the_problem_and_the_unit_can_fix_it(app, client, world, stored):
    line = world["ours_funds"][0]
    _store_raw(app, line, stored)
    _pages_answer(client, world)
    staff = client("staff")
    page = staff.text(f"/projects/{world['ours']}")
    assert "funds.lines[0].executed" in page and "超出范围：金额的绝对值不能超过10^15（即1000万亿）" in page
    assert len(page) < 200_000  # the value is shown in exponent form, never with its digits
    response = staff.post(f"/projects/{world['ours']}/save", {"version": "1", f"executed-{line}": "563.27"})
    assert response.status_code == 302
    page = staff.text(f"/projects/{world['ours']}")
    assert cell(page, f"fscore-{line}") == "9.17"
