"""`jixiao render FILE... [--xlsx OUT] [--docx OUT] [--pdf OUT] [--profile NAME]`: score the
evaluations (YAML files or 自评表 workbooks) and write the 自评表 workbook, the Word report
and its PDF. Several files make one package: one workbook, one report."""

from __future__ import annotations

import argparse
import sys

from .. import api
from ._options import add_layout_option, add_profile_option, scored_inputs
from ._commands import command


@command("render")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("render", help="生成自评表（Excel）与自评报告（Word、PDF）")
    parser.add_argument("files", nargs="+", metavar="FILE", help="自评表或报告：YAML、.xlsx/.xls/.et、.docx/.doc/.wps、.pdf 或提取的文本")
    parser.add_argument("--xlsx", metavar="OUT", help="输出自评表 .xlsx")
    parser.add_argument("--docx", metavar="OUT", help="输出自评报告 .docx")
    parser.add_argument("--pdf", metavar="OUT", help="输出自评报告 .pdf（需要 LibreOffice）")
    parser.add_argument("--no-review", action="store_true", help="报告不附“审核意见”附录（默认附上审核发现的问题）")
    add_layout_option(parser)
    add_profile_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not (args.xlsx or args.docx or args.pdf):
        print("错误：请至少指定 --xlsx、--docx 或 --pdf 之一", file=sys.stderr)
        return 2
    results = scored_inputs(args)
    findings = [] if args.no_review else api.review_findings(results)
    if args.xlsx:
        api.write_xlsx(results, args.xlsx)
        print(f"已写入自评表：{args.xlsx}")
    if args.docx:
        api.write_docx(results, args.docx, findings, review=not args.no_review)
        print(f"已写入自评报告：{args.docx}")
    if args.pdf:
        api.write_pdf(results, args.pdf, findings, docx=args.docx, review=not args.no_review)
        print(f"已写入 PDF：{args.pdf}")
    return 0
