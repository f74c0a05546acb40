"""Sample evaluations for the office tests: the seed's 园区行政管理事务类专项 table (shortened)
and its department table (two goals), with the figures the seed printed."""

from __future__ import annotations

import shutil
from decimal import Decimal as D

import pytest

from jixiao.engine.execution import score_execution
from jixiao.engine.grade import grade
from jixiao.engine.result import EvaluationResult, IndicatorResult
from _records import without_locations  # noqa: F401 - shared with the reader-agreement tests
from jixiao.model import Evaluation, FundLine, Funds, FundSource, Goal, Indicator, Kind, Value
from jixiao.profile import get_profile
from jixiao.rules.base import Outcome

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")

# The seed's 评分细则 that are defective as printed (tests/test_rule_text.py): every reader that
# reads them back reports exactly these, and nothing else.
SEED_RULE_DEFECTS = {"部门维持在职人员完成率", "三公经费成本控制率", "认知度提高率"}


def only_seed_rule_defects(findings) -> bool:
    return {(f.code, f.indicator) for f in findings} == {("rule-text-defect", n) for n in SEED_RULE_DEFECTS}


def build_result(evaluation: Evaluation, scores: list[str]) -> EvaluationResult:
    """A result with given indicator scores: the writer's tests must not depend on the rules."""
    profile = get_profile(evaluation.profile)
    execution, _ = score_execution(evaluation.funds, profile)
    indicators = tuple(
        IndicatorResult(ind, Outcome(D(s), f"得{s}分", "ratio"), D(s))
        for ind, s in zip(evaluation.indicators, scores)
    )
    total = execution.score + sum((r.counted for r in indicators), D("0.00"))
    return EvaluationResult(evaluation, profile, execution, indicators, (), total, grade(total))


def admin_project() -> Evaluation:
    ind = Indicator
    return Evaluation(
        kind=Kind.PROJECT,
        project="园区行政管理事务类专项",
        unit="武汉东湖综合保税区建设管理办公室",
        department="武汉东湖新技术区开发区管理委员会",
        year=2019,
        funds=Funds(lines=(
            FundLine(FundSource.TOTAL, D("614.00"), D("614.00"), D("563.27")),
            FundLine(FundSource.CURRENT, D("614.00"), D("614.00"), D("563.27")),
        )),
        goals=(Goal("负责综保区日常综合管理工作，维持办公场所运转。", "做好园区运行工作经费保障，维持日常活动所需。"),),
        indicators=(
            ind("产出指标", "数量指标", "订阅报刊杂志数", Value("≥100份"), Value("128份"), D("4")),
            ind("产出指标", "数量指标", "公务接待人次", Value("≤200人次"), Value("151人次"), D("4"),
                deviation_reason="2019年综保办公务接待151人次。"),
            ind("产出指标", "时效指标", "报销及支付及时性", Value("及时"), Value("基本及时"), D("2"),
                deviation_reason="部分报销单未在规定期限内完成报账工作"),
            ind("效益指标", "社会效益指标", "部门工作正常开展率", Value("100%"), Value("100%"), D("15")),
            ind("满意度指标", "服务对象满意度指标", "办公环境质量满意度", Value("≥85%"), Value("95%"), D("5")),
        ),
        declared_weights=(("产出指标", D("50")), ("效益指标", D("30")), ("满意度指标", D("10"))),
    )


def department() -> Evaluation:
    ind = Indicator
    return Evaluation(
        kind=Kind.DEPARTMENT,
        project="武汉东湖综合保税区建设管理办公室部门整体支出",
        unit="武汉东湖综合保税区建设管理办公室",
        department="武汉东湖新技术区开发区管理委员会",
        year=2019,
        funds=Funds(lines=(
            FundLine(FundSource.TOTAL, D("3030.00"), D("3744.00"), D("3431.89")),
            FundLine(FundSource.CURRENT, D("3028.00"), D("3741.00"), D("3428.89")),
            FundLine(FundSource.OTHER, D("2.00"), D("3.00"), D("3.00")),
        )),
        goals=(Goal("进一步完善园区基础设施。", "园区基础设施日趋完善。"),
               Goal("搭建完成“招商大平台”。", "完成“招商大平台”。")),
        indicators=(
            ind("产出指标", "数量指标", "园区配套建设", Value("推进配套建设3项"), Value("完成3项"), D("3.5"), goal=1),
            ind("效益指标", "经济效益指标", "工业投资", Value("15亿元"), Value("15.09亿元"), D("2"), goal=1),
            ind("产出指标", "数量指标", "工业产值", Value("108亿元"), Value("58.9亿元"), D("1.5"), goal=2,
                deviation_reason="实际规模以上工业产值58.9亿元，完成进度54.54%。"),
        ),
    )
