"""Form layouts as data: each form family is one file in ingest/layouts/ (header synonyms,
column roles, funds rows, where the total lives, how weights are given, which profile applies,
and the evidence that picks it). `national.yaml` holds the vocabulary every family starts
from; a family file lists what it adds (its synonyms come first) or changes.

`detect(texts)` picks the layout a form's own words point to and says why; readers take an
explicit layout when the user names one (`--layout`). Adding a province is one data file
plus its test documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..findings import refuse
from ..model import FundSource
from ..numbers import normalize
from ..profile import PROFILES

FOLDER = Path(__file__).resolve().parent / "layouts"
BASE = "national"
# A family is chosen only when its own evidence adds up to at least this much: one shared
# word (a 指标性质 column) must not turn a national form into a province's.
THRESHOLD = 4


@lru_cache(maxsize=8192)  # a form's labels are keyed again for every role and row (issue 14 §2)
def key(text: str) -> str:
    """Header/label text compared without spaces, line breaks or full-width brackets/colons."""
    text = re.sub(r"\s+", "", normalize(text or ""))
    return text.replace("（", "(").replace("）", ")").replace("：", ":")


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    region: str
    profile: str
    example: str | None
    evidence: tuple[tuple[str, int], ...]
    header: dict[str, tuple[str, ...]]
    columns: dict[str, tuple[str, ...]]
    funds_markers: tuple[str, ...]
    funds_columns: dict[str, tuple[str, ...]]
    funds_rows: tuple[tuple[FundSource, tuple[str, ...]], ...]
    funds_units: dict[str, tuple[str, ...]]
    goal_markers: tuple[str, ...]
    goal_actual: tuple[str, ...]
    goal_blocks: tuple[str, ...]
    total_labels: tuple[str, ...]
    total_required: bool
    total_in_text: tuple[str, ...]
    closing: tuple[str, ...]
    weights: str
    placeholders: tuple[re.Pattern, ...]
    comparators: dict[str, str]
    units: dict[str, str]
    level1: dict[str, str]
    level1_order: tuple[str, ...]
    level2: tuple[tuple[str, str], ...]
    text: dict = field(default_factory=dict, compare=False, hash=False)

    def column_of(self, header: str, table: dict[str, tuple[str, ...]]) -> str | None:
        """The role of a header text (already `key`ed): the first role one of whose names it contains."""
        if not header or "得分率" in header:
            return None
        for role, names in table.items():
            if any(name in header for name in names):
                return role
        return None

    def fund_source(self, label: str) -> FundSource | None:
        for source, names in self.funds_rows:
            if any(name in label for name in names):
                return source
        return None

    def is_placeholder(self, text: str) -> bool:
        """A name left from the template (指标2：, ……, 指标1：/) or none at all."""
        text = strip_template(key(text))
        return not text or any(pattern.fullmatch(text) for pattern in self.placeholders)

    def family1(self, label: str) -> str | None:
        return self.level1.get(label)

    def family2(self, level2: str) -> str | None:
        for word, family in self.level2:
            if word in level2:
                return family
        return None


_TEMPLATE_PREFIX = re.compile(r"^指标\d+[:：]")


def strip_template(name: str) -> str:
    """A name without the template's numbering: `指标1：完成灌区改造数量` → `完成灌区改造数量`."""
    return _TEMPLATE_PREFIX.sub("", name).strip()


def _names(values) -> tuple[str, ...]:
    return tuple(key(str(value)) for value in (values or ()))


def _merge(base: dict, family: dict) -> dict:
    """A family's file over the base: mappings merge key by key; a family's list of synonyms
    comes before the base's (its own words are tried first); anything else replaces."""
    merged = dict(base)
    for name, value in family.items():
        if name in ("evidence", "name", "title", "region", "example"):
            merged[name] = value
        elif isinstance(value, dict) and isinstance(base.get(name), dict):
            merged[name] = _merge(base[name], value)
        elif isinstance(value, list) and isinstance(base.get(name), list) and all(isinstance(v, str) for v in value):
            merged[name] = value + [v for v in base[name] if v not in value]
        else:
            merged[name] = value
    return merged


