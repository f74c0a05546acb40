"""The web app (`jixiao serve`): Flask, server-rendered Chinese pages, HTMX for live
scores. Routes are thin: rights come from jixiao.store.access, scores from jixiao.api."""

from .app import create_app

__all__ = ["create_app"]
