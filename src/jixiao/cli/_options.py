"""Options shared by several sub-commands."""

from __future__ import annotations

import argparse

from .. import api
from ..problems import InputError, Problem


def add_profile_option(parser: argparse.ArgumentParser, help_prefix: str = "评分方案") -> None:
    parser.add_argument("--profile", help=f"{help_prefix}：" + "、".join(api.PROFILES))


def profile_from(args: argparse.Namespace) -> api.Profile | None:
    """The profile named by --profile, or None for each file's own; an unknown name is an input error."""
    if not args.profile:
        return None
    try:
        return api.get_profile(args.profile)
    except KeyError as error:
        raise InputError(Problem("unknown-profile", error.args[0])) from None