def _build(data: dict) -> Layout:
    funds = data["funds"]
    goals = data["goals"]
    total = data["total"]
    levels = data["levels"]
    if data["profile"] not in PROFILES:
        raise ValueError(f"layout {data['name']!r} names unknown profile {data['profile']!r}")
    if data["weights"] not in ("column", "blocks"):
        raise ValueError(f"layout {data['name']!r}: weights must be 'column' or 'blocks'")
    return Layout(
        name=data["name"],
        title=data["title"],
        region=data.get("region", ""),
        profile=data["profile"],
        example=data.get("example"),
        evidence=tuple((key(word), int(weight)) for word, weight in (data.get("evidence") or {}).items()),
        header={role: _names(names) for role, names in data["header"].items()},
        columns={role: _names(names) for role, names in data["columns"].items()},
        funds_markers=_names(funds["markers"]),
        funds_columns={role: _names(names) for role, names in funds["columns"].items()},
        funds_rows=tuple((FundSource(source), _names(names)) for source, names in funds["rows"].items()),
        funds_units={unit: _names(names) for unit, names in funds["unit"].items()},
        goal_markers=_names(goals["markers"]),
        goal_actual=_names(goals["actual"]),
        goal_blocks=_names(goals["block"]),
        total_labels=_names(total["labels"]),
        total_required=bool(total["required"]),
        total_in_text=_names(total.get("in_text")),
        closing=_names(data["closing"]),
        weights=data["weights"],
        placeholders=tuple(re.compile(pattern) for pattern in data["placeholders"]),
        comparators={key(k): v for k, v in data["comparators"].items()},
        units={key(k): v for k, v in data["units"].items()},
        level1={key(k): v for k, v in levels["families"].items()},
        level1_order=tuple(levels["order"]),
        level2=tuple((word, family) for word, family in levels["level2"]),
        text=data.get("text", {}),
    )


def _read(name: str) -> dict:
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def layouts() -> dict[str, Layout]:
    """Every layout, the base first."""
    base = _read(BASE)
    found = {BASE: _build(base)}
    for path in sorted(FOLDER.glob("*.yaml")):
        if path.stem != BASE:
            found[path.stem] = _build(_merge(base, _read(path.stem)))
    return found


def get_layout(name: str) -> Layout:
    found = layouts()
    if name not in found:
        raise refuse("unknown-layout", f"未知的表样“{name}”，可用：{'、'.join(found)}")
    return found[name]


def national() -> Layout:
    return layouts()[BASE]


@dataclass(frozen=True)
class Detection:
    """The layout picked for a form and the evidence that picked it (for --explain-layout)."""

    layout: Layout
    evidence: tuple[str, ...]
    score: int
    chosen_by: str = "evidence"    # 'evidence', 'user' (--layout), or 'base' (nothing pointed elsewhere)

    def explain(self) -> str:
        how = {"user": "按 --layout 指定", "base": "未见其他表样的特征，按全国通用表样读取",
               "evidence": "依据：" + "、".join(f"“{word}”" for word in self.evidence)}[self.chosen_by]
        return f"{self.layout.title}（{self.layout.name}）：{how}"


def detect(texts: list[str], chosen: str | None = None) -> Detection:
    """The layout whose evidence the form's texts (cell texts, title lines) carry most."""
    if chosen:
        return Detection(get_layout(chosen), (), 0, "user")
    keyed = "\n".join(key(text) for text in texts)
    best: Detection | None = None
    for layout in layouts().values():
        if layout.name == BASE:
            continue
        found = tuple(word for word, _ in layout.evidence if word in keyed)
        score = sum(weight for word, weight in layout.evidence if word in keyed)
        if score >= THRESHOLD and (best is None or score > best.score):
            best = Detection(layout, found, score)
    return best or Detection(national(), (), 0, "base")


__all__ = ["Detection", "Layout", "detect", "get_layout", "key", "layouts", "national", "strip_template"]
