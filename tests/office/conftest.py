"""Fixtures shared by the office tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.engine.result import EvaluationResult

from .samples import admin_project, build_result, department


@pytest.fixture
def admin_result() -> EvaluationResult:
    # Scores as the seed printed them for these rows.
    return build_result(admin_project(), ["4", "1.51", "1", "15", "5"])


@pytest.fixture
def department_result() -> EvaluationResult:
    return build_result(department(), ["3.5", "2", "0.82"])


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("office")
