"""The scoring engine: `score(evaluation, profile) -> EvaluationResult`."""

from .grade import grade
from .score import score

__all__ = ["grade", "score"]
