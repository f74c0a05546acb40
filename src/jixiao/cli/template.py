"""`jixiao template OUT.xlsx [--kind project|department] [--year N]`: a blank 自评表 to fill in."""

from __future__ import annotations

import argparse

from .. import api
from ..model import Kind
from ._commands import command


@command("template")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("template", help="生成空白的项目支出绩效自评表（Excel，含填写校验）")
    parser.add_argument("out", metavar="OUT.xlsx", help="输出的 Excel 文件")
    parser.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.PROJECT.value,
                        help="project 项目支出（默认）或 department 部门整体支出")
    parser.add_argument("--year", type=int, help="年度，如 2024")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = api.write_template(args.out, kind=Kind(args.kind), year=args.year)
    print(f"已生成空白自评表：{path}")
    return 0
