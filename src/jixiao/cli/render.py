"""`jixiao render FILE... [--xlsx OUT] [--docx OUT] [--pdf OUT] [--profile NAME]`: score the
evaluations (YAML files or 自评表 workbooks) and write the 自评表 workbook, the Word report
and its PDF. Several files make one package: one workbook, one report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api
from ._options import add_profile_option, profile_from
from ..problems import InputError, Problem

OFFICE_SUFFIXES = (".xlsx",)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("render", help="生成自评表（Excel）与自评报告（Word、PDF）")
    parser.add_argument("files", nargs="+", metavar="FILE", help="YAML 评价文件或 .xlsx 自评表")
    parser.add_argument("--xlsx", metavar="OUT", help="输出自评表 .xlsx")
    parser.add_argument("--docx", metavar="OUT", help="输出自评报告 .docx")
    parser.add_argument("--pdf", metavar="OUT", help="输出自评报告 .pdf（需要 LibreOffice）")
    add_profile_option(parser)
    parser.set_defaults(handler=run)


def load(paths: list[str]) -> list:
    evaluations = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise InputError(Problem("file-missing", f"文件不存在：{name}"))
        if path.suffix.lower() in OFFICE_SUFFIXES:
            from ..ingest.xlsx import read_xlsx

            found, problems = read_xlsx(path)
            for problem in problems:
                print(f"提示：{problem}", file=sys.stderr)
            evaluations.extend(found)
        else:
            evaluations.append(api.load_evaluation(path))
    return evaluations


def run(args: argparse.Namespace) -> int:
    if not (args.xlsx or args.docx or args.pdf):
        print("错误：请至少指定 --xlsx、--docx 或 --pdf 之一", file=sys.stderr)
        return 2
    profile = profile_from(args)
    evaluations = load(args.files)
    if not evaluations:
        print("错误：输入中没有可用的自评表", file=sys.stderr)
        return 2
    results = [api.score(evaluation, profile) for evaluation in evaluations]
    if args.xlsx:
        from ..render.xlsx_book import write_xlsx

        write_xlsx(results, args.xlsx)
        print(f"已写入自评表：{args.xlsx}")
    if args.docx:
        from ..render.docx_report import write_docx

        write_docx(results, args.docx)
        print(f"已写入自评报告：{args.docx}")
    if args.pdf:
        from ..render.pdf import write_pdf

        write_pdf(results, args.pdf, docx=args.docx)
        print(f"已写入 PDF：{args.pdf}")
    return 0
