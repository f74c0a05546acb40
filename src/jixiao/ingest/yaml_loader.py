"""YAML evaluation files → `Evaluation`, every problem located at file:line.

The YAML is composed, never constructed: a BaseLoader keeps every scalar a string with
its position, so numbers become Decimal exactly (never float) and each field knows its
line. The file is checked twice: against `schema/evaluation.schema.json` (structure,
unknown fields, enums) and by the converter below (numbers, rule kinds, profiles,
goal indices), and a problem found by both is reported once, in the converter's words.

Errors raise `InputError` carrying every problem found; warnings (a 评分细则 that could
not be read) come back beside the evaluation from the `*_with_problems` functions.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..document import Package
from ..model import (
    Comparator,
    Evaluation,
    FundLine,
    FundSource,
    Funds,
    Goal,
    Indicator,
    Kind,
    Location,
    RuleSpec,
    Value,
)
from ..numbers import Refused, domain_of, is_blank, parse_unit, parse_value, read_number, refusal, shown
from ..findings import Finding, InputError
from ..profile import PROFILES
from .department_yaml import read_department_figures, read_prose
from .evaluation_document import evaluation_document
from .source import Source
from ..rules import RULES
from ..rules.text import UNPARSED, read_rule_text

MAX_BYTES = 5 * 1024 * 1024
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "evaluation.schema.json"
DEFAULT_NAME = "<输入>"

JsonPath = tuple[str | int, ...]

_FIELD_LABELS = {
    "kind": "表类型",
    "year": "年度",
    "project": "项目名称",
    "department": "主管部门",
    "unit": "实施单位",
    "profile": "评分方案",
    "funds": "项目资金",
    "lines": "资金行",
    "source": "资金来源",
    "initial_budget": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "reported": "表上打印的数值",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
    "goals": "年度总体目标",
    "expected": "预期目标",
    "actual": "实际完成值",
    "declared_weights": "声明的一级指标分值",
    "indicators": "绩效指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "rule_text": "评分细则",
    "rule": "评分规则",
    "reported_score": "得分",
    "deviation_reason": "偏差原因分析及改进措施",
    "goal": "所属子目标序号",
    "reported_total": "总分",
}
_TYPE_NAMES = {
    "object": "映射（键: 值）",
    "array": "列表",
    "string": "文本",
    "null": "空值",
}
_AMOUNT_FIELDS = (
    ("initial_budget", "年初预算数"),
    ("budget", "全年预算数"),
    ("executed", "全年执行数"),
)
# PyYAML's own messages are English; the common ones are said again in Chinese.
_YAML_PROBLEMS = (
    ("could not find expected ':'", "找不到应有的冒号“:”（键后缺少冒号，或上一行的引号未闭合）"),
    ("mapping values are not allowed here", "此处不能出现“键: 值”（缩进不对，或文本中的“: ”需要加引号）"),
    ("cannot start any token", "出现了不能开始一个值的字符（例如用 Tab 缩进，或 @、` 开头的文本需要加引号）"),
    ("found unexpected end of stream", "文件意外结束（引号未闭合）"),
    ("did not find expected key", "缩进不一致，找不到应有的键"),
    ("did not find expected '-' indicator", "列表项的缩进不一致"),
    ("did not find expected node content", "缺少应有的值"),
    ("expected <block end>", "缩进不一致"),
    ("expected a single document", "文件里只能有一张表（发现了多个 YAML 文档）"),
    ("found unknown escape character", "双引号文本中有无法识别的转义字符（反斜杠）"),
    ("found undefined alias", "引用了未定义的别名"),
    ("found duplicate anchor", "锚点重复"),
    ("unacceptable character", "文件中有不允许的控制字符"),
    ("expected the node content", "缺少应有的值（列表或映射未写完，或括号未闭合）"),
    ("expected ',' or ']'", "方括号列表“[ ]”未闭合或缺少逗号"),
    ("expected ',' or '}'", "花括号映射“{ }”未闭合或缺少逗号"),
    ("found character '\\t'", "用 Tab 缩进或分隔：请改用空格"),
    ("while scanning a quoted scalar", "引号未闭合"),
    ("while scanning a simple key", "找不到应有的冒号“:”"),
    ("while parsing", "结构不完整"),
)


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark, name: str):
        super().__init__(name)
        self.mark = mark
        self.name = name


class _Composer(yaml.BaseLoader):
    """BaseLoader (every scalar a string) that refuses aliases: an alias makes one node
    appear many times, which is how a few lines of YAML expand to gigabytes."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasFound(event.start_mark, event.anchor)
        return super().compose_node(parent, index)


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of the YAML format (draft 2020-12)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


