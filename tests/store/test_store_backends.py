import os

from _databases import POSTGRES_ENV, backends


def test_ci_runs_the_store_tests_against_postgresql_too():
    # In CI the PostgreSQL half of the suite must run, not be skipped silently.
    if os.environ.get("CI", "").lower() == "true":
        assert os.environ.get(POSTGRES_ENV), f"CI=true 但未设置 {POSTGRES_ENV}：PostgreSQL 测试不能跳过"
        assert backends() == ["sqlite", "postgresql"]
    else:
        assert backends()[0] == "sqlite"
