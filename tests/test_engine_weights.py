"""Weights that do not add up as declared are reported by the engine, with both numbers."""

from jixiao import api


def problems(name: str) -> list[tuple[str, str]]:
    result = api.score(api.load_evaluation(api.EXAMPLES_DIR / name))
    return [(p.code, p.message) for p in result.problems if p.code.startswith("weights")]


def test_haiguan_output_weights_add_up_to_45_not_50():
    assert problems("proj-06-haiguan.yaml") == [
        ("weights-declared", "“产出指标”声明分值50分，所含三级指标分值合计45分"),
        ("weights-total", "预算执行率10分与各指标分值合计为95分，不是100分"),
    ]


def test_department_goal_weights_are_checked_per_goal_and_agree():
    assert problems("dept-2019-zongbaoban.yaml") == []


def test_tables_whose_weights_add_up_have_no_weight_problem():
    assert problems("proj-01-xingzheng.yaml") == []
    assert problems("proj-03-zhaoshang.yaml") == []
