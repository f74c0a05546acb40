"""Structured logs: one JSON object per line on stderr, one line per request plus events."""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import datetime, timezone

from flask import g, request

LOGGER = logging.getLogger("jixiao.web")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def configure(level: int = logging.INFO) -> None:
    if any(isinstance(h.formatter, JsonFormatter) for h in LOGGER.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    LOGGER.addHandler(handler)
    LOGGER.setLevel(level)
    LOGGER.propagate = False


def event(name: str, **fields: object) -> None:
    user = getattr(g, "user", None)
    if user is not None:
        fields.setdefault("user", user.username)
    LOGGER.info(name, extra={"fields": fields})


def start_timer() -> None:
    g.started = time.perf_counter()


def log_request(response):
    started = getattr(g, "started", None)
    user = getattr(g, "user", None)
    LOGGER.info(
        "request",
        extra={
            "fields": {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
                "user": user.username if user is not None else None,
                "remote": request.remote_addr,
            }
        },
    )
    return response
