"""Suite-wide: what is skipped is said once, with why.

Without JIXIAO_TEST_POSTGRES_URL every PostgreSQL test skips with the same reason
(tests/store/_databases.py); pytest would list each test on its own line. They are folded
into one line of the summary, with their count."""

from __future__ import annotations

import pytest

POSTGRES_SKIP = "未设置 JIXIAO_TEST_POSTGRES_URL"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and POSTGRES_SKIP in str(longrepr[2]):
        report.longrepr = ("tests/store/_databases.py", None, longrepr[2])
