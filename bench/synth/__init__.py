"""Synthetic self-evaluation packages shaped like the seed, with a known set of planted errors.

`generate(count, seed)` yields `Package`s: the published (possibly erroneous) evaluation, the
correct figures, and the list of errors planted in it. Writers turn packages into YAML
(`yaml_writer`), the seed's extracted-text layout (`text_writer`) and, when jixiao's office
writer exists, .xlsx.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import Evaluation

from .build import Project, project
from .plant import CODES, Planted, plant

DEFAULT_SEED = 20190


@dataclass(frozen=True)
class Package:
    project: Project  # the correct table and figures
    evaluation: Evaluation  # as published: the correct table with the planted errors
    planted: tuple[Planted, ...]

    @property
    def scores(self) -> tuple[Decimal, ...]:
        return self.project.scores

    @property
    def total(self) -> Decimal:
        return self.project.total

    @property
    def name(self) -> str:
        return self.evaluation.project


def package(index: int, seed: int = DEFAULT_SEED, plant_share: float = 0.3, projects_per_unit: int = 10) -> Package:
    correct = project(seed, index, projects_per_unit)
    rng = random.Random(f"{seed}:{index}:plant")
    evaluation, planted = plant(correct, rng, plant_share)
    return Package(correct, evaluation, planted)


def generate(
    count: int, seed: int = DEFAULT_SEED, start: int = 0, plant_share: float = 0.3, projects_per_unit: int = 10
) -> Iterator[Package]:
    for index in range(start, start + count):
        yield package(index, seed, plant_share, projects_per_unit)


__all__ = ["CODES", "DEFAULT_SEED", "Package", "Planted", "generate", "package"]
