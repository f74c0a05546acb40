"""Readers: a file's bytes → documents (see readers.py for the one registry)."""

from .readers import READERS, read
from .source import Source

__all__ = ["READERS", "Source", "read"]
