"""`jixiao monitor FILE... [--as-of DATE] [--schedule NAME|FILE.yaml] [--gap N] [--method unit|linear]
[--format text|json] [--list OUT.xlsx]`: the warnings of a monitoring table (双监控) and the
year-end score it is heading for.

FILE is a monitoring table (.xlsx or YAML); a year-end self-evaluation given with it is checked
against the last table (a target called certain that was missed). With `--blank OUT.xlsx`
FILE is a self-evaluation or a declaration, and a blank monitoring table as of --as-of is
written from its tree; with `--start OUT.yaml` the year-end self-evaluation is started from
the (last) monitoring table, reasons carried forward. Exit code 0: no red light; 1: a red light;
2: input that cannot be read."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .. import api
from ..decimals import percent
from ..findings import Finding, InputError
from ..model import Location
from ._commands import command
from ._plans_text import counts, finding_lines


def _date(text: str) -> date:
    value = api.parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期（应写作 2019-07-31）")
    return value


def _points(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"“{text}”应在0到100之间（百分点）")
    return value


@command("monitor")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("monitor", help="绩效运行监控（双监控）：预警、年终得分推算、由监控表开始自评")
    parser.add_argument("files", nargs="+", metavar="FILE", help="监控表（.xlsx 或 YAML），可附年终自评表")
    parser.add_argument("--as-of", type=_date, metavar="DATE", help="按此日期检查（默认为监控表所填的截止日期）")
    names = "、".join(s.name for s in api.schedules())
    parser.add_argument("--schedule", metavar="NAME|FILE", help=f"预警线：{names}，或预警线文件（.yaml）")
    parser.add_argument("--gap", type=_points, metavar="N", help="目标进度与支出进度相差超过 N 个百分点时预警（默认10）")
    parser.add_argument("--method", choices=("unit", "linear"), help="全年预计：unit 单位预计（默认），linear 按时间进度线性推算")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.add_argument("--list", metavar="OUT.xlsx", help="写出监控预警清单（每个项目一行，最严重的在前）")
    parser.add_argument("--blank", metavar="OUT.xlsx", help="由自评表或申报表写出空白监控表（须给出 --as-of）")
    parser.add_argument("--start", metavar="OUT.yaml", help="由最后一张监控表开始年终自评（偏差原因沿用，可修改）")
    parser.set_defaults(handler=run)


def _schedule(value: str | None) -> str | None:
    if value is None:
        return None
    if value.lower().endswith((".yaml", ".yml")) or Path(value).is_file():
        return api.add_schedule_file(value)
    return value


def run(args: argparse.Namespace) -> int:
    if args.blank:
        return _blank(args)
    from ..registry import UnknownEntry

    try:
        reports = api.monitor(args.files, as_of=args.as_of, schedule=_schedule(args.schedule), gap=args.gap,
                              method=args.method)
    except UnknownEntry as error:
        raise InputError(Finding("schema", error.message)) from None
    if args.start:
        last = max(reports, key=lambda r: r.table.as_of)
        Path(args.start).write_text(api.yaml_text(api.evaluation_from_monitoring(last.table)), encoding="utf-8")
        print(f"已由{last.table.as_of.isoformat()}的监控表生成年终自评表：{args.start}", file=sys.stderr)
    if args.list:
        if Path(args.list).suffix.lower() != ".xlsx":
            raise InputError(Finding("bad-output", f"预警清单须为 .xlsx 文件：{args.list}", Location(file=args.list)))
        api.write_monitoring_list(reports, args.list)
        print(f"监控预警清单已写入：{args.list}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(json.dumps({"tables": [r.as_dict() for r in reports]}, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text(reports))
    return 1 if any(r.light == "red" for r in reports) else 0


def _blank(args: argparse.Namespace) -> int:
    if args.as_of is None:
        raise InputError(Finding("missing-field", "写出空白监控表须用 --as-of 给出监控截止日期"))
    if Path(args.blank).suffix.lower() != ".xlsx":
        raise InputError(Finding("bad-output", f"监控表须为 .xlsx 文件：{args.blank}", Location(file=args.blank)))
    documents, _ = api.read_documents(args.files)
    evaluations = [d.evaluation for d in documents if d.evaluation is not None]
    evaluations += [api.evaluation_from_declaration(d.declaration) for d in documents if d.declaration is not None]
    if not evaluations:
        raise InputError(Finding("no-evaluation", "输入中没有自评表或申报表，无法生成监控表"))
    api.write_monitoring_xlsx([api.blank_monitoring(e, args.as_of) for e in evaluations], args.blank)
    print(f"已写入空白监控表：{args.blank}（截至{args.as_of.isoformat()}）", file=sys.stderr)
    return 0


def text(reports) -> str:
    out = []
    for report in reports:
        table = report.table
        out.append(f"== 绩效运行监控：{table.project}（截至{table.as_of.isoformat()}，{report.document.source}）")
        light = api.LIGHT_TITLES[report.light]
        figures = []
        if report.execution_rate is not None:
            figures.append(f"预算执行率 {percent(report.execution_rate)}")
        figures.append(f"时间进度 {percent(report.time_elapsed)}")
        if report.target_progress is not None:
            figures.append(f"目标完成进度 {percent(report.target_progress)}")
        out.append(f"   {light}：{'，'.join(figures)}")
        for title, projection in (("按单位预计", report.projection), ("按时间进度线性推算", report.linear)):
            mark = "，本表所用方法" if (projection is report.projection) else ""
            out.append(f"   预计年终得分（{title}{mark}）：{projection.total}分（{projection.grade}）；"
                       f"支出 {projection.spending}")
        out.append("   各指标全年预计：")
        for item, result in zip(report.projection.indicators, report.projection.result.indicators):
            out.append(f"      {item.name}：目标 {item.target or '—'}，截至目前 {item.to_date or '—'}，"
                       f"全年预计 {item.projected or '—'}（{item.method}）→ {result.counted}分")
        out += finding_lines(report.findings, api.cite)
        out.append(f"   {counts(report.findings)}。")
        out.append("")
    return "\n".join(out)
