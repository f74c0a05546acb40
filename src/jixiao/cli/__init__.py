"""The `jixiao` command. Each sub-command is one module in this package exposing
`register(subparsers)`; modules are discovered, so adding a command is adding a file."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ..problems import InputError

EXIT_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao", description="jixiao 绩效：预算绩效自评的评分、审核与成文"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    subparsers.required = True
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except InputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
