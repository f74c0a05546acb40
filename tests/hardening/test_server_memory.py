"""The web server's memory after hostile uploads (issue 15 §2): a real `jixiao serve` process is
sent six rounds of bombs through 报告审核; every one is refused with 422, and the process's resident
memory stays where it was after serving ordinary work. Each upload is read in a child process
under a hard memory and time limit (web/isolated.py), so the server only ever holds the upload's
bytes and what the reader sent back; the children are gone after each read.

Measured on the development machine (2 cores): 116 MB after ordinary work, 113–115 MB after each of
the six rounds (in-process reading, before the isolation: 132 MB, then up to 153 MB)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from _web import PASSWORD, migrated_url, populate

from jixiao.store.db import Store

from . import hostile

MARGIN_MB = 8
ROUNDS = 6
FORMS = Path(__file__).resolve().parents[1] / "forms"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (the forkserver; a reading child while it reads)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class _Browser:
    def __init__(self, server: str):
        self.server = server
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def token(self, path: str) -> str:
        status, page = self._open(f"{self.server}{path}")
        assert status == 200, (path, status)
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def login(self, username: str) -> None:
        body = urllib.parse.urlencode({"username": username, "password": PASSWORD,
                                       "csrf_token": self.token("/login")}).encode()
        status, _ = self._open(urllib.request.Request(f"{self.server}/login", data=body))
        assert status == 200, status   # followed to the home page

    def upload(self, path: str, name: str, data: bytes) -> int:
        boundary = uuid.uuid4().hex
        token = self.token(path)
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(f"{self.server}{path}", data=body,
                                         headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return self._open(request)[0]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = migrated_url("sqlite", tmp_path_factory, "memory")
    store = Store(url)
    populate(store)
    store.dispose()
    folder = tmp_path_factory.mktemp("memory")
    port = _free_port()
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--db", url, "--port", str(port),
                                "--threads", "2"], stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=folder)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, (folder / "serve.log").read_text()
        try:
            with urllib.request.urlopen(f"{address}/healthz", timeout=2):
                break
        except OSError:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
    try:
        yield address, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_server_returns_to_its_memory_after_every_bomb(server, tmp_path):
    address, pid = server
    browser = _Browser(address)
    browser.login("staff")
    # Ordinary work first (the seed's package, a workbook, a PDF), so the readers are loaded.
    seed = hostile.SEED.read_bytes()
    ordinary = {"综保办2019自评报告.txt": seed,
                "自评表.xlsx": (FORMS / "national" / "ezhou-czj-2019.xlsx").read_bytes(),
                "自评表.pdf": (FORMS / "national" / "ezhou-czj-2019.pdf").read_bytes()}
    for _ in range(2):
        for name, data in ordinary.items():
            assert browser.upload("/audit", name, data) == 200, name
    settled = _rss_mb(pid)
    helpers = _children(pid)
    bombs = {
        "空单元格.xlsx": hostile.xlsx_of_empty_cells(tmp_path / "空单元格.xlsx").read_bytes(),
        "炸弹.pdf": hostile.pdf_flate_bomb(),
        "大表格.pdf": hostile.pdf([hostile.ruled_table(400, 60, top=2860, bottom=60)], height=2900),
    }
    rounds = []
    for _ in range(ROUNDS):
        for name, data in bombs.items():
            assert browser.upload("/audit", name, data) == 422, name
        rounds.append(_rss_mb(pid))
    print(f"resident memory: {settled:.0f} MB after ordinary work, after each round of bombs "
          + ", ".join(f"{mb:.0f}" for mb in rounds) + " MB; helper processes (the forkserver and its resource tracker) "
          + ", ".join(f"{_rss_mb(helper):.0f}" for helper in sorted(helpers)) + " MB")
    # Eighteen bombs later the server holds what it held after ordinary work (give or take the
    # allocator's pages for the responses), never what the bombs would have read.
    assert max(rounds) - settled < MARGIN_MB, (settled, rounds)
    # No reading child outlives its upload: the server's only helper is the forkserver.
    assert _children(pid) == helpers and len(helpers) <= 2, (helpers, _children(pid))
    # Still serving.
    assert browser.upload("/audit", "综保办2019自评报告.txt", seed) == 200
