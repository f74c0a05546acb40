"""Write every bundled example as a workbook, read it back: the same evaluations, with the
recomputed scores the form states (render.submitted.as_submitted)."""

from __future__ import annotations

import pytest

from jixiao.api import evaluations_of, read
from jixiao import api
from jixiao.model import Kind, Location
from jixiao.render.submitted import as_submitted
from jixiao.render.xlsx_book import write_xlsx

from .samples import only_seed_rule_defects, without_locations


@pytest.fixture(scope="module")
def examples():
    paths = [p for p in api.example_paths()]
    assert len(paths) >= 10
    return [api.score(api.load_evaluation(path)) for path in paths]


@pytest.fixture(scope="module")
def read_back(examples, tmp_path_factory):
    path = tmp_path_factory.mktemp("rt") / "package.xlsx"
    write_xlsx(examples, path)
    return evaluations_of([read(path, "package.xlsx")])


def test_every_example_round_trips(examples, read_back):
    evaluations, problems = read_back
    assert only_seed_rule_defects(problems)
    assert len(evaluations) == len(examples)
    for result, evaluation in zip(examples, evaluations):
        assert without_locations(evaluation) == without_locations(as_submitted(result)), result.evaluation.project


def test_read_back_scores_to_the_same_totals(examples, read_back):
    evaluations, _ = read_back
    assert [api.score(e).total for e in evaluations] == [r.total for r in examples]


def test_department_keeps_its_goal_blocks(examples, read_back):
    evaluations, _ = read_back
    department = next(e for e in evaluations if e.kind == Kind.DEPARTMENT)
    assert len(department.goals) == 4
    assert sorted({i.goal for i in department.indicators}) == [1, 2, 3, 4]


def test_every_value_keeps_its_sheet_and_cell(read_back):
    evaluations, _ = read_back
    project = next(e for e in evaluations if e.project == "园区行政管理事务类专项")
    assert project.location == Location(file="package.xlsx", sheet="园区行政管理事务类专项", cell="B3")
    first = project.indicators[0]
    assert (first.name, first.location) == ("部门维持在职人员完成率",
                                            Location(file="package.xlsx", sheet="园区行政管理事务类专项", cell="H13"))
    assert project.funds.total.location.cell == "I6"
    assert project.goals[0].location.cell == "B11"
