"""Two `jixiao serve` processes on one PostgreSQL database, as behind one address (issue 14 §4):
a session opened on one is valid on the other, saves from both never lose an update, a page
served by either shows what was saved through the other, and a logout on one ends the
session on both. Real processes over loopback HTTP, each with its own caches."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from _web import PASSWORD, migrated_url, populate

from jixiao.store import models as m
from jixiao.store.db import Store


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to check, not a page to follow


class Browser:
    """One person's cookies, sent to whichever server the request goes to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, url: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, data=body), timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def token(self, url: str) -> str:
        status, page = self.request(url)
        assert status == 200, (url, status)
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def login(self, server: str, username: str) -> None:
        token = self.token(f"{server}/login")
        status, _ = self.request(f"{server}/login", {"username": username, "password": PASSWORD, "csrf_token": token})
        assert status == 302, status

    def post(self, url: str, form: dict, page: str) -> int:
        """Post a form with the token of the page it is on (as a browser would)."""
        return self.request(url, {**form, "csrf_token": self.token(page)})[0]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    url = migrated_url("postgresql", tmp_path_factory, "servers")  # skipped, with why, without PostgreSQL
    store = Store(url)
    world = populate(store)
    store.dispose()
    logs = tmp_path_factory.mktemp("servers")
    processes, addresses = [], []
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name in ("a", "b"):
        port = _free_port()
        log = (logs / f"{name}.log").open("w")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "jixiao", "serve", "--db", url, "--port", str(port), "--threads", "4"],
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=logs))
        addresses.append(f"http://127.0.0.1:{port}")
    try:
        for address, process in zip(addresses, processes):
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, Path(logs / "a.log").read_text() + Path(logs / "b.log").read_text()
                try:
                    with urllib.request.urlopen(f"{address}/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        yield addresses, world, url
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _project(url: str, project_id: int) -> m.Project:
    store = Store(url, create=False)
    try:
        with store.session() as session:
            project = session.get(m.Project, project_id)
            return (project.version, [(i.name, i.actual) for i in project.indicators],
                    [(c.field, c.old, c.new) for c in project.history])
    finally:
        store.dispose()


def test_a_session_opened_on_one_server_is_valid_on_the_other_and_logout_ends_it_on_both(servers):
    (a, b), world, _ = servers
    person = Browser()
    person.login(a, "staff")
    status, page = person.request(f"{b}/projects/{world['ours']}")
    assert status == 200 and "园区行政管理事务类专项" in page
    token = person.token(f"{b}/")
    assert person.request(f"{b}/logout", {"csrf_token": token})[0] == 302
    assert person.request(f"{a}/projects/{world['ours']}")[0] == 302  # back to the login page


def test_saves_from_both_servers_never_lose_an_update_and_no_page_is_stale(servers):
    (a, b), world, url = servers
    project = world["ours"]
    subscriptions, rented = world["ours_indicators"][1], world["ours_indicators"][8]
    staff, admin = Browser(), Browser()
    staff.login(a, "staff")
    admin.login(b, "admin")
    version, _, history = _project(url, project)
    rounds = 6
    for round_ in range(rounds):
        # Both have the page of the same version open, each on its own server, and save at once.
        page_a, page_b = f"{a}/projects/{project}", f"{b}/projects/{project}"
        tokens = {"staff": staff.token(page_a), "admin": admin.token(page_b)}
        statuses: dict[str, int] = {}
        barrier = threading.Barrier(2)

        def save(who, browser, server, field, value):
            barrier.wait()
            statuses[who] = browser.request(f"{server}/projects/{project}/save", {
                "version": str(version), field: value, "csrf_token": tokens[who]})[0]

        threads = [threading.Thread(target=save, args=("staff", staff, a, f"actual-{subscriptions}", f"{110 + round_}份")),
                   threading.Thread(target=save, args=("admin", admin, b, f"actual-{rented}", f"{80 + round_}%"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses.values()) == [302, 409], statuses
        winner = "staff" if statuses["staff"] == 302 else "admin"
        version += 1
        stored_version, actuals, changes = _project(url, project)
        assert stored_version == version
        assert len(changes) == len(history) + round_ + 1  # exactly the winner's change was recorded
        expected = ("订阅报刊杂志数", f"{110 + round_}份") if winner == "staff" else ("租赁用房空间利用率", f"{80 + round_}%")
        assert expected in actuals
        # The loser reloads from the *other* server and sees the winner's value and version: no stale page.
        loser_browser, other = (admin, a) if winner == "staff" else (staff, b)
        status, page = loser_browser.request(f"{other}/projects/{project}")
        assert status == 200
        assert f'name="version" value="{version}"' in page
        assert f">{expected[1]}<" in page  # the field (or the cell) holds the saved value
    # Every change of every round is in the history, in order, none overwritten.
    _, actuals, changes = _project(url, project)
    assert len(changes) == len(history) + rounds
