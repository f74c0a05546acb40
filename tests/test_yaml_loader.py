"""The YAML loader: what a well-formed file becomes, and the exact Chinese message, file
and line for each kind of mistake a user can make in one."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from textwrap import dedent

import pytest

from jixiao.api import load_evaluation, load_evaluations
from jixiao.ingest.yaml_loader import MAX_BYTES, load_text, load_text_with_problems
from jixiao.render.yaml_writer import dump_evaluation


def load_evaluation_with_problems(path):
    evaluations, findings = load_evaluations([path])
    return evaluations[0], findings
from jixiao.model import Comparator, Evaluation, FundSource, Kind, Location, RuleSpec
from jixiao.findings import Finding, InputError

# Line numbers in the tests below refer to this text (line 1 is `kind: project`).
BASE = dedent(
    """\
    kind: project
    year: 2019
    project: 园区行政管理事务类专项
    department: 武汉东湖新技术区开发区管理委员会
    unit: 武汉东湖综合保税区建设管理办公室
    funds:
      unit: 万元
      lines:
        - source: 年度资金总额
          initial_budget: "3,030.00"
          budget: "3,744.00"
          executed: "3,431.89"
          reported: {weight: "10", rate: "91.66%", score: "9.17"}
    goals:
      - expected: 负责综保区日常综合管理工作，维持办公场所运转。
        actual: 做好园区运行工作经费保障，维持日常活动所需。
    declared_weights: {产出指标: "50", 效益指标: "30", 满意度指标: "10"}
    indicators:
      - level1: 产出指标
        level2: 数量指标
        name: 订阅报刊杂志数
        target: ≥100份
        actual: 128份
        weight: "4"
        reported_score: "4"
      - name: 公务接待人次
        target: ≤200人次
        actual: 151人次
        weight: "4"
        reported_score: "1.51"
        deviation_reason: 2019年综保办公务接待151人次。
      - level1: 满意度指标
        level2: 服务对象满意度指标
        name: 办公环境质量满意度
        target: ≥85%
        actual: "95%"
        weight: "5"
        rule: {kind: threshold, threshold: "≥85%"}
    reported_total: "93.68"
    """
)


def problems_of(text: str, filename: str = "x.yaml") -> list[Finding]:
    with pytest.raises(InputError) as info:
        load_text(text, filename)
    return info.value.findings


def only_problem(text: str, filename: str = "x.yaml") -> Finding:
    problems = problems_of(text, filename)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ---------------------------------------------------------------------------------------
# A well-formed file


def test_reads_every_field_as_exact_decimal_and_text():
    evaluation = load_text(BASE, "x.yaml")
    assert evaluation.kind is Kind.PROJECT
    assert evaluation.year == 2019
    assert evaluation.project == "园区行政管理事务类专项"
    assert evaluation.department == "武汉东湖新技术区开发区管理委员会"
    assert evaluation.unit == "武汉东湖综合保税区建设管理办公室"
    assert evaluation.profile == "national"
    assert evaluation.reported_total == Decimal("93.68")
    assert evaluation.declared_weights == (
        ("产出指标", Decimal("50")),
        ("效益指标", Decimal("30")),
        ("满意度指标", Decimal("10")),
    )
    assert evaluation.location == Location(file="x.yaml", line=1)


def test_funds_amounts_with_thousands_separators_and_percent_rates():
    funds = load_text(BASE, "x.yaml").funds
    assert funds.unit.text == "万元"
    assert funds.unit.scale == Decimal(10000)
    (line,) = funds.lines
    assert line.source is FundSource.TOTAL
    assert line.initial_budget == Decimal("3030.00")
    assert line.budget == Decimal("3744.00")
    assert line.executed == Decimal("3431.89")
    assert line.reported_weight == Decimal("10")
    assert line.reported_rate == Decimal("0.9166")
    assert str(line.reported_rate) == "0.9166"
    assert line.reported_score == Decimal("9.17")
    assert line.location == Location(file="x.yaml", line=9)


def test_levels_left_out_repeat_the_previous_rows():
    indicators = load_text(BASE, "x.yaml").indicators
    assert [i.path for i in indicators] == [
        ("产出指标", "数量指标", "订阅报刊杂志数"),
        ("产出指标", "数量指标", "公务接待人次"),
        ("满意度指标", "服务对象满意度指标", "办公环境质量满意度"),
    ]


def test_indicator_values_weights_and_locations():
    first, second, third = load_text(BASE, "x.yaml").indicators
    assert first.target.comparator is Comparator.GE
    assert first.target.quantity.value == Decimal("100")
    assert first.target.quantity.unit.text == "份"
    assert first.actual.text == "128份"
    assert first.weight == Decimal("4")
    assert first.reported_score == Decimal("4")
    assert first.rule is None
    assert first.location == Location(file="x.yaml", line=19)
    assert second.target.comparator is Comparator.LE
    assert second.reported_score == Decimal("1.51")
    assert second.deviation_reason == "2019年综保办公务接待151人次。"
    assert second.location == Location(file="x.yaml", line=26)
    assert third.rule == RuleSpec.of(
        "threshold", location=Location(file="x.yaml", line=38, field="indicators[2].rule"), threshold="≥85%"
    )
    assert third.rule.text == ""


def test_goals_and_their_lines():
    (goal,) = load_text(BASE, "x.yaml").goals
    assert goal.expected == "负责综保区日常综合管理工作，维持办公场所运转。"
    assert goal.actual == "做好园区运行工作经费保障，维持日常活动所需。"
    assert goal.location == Location(file="x.yaml", line=15)


def test_rule_parameter_lists_become_tuples():
    text = BASE.replace(
        '    rule: {kind: threshold, threshold: "≥85%"}',
        '    rule: {kind: bands, measure: actual, bands: [["0", "5%", "5"], ["5%", "20%", "3"]]}',
    )
    rule = load_text(text, "x.yaml").indicators[2].rule
    assert rule.kind == "bands"
    assert rule.param("bands") == (("0", "5%", "5"), ("5%", "20%", "3"))
    assert rule.param("measure") == "actual"


def test_a_misspelt_rule_parameter_is_refused_with_its_line_and_a_suggestion():
    # Loaded silently, `treshold` would leave the threshold to default to the target.
    text = BASE.replace('    rule: {kind: threshold, threshold: "≥85%"}', '    rule: {kind: threshold, treshold: "≥50份"}')
    problem = only_problem(text)
    assert problem.code == "rule-param-unknown"
    assert str(problem) == ("x.yaml 第38行（indicators[2].rule.treshold）：指标“办公环境质量满意度”："
                            "评分规则“threshold”没有参数“treshold”，是否应为“threshold”？")


def test_rule_parameters_of_the_wrong_shape_or_missing_are_refused():
    text = BASE.replace('    rule: {kind: threshold, threshold: "≥85%"}', '    rule: {kind: bands, bands: ["0", "5%"]}')
    problem = only_problem(text)
    assert problem.code == "rule-param-invalid"
    assert problem.message.endswith("评分规则“bands”的参数“bands”（档位 [下限, 上限, 得分]）每项应为3个值的列表，实际有一项为“0”")
    text = BASE.replace('    rule: {kind: threshold, threshold: "≥85%"}', '    rule: {kind: formula}')
    problem = only_problem(text)
    assert (problem.code, problem.location.field) == ("missing-field", "indicators[2].rule.expression")


def test_unreadable_rule_text_is_a_warning_and_keeps_the_text():
    text = BASE.replace("    reported_score: \"1.51\"\n", "    reported_score: \"1.51\"\n    rule_text: 视情况酌情打分\n")
    evaluation, warnings = load_text_with_problems(text, "x.yaml")
    rule = evaluation.indicators[1].rule
    assert rule.kind == "unparsed"
    assert rule.text == "视情况酌情打分"
    assert rule.location == Location(file="x.yaml", line=31, field="indicators[1].rule_text")
    (warning,) = warnings
    assert warning.code == "rule-text-unparsed"
    assert warning.message.startswith("指标“公务接待人次”的评分细则无法识别：")
    assert warning.location == Location(file="x.yaml", line=31, field="indicators[1].rule_text")


def test_load_evaluation_reads_a_file_and_names_it(tmp_path):
    path = tmp_path / "proj.yaml"
    path.write_text(BASE, encoding="utf-8")
    evaluation = load_evaluation(path)
    assert evaluation.indicators[0].location == Location(file=str(path), line=19)
    evaluation, warnings = load_evaluation_with_problems(path)
    assert warnings == []
    assert len(evaluation.indicators) == 3


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_evaluation(path).project == "园区行政管理事务类专项"


# ---------------------------------------------------------------------------------------
# Round trip


def _unlocated(evaluation: Evaluation) -> Evaluation:
    def rule(spec: RuleSpec | None) -> RuleSpec | None:
        return replace(spec, location=None) if spec else None

    return replace(
        evaluation,
        location=None,
        funds=replace(evaluation.funds, lines=tuple(replace(x, location=None) for x in evaluation.funds.lines)),
        goals=tuple(replace(g, location=None) for g in evaluation.goals),
        indicators=tuple(replace(i, location=None, rule=rule(i.rule)) for i in evaluation.indicators),
    )


def test_round_trip_dump_then_load_gives_the_same_evaluation():
    original = load_text(BASE, "x.yaml")
    dumped = dump_evaluation(original)
    again = load_text(dumped, "y.yaml")
    assert _unlocated(again) == _unlocated(original)
    assert dump_evaluation(again) == dumped
    # Numbers are written as quoted text, never as YAML floats.
    assert "initial_budget: '3030.00'" in dumped
    assert "rate: 91.66%" in dumped  # as printed, as the store writes it too
    assert "reported_score: '1.51'" in dumped


def test_round_trip_of_a_department_table():
    text = dedent(
        """\
        kind: department
        project: 部门整体支出
        goals:
          - expected: 目标一
          - expected: 目标二
            actual: 完成
        indicators:
          - {goal: "1", level1: 产出指标, level2: 数量指标, name: 园区配套建设, target: 推进配套建设3项, actual: 完成, weight: "3.5"}
          - {goal: "2", name: 工业产值, target: 108亿元, actual: 58.9亿元, weight: "1.5", reported_score: "0.8"}
        """
    )
    original = load_text(text, "d.yaml")
    assert [i.goal for i in original.indicators] == [1, 2]
    assert original.indicators[1].path == ("产出指标", "数量指标", "工业产值")
    again = load_text(dump_evaluation(original), "d2.yaml")
    assert _unlocated(again) == _unlocated(original)


# ---------------------------------------------------------------------------------------
# Mistakes: one test per kind, with the exact message, file and line


def test_malformed_yaml_names_the_line_yaml_reports():
    problem = only_problem(BASE.replace("project: 园区行政管理事务类专项", "project 园区行政管理事务类专项"))
    assert problem.code == "yaml-syntax"
    assert str(problem) == "x.yaml 第4行：YAML 格式错误：找不到应有的冒号“:”（键后缺少冒号，或上一行的引号未闭合）"


def test_tab_indentation_is_a_yaml_error():
    problem = only_problem(BASE.replace("  unit: 万元", "\tunit: 万元"))
    assert problem.code == "yaml-syntax"
    assert problem.location.line == 7
    assert problem.message.startswith("YAML 格式错误：")


def test_missing_required_field_is_reported_once_with_the_indicator_name():
    problem = only_problem(BASE.replace('    weight: "4"\n    reported_score: "4"\n', '    reported_score: "4"\n'))
    assert problem.code == "missing-field"
    assert problem.message == "指标“订阅报刊杂志数”缺少必填字段“weight”（分值）"
    assert problem.location == Location(file="x.yaml", line=19, field="indicators[0].weight")


def test_missing_top_level_field():
    problem = only_problem(BASE.replace("project: 园区行政管理事务类专项\n", ""))
    assert str(problem) == "x.yaml 第1行（project）：缺少必填字段“project”（项目名称）"


def test_weight_that_is_text():
    problem = only_problem(BASE.replace('    weight: "4"\n    reported_score: "4"', '    weight: 四\n    reported_score: "4"'))
    assert problem.code == "not-a-number"
    assert str(problem) == "x.yaml 第24行（indicators[0].weight）：指标“订阅报刊杂志数”的分值“四”不是数字"


def test_empty_weight():
    problem = only_problem(BASE.replace('    weight: "5"', '    weight: ""'))
    assert str(problem) == "x.yaml 第37行（indicators[2].weight）：指标“办公环境质量满意度”的分值为空"


def test_negative_budget():
    problem = only_problem(BASE.replace('budget: "3,744.00"', 'budget: "-3,744.00"'))
    assert problem.code == "negative-number"
    assert str(problem) == "x.yaml 第11行（funds.lines[0].budget）：资金“年度资金总额”的全年预算数“-3,744.00”为负数"


def test_negative_executed_amount():
    problem = only_problem(BASE.replace('executed: "3,431.89"', 'executed: "-1"'))
    assert str(problem) == "x.yaml 第12行（funds.lines[0].executed）：资金“年度资金总额”的全年执行数“-1”为负数"


def test_amount_that_is_not_a_number():
    problem = only_problem(BASE.replace('executed: "3,431.89"', "executed: 三千"))
    assert problem.code == "not-a-number"
    assert problem.message == "资金“年度资金总额”的全年执行数“三千”不是数字"
    assert problem.location.line == 12


def test_zero_quantitative_target():
    problem = only_problem(BASE.replace("target: ≥100份", "target: ≥0份"))
    assert problem.code == "zero-target"
    assert str(problem) == (
        "x.yaml 第22行（indicators[0].target）：指标“订阅报刊杂志数”的年度指标值“≥0份”以零为目标，"
        "无法按完成比例计分；若目标是“不发生”，请写成“=0”或“≤0”"
    )


def test_zero_target_for_a_none_happened_indicator_is_fine():
    evaluation = load_text(BASE.replace("target: ≥100份", "target: =0起").replace("actual: 128份", "actual: 0起"))
    assert evaluation.indicators[0].target.quantity.value == 0


def test_unknown_rule_kind_lists_the_known_ones():
    problem = only_problem(BASE.replace("rule: {kind: threshold", "rule: {kind: proportional"))
    assert problem.code == "unknown-rule"
    assert problem.location == Location(file="x.yaml", line=38, field="indicators[2].rule.kind")
    assert problem.message.startswith("指标“办公环境质量满意度”的评分规则“proportional”不存在，可用：")
    assert "ratio" in problem.message and "threshold" in problem.message


def test_unknown_fund_source():
    problem = only_problem(BASE.replace("source: 年度资金总额", "source: 专项资金"))
    assert str(problem) == (
        "x.yaml 第9行（funds.lines[0].source）：未知的资金来源“专项资金”，可用：年度资金总额、当年财政拨款、上年结转资金、财政专户管理资金、单位资金、其他资金"
    )


def test_unknown_kind():
    problem = only_problem(BASE.replace("kind: project", "kind: programme"))
    assert str(problem) == "x.yaml 第1行（kind）：未知的表类型“programme”，可用：project（项目支出）、department（部门整体支出）"


def test_unknown_profile():
    problem = only_problem(BASE.replace("year: 2019", "year: 2019\nprofile: beijing"))
    assert problem.code == "unknown-profile"
    assert str(problem) == "x.yaml 第3行（profile）：未知的评分方案“beijing”，可用：national、ratio-reverse、hubei-old、sichuan、ningxia、initial-budget"


def test_known_profile_is_kept():
    assert load_text(BASE.replace("year: 2019", "year: 2019\nprofile: hubei-old")).profile == "hubei-old"


def test_misspelt_field_is_caught_by_the_schema_with_a_suggestion():
    problems = problems_of(BASE.replace('    weight: "4"\n    reported_score: "4"', '    weigth: "4"\n    reported_score: "4"'))
    assert [str(p) for p in problems] == [
        "x.yaml 第19行（indicators[0].weight）：指标“订阅报刊杂志数”缺少必填字段“weight”（分值）",
        "x.yaml 第24行（indicators[0].weigth）：未知字段“weigth”，是否应为“weight”？",
    ]
    assert problems[1].code == "schema"


def test_wrong_shape_is_reported_from_the_schema():
    # lines is text, and the list moved under an unknown key: both found, in file order.
    problems = problems_of(BASE.replace("  lines:\n", "  lines: 三行\n  rows:\n"))
    assert [str(p) for p in problems] == [
        "x.yaml 第8行（funds.lines）：字段“funds.lines”应为列表，实际是文本",
        "x.yaml 第9行（funds.rows）：未知字段“rows”；可用字段：unit、lines",
    ]
    assert {p.code for p in problems} == {"schema"}


def test_all_problems_are_reported_together_in_line_order():
    text = (
        BASE.replace("kind: project", "kind: programme")
        .replace('budget: "3,744.00"', 'budget: "-3,744.00"')
        .replace('    weight: "4"\n    reported_score: "4"', '    weight: 四\n    reported_score: "4"')
        .replace('reported_total: "93.68"', "reported_total: 九十三")
    )
    problems = problems_of(text)
    assert [(p.code, p.location.line) for p in problems] == [
        ("unknown-kind", 1),
        ("negative-number", 11),
        ("not-a-number", 24),
        ("not-a-number", 39),
    ]
    assert problems[3].message == "总分“九十三”不是数字"
    with pytest.raises(InputError) as info:
        load_text(text, "x.yaml")
    assert str(info.value).splitlines()[0] == "x.yaml 第1行（kind）：未知的表类型“programme”，可用：project（项目支出）、department（部门整体支出）"


def test_duplicate_key():
    problem = only_problem(BASE.replace("    name: 订阅报刊杂志数\n", "    name: 订阅报刊杂志数\n    name: 报刊\n"))
    assert str(problem) == "x.yaml 第22行（indicators[0].name）：字段“name”重复（第一次出现在第21行）"


def test_yaml_aliases_are_refused():
    problem = only_problem(BASE + "extra: &a [1]\nmore: *a\n")
    assert str(problem) == "x.yaml 第41行：不支持 YAML 别名（*a）：请把内容直接写出"


def test_first_indicator_without_levels():
    problems = problems_of(BASE.replace("  - level1: 产出指标\n    level2: 数量指标\n    name: 订阅报刊杂志数", "  - name: 订阅报刊杂志数"))
    assert [str(p) for p in problems] == [
        "x.yaml 第19行（indicators[0].level1）：指标“订阅报刊杂志数”缺少一级指标（level1），且前面没有可沿用的",
        "x.yaml 第19行（indicators[0].level2）：指标“订阅报刊杂志数”缺少二级指标（level2），且前面没有可沿用的",
    ]


def test_department_indicator_goal_out_of_range_and_missing():
    text = BASE.replace("kind: project", "kind: department")
    text = text.replace('    reported_score: "4"\n', '    reported_score: "4"\n    goal: 3\n', 1)
    problems = problems_of(text)
    assert [str(p) for p in problems] == [
        "x.yaml 第26行（indicators[0].goal）：指标“订阅报刊杂志数”的子目标序号“3”超出范围：本表共有1个年度总体目标",
        "x.yaml 第27行（indicators[1].goal）：部门整体支出表中指标“公务接待人次”缺少“goal”（所属子目标序号）",
        "x.yaml 第33行（indicators[2].goal）：部门整体支出表中指标“办公环境质量满意度”缺少“goal”（所属子目标序号）",
    ]


def test_goal_that_is_not_an_integer():
    text = BASE.replace('    reported_score: "4"\n', '    reported_score: "4"\n    goal: 第一\n', 1)
    problems = problems_of(text)
    assert [p.message for p in problems] == ["指标“订阅报刊杂志数”的子目标序号“第一”不是整数"]
    assert problems[0].location.line == 26


def test_year_that_is_not_a_year():
    problem = only_problem(BASE.replace("year: 2019", "year: 二〇一九"))
    assert str(problem) == "x.yaml 第2行（year）：年度“二〇一九”不是四位数字"


def test_a_list_is_not_an_evaluation():
    problem = only_problem("- 订阅报刊杂志数\n- 公务接待人次\n")
    assert str(problem) == "x.yaml 第1行：文件内容应为一张自评表（键: 值 的映射），实际是列表"


def test_empty_text():
    problem = only_problem("")
    assert str(problem) == "x.yaml：文件是空的：没有可读取的自评表"


def test_file_that_does_not_exist(tmp_path):
    path = tmp_path / "missing.yaml"
    with pytest.raises(InputError) as info:
        load_evaluation(path)
    (problem,) = info.value.findings
    assert problem.code == "file-not-found"
    assert str(problem) == f"{path}：文件不存在：{path}"


def test_a_gbk_file_is_read_as_chinese_windows_saves_it(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(BASE.encode("gbk"))
    assert load_evaluation(path).project == "园区行政管理事务类专项"


def test_undecodable_bytes_name_the_line_and_byte(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes("kind: project\nproject: 测试".encode("utf-8") + b"\x80\xff\x80\nyear: 2019\n")
    with pytest.raises(InputError) as info:
        load_evaluation(path)
    (problem,) = info.value.findings
    assert problem.code == "file-encoding"
    assert problem.location == Location(file=str(path), line=2)
    assert problem.message == "不是 UTF-8 或 GB18030 编码的文本：有无法解码的字节 0x80，请另存为 UTF-8"


def test_file_over_five_megabytes(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(BASE.encode("utf-8") + b"#" * MAX_BYTES)
    with pytest.raises(InputError) as info:
        load_evaluation(path)
    (problem,) = info.value.findings
    assert problem.code == "file-too-large"
    assert str(problem) == f"{path}：文件过大（超过 5 MB 的上限）"


def test_text_over_five_megabytes():
    problem = only_problem(BASE + "#" * MAX_BYTES)
    assert problem.code == "file-too-large"


def test_a_file_exactly_at_the_limit_is_read(tmp_path):
    path = tmp_path / "edge.yaml"
    data = BASE.encode("utf-8")
    path.write_bytes(data + b"#" * (MAX_BYTES - len(data)))
    assert path.stat().st_size == MAX_BYTES
    assert load_evaluation(path).project == "园区行政管理事务类专项"


def test_deeply_nested_yaml_is_refused_not_a_crash():
    problem = only_problem("[" * 50000 + "]" * 50000)
    assert str(problem) == "x.yaml：YAML 嵌套层次过深"


def test_libyaml_and_pure_python_composers_give_the_same_evaluation(monkeypatch):
    """The fast path (libyaml) must not change what is read, nor any line number."""
    from jixiao import api
    from jixiao.ingest import yaml_loader

    for path in api.example_paths():
        fast = load_evaluation(path)
        with monkeypatch.context() as patch:
            patch.setattr(yaml_loader, "_FastComposer", None)
            slow = load_evaluation(path)
        assert fast == slow, path.name
        assert [i.location for i in fast.indicators] == [i.location for i in slow.indicators]


def test_an_alias_is_refused_on_the_fast_path_too(tmp_path):
    from jixiao.findings import InputError

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &x [1, 2]\nb: [*x, *x]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_evaluation(bomb)
    assert "不支持 YAML 别名（*x）" in str(caught.value)
    assert " 第2行：" in str(caught.value)
