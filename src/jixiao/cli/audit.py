"""`jixiao audit PATH... [--format text|json] [--pick CODES] [--skip CODES] [-o FILE]`.

Exit code 0: no error-severity finding; 1: some; 2: input that cannot be read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="审核已公开的自评材料（提取的文本、.xlsx、.docx、.pdf），列出所有不一致之处")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="自评材料文件：从 PDF 提取的文本、.xlsx、.docx、.pdf")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.add_argument("--pick", action="append", metavar="CODES", help="只报告这些代码（逗号分隔，可重复）")
    parser.add_argument("--skip", action="append", metavar="CODES", help="不报告这些代码（逗号分隔，可重复）")
    parser.add_argument("-o", "--output", metavar="FILE", help="写入文件而不是标准输出")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    report = api.audit_paths(args.paths, pick=args.pick, skip=args.skip)
    text = api.audit_json(report) + "\n" if args.format == "json" else api.audit_text(report)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return report.exit_code
