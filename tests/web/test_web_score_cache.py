"""The project page's score is reused for the same content and recomputed for any change."""

from jixiao.web.scoring import _ScoreCache, score_document

DOC = {
    "kind": "project", "year": 2019, "project": "缓存测试",
    "funds": {"unit": "万元", "lines": [{"source": "年度资金总额", "budget": "10", "executed": "9"}]},
    "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "甲", "target": "≥10个",
                    "actual": "8个", "weight": "90"}],
}


def test_the_same_content_is_scored_once():
    first = score_document(DOC, "缓存测试")
    assert score_document(dict(DOC), "缓存测试") is first
    assert str(first.result.total) == "81.00"  # 9.00 + 8/10×90


def test_a_changed_value_is_a_new_score():
    first = score_document(DOC, "缓存测试")
    changed = {**DOC, "indicators": [{**DOC["indicators"][0], "actual": "10个"}]}
    second = score_document(changed, "缓存测试")
    assert second is not first
    assert str(second.result.total) == "99.00"


def test_the_cache_is_bounded():
    cache = _ScoreCache(size=2)
    for n in range(3):
        cache.put((str(n), ""), object())
    assert list(cache.entries) == [("1", ""), ("2", "")]
