"""A department's whole-year declaration (部门整体支出绩效目标申报表) is reviewed by its goal blocks,
as its 自评表 is scored: each declared block weight (目标2/产出指标, 目标2, 产出指标/数量指标) is the sum
of the indicators in it, and each indicator belongs to one of the year's goals. The seed's 2019
department table, declared as it was evaluated, adds up in every block."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao import api
from jixiao.declaration import Declaration, DeclaredIndicator
from jixiao.targets import review as rules

DEPARTMENT = next(p for p in api.example_paths() if p.stem == "dept-2019-zongbaoban")
PROJECT = "武汉东湖综合保税区建设管理办公室部门整体支出"


def seed_declaration() -> Declaration:
    """The seed's department table as a declaration: its four goals, its indicators with their
    goals, targets and weights, and the block weights its 自评结论 prints (目标N/产出指标 12.5, 效益 10)."""
    evaluation = api.load_evaluation(DEPARTMENT)
    return Declaration(
        project=evaluation.project, unit=evaluation.unit, department=evaluation.department, year=2020,
        goals=tuple(goal.expected for goal in evaluation.goals),
        indicators=tuple(DeclaredIndicator(i.level1, i.level2, i.name, i.target, i.weight, basis="历史标准",
                                           data_source="年度工作总结", method="年末统计", goal=i.goal)
                         for i in evaluation.indicators),
        declared_weights=evaluation.declared_weights)


def messages(findings) -> list[str]:
    return [finding.message for finding in findings]


def test_the_seed_department_adds_up_in_every_goal_block():
    declaration = seed_declaration()
    assert [key for key, _ in declaration.declared_weights][:2] == ["目标1/产出指标", "目标1/效益指标"]
    assert rules.weights(declaration) == []
    assert [f for f in rules.required_fields(declaration)] == []
    # Read back from its YAML file, the whole review finds no weight problem either.
    text = api.declaration_yaml(declaration)
    [review] = api.review_documents(api.read_bytes(text.encode("utf-8"), "部门申报表.yaml").documents)
    assert [f.code for f in review.findings if f.code in ("declared-weights-sum", "declaration-field-missing")] == []


def test_a_goal_block_that_does_not_add_up_is_named():
    declaration = seed_declaration()
    indicators = list(declaration.indicators)
    index = next(i for i, ind in enumerate(indicators) if ind.goal == 2 and ind.level1 == "产出指标")
    indicators[index] = replace(indicators[index], weight=indicators[index].weight + 1)
    declaration = replace(declaration, indicators=tuple(indicators),
                          declared_weights=declaration.declared_weights + (("目标3", Decimal("20")),))
    assert messages(rules.weights(declaration)) == [
        f"“{PROJECT}”目标2的一级指标“产出指标”的分值合计为13.5，应为12.5（2.5+1.5+1.5+1.5+1.5+1.5+1.5+1+1=13.5，声明为12.5）。",
        f"“{PROJECT}”目标3的分值合计为22.5，应为20（2.5+2.5+2.5+2.5+2.5+2+2+2+2+2=22.5，声明为20）。",
        f"“{PROJECT}”全部指标与预算执行率的分值合计为101，应为100（指标分值91+预算执行率10=101）。",
    ]


def test_each_indicator_of_a_department_belongs_to_one_of_its_goals():
    declaration = seed_declaration()
    indicators = list(declaration.indicators)
    indicators[0] = replace(indicators[0], goal=None)
    indicators[1] = replace(indicators[1], goal=5)
    declaration = replace(declaration, indicators=tuple(indicators))
    assert messages(rules.required_fields(declaration)) == [
        f"“{PROJECT}”指标“园区配套建设”未填写所属目标。",
        f"“{PROJECT}”指标“闲置土地清理处置工作”未填写有效的所属目标（申报表列有4个年度目标，没有目标5）。",
    ]
    # A project's declaration has no goals to belong to.
    project = replace(declaration, indicators=tuple(replace(i, goal=None) for i in declaration.indicators),
                      declared_weights=(("产出指标", Decimal(50)),))
    assert rules.required_fields(project) == []
