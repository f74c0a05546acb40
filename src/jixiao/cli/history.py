"""`jixiao history DIR_OR_DB... [--project NAME] [--link 旧名=新名] [--format text|json]`:
each indicator's target and actual year by year, the findings that need several years (each
with the years as evidence) and suggestions for the next year's target by the 历史标准.

A path is a file or a folder of self-evaluations and declarations (any format), or a database
(`sqlite:///jixiao.db`, `postgresql+psycopg://…`, or a .db file) whose stored projects are read,
with the manual links kept there. Exit code 0, or 1 when a finding is an error; 2 input that
cannot be read."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from .. import api
from ..findings import Finding, InputError
from ._commands import command
from ._plans_text import counts, finding_lines


@command("history")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("history", help="同一项目的历年目标与实际：逐年对比、历史问题与下年目标建议")
    parser.add_argument("paths", nargs="+", metavar="DIR_OR_DB",
                        help="自评表与申报表所在的目录或文件，或数据库（sqlite:///… 、postgresql+psycopg://… 或 .db 文件）")
    parser.add_argument("--project", metavar="NAME", help="只看这个项目（项目名称或其中一段）")
    parser.add_argument("--link", action="append", default=[], metavar="旧名=新名",
                        help="指标改名时，把旧名的历年数据接到新名上（可重复）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.set_defaults(handler=run)


def is_database(path: str) -> bool:
    return "://" in path or Path(path).suffix.lower() in (".db", ".sqlite", ".sqlite3")


def links_from(texts: list[str]) -> dict[str, str]:
    links = {}
    for text in texts:
        old, sep, new = text.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InputError(Finding("schema", f"--link 应写作“旧名=新名”，而不是“{text}”"))
        links[old.strip()] = new.strip()
    return links


def run(args: argparse.Namespace) -> int:
    links = links_from(args.link)
    databases = [p for p in args.paths if is_database(p)]
    files = [p for p in args.paths if not is_database(p)]
    evaluations, declarations, notes = [], [], []
    if files:
        documents, notes = api.read_documents(files, strict=False)
        evaluations += [d.evaluation if d.evaluation.unit or not d.unit else replace(d.evaluation, unit=d.unit)
                        for d in documents if d.evaluation is not None]
        declarations += [d.declaration for d in documents if d.declaration is not None]
    for database in databases:
        from ..store.plans import stored_history

        stored, stored_declarations, stored_links = stored_history(database)
        evaluations += stored
        declarations += stored_declarations
        links = {**stored_links, **links}
    for note in notes:
        if note.code == "file-unreadable":  # what a reader says inside a file is the audit's business
            print(f"提示：{note}", file=sys.stderr)
    if not evaluations and not declarations:
        raise InputError(Finding("no-evaluation", "没有读到任何自评表或申报表"))
    reports = api.history_of(evaluations, declarations, args.project, links)
    if args.format == "json":
        sys.stdout.write(json.dumps({"projects": [r.as_dict() for r in reports]}, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text(reports))
    return 1 if any(f.severity == "error" for r in reports for f in r.findings) else 0


def text(reports) -> str:
    out = []
    for report in reports:
        history = report.history
        years = report.years
        out.append(f"== 历年对比：{history.project}（{history.unit or '未注明单位'}，{years[0]}–{years[-1]}年）")
        for year, entry in history.years.items():
            source = "自评表" if entry.evaluation is not None else "申报表"
            if entry.evaluation is not None and entry.declaration is not None:
                source = "自评表、申报表"
            out.append(f"   {year}年：{source}（{entry.location.file or ''}）")
        for series in history.series:
            out.append(f"  {series.level1}/{series.level2}/{series.name}")
            for year in series.years():
                point = series.points[year]
                actual = point.actual.text if point.actual is not None else "（尚未实施）"
                score = f"，得分 {point.score}/{point.weight}" if point.score is not None and point.weight is not None \
                    else ""
                out.append(f"      {year}年  目标 {point.target.text or '—'}  实际 {actual or '—'}{score}")
            for suggestion in report.suggestions.get(series.key, []):
                out.append(f"      建议{report.next_year}年目标（{suggestion.label}）：{suggestion.target}"
                           f"  — {suggestion.derivation}")
        if report.findings:
            out.append("  历年问题：")
            out += finding_lines(report.findings, api.cite)
        out.append(f"   共 {len(history.series)} 个指标，{counts(report.findings)}。建议值仅供参考，不会自动采用。")
        out.append("")
    return "\n".join(out)
