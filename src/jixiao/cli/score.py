"""`jixiao score FILE|FOLDER... [--format text|json|summary] [--profile NAME]`."""

from __future__ import annotations

import argparse
import json
import sys

from .. import api
from ._options import add_layout_option, add_profile_option, loaded_tables, profile_from, scored_inputs
from ._commands import command


@command("score")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("score", help="按评分规则重算自评表并给出计算过程")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="自评表或报告：YAML、.xlsx/.xls/.et、.docx/.doc/.wps、.pdf 或提取的文本；或文件夹（含子文件夹）")
    parser.add_argument("--format", choices=("text", "json", "summary"), default="text",
                        help="输出格式：text 逐表列出计算过程，json，summary 每张表一行的总分一览")
    add_layout_option(parser)
    add_profile_option(parser, "评分方案（覆盖文件中的 profile）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "summary":
        # Only the numbers: the whole batch recalculated at once (engine/vector.py).
        tables = loaded_tables(args)
        evaluations = [table.evaluation for table in tables]
        api.print_summary(evaluations, api.score_tables(evaluations, profile_from(args)),
                          partial=[table.partial for table in tables])
        return 0
    results = scored_inputs(args)
    if args.format == "json":
        json.dump(api.results_to_dict(results), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        api.print_results(results)
    return 0
