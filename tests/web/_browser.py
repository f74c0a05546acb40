"""Browser-test helpers: the real app served on a free port, Debian's Chromium (never a
downloaded browser) at 1366×900, logging in and out, screenshots (to the test's directory,
and to docs/ when JIXIAO_UPDATE_SCREENSHOTS=1). Test modules import the fixtures by name."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from _web import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parents[2] / "docs"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 900}


def serving(app):
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    return http


@pytest.fixture
def server(app):
    http = serving(app)
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI 中缺少 chromium：浏览器测试不能跳过")
        pytest.skip("本机未安装 chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def new_page(browser, **options):
    """A page at 1366×900 that collects the console's errors in `page.errors`."""
    page = browser.new_page(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True, **options)
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def shoot(page, tmp_path: Path, name: str, full_page: bool = False) -> Path:
    path = tmp_path / f"web-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if os.environ.get("JIXIAO_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(path, DOCS / path.name)
    return path


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.click("form.logout button")
    page.wait_for_selector("input[name=username]")
