"""The reviewers' dashboard: exact figures over the units a reviewer may see."""

from decimal import Decimal

from _web import cell, example

from jixiao import api
from jixiao.decimals import plain, round2


def test_the_dashboard_counts_and_averages_the_visible_tables(app, client, world):
    page = client("reviewer").text("/dashboard?year=2019")
    totals = [api.score(example(stem)).total for stem in ("proj-01-xingzheng", "proj-02-anquan")]
    assert cell(page, "count") == "2"  # unit B's copy is not the reviewer's
    assert cell(page, "average") == plain(round2(sum(totals, Decimal(0)) / 2))
    assert "武汉东湖新技术开发区财政局" not in page
    assert page.count("<svg") == 3 and 'aria-label="得分分布"' in page
    assert 'id="frequent-unit-mismatch">1<' in page  # 公务接待人次: 76% against ≤200人次 (audit findings)


def test_an_admin_sees_every_unit(app, client, world):
    page = client("admin").text("/dashboard")
    assert cell(page, "count") == "3"
    assert "武汉东湖新技术开发区财政局" in page


def test_chart_labels_are_escaped():
    from jixiao.web.charts import hbars

    svg = str(hbars([("<script>x</script>", Decimal("50"), "良")], Decimal(100), "分"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'width="180"' in svg  # 50 of 100 → half of the 360-pixel bar
