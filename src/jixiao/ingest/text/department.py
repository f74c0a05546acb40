"""The department's own figures in the first half of its 部门整体支出绩效自评报告: functions,
institutions and staff (一、基本情况), spending by project and by function, the 三公 items,
meeting and training costs (二、…支出规模和结构, 基本支出情况), and each project's budget
(项目支出情况) — as `DepartmentFigures`, every number located at its line.

What a sentence states about the figures (“占“三公”经费42.72%，为预算的30.85%，比预算减少
2.77万元”) is kept as `Stated`, for the audit to check against the figures it names. A
difference between a budget and what was spent in the same sentence is left to the generic
amounts check (claims.py), which reads those sentences already.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ...department import (
    GOOD_BUDGET_PHRASES,
    Assessment,
    DepartmentFigures,
    Figure,
    HeadCount,
    Item,
    Staff,
    StaffTotal,
    Stated,
)
from ...model import Location
from .cells import at, squeeze
from .paragraphs import Paragraph, paragraphs

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WAN = rf"{_NUM}\s*万元"
_DOWN = ("减少", "降低", "下降", "节约", "节省")
_UP = ("增加", "增长", "上升", "超支", "提高")
_DIRECTION = "|".join(_DOWN + _UP)

# Headings (spaces removed) that open a part of the report, and the part.
_SECTIONS = (
    ("单位主要职能", "functions"),
    ("机构情况", "institutions"),
    ("人员情况", "staff"),
    ("部门整体支出预算绩效目标", None),
    ("支出规模和结构", "scale"),
    ("基本支出情况", "basic"),
    ("项目支出情况", "projects"),
    ("预算绩效目标的完成情况", None),
    ("自评结论", None),
)
_ITEM_NUMBER = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*")
_LIST_NUMBER = re.compile(r"^(\d{1,2})\s*[.．、]\s*")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _sign(word: str) -> int:
    return -1 if word in _DOWN else 1


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.section: str | None = None
        self.overview: list[str] = []
        self.functions: list[str] = []
        self.institutions: list[str] = []
        self.staff: Staff | None = None
        self.total: Figure | None = None
        self.basic: list[Item] = []
        self.projects: list[Item] = []
        self.functional: list[Item] = []
        self.three_total: Item | None = None
        self.three: list[Item] = []
        self.activities: list[Item] = []
        self.assessments: list[Assessment] = []
        self.start: Location | None = None

    # -- helpers ----------------------------------------------------------------------

    def at(self, paragraph: Paragraph, offset: int) -> Location:
        return at(self.source, paragraph.line_at(offset))

    def figure(self, paragraph: Paragraph, match: re.Match, group: int) -> Figure | None:
        value = _decimal(match.group(group))
        if value is None:
            return None
        return Figure(value, match.group(group), self.at(paragraph, match.start(group)))

    def stated(self, measure: str, paragraph: Paragraph, match: re.Match, group: int, sign: int = 1,
               percent: bool = False) -> Stated | None:
        value = _decimal(match.group(group))
        if value is None:
            return None
        if percent:
            value = value / 100
        text = match.group(group) + ("%" if percent else "")
        return Stated(measure, text, sign * value, percent, self.at(paragraph, match.start(group)))

    # -- the pass ----------------------------------------------------------------------

    def read(self, lines: list[tuple[int, str]]) -> DepartmentFigures | None:
        for paragraph in paragraphs(lines):
            self.paragraph(paragraph)
        figures = DepartmentFigures(
            overview="".join(self.overview),
            functions=tuple(self.functions),
            institutions=tuple(self.institutions),
            staff=self.staff,
            spending_total=self.total,
            basic=tuple(self.basic),
            projects=tuple(self.projects),
            functional=tuple(self.functional),
            three_public_total=self.three_total,
            three_public=tuple(self.three),
            activities=tuple(self.activities),
            assessments=tuple(self.assessments),
            location=self.start,
        )
        return None if figures.is_empty else figures

    def paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text.strip()
        plain = squeeze(text)
        for phrase in GOOD_BUDGET_PHRASES:
            found = text.find(phrase)
            if found >= 0:
                self.assessments.append(Assessment("budget", phrase, self.at(paragraph, found)))
        if len(plain) <= 30:
            for words, section in _SECTIONS:
                if words in plain:
                    self.section = section
                    if section is not None and self.start is None:
                        self.start = at(self.source, paragraph.line)
                    return
        handler = getattr(self, f"in_{self.section}", None) if self.section else None
        if handler is not None:
            handler(paragraph, text)

    # -- 一、基本情况 ---------------------------------------------------------------------

    def in_functions(self, paragraph: Paragraph, text: str) -> None:
        numbered = _ITEM_NUMBER.match(text)
        if numbered:
            self.functions.append(squeeze(text[numbered.end():]).rstrip("；;。"))
        elif not re.fullmatch(r"主要职[责能]包括[:：]?", squeeze(text)):
            self.overview.append(squeeze(text))

    def in_institutions(self, paragraph: Paragraph, text: str) -> None:
        match = re.search(r"内设[^：:]*[:：]([^。]+)", squeeze(text))
        if match:
            self.institutions.extend(name.strip() for name in re.split(r"[、，,]", match.group(1)) if name.strip())

    def in_staff(self, paragraph: Paragraph, text: str) -> None:
        establishment = actual = None
        retired = None
        for sentence in re.finditer(r"[^。]+。?", text):
            body = sentence.group(0)
            offset = sentence.start()
            if "编制人数" in body and "实有" not in body:
                establishment = self.head_counts(paragraph, body, offset, r"编制人数\s*(\d+)\s*人")
            elif "实有人数" in body:
                actual = self.head_counts(paragraph, body, offset, r"实有人数\s*(\d+)\s*人")
            elif "离退休" in body:
                if body.lstrip().startswith("无"):
                    retired = 0
                else:
                    count = re.search(r"离退休人员\s*(\d+)\s*人", body)
                    retired = int(count.group(1)) if count else None
        if establishment is not None or actual is not None:
            self.staff = Staff(establishment or StaffTotal(), actual or StaffTotal(), retired,
                               at(self.source, paragraph.line))

    def head_counts(self, paragraph: Paragraph, body: str, offset: int, total_pattern: str) -> StaffTotal:
        total_match = re.search(total_pattern, body)
        total = int(total_match.group(1)) if total_match else None
        where = self.at(paragraph, offset + (total_match.start(1) if total_match else 0))
        kinds: list[HeadCount] = []
        _, _, tail = body.partition("其中")
        tail_at = offset + body.find("其中") + 2
        parent = ""
        depth = 0
        for match in re.finditer(r"[(（]|[)）]|([\u4e00-\u9fff]+?)\s*(\d+)\s*人", tail):
            token = match.group(0)
            if token in "(（":
                depth += 1
                continue
            if token in ")）":
                depth = max(0, depth - 1)
                continue
            kind = re.sub(r"^(其中|：|:)+", "", match.group(1))
            if not kind:
                continue
            location = self.at(paragraph, tail_at + match.start(2))
            if depth == 0:
                parent = kind
                kinds.append(HeadCount(kind, int(match.group(2)), "", location))
            else:
                kinds.append(HeadCount(kind, int(match.group(2)), parent, location))
        return StaffTotal(total, tuple(kinds), where)

    # -- 二、支出规模和结构 ------------------------------------------------------------------

    def in_scale(self, paragraph: Paragraph, text: str) -> None:
        total = re.search(rf"支出总额为\s*{_WAN}", text)
        if total and self.total is None:
            self.total = self.figure(paragraph, total, 1)
        if "无基本支出" in squeeze(text):
            where = self.at(paragraph, text.find("无基本支出"))
            self.basic = [Item("人员经费", actual=Figure(Decimal(0), "0", where), location=where),
                          Item("公用经费", actual=Figure(Decimal(0), "0", where), location=where)]
        numbered = _ITEM_NUMBER.match(text)
        if numbered:
            amount = re.search(_WAN, text)
            if amount:
                name = squeeze(text[numbered.end():amount.start()]).strip("，, ")
                use = re.search(r"主要用于([^；;。]*)", text)
                self.projects.append(Item(name, actual=self.figure(paragraph, amount, 1),
                                          note=squeeze(use.group(0)) if use else "",
                                          location=at(self.source, paragraph.line)))

    def in_basic(self, paragraph: Paragraph, text: str) -> None:
        plain = squeeze(text)
        if "按功能分类" in plain:
            self.functional_classes(paragraph, text)
            return
        if "三公" in plain and "预算数" in plain and self.three_total is None:
            self.three_total = self.spending_sentence(paragraph, text, "“三公”经费")
            return
        listed = _LIST_NUMBER.match(text)
        if listed and "支出决算为" in text:
            name = squeeze(text[listed.end(): text.index("支出决算为")])
            self.three.append(self.spending_sentence(paragraph, text, name))
            return
        reception = re.search(rf"公务接待费\s*{_WAN}\s*[,，]\s*共计\s*(\d+)\s*批次\s*(\d+)\s*人次", text)
        if reception:
            self.activities.append(Item("公务接待", actual=self.figure(paragraph, reception, 1),
                                        times=int(reception.group(2)), people=int(reception.group(3)),
                                        location=self.at(paragraph, reception.start())))
            return
        for match in re.finditer(rf"(\d{{4}})\s*年\s*(会议费|培训费)支出\s*{_WAN}\s*[,，]\s*共\s*(\d+)\s*次"
                                 rf"\s*[,，]\s*(?:累计)?参加(?:会议|培训)\s*(\d+)\s*人", text):
            stated: list[Stated] = []
            tail = text[match.end(): match.end() + 20]
            per = re.match(rf"\s*[,，]\s*人均\s*{_WAN}", tail)
            if per:
                value = _decimal(per.group(1))
                if value is not None:
                    stated.append(Stated("per_person", per.group(1), value, False,
                                         self.at(paragraph, match.end() + per.start(1))))
            self.activities.append(Item(match.group(2), actual=self.figure(paragraph, match, 3),
                                        times=int(match.group(4)), people=int(match.group(5)),
                                        year=int(match.group(1)), stated=tuple(stated),
                                        location=self.at(paragraph, match.start())))

    def functional_classes(self, paragraph: Paragraph, text: str) -> None:
        body = text.split("按功能分类", 1)[1]
        offset = text.index("按功能分类") + len("按功能分类")
        for match in re.finditer(rf"([\u4e00-\u9fff（）()]+?)\s*为\s*{_WAN}", body):
            name = re.sub(r"[（(]类[)）]", "", match.group(1)).replace("支出支出", "支出")
            name = name.removesuffix("支出") + "支出" if name.endswith("支出") else name
            value = _decimal(match.group(2))
            if value is None:
                continue
            where = self.at(paragraph, offset + match.start(2))
            self.functional.append(Item(name, actual=Figure(value, match.group(2), where), location=where))

    def spending_sentence(self, paragraph: Paragraph, text: str, name: str) -> Item:
        """A sentence on one spending item: its budget, what was spent, last year's, and what
        it states about them (share, rate of the budget, differences, year-on-year change)."""
        budget = actual = last_year = None
        stated: list[Stated] = []
        after_yoy = False
        for clause in re.finditer(r"[^，,；;。]+", text):
            body, start = clause.group(0), clause.start()
            shifted = _Shifted(clause)
            if (m := re.search(rf"预算数为\s*{_WAN}", body)) and budget is None:
                budget = self.figure(paragraph, shifted.of(m), 1)
            if (m := re.search(rf"支出决算为\s*{_WAN}", body)) and actual is None:
                actual = self.figure(paragraph, shifted.of(m), 1)
            if m := re.search(r"占[“\"]?三公[”\"]?经费\s*([\d.]+)\s*%", body):
                stated.append(self.stated("share", paragraph, shifted.of(m), 1, percent=True))
            if m := re.search(r"为(?:年初)?预算的\s*([\d.]+)\s*%", body):
                stated.append(self.stated("budget_rate", paragraph, shifted.of(m), 1, percent=True))
            if m := re.search(rf"比(?:年初)?预算({_DIRECTION})\s*{_WAN}", body):
                stated.append(self.stated("budget_diff", paragraph, shifted.of(m), 2, _sign(m.group(1))))
                after_yoy = False
                continue
            if m := re.search(rf"与\s*\d{{4}}\s*年(.*?)相比\s*({_DIRECTION})\s*{_WAN}", body):
                last = re.search(_WAN, m.group(1))
                if last and last_year is None:
                    last_year = Figure(_decimal(last.group(1)) or Decimal(0), last.group(1),
                                       self.at(paragraph, start + m.start(1) + last.start(1)))
                stated.append(self.stated("yoy_diff", paragraph, shifted.of(m), 3, _sign(m.group(2))))
                after_yoy = True
                continue
            if after_yoy and (m := re.match(rf"\s*({_DIRECTION})\s*([\d.]+)\s*%", body)):
                stated.append(self.stated("yoy_rate", paragraph, shifted.of(m), 2, _sign(m.group(1)), percent=True))
            after_yoy = False
        reason = re.search(r"主要原因是([^。]*)", text)
        return Item(name, budget=budget, actual=actual, last_year=last_year,
                    stated=tuple(s for s in stated if s is not None),
                    note=squeeze(reason.group(1)) if reason else "", location=at(self.source, paragraph.line))

    # -- 3.项目支出情况 ---------------------------------------------------------------------

    def in_projects(self, paragraph: Paragraph, text: str) -> None:
        numbered = _ITEM_NUMBER.match(text)
        if not numbered:
            return
        body = text[numbered.end():]
        match = re.search(rf"(?:预算安排)?\s*{_WAN}", body)
        if not match:
            return
        name = squeeze(body[: match.start()]).removesuffix("预算安排").strip("，, ")
        budget = Figure(_decimal(match.group(1)) or Decimal(0), match.group(1),
                        self.at(paragraph, numbered.end() + match.start(1)))
        reason = re.search(r"主要原因[：:是]([^；;]*)", body)
        for index, item in enumerate(self.projects):
            if item.name == name or item.name.startswith(name) or name.startswith(item.name):
                self.projects[index] = _with(item, budget=budget, note=squeeze(reason.group(1)) if reason else "")
                return


class _Shifted:
    """A match inside a clause, placed in the paragraph: start() of group g is offset."""

    def __init__(self, clause: re.Match):
        self.offset = clause.start()

    def of(self, match: re.Match) -> re.Match:
        return _Moved(match, self.offset)  # type: ignore[return-value]


class _Moved:
    def __init__(self, match: re.Match, offset: int):
        self.match = match
        self.offset = offset

    def group(self, index: int = 0) -> str:
        return self.match.group(index)

    def start(self, index: int = 0) -> int:
        return self.match.start(index) + self.offset


def _with(item: Item, **changes) -> Item:
    from dataclasses import replace

    return replace(item, **changes)


def read_department_figures(lines: list[tuple[int, str]], source: str) -> DepartmentFigures | None:
    """The figures of a department report's first half, or None when it states none."""
    return _Reader(source).read([(n, t) for n, t in lines if "\t" not in t])


__all__ = ["read_department_figures"]