# ---------------------------------------------------------------------------------------
# Public entry points


def load_text(text: str, filename: str = DEFAULT_NAME) -> Evaluation:
    return load_text_with_problems(text, filename)[0]


def load_text_with_problems(text: str, filename: str = DEFAULT_NAME) -> tuple[Evaluation, list[Finding]]:
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_BYTES:
        raise InputError(_too_large(size, filename))
    node = _compose(text, filename)
    data, lines = _plain(node, filename)
    reader = _Reader(filename, lines)
    evaluation = reader.evaluation(data)
    if isinstance(data, dict):
        reader.check_schema(data)
    if reader.errors:
        raise InputError(reader.sorted(reader.errors))
    assert evaluation is not None
    return evaluation, reader.sorted(reader.warnings)


# ---------------------------------------------------------------------------------------
# Reading and composing


def _too_large(size: int, filename: str) -> Finding:
    return Finding(
        "file-too-large",
        f"文件大小为 {size} 字节，超过上限 5 MB（{MAX_BYTES} 字节）",
        Location(file=filename),
    )


if yaml.__with_libyaml__:

    class _FastComposer(yaml.CBaseLoader):  # type: ignore[misc,valid-type]
        """libyaml's parser and composer (about 3× faster); every scalar a string."""

else:  # pragma: no cover - PyYAML built without libyaml
    _FastComposer = None


def _has_alias(node: yaml.Node) -> bool:
    """libyaml composes an alias as the same node object reached twice."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return False


def _compose(text: str, filename: str) -> yaml.Node:
    """Compose with libyaml when it is there; anything unusual (a syntax error, an alias,
    an empty file) is composed again by the pure-Python composer for its exact messages."""
    if _FastComposer is not None:
        try:
            node = yaml.compose(text, Loader=_FastComposer)
        except (yaml.YAMLError, RecursionError):
            node = None
        if node is not None and not _has_alias(node):
            return node
    return _compose_checked(text, filename)


def _compose_checked(text: str, filename: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Composer)
    except _AliasFound as found:
        raise InputError(
            Finding(
                "yaml-alias",
                f"不支持 YAML 别名（*{found.name}）：请把内容直接写出",
                Location(file=filename, line=found.mark.line + 1),
            )
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InputError(
            Finding(
                "yaml-syntax",
                f"YAML 格式错误：{_yaml_problem(error)}",
                Location(file=filename, line=mark.line + 1 if mark else None),
            )
        ) from None
    except yaml.YAMLError as error:
        raise InputError(Finding("yaml-syntax", f"YAML 格式错误：{error}", Location(file=filename))) from None
    except RecursionError:
        raise InputError(Finding("yaml-too-deep", "YAML 嵌套层次过深", Location(file=filename))) from None
    if node is None:
        raise InputError(Finding("file-empty", "文件是空的：没有可读取的自评表", Location(file=filename)))
    return node


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's English explained in Chinese; an unknown message is kept after a Chinese lead."""
    for text in (error.problem or "", error.context or ""):
        for english, chinese in _YAML_PROBLEMS:
            if english in text:
                return chinese
    return f"无法解析（{error.problem or error.context or '未知错误'}）"


