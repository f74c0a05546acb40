"""The shipped examples: the seed report's department table and its nine project
自评表, transcribed with their printed errors. Every one must load without errors, hold
exactly the rows of its table, and agree cell by cell with the seed lines its
`# seed:N` comments point to."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

from jixiao.api import load_evaluations
from jixiao.ingest.yaml_loader import schema
from jixiao.model import Comparator, FundSource, Kind

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "examples"
# The seed report as bundled with the examples (a verbatim copy of shared/seed/000_3d1b3df952248d1a.txt).
SEED = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "examples" / "seed-2019-wuhan-zongbaoban.txt"

D = Decimal

# file: (kind, project, indicators, Σ weights, Σ reported scores, fund lines, reported total,
#        weight per 一级指标, indicators with a stated 评分细则)
TABLES = {
    "dept-2019-zongbaoban.yaml": (
        Kind.DEPARTMENT, "武汉东湖综合保税区建设管理办公室部门整体支出", 41, "90", "77.9", 3, "87.09",
        {"产出指标": "50", "效益指标": "40"}, 0,
    ),
    "proj-01-xingzheng.yaml": (
        Kind.PROJECT, "园区行政管理事务类专项", 21, "90", "84.51", 2, "93.68",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 21,
    ),
    "proj-02-anquan.yaml": (
        Kind.PROJECT, "安全生产专项", 12, "90", "87", 2, "97",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 0,
    ),
    "proj-03-zhaoshang.yaml": (
        Kind.PROJECT, "招商工作专项", 24, "90", "75.70", 4, "80.97",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 24,
    ),
    "proj-04-jiceng.yaml": (
        Kind.PROJECT, "基层活动专项", 17, "90", "88.15", 2, "96.71",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 0,
    ),
    "proj-05-huashangang.yaml": (
        Kind.PROJECT, "花山港运维专项", 14, "90", "81.25", 2, "91.25",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 0,
    ),
    "proj-06-haiguan.yaml": (
        Kind.PROJECT, "驻区海关专项", 11, "85", "81.12", 2, "91.12",
        {"产出指标": "45", "效益指标": "30", "满意度指标": "10"}, 0,
    ),
    "proj-07-richang-weihu.yaml": (
        Kind.PROJECT, "园区日常维护专项", 10, "82", "77", 2, "92.14",
        {"产出指标": "42", "效益指标": "30", "满意度指标": "10"}, 10,
    ),
    "proj-08-pingtai-yunwei.yaml": (
        Kind.PROJECT, "公共服务平台系统运维费", 9, "90", "81", 2, "86.32",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 0,
    ),
    "proj-09-banshui.yaml": (
        Kind.PROJECT, "联合办税服务点经费", 9, "90", "88", 2, "96.91",
        {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, 0,
    ),
}


RULE_DEFECTS = {
    "proj-01-xingzheng.yaml": ("部门维持在职人员完成率", "三公经费成本控制率"),
    "proj-03-zhaoshang.yaml": ("认知度提高率",),
}


def load(name: str):
    evaluations, warnings = load_evaluations([EXAMPLES / name])
    return evaluations[0], warnings


def test_the_examples_are_exactly_the_seed_tables():
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_example_loads_with_the_counts_of_its_table(name):
    kind, project, count, weights, scores, fund_lines, total, levels, stated = TABLES[name]
    evaluation, warnings = load(name)
    assert evaluation.kind is kind
    assert evaluation.project == project
    assert evaluation.year == 2019
    assert evaluation.unit == "武汉东湖综合保税区建设管理办公室"
    assert evaluation.department == "武汉东湖新技术区开发区管理委员会"
    assert len(evaluation.indicators) == count
    assert sum(i.weight for i in evaluation.indicators) == D(weights)
    assert sum(i.reported_score for i in evaluation.indicators) == D(scores)
    assert len(evaluation.funds.lines) == fund_lines
    assert evaluation.funds.unit.text == "万元"
    assert evaluation.funds.total is not None
    assert evaluation.reported_total == D(total)
    by_level: dict[str, Decimal] = {}
    for indicator in evaluation.indicators:
        by_level[indicator.level1] = by_level.get(indicator.level1, D(0)) + indicator.weight
    assert by_level == {level: D(weight) for level, weight in levels.items()}
    assert sum(1 for i in evaluation.indicators if i.rule is not None and i.rule.text) == stated
    # Every stated 评分细则 of the seed is one the parser reads; three are defective as printed.
    assert [(w.code, w.indicator) for w in warnings] == [("rule-text-defect", n) for n in RULE_DEFECTS.get(name, ())]
    if kind is Kind.PROJECT:
        assert len(evaluation.goals) == 1
        assert dict(evaluation.declared_weights) == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_example_is_valid_against_the_schema(name):
    data = yaml.load((EXAMPLES / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    jsonschema.Draft202012Validator(schema()).validate(data)


def test_department_goals_and_their_indicators():
    evaluation, _ = load("dept-2019-zongbaoban.yaml")
    assert [g.expected for g in evaluation.goals] == [
        "进一步完善园区基础设施及海关监管设施和园区内外产业生活配套。",
        "搭建完成“招商大平台”，引进一批国内外优质企业入驻发展。",
        "进一步联合海关，创新监管制度和服务机制。",
        "依法治国、从严治党。",
    ]
    per_goal = {}
    for indicator in evaluation.indicators:
        count, weight, score = per_goal.get(indicator.goal, (0, D(0), D(0)))
        per_goal[indicator.goal] = (count + 1, weight + indicator.weight, score + indicator.reported_score)
    assert per_goal == {
        1: (9, D("22.5"), D("22")),
        2: (14, D("22.5"), D("17.4")),
        3: (10, D("22.5"), D("18")),
        4: (8, D("22.5"), D("20.5")),
    }
    for goal in (1, 2, 3, 4):
        output = sum(i.weight for i in evaluation.indicators if i.goal == goal and i.level1 == "产出指标")
        assert output == D("12.5")


def test_department_funds_as_printed():
    evaluation, _ = load("dept-2019-zongbaoban.yaml")
    total, current, other = evaluation.funds.lines
    assert (total.source, total.initial_budget, total.budget, total.executed) == (
        FundSource.TOTAL, D("3030.00"), D("3744.00"), D("3431.89"),
    )
    assert (total.reported_weight, total.reported_rate, total.reported_score) == (D("10"), D("0.9166"), D("9.17"))
    assert (current.source, current.budget, current.executed, current.reported_weight) == (
        FundSource.CURRENT, D("3741.00"), D("3428.89"), D("9.99"),
    )
    assert (other.source, other.budget, other.reported_rate, other.reported_score) == (
        FundSource.OTHER, D("3.00"), D("1.0000"), D("0.01"),
    )


def test_the_seeds_printed_errors_are_kept():
    zhaoshang, _ = load("proj-03-zhaoshang.yaml")
    other = zhaoshang.funds.line(FundSource.OTHER)
    assert (other.budget, other.executed) == (D("3.00"), D("3.00"))
    assert (other.reported_weight, other.reported_rate, other.reported_score) == (D("0.11"), D("0.9983"), D("1.00"))
    assert str(other.reported_score) == "1.00"
    carryover = zhaoshang.funds.line(FundSource.CARRYOVER)
    assert carryover.initial_budget is None
    assert carryover.reported_rate == D("0.9987")

    banshui, _ = load("proj-09-banshui.yaml")
    assert banshui.funds.total.reported_score == D("8.908")
    current = banshui.funds.line(FundSource.CURRENT)
    assert (current.reported_weight, current.reported_rate, current.reported_score) == (None, D("0.8908"), None)
    assert banshui.indicators[0].level2 == ""

    jiceng, _ = load("proj-04-jiceng.yaml")
    assert jiceng.funds.total.reported_rate == D("0.8558")
    assert jiceng.funds.line(FundSource.CURRENT).reported_rate == D("0.8559")

    huashan, _ = load("proj-05-huashangang.yaml")
    assert huashan.funds.total.initial_budget is None
    signed = next(i for i in huashan.indicators if i.name == "货物签证")
    assert (signed.target.text, signed.actual.text, signed.reported_score) == ("8000份", "5059份", D("5"))

    xingzheng, _ = load("proj-01-xingzheng.yaml")
    reception = next(i for i in xingzheng.indicators if i.name == "公务接待人次")
    assert reception.target.comparator is Comparator.LE
    assert reception.actual.text == "76%"
    assert reception.reported_score == D("1.51")

    department, _ = load("dept-2019-zongbaoban.yaml")
    cost = next(i for i in department.indicators if i.name == "园区管理项目成本控制偏差率")
    assert cost.target.text == "5%"
    assert cost.target.comparator is None


def test_stated_rules_are_the_evaluation_reports_text():
    weihu, _ = load("proj-07-richang-weihu.yaml")
    rules = {i.name: i.rule.text for i in weihu.indicators}
    assert rules["人员及时到岗情况"] == "人员到岗及时，得满分；基本及时 5 分；不太及时，2；否则不得分。"
    assert rules["服务对象满意度"] == "标准分值 10 分，实际得分=服务对象满意度*标准分值，满分 10 分"
    zhaoshang, _ = load("proj-03-zhaoshang.yaml")
    cost = next(i for i in zhaoshang.indicators if i.name == "达标项目成本控制偏差率")
    assert cost.rule.text == (
        "偏差率≤5%，得满分；5%≤偏差率≤20%，得3分；20%≤偏差率≤35%，得2分；35%≤偏差率≤50%，得1分；否则，不得分。"
    )
    for name in ("proj-02-anquan.yaml", "proj-04-jiceng.yaml", "proj-06-haiguan.yaml", "dept-2019-zongbaoban.yaml"):
        evaluation, _ = load(name)
        assert all(i.rule is None for i in evaluation.indicators)


# ---------------------------------------------------------------------------------------
# Cell by cell against the seed


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def _seed_refs(lines: list[str], item_line: int) -> tuple[list[int], int | None]:
    """The seed lines named by the last `# seed:N[-M]` comment in the comment block right
    above an item, and the `rule seed:K` line if the block names one."""
    block = []
    index = item_line - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        block.insert(0, lines[index].strip())
        index -= 1
    cited = [line for line in block if line.startswith("# seed:")]
    assert cited, f"the item at line {item_line} has no # seed: comment above it"
    first, last = re.match(r"# seed:(\d+)(?:-(\d+))?", cited[-1]).groups()
    rule = re.search(r"rule seed:(\d+)", " ".join(block))
    return list(range(int(first), int(last or first) + 1)), int(rule.group(1)) if rule else None


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_row_matches_the_seed_line_it_cites(name):
    seed = _seed_lines()
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    raw = yaml.load(text, Loader=yaml.BaseLoader)
    evaluation, _ = load(name)

    for indicator, item in zip(evaluation.indicators, raw["indicators"], strict=True):
        refs, rule_ref = _seed_refs(lines, indicator.location.line)
        row = " ".join(seed[n - 1] for n in refs)
        cells = [cell.strip() for cell in row.split("\t")]
        for key in ("name", "target", "actual"):
            assert _compact(item[key]) in _compact(row), (name, indicator.name, key)
        assert item["weight"] in cells, (name, indicator.name)
        assert item["reported_score"] in cells, (name, indicator.name)
        if "deviation_reason" in item:
            assert _compact(item["deviation_reason"]) in _compact(row), (name, indicator.name)
        if "rule_text" in item:
            assert rule_ref is not None, (name, indicator.name)
            assert item["rule_text"] in seed[rule_ref - 1], (name, indicator.name)

    for fund_line, item in zip(evaluation.funds.lines, raw["funds"]["lines"], strict=True):
        refs, _ = _seed_refs(lines, fund_line.location.line)
        cells = [cell.strip() for n in refs for cell in seed[n - 1].split("\t")]
        for key in ("initial_budget", "budget", "executed"):
            if key in item:
                assert item[key] in cells, (name, fund_line.source, key)
        for key, value in item.get("reported", {}).items():
            assert value in cells, (name, fund_line.source, key)

    for goal, item in zip(evaluation.goals, raw.get("goals", []), strict=True):
        refs, _ = _seed_refs(lines, goal.location.line)
        row = _compact(" ".join(seed[n - 1] for n in refs))
        assert _compact(item["expected"]) in row and _compact(item["actual"]) in row, name

    total_line = next(line for line in lines if line.startswith("reported_total:"))
    total_ref = int(re.search(r"# seed:(\d+)", total_line).group(1))
    assert seed[total_ref - 1].strip().startswith("总分")
    assert raw["reported_total"] in seed[total_ref - 1].split("\t")
