"""Budget execution scoring against the seed's funds blocks (rules.md, "Budget execution")."""

from decimal import Decimal as D

from jixiao.engine.execution import score_execution
from jixiao.model import FundLine, Funds, FundSource
from jixiao.profile import get_profile

NATIONAL = get_profile("national")


def funds(*lines: tuple) -> Funds:
    return Funds(
        lines=tuple(
            FundLine(FundSource(source), D(initial) if initial else None, D(budget), D(executed))
            for source, initial, budget, executed in lines
        )
    )


def test_department_total_and_split_by_source_match_the_seed():
    result, problems = score_execution(
        funds(
            ("年度资金总额", "3030", "3744.00", "3431.89"),
            ("当年财政拨款", "3028", "3741.00", "3428.89"),
            ("其他资金", "2", "3.00", "3.00"),
        ),
        NATIONAL,
    )
    assert problems == []
    assert result.score == D("9.17")
    assert result.derivation == "3,431.89万元/3,744.00万元=91.66%，min(91.66%,100%)×10=9.17"
    current, other = result.lines[1], result.lines[2]
    assert (current.weight, current.score) == (D("9.99"), D("9.16"))
    assert (other.weight, other.score) == (D("0.01"), D("0.01"))
    assert current.derivation == (
        "分值10×3,741.00/3,744.00=9.99；执行率3,428.89万元/3,741.00万元=91.66%；"
        "得分3,428.89/3,744.00×10=9.16"
    )


def test_zhaoshang_sources_recomputed_where_the_seed_misprints_them():
    result, _ = score_execution(
        funds(
            ("年度资金总额", "228", "264.00", "138.90"),
            ("当年财政拨款", "228", "248.00", "122.92"),
            ("上年结转资金", None, "13.00", "12.98"),
            ("其他资金", None, "3.00", "3.00"),
        ),
        NATIONAL,
    )
    assert result.score == D("5.26")
    rates = [line.rate.quantize(D("0.0001")) for line in result.lines]
    assert rates == [D("0.5261"), D("0.4956"), D("0.9985"), D("1.0000")]
    assert [line.score for line in result.lines] == [D("5.26"), D("4.66"), D("0.49"), D("0.11")]


def test_execution_above_budget_is_capped_at_the_weight():
    result, _ = score_execution(funds(("年度资金总额", None, "100", "120")), NATIONAL)
    assert result.score == D("10.00")
    assert "min(120.00%,100%)×10=10.00" in result.derivation


def test_old_hubei_profile_gives_execution_twenty_points():
    result, _ = score_execution(
        funds(("年度资金总额", None, "250000", "215457.6")), get_profile("hubei-old")
    )
    assert result.score == D("17.24")


def test_national_example_from_rules_md():
    result, _ = score_execution(funds(("年度资金总额", None, "250000", "215457.6")), NATIONAL)
    assert result.score == D("8.62")


def test_initial_budget_denominator_is_named_in_the_derivation():
    result, _ = score_execution(
        funds(("年度资金总额", "83", "63", "53.92")), get_profile("initial-budget")
    )
    assert result.score == D("6.50")
    assert result.derivation.endswith("（以年初预算数为分母）")


def test_missing_budget_scores_zero_with_a_problem():
    result, problems = score_execution(Funds(lines=(FundLine(FundSource.TOTAL, None, None, D("5")),)), NATIONAL)
    assert result.score == D("0.00")
    assert problems[0].code == "funds-incomplete"


def test_overspending_one_source_does_not_make_up_for_another():
    result, problems = score_execution(
        funds(
            ("年度资金总额", None, "300", "300"),
            ("当年财政拨款", None, "100", "50"),
            ("上年结转资金", None, "200", "250"),
        ),
        NATIONAL,
    )
    # 50/300×10 + 200/300×10 = 8.33, not 300/300×10 = 10.
    assert result.score == D("8.33")
    assert [p.code for p in problems] == ["execution-split"]
    assert result.derivation.endswith("；按资金来源分别计分合计8.33（某一来源超支不能抵补其他来源的结余），取8.33")


def test_sources_within_budget_give_the_total_lines_score():
    result, problems = score_execution(
        funds(("年度资金总额", None, "264", "138.90"), ("当年财政拨款", None, "248", "122.92"),
              ("上年结转资金", None, "13", "12.98"), ("其他资金", None, "3", "3")),
        NATIONAL,
    )
    assert (result.score, problems) == (D("5.26"), [])
