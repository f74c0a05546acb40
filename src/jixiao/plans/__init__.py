"""Targets and history for the CLI and the web (through `jixiao.api`): the target review of a
declaration with its grade, a project's history with suggestions (targets.py). Files are read
through the one reader registry (reading.py); findings come from the registered audit checks, or,
for history with manual links, from the same functions the history check calls, so `jixiao audit`
and these commands agree."""

from ..targets.start import evaluation_from_declaration
from .reading import files_in, read_documents
from .targets import (TARGET_CODES, ProjectHistory, TargetReview, chart_points, cite_dict, history, history_of,
                      review, review_documents)

__all__ = ["TARGET_CODES", "ProjectHistory", "TargetReview", "chart_points", "cite_dict", "evaluation_from_declaration",
           "files_in", "history", "history_of", "read_documents", "review", "review_documents"]
