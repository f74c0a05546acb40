"""The documents that describe the code stay true to it: the catalog table in
docs/audit-json.md is the catalog itself."""

from __future__ import annotations

from pathlib import Path

from jixiao.catalog import CATALOG, SEVERITY_NAMES, STAGES

DOCS = Path(__file__).resolve().parent.parent / "docs"
START, END = "<!-- catalog:start", "<!-- catalog:end -->"


def catalog_table() -> str:
    rows = ["| code | stage | severity | title |", "|---|---|---|---|"]
    rows += [f"| `{e.code}` | {STAGES[e.stage]} | {e.severity}（{SEVERITY_NAMES[e.severity]}） | {e.title} |"
             for e in CATALOG.values()]
    return "\n".join(rows)


def test_the_documented_catalog_is_the_catalog():
    text = (DOCS / "audit-json.md").read_text(encoding="utf-8")
    start = text.index(START)
    body = text[text.index("\n", start) + 1: text.index(END)].strip()
    assert body == catalog_table(), "regenerate with: python -m tests.test_docs"


if __name__ == "__main__":
    path = DOCS / "audit-json.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n", text.index(START)) + 1
    path.write_text(text[:start] + catalog_table() + "\n" + text[text.index(END):], encoding="utf-8")
