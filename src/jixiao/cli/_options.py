"""Options shared by several sub-commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api
from ..findings import Finding, InputError
from ..registry import UnknownEntry


def add_profile_option(parser: argparse.ArgumentParser, help_prefix: str = "评分方案") -> None:
    parser.add_argument("--profile", help=f"{help_prefix}：" + "、".join(api.PROFILES))


def add_layout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--layout", metavar="NAME",
                        help="按此表样读取（默认按表格自身的特征识别）：" + "、".join(l.name for l in api.layouts()))


def profile_from(args: argparse.Namespace) -> api.Profile | None:
    """The profile named by --profile, or None for each file's own; an unknown name is an input error."""
    if not args.profile:
        return None
    try:
        return api.get_profile(args.profile)
    except UnknownEntry as error:
        raise InputError(Finding("unknown-profile", error.message)) from None


def loaded_tables(args: argparse.Namespace) -> list[api.Document]:
    """The documents of `args.files` — files of any format a reader takes, or folders, searched
    recursively — that hold a table to score; non-fatal problems are printed as notices, and
    input with no usable table is an input error (exit 2). A file named on the command line that
    cannot be read is an input error; one found in a folder is passed over, saying why."""
    files, skipped = api.collect_files(args.files)
    named = {Path(raw).resolve() for raw in args.files if Path(raw).is_file()}
    for path, reason in skipped:
        print(f"提示：已跳过 {path}：{reason}", file=sys.stderr)
    packages = []
    for path in files:
        try:
            packages.append(api.read(path, layout=getattr(args, "layout", None)))
        except InputError as error:
            if path.resolve() in named:
                raise
            messages = [f.message for f in error.findings]
            more = f"等{len(messages)}项问题" if len(messages) > 2 else ""
            print(f"提示：已跳过 {path}：{'；'.join(messages[:2])}{more}", file=sys.stderr)
    for package in packages:
        for problem in package.all_findings():
            print(f"提示：{problem}", file=sys.stderr)
    tables = [document for package in packages for document in package.documents if document.evaluation is not None]
    if not tables:
        raise InputError(Finding("no-evaluation", "输入中没有可用的自评表"))
    return tables


def loaded_inputs(args: argparse.Namespace) -> list[api.Evaluation]:
    """The evaluations of `loaded_tables`."""
    return [document.evaluation for document in loaded_tables(args)]


def scored_inputs(args: argparse.Namespace) -> list[api.EvaluationResult]:
    """`loaded_inputs`, each scored with --profile."""
    profile = profile_from(args)
    return [api.score(evaluation, profile) for evaluation in loaded_inputs(args)]
