"""`jixiao audit PATH... [--format text|json] [--pick CODES] [--skip CODES] [-o FILE]
[--summary OUT.xlsx] [--jobs N]`.

One file is audited as one package. A directory (searched recursively), several paths,
--summary or --jobs make a batch: each file is its own package, audited over N worker
processes, with a progress bar on a terminal; a file that cannot be read is reported and
the others go on.

Exit code 0: no error-severity finding; 1: some (in a batch, an unreadable file is one);
2: input that cannot be read (in a batch: no file could be read)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api
from ..model import Location
from ..findings import Finding, InputError
from ._options import add_layout_option
from ._commands import command


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数")
    return value


@command("audit")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="审核已公开的自评材料（提取的文本、.xlsx/.xls/.et、.docx/.doc/.wps、.pdf），列出所有不一致之处")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="自评材料文件（从 PDF 提取的文本、.xlsx/.xls/.et、.docx/.doc/.wps、.pdf）或目录（递归查找，逐个文件审核）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.add_argument("--pick", action="append", metavar="CODES", help="只报告这些代码（逗号分隔，可重复）")
    parser.add_argument("--skip", action="append", metavar="CODES", help="不报告这些代码（逗号分隔，可重复）")
    parser.add_argument("-o", "--output", metavar="FILE", help="写入文件而不是标准输出")
    parser.add_argument("--summary", metavar="OUT.xlsx", help="批量审核：写出汇总工作簿（每份材料一行，另附全部审核发现）")
    parser.add_argument("--jobs", type=_jobs, metavar="N", help="批量审核：并行进程数（默认为 CPU 核数）")
    parser.add_argument("--cluster", metavar="ADDRESS", help="批量审核：在 Dask 集群上运行，ADDRESS 为调度器地址（如 tcp://10.0.0.5:8786）")
    parser.add_argument("--list-codes", action="store_true", help="列出所有审核代码（含读取与计分阶段）及其名称和默认严重程度")
    add_layout_option(parser)
    parser.add_argument("--explain-layout", action="store_true", help="说明每张表按哪种表样读取，及其依据")
    parser.set_defaults(handler=run)


def _write(args: argparse.Namespace, text: str) -> None:
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _is_batch(args: argparse.Namespace) -> bool:
    return (len(args.paths) > 1 or any(Path(p).is_dir() for p in args.paths)
            or args.summary is not None or args.jobs is not None or args.cluster is not None)


def list_codes() -> str:
    from ..catalog import SEVERITY_NAMES, STAGES

    entries = api.catalog()
    width = max(len(entry.code) for entry in entries)
    lines = [f"{'代码'.ljust(width)}  阶段      严重程度  名称"]
    for entry in entries:
        lines.append(f"{entry.code.ljust(width)}  {STAGES[entry.stage]:<6}  {SEVERITY_NAMES[entry.severity]:<6}  {entry.title}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.list_codes:
        _write(args, list_codes())
        return 0
    if not args.paths:
        raise InputError(Finding("no-input", "请指定要审核的文件或目录（或用 --list-codes 列出审核代码）"))
    if _is_batch(args):
        return _run_batch(args)
    report = api.audit(args.paths, pick=args.pick, skip=args.skip, layout=args.layout)
    _write(args, api.audit_json(report) + "\n" if args.format == "json"
           else api.audit_text(report, args.explain_layout))
    return report.exit_code


def _run_batch(args: argparse.Namespace) -> int:
    if args.summary and Path(args.summary).suffix.lower() != ".xlsx":
        raise InputError(Finding("bad-output", f"汇总表须为 .xlsx 文件：{args.summary}"))
    if sys.stderr.isatty():
        batch = _with_progress_bar(args)
    else:
        batch = api.audit_batch(args.paths, pick=args.pick, skip=args.skip, jobs=args.jobs, layout=args.layout,
                                cluster=args.cluster)
    for skipped in batch.skipped:
        print(f"提示：已跳过“{skipped.path}”：{skipped.reason}", file=sys.stderr)
    if args.summary:
        try:
            api.write_audit_summary(batch, args.summary)
        except OSError as error:
            raise InputError(Finding("unwritable-output", f"无法写入汇总表：{error.strerror or error}",
                                     Location(file=args.summary))) from None
        print(f"汇总表已写入：{args.summary}", file=sys.stderr)
    if batch.exit_code == 2:
        for audited in batch.files:
            for finding in audited.unreadable:
                print(f"错误：{finding}", file=sys.stderr)
        where = "、".join(f"{'目录' if Path(p).is_dir() else '文件'}“{p}”" for p in args.paths)
        kinds = "、".join(sorted({suffix for reader in api.readers() for suffix in reader.suffixes}))
        print(f"错误：{where}中没有可读取的自评材料（{kinds}）", file=sys.stderr)
        return 2
    _write(args, api.batch_json(batch) + "\n" if args.format == "json" else api.batch_text(batch, args.explain_layout))
    return batch.exit_code


def _with_progress_bar(args: argparse.Namespace):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("审核"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.description}", markup=False))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name)

        return api.audit_batch(args.paths, pick=args.pick, skip=args.skip, jobs=args.jobs, progress=progress,
                               layout=args.layout, cluster=args.cluster)
