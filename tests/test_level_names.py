"""One 二级 name per level (issue 11): a form that writes a level two ways (the department
table's 社会公众或服务对象满意度 and 社会公众或服务对象满意度指标) has one subtotal for it."""

from decimal import Decimal

from jixiao import api


def test_a_level_written_with_and_without_指标_is_one_level():
    result = api.score(api.load_evaluation(api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"))
    levels = {sub.key: (sub.weight, sub.score) for sub in result.subtotals}
    satisfaction = [key for key in levels if len(key) == 2 and "社会公众或服务对象满意度" in key[1]]
    assert satisfaction == [("效益指标", "社会公众或服务对象满意度指标")]  # named as first written
    assert levels[satisfaction[0]] == (Decimal("10"), Decimal("9.60"))  # 2 + 8 points, 2.00 + 7.60