def _plain(node: yaml.Node, filename: str) -> tuple[Any, dict[JsonPath, int]]:
    """The node tree as dicts, lists and strings, and the line of every path in it.
    Duplicate keys are errors here: the second would silently win otherwise."""
    lines: dict[JsonPath, int] = {}
    problems: list[Finding] = []

    def walk(current: yaml.Node, path: JsonPath) -> Any:
        lines[path] = current.start_mark.line + 1
        if isinstance(current, yaml.ScalarNode):
            return current.value
        if isinstance(current, yaml.SequenceNode):
            return [walk(item, path + (index,)) for index, item in enumerate(current.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in current.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Finding("bad-key", "键必须是文本", Location(file=filename, line=line, field=_dotted(path)))
                )
                continue
            key = key_node.value
            if key in result:
                first = lines[path + (key,)]
                problems.append(
                    Finding(
                        "duplicate-key",
                        f"字段“{key}”重复（第一次出现在第{first}行）",
                        Location(file=filename, line=line, field=_dotted(path + (key,))),
                    )
                )
                continue
            result[key] = walk(value_node, path + (key,))
            lines[path + (key,)] = line
        return result

    data = walk(node, ())
    if problems:
        raise InputError(problems)
    return data, lines


def _dotted(path: JsonPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# ---------------------------------------------------------------------------------------
# Conversion


class _Reader:
    """Turns the plain tree into model records, collecting problems instead of stopping
    at the first, so one run shows the user everything to fix."""

    def __init__(self, filename: str, lines: dict[JsonPath, int]):
        self.file = filename
        self.lines = lines
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []
        # Paths the converter already reported, so the schema does not say it twice.
        self.covered: set[JsonPath] = set()

    # -- problems ------------------------------------------------------------------------

    def line(self, path: JsonPath) -> int | None:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def location(self, path: JsonPath, field: bool = True) -> Location:
        return Location(file=self.file, line=self.line(path), field=_dotted(path) if field and path else None)

    def error(self, code: str, message: str, path: JsonPath) -> None:
        self.errors.append(Finding(code, message, self.location(path)))
        self.covered.add(path)

    def warn(self, code: str, message: str, path: JsonPath) -> None:
        self.warnings.append(Finding(code, message, self.location(path)))

    def sorted(self, problems: list[Finding]) -> list[Finding]:
        return sorted(problems, key=lambda p: (p.location.line or 0) if p.location else 0)

    # -- scalars -------------------------------------------------------------------------

    @staticmethod
    def text(mapping: dict, key: str, default: str = "") -> str:
        value = mapping.get(key, default)
        return value if isinstance(value, str) else default

    def required(self, mapping: dict, key: str, path: JsonPath, owner: str) -> str | None:
        if key not in mapping:
            label = _FIELD_LABELS.get(key, key)
            self.error("missing-field", f"{owner}缺少必填字段“{key}”（{label}）", path + (key,))
            return None
        value = mapping[key]
        return value if isinstance(value, str) else None

    def decimal(self, value: Any, path: JsonPath, what: str, *, negative: bool = True) -> Decimal | None:
        if not isinstance(value, str):
            return None
        if is_blank(value):
            return None
        number = read_number(value, domain_of(path))  # the numeric domain, docs/numbers.md
        if not negative and (number.code == "number-out-of-range" and value.lstrip().startswith(("-", "－"))
                             if isinstance(number, Refused) else number < 0):
            self.error("negative-number", f"{what}“{value}”为负数", path)
            return None
        if isinstance(number, Refused):
            self.error(number.code, f"{what}“{shown(value)}”{number}", path)
            return None
        return number

    def rate(self, value: Any, path: JsonPath, what: str) -> Decimal | None:
        if not isinstance(value, str) or is_blank(value):
            return None
        body = value.strip()
        percent = body.endswith(("%", "％"))
        number = read_number(body[:-1] if percent else body)
        if isinstance(number, Refused):
            self.error(number.code, f"{what}“{shown(value)}”{'不是数字或百分数' if number.code == 'not-a-number' else number}", path)
            return None
        number = number / 100 if percent else number
        if (refused := refusal(number, domain_of(path))) is not None:
            self.error(refused.code, f"{what}“{shown(value)}”{refused}", path)
            return None
        return number

    # -- the document --------------------------------------------------------------------

    def evaluation(self, data: Any) -> Evaluation | None:
        if not isinstance(data, dict):
            kind = "列表" if isinstance(data, list) else "文本"
            self.error("not-a-mapping", f"文件内容应为一张自评表（键: 值 的映射），实际是{kind}", ())
            return None
        kind = self.kind(data)
        project = self.required(data, "project", (), "") or ""
        year = self.year(data)
        profile = self.profile(data)
        funds = self.funds(data.get("funds"), ("funds",))
        goals = self.goals(data.get("goals"), ("goals",))
        declared = self.declared(data.get("declared_weights"), ("declared_weights",))
        indicators = self.indicators(data, kind, len(goals))
        total = self.decimal(data.get("reported_total"), ("reported_total",), "总分")
        return Evaluation(
            kind=kind,
            project=project,
            unit=self.text(data, "unit"),
            department=self.text(data, "department"),
            year=year,
            funds=funds,
            goals=goals,
            indicators=indicators,
            reported_total=total,
            declared_weights=declared,
            profile=profile,
            location=Location(file=self.file, line=1),
            department_figures=read_department_figures(self, data.get("department_figures"), ("department_figures",)),
            prose=read_prose(self, data.get("report_text"), ("report_text",)),
        )

    def kind(self, data: dict) -> Kind:
        value = self.required(data, "kind", (), "")
        if value is None:
            return Kind.PROJECT
        try:
            return Kind(value.strip())
        except ValueError:
            self.error(
                "unknown-kind",
                f"未知的表类型“{value}”，可用：project（项目支出）、department（部门整体支出）",
                ("kind",),
            )
            return Kind.PROJECT

    def year(self, data: dict) -> int | None:
        value = data.get("year")
        if not isinstance(value, str) or not value.strip():
            return None
        if not re.fullmatch(r"\s*\d{4}\s*", value):
            self.error("not-a-year", f"年度“{value}”不是四位数字", ("year",))
            return None
        return int(value)

    def profile(self, data: dict) -> str:
        value = data.get("profile")
        if not isinstance(value, str) or not value.strip():
            return "national"
        name = value.strip()
        if name not in PROFILES:
            known = "、".join(PROFILES)
            self.error("unknown-profile", f"未知的评分方案“{name}”，可用：{known}", ("profile",))
            return "national"
        return name

    def funds(self, data: Any, path: JsonPath) -> Funds:
        if not isinstance(data, dict):
            return Funds()
        unit_text = self.text(data, "unit").strip()
        unit = parse_unit(unit_text) if unit_text else Funds().unit
        lines = data.get("lines")
        result = []
        for index, line in enumerate(lines if isinstance(lines, list) else []):
            if isinstance(line, dict):
                fund_line = self.fund_line(line, path + ("lines", index))
                if fund_line is not None:
                    result.append(fund_line)
        return Funds(unit=unit, lines=tuple(result))

    def fund_line(self, data: dict, path: JsonPath) -> FundLine | None:
        source_text = self.required(data, "source", path, "资金行")
        if source_text is None:
            return None
        try:
            source = FundSource(source_text.strip())
        except ValueError:
            known = "、".join(item.value for item in FundSource)
            self.error("unknown-source", f"未知的资金来源“{source_text}”，可用：{known}", path + ("source",))
            return None
        amounts = {
            key: self.decimal(data.get(key), path + (key,), f"资金“{source.value}”的{label}", negative=False)
            for key, label in _AMOUNT_FIELDS
        }
        reported = data.get("reported")
        reported = reported if isinstance(reported, dict) else {}
        where = path + ("reported",)
        return FundLine(
            source=source,
            initial_budget=amounts["initial_budget"],
            budget=amounts["budget"],
            executed=amounts["executed"],
            reported_weight=self.decimal(reported.get("weight"), where + ("weight",), f"资金“{source.value}”的分值"),
            reported_rate=self.rate(reported.get("rate"), where + ("rate",), f"资金“{source.value}”的执行率"),
            reported_score=self.decimal(reported.get("score"), where + ("score",), f"资金“{source.value}”的得分"),
            location=self.location(path, field=False),
        )

    def goals(self, data: Any, path: JsonPath) -> tuple[Goal, ...]:
        result = []
        for index, goal in enumerate(data if isinstance(data, list) else []):
            if not isinstance(goal, dict):
                continue
            where = path + (index,)
            expected = self.required(goal, "expected", where, f"第{index + 1}个年度总体目标")
            result.append(
                Goal(
                    expected=expected or "",
                    actual=self.text(goal, "actual"),
                    location=self.location(where, field=False),
                )
            )
        return tuple(result)

    def declared(self, data: Any, path: JsonPath) -> tuple[tuple[str, Decimal], ...]:
        if not isinstance(data, dict):
            return ()
        result = []
        for name, value in data.items():
            weight = self.decimal(value, path + (name,), f"一级指标“{name}”的声明分值", negative=False)
            if weight is not None:
                result.append((name, weight))
        return tuple(result)

    # -- indicators ----------------------------------------------------------------------

    def indicators(self, data: dict, kind: Kind, goal_count: int) -> tuple[Indicator, ...]:
        items = data.get("indicators")
        if not isinstance(items, list):
            if "indicators" not in data:
                self.error("missing-field", "缺少必填字段“indicators”（绩效指标）", ("indicators",))
            return ()
        result = []
        level1 = level2 = None
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            path: JsonPath = ("indicators", index)
            name = self.text(item, "name").strip()
            owner = f"指标“{name}”" if name else f"第{index + 1}个指标"
            if "name" not in item:
                self.required(item, "name", path, owner)
            # A level left out repeats the previous row's, as a merged cell does on the form.
            level1 = self.text(item, "level1") if "level1" in item else level1
            level2 = self.text(item, "level2") if "level2" in item else level2
            # Reported once: the rows below then repeat the empty level without saying it again.
            if level1 is None:
                self.error("missing-field", f"{owner}缺少一级指标（level1），且前面没有可沿用的", path + ("level1",))
                level1 = ""
            if level2 is None:
                self.error("missing-field", f"{owner}缺少二级指标（level2），且前面没有可沿用的", path + ("level2",))
                level2 = ""
            indicator = self.indicator(item, path, owner, name, level1, level2, kind, goal_count)
            if indicator is not None:
                result.append(indicator)
        return tuple(result)

    def indicator(
        self,
        item: dict,
        path: JsonPath,
        owner: str,
        name: str,
        level1: str,
        level2: str,
        kind: Kind,
        goal_count: int,
    ) -> Indicator | None:
        target_text = self.required(item, "target", path, owner)
        actual_text = self.required(item, "actual", path, owner)
        weight_text = self.required(item, "weight", path, owner)
        weight = None
        if weight_text is not None:
            if is_blank(weight_text):
                self.error("not-a-number", f"{owner}的分值为空", path + ("weight",))
            else:
                weight = self.decimal(weight_text, path + ("weight",), f"{owner}的分值", negative=False)
        target = parse_value(target_text or "")
        rule = self.rule(item, path, owner, name, weight)
        self.check_zero_target(target, rule, path, owner)
        goal = self.goal(item, path, owner, kind, goal_count)
        reported = self.decimal(item.get("reported_score"), path + ("reported_score",), f"{owner}的得分")
        if weight is None or target_text is None or actual_text is None:
            return None
        return Indicator(
            level1=level1,
            level2=level2,
            name=name,
            target=target,
            actual=parse_value(actual_text),
            weight=weight,
            rule=rule,
            reported_score=reported,
            deviation_reason=self.text(item, "deviation_reason"),
            goal=goal,
            location=self.location(path, field=False),
        )

    def check_zero_target(self, target: Value, rule: RuleSpec | None, path: JsonPath, owner: str) -> None:
        """A zero target read as "at least" is met by doing nothing, and scoring by
        completion divides by it; a "none happened" target is written =0 or ≤0."""
        if target.quantity is None or target.quantity.value != 0:
            return
        proportional = rule is not None and rule.kind in RULES and RULES.get(rule.kind).proportional
        if target.comparator in (Comparator.GE, Comparator.GT) or proportional:
            self.error(
                "zero-target",
                f"{owner}的年度指标值“{target.text}”以零为目标，无法按完成比例计分；"
                "若目标是“不发生”，请写成“=0”或“≤0”",
                path + ("target",),
            )

    def goal(self, item: dict, path: JsonPath, owner: str, kind: Kind, goal_count: int) -> int | None:
        value = item.get("goal")
        if not isinstance(value, str) or not value.strip():
            if kind is Kind.DEPARTMENT and "goal" not in item:
                self.error("missing-field", f"部门整体支出表中{owner}缺少“goal”（所属子目标序号）", path + ("goal",))
            return None
        if not re.fullmatch(r"\s*\d+\s*", value):
            self.error("not-an-integer", f"{owner}的子目标序号“{value}”不是整数", path + ("goal",))
            return None
        number = int(value)
        if not 1 <= number <= goal_count:
            self.error(
                "goal-out-of-range",
                f"{owner}的子目标序号“{number}”超出范围：本表共有{goal_count}个年度总体目标",
                path + ("goal",),
            )
            return None
        return number

    def rule(self, item: dict, path: JsonPath, owner: str, name: str, weight: Decimal | None) -> RuleSpec | None:
        given = self.given_rule(item.get("rule"), path + ("rule",), owner)
        text = item.get("rule_text")
        if not isinstance(text, str) or not text.strip():
            return given
        spec, finding = read_rule_text(text, weight, name, self.location(path + ("rule_text",)))
        if finding is not None:
            if spec is not None and spec.kind == UNPARSED and given is not None:
                finding = replace(finding, message=finding.message + "，改用指定的评分规则")
            self.warnings.append(finding)
        if spec is not None and spec.kind == UNPARSED and given is not None:
            return given
        return spec

    def given_rule(self, data: Any, path: JsonPath, owner: str) -> RuleSpec | None:
        if not isinstance(data, dict):
            return None
        kind = data.get("kind")
        if not isinstance(kind, str):
            if "kind" not in data:
                self.error("missing-field", f"{owner}的评分规则缺少“kind”（规则名）", path + ("kind",))
            return None
        rule = RULES.find(kind)
        if rule is None:
            known = "、".join(sorted(RULES))
            self.error("unknown-rule", f"{owner}的评分规则“{kind}”不存在，可用：{known}", path + ("kind",))
            return None
        params = {key: _param(value) for key, value in data.items() if key != "kind"}
        problems = rule.param_problems(params)
        for name, code, message in problems:
            self.error(code, f"{owner}：{message}", path + (name,))
        if problems:
            return None
        return RuleSpec.of(kind, location=self.location(path), **params)

    # -- schema --------------------------------------------------------------------------

    def check_schema(self, data: dict) -> None:
        for error in _validator().iter_errors(data):
            for path, message in _schema_messages(error):
                if path in self.covered:
                    continue
                self.covered.add(path)
                self.errors.append(Finding("schema", message, self.location(path)))


def _param(value: Any) -> Any:
    """YAML rule parameters: lists become tuples (RuleSpec is frozen)."""
    if isinstance(value, list):
        return tuple(_param(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, _param(item)) for key, item in value.items())
    return value


def _schema_messages(error: jsonschema.ValidationError) -> list[tuple[JsonPath, str]]:
    path: JsonPath = tuple(error.absolute_path)
    where = _dotted(path)
    field = f"字段“{where}”" if where else "文件"
    if error.validator == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        key = missing.group(1) if missing else str(error.validator_value)
        owner = f"“{where}”" if where else ""
        return [(path + (key,), f"{owner}缺少必填字段“{key}”（{_FIELD_LABELS.get(key, key)}）")]
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [key for key in error.instance if key not in allowed]
        messages = []
        for key in extras:
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"，是否应为“{hint[0]}”？" if hint else f"；可用字段：{'、'.join(allowed)}"
            messages.append((path + (key,), f"未知字段“{key}”{suggestion}"))
        return messages
    if error.validator == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        actual = "列表" if isinstance(error.instance, list) else "映射（键: 值）" if isinstance(error.instance, dict) else "文本"
        return [(path, f"{field}应为{expected}，实际是{actual}")]
    if error.validator == "enum":
        choices = "、".join(str(choice) for choice in error.validator_value)
        return [(path, f"{field}的值“{error.instance}”不在可选范围内（可选：{choices}）")]
    if error.validator == "pattern":
        description = error.schema.get("description", "")
        return [(path, f"{field}的值“{error.instance}”格式不对：{description}")]
    if error.validator == "minItems":
        return [(path, f"{field}至少需要 {error.validator_value} 项")]
    if error.validator == "minLength":
        return [(path, f"{field}不能为空")]
    return [(path, f"{field}不符合格式要求：{error.message}")]


def read_package(source: Source) -> Package:
    """A YAML evaluation file as a package of one table document, its warnings attached."""
    evaluation, warnings = load_text_with_problems(source.text(MAX_BYTES), source.name)
    return Package(source.name, (evaluation_document(evaluation, source.name, warnings),))


__all__ = ["MAX_BYTES", "SCHEMA_PATH", "load_text", "load_text_with_problems", "read_package", "schema"]
