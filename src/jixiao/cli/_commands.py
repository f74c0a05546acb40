"""The sub-commands registry: each module of this package registers the function that adds
its sub-command to the parser (`@command('score')`); adding a command is adding a module."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..registry import Registry

Configure = Callable[[argparse._SubParsersAction], None]
COMMANDS: Registry[Configure] = Registry("命令")


def command(name: str) -> Callable[[Configure], Configure]:
    return COMMANDS.register(name)
