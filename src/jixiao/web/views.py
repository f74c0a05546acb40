"""Blueprint registry: each page group is one module in web/routes/ exposing `bp`."""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask

from . import filters, routes


def register(app: Flask) -> None:
    filters.register(app)
    for info in sorted(pkgutil.iter_modules(routes.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            app.register_blueprint(importlib.import_module(f"{routes.__name__}.{info.name}").bp)
