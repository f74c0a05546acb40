"""`jixiao template OUT.xlsx [--kind project|department] [--year N]`: a blank 自评表 to fill in.

The year is always written into the form, so that importing the filled form never creates a
project without a year: without --year it is the previous calendar year (a self-evaluation
looks back on the year just ended), and the command says so."""

from __future__ import annotations

import argparse
from datetime import date

from .. import api
from ..model import Kind
from ._commands import command


def _year(text: str) -> int:
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(f"“{text}”不是 2000 至 2100 之间的年份")
    return int(text)


@command("template")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("template", help="生成空白的项目支出绩效自评表（Excel，含填写校验）")
    parser.add_argument("out", metavar="OUT.xlsx", help="输出的 Excel 文件")
    parser.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.PROJECT.value,
                        help="project 项目支出（默认）或 department 部门整体支出")
    parser.add_argument("--year", type=_year, help="年度，如 2024（默认为上一年度）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    year = args.year if args.year is not None else date.today().year - 1
    path = api.write_template(args.out, kind=Kind(args.kind), year=year)
    note = "" if args.year is not None else "（未指定 --year，按上一年度；其他年度请用 --year 指定）"
    print(f"已生成空白自评表：{path}，{year} 年度{note}")
    return 0
