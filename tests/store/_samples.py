"""A real table from the seed report (园区行政管理事务类专项, 2019), cut to five indicators."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.model import Evaluation, FundLine, FundSource, Funds, Goal, Indicator, Kind, RuleSpec, Unit, Value

UNIT = "武汉东湖综合保税区建设管理办公室"
DEPARTMENT = "武汉东湖新技术区开发区管理委员会"


def indicator(level1, level2, name, target, actual, weight, reported=None, reason="", rule=None) -> Indicator:
    return Indicator(
        level1, level2, name, Value(target), Value(actual), D(weight),
        rule=rule, reported_score=D(reported) if reported else None, deviation_reason=reason,
    )


def park_admin(unit: str = UNIT, name: str = "园区行政管理事务类专项") -> Evaluation:
    return Evaluation(
        kind=Kind.PROJECT,
        project=name,
        unit=unit,
        department=DEPARTMENT,
        year=2019,
        funds=Funds(
            Unit("万元", D(10000), "元"),
            (
                FundLine(FundSource.TOTAL, D("614.00"), D("614.00"), D("563.27"), D("10"), D("0.9174"), D("9.17")),
                FundLine(FundSource.CURRENT, D("614.00"), D("614.00"), D("563.27"), D("10"), D("0.9174"), D("9.17")),
            ),
        ),
        goals=(Goal("负责综保区日常综合管理工作，维持办公场所运转。", "做好园区运行工作经费保障，维持日常活动所需。"),),
        indicators=(
            indicator("产出指标", "数量指标", "订阅报刊杂志数", "≥100份", "128份", "4", "4"),
            indicator("产出指标", "数量指标", "公务接待人次", "≤200人次", "76%", "4", "1.51", "2019年综保办公务接待151人次。"),
            indicator("产出指标", "时效指标", "报销及支付及时性", "及时", "基本及时", "2", "1",
                      "部分报销单未在规定期限内完成报账工作", rule=RuleSpec.of("graded", grades=[["及时", "2"], ["基本及时", "1"]])),
            indicator("效益指标", "可持续影响指标", "项目可持续性", "具有", "具有", "15", "15"),
            indicator("满意度指标", "服务对象满意度指标", "办公环境质量满意度", "≥85%", "95%", "5", "5",
                      rule=RuleSpec.of("threshold", text="达到85%得满分，否则不得分")),
        ),
        reported_total=D("93.68"),
        declared_weights=(("产出指标", D("50")), ("效益指标", D("30")), ("满意度指标", D("10"))),
    )
