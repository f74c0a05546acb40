"""`jixiao layouts`: the form layouts jixiao reads, each with its profile and an example file."""

from __future__ import annotations

import argparse

from .. import api
from ._commands import command


@command("layouts")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("layouts", help="列出可识别的自评表表样（各省格式）及其评分方案和示例文件")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for layout in api.layouts():
        profile = api.get_profile(layout.profile)
        print(f"{layout.name}\t{layout.title}")
        print(f"\t评分方案：{profile.name}（{profile.title}）")
        if layout.example:
            print(f"\t示例：{layout.example}")
        if layout.evidence:
            print(f"\t识别依据：{'、'.join(word for word, _ in layout.evidence)}")
    return 0
