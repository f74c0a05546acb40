"""The vocabulary the text reader uses, taken from the layout files (ingest/layouts/*.yaml:
the national base's `levels` and its `text:` section), never written here: adding a
province's words means editing its layout file, not code."""

from __future__ import annotations

from ..layout import national

_BASE = national()
_TEXT = _BASE.text

# A line equal to one of these (spaces removed) starts a document.
DOCUMENT_TITLES: dict[str, str] = dict(_TEXT["titles"])

# A table whose 项目名称 contains one of these is a department's whole-expenditure table.
DEPARTMENT_PROJECT_WORDS: tuple[str, ...] = tuple(_TEXT["department_words"])

# Level-1 names (spaces and “(50分)” removed) and the family each belongs to, and their order.
LEVEL1_FAMILIES: dict[str, str] = dict(_BASE.level1)
LEVEL1_ORDER: tuple[str, ...] = _BASE.level1_order

# Words of a level-2 name and the level-1 family it belongs to.
LEVEL2_FAMILIES: tuple[tuple[str, str], ...] = _BASE.level2

# Cells that label the block, not a level.
BLOCK_LABELS: tuple[str, ...] = tuple(_TEXT["block_labels"])

# Funds block rows (spaces removed) → model FundSource value.
FUND_ROWS: tuple[tuple[str, str], ...] = tuple(
    (label, source) for source, labels in _TEXT["fund_rows"].items() for label in labels)

# 综合评分结果 row labels → level keys.
RESULT_ROWS: dict[str, tuple[str, ...]] = {label: tuple(keys) for label, keys in _TEXT["result_rows"].items()}

# Section headings of an evaluation report's analysis → level keys.
SECTION_LEVELS: tuple[tuple[str, str], ...] = tuple((title, level) for title, level in _TEXT["section_levels"])

# Sentences that say the targets were rewritten after the year.
ADJUSTED_TARGET_PHRASES: tuple[str, ...] = tuple(_TEXT["adjusted_target_phrases"])

# Keywords naming amounts in sentences (budget, spent, difference, rate).
BUDGET_WORDS: tuple[str, ...] = tuple(_TEXT["budget_words"])
EXECUTED_WORDS: tuple[str, ...] = tuple(_TEXT["executed_words"])
DIFFERENCE_WORDS: tuple[str, ...] = tuple(_TEXT["difference_words"])
RATE_WORDS: tuple[str, ...] = tuple(_TEXT["rate_words"])
