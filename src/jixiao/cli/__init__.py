"""The `jixiao` command. Each sub-command is one module in this package that registers the
function adding it to the parser (`@command('score')`, see _commands.py); modules are
discovered, so adding a command is adding a file."""

from __future__ import annotations

import argparse
import errno
import importlib
import pkgutil
import sys

import jixiao

from ..findings import InputError
from ._commands import COMMANDS

EXIT_INPUT = 2


ARGPARSE_WORDS = (
    ("the following arguments are required", "缺少必需的参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的选项"),
    ("invalid int value", "不是整数"),
    ("expected one argument", "需要一个值"),
    ("(choose from", "（可选："),
    ("argument ", "参数 "),
    ("not allowed with argument", "不能与此参数同用"),
)


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """Help and usage errors in Chinese (argparse's own headings are English), with exit
    code 2 as for any unreadable input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def format_help(self) -> str:
        # argparse ends a heading with an ASCII colon; Chinese text takes the full-width one.
        text = super().format_help()
        for title in (self._positionals.title, self._optionals.title):
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="jixiao", description="jixiao 绩效：预算绩效自评的评分、审核与成文"
    )
    parser.add_argument("--version", action="version", version=f"jixiao {jixiao.__version__}",
                        help="显示版本号并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    subparsers.required = True
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module_info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module_info.name}")  # registers its command
    for name in sorted(COMMANDS):
        COMMANDS.get(name)(subparsers)
    return parser


OS_ERRORS = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "已存在",
}


def describe_os_error(error: OSError) -> str:
    """A file that cannot be read or written, in Chinese, naming the path."""
    reason = OS_ERRORS.get(error.errno or 0, error.strerror or "未知错误")
    where = error.filename if error.filename is not None else ""
    return f"无法读写“{where}”：{reason}" if where else f"文件读写失败：{reason}"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except InputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        print(f"错误：{describe_os_error(error)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
