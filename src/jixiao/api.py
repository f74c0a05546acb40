"""The public API that the CLI and the web app call; nothing above this layer reaches deeper."""

from __future__ import annotations

from pathlib import Path

from .engine import grade, score
from .engine.result import EvaluationResult
from .model import Evaluation
from .problems import Problem
from .profile import PROFILES, Profile, get_profile
from .render.score_json import result_to_dict, results_to_dict

EXAMPLES_DIR = Path(__file__).parent / "examples"


def load_evaluation(path: str | Path) -> Evaluation:
    """Read a YAML evaluation file; raises InputError naming file, line and field."""
    from .ingest.yaml_loader import load_evaluation as _load

    return _load(path)


def load_evaluation_with_problems(path: str | Path) -> tuple[Evaluation, list[Problem]]:
    from .ingest.yaml_loader import load_evaluation_with_problems as _load

    return _load(path)


def example_paths() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


__all__ = [
    "PROFILES",
    "EvaluationResult",
    "Profile",
    "example_paths",
    "get_profile",
    "grade",
    "load_evaluation",
    "load_evaluation_with_problems",
    "result_to_dict",
    "results_to_dict",
    "score",
]
