"""Web latency under bounded concurrent load on loopback, and database import throughput.

The app runs as `jixiao serve` (waitress) in its own process; N virtual users (threads with
keep-alive connections and their own session cookie) log in, then request project pages
(GET /projects/<id>) and score updates (the HTMX preview, POST /projects/<id>/preview),
each picking at random among its own 10 projects (a unit's worth). p50/p95 are over every timed request. SQLite always; PostgreSQL
15 in a throwaway cluster this benchmark starts (and stops) on a spare loopback port.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from .measure import Report
from .synth import generate

SECTION = "web"
WORKING_SET = 10
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
HX_CSRF = re.compile(r'"X-CSRF-Token": "([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the database ----------------------------------------------------------------------


class Postgres:
    """A throwaway PostgreSQL cluster owned by the `postgres` system user, trust auth on loopback."""

    def __init__(self) -> None:
        self.bin = PG_BIN[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="jixiao-bench-pg-"))
        self.port = free_port()

    def _as_postgres(self, *command: str) -> None:
        line = " ".join(str(c) for c in command)
        run = ["su", "postgres", "-c", line] if os.geteuid() == 0 else ["sh", "-c", line]
        subprocess.run(run, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        self._as_postgres(self.bin / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"'-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off'"
        self._as_postgres(self.bin / "pg_ctl", "-D", data, "-o", options, "-l", self.dir / "log", "-w", "start")
        self._as_postgres(self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "jixiao_bench")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/jixiao_bench"

    def stop(self) -> None:
        try:
            self._as_postgres(self.bin / "pg_ctl", "-D", self.dir / "data", "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def populate(url: str, projects: int, password: str) -> tuple[float, list[tuple[int, int, str]]]:
    """Import `projects` generated tables and an admin account. Returns the import rate
    (projects/s) and, per project, (project id, an indicator id, that indicator's actual)."""
    from sqlalchemy import select

    from jixiao.store import models as m
    from jixiao.store.convert import import_evaluation
    from jixiao.store.db import Store
    from jixiao.store.users import create_user

    store = Store(url)
    evaluations = [p.evaluation for p in generate(projects, seed=53)]
    start = time.perf_counter()
    for first in range(0, projects, 500):
        with store.session() as session:
            for evaluation in evaluations[first: first + 500]:
                import_evaluation(session, evaluation)
    rate = projects / (time.perf_counter() - start)
    with store.session() as session:
        create_user(session, "bench", password, m.Role.ADMIN)
        rows = session.execute(
            select(m.Indicator.project_id, m.Indicator.id, m.Indicator.actual).order_by(m.Indicator.id)
        ).all()
    store.dispose()
    first_rows: dict[int, tuple[int, int, str]] = {}
    for project_id, indicator_id, actual in rows:
        first_rows.setdefault(project_id, (project_id, indicator_id, actual or ""))
    return rate, list(first_rows.values())


# -- the server and the virtual users -------------------------------------------------


def start_server(url: str, port: int, threads: int, direct: bool = False) -> subprocess.Popen:
    """`jixiao serve`, or with `direct` the same app with the fixes patched in (serve_direct)."""
    if direct:
        command = [sys.executable, "-m", "bench.web", url, str(port), str(threads)]
    else:
        command = [str(Path(sys.executable).with_name("jixiao")), "serve", "--db", url, "--port", str(port),
                   "--threads", str(threads)]
    process = subprocess.Popen(
        command,
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("jixiao serve did not start")


class Client:
    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(form) if form is not None else None
        sent = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        self.connection.request(method, path, body=body, headers=sent)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text

    def login(self, password: str) -> None:
        _, page = self.request("GET", "/login")
        token = CSRF.search(page).group(1)
        status, _ = self.request("POST", "/login", {"username": "bench", "password": password, "csrf_token": token})
        if status != 302:
            raise RuntimeError(f"login failed: {status}")


def load(port: int, rows: list, users: int, requests_each: int, password: str,
         think: float = 0.0) -> dict[str, list[float]]:
    """`think` seconds on average between a user's requests (0: the next request as soon as the
    last returns, the harshest reading of "N concurrent users")."""
    timings: dict[str, list[float]] = {"page": [], "preview": []}
    errors: list[str] = []
    lock = threading.Lock()

    def user(number: int) -> None:
        rng = random.Random(number)
        # Each user works on one unit's projects (about 10), as staff and reviewers do.
        mine = rng.sample(rows, min(WORKING_SET, len(rows)))
        client = Client(port)
        try:
            client.login(password)
            for count in range(requests_each):
                project_id, indicator_id, actual = rng.choice(mine)
                start = time.perf_counter()
                status, page = client.request("GET", f"/projects/{project_id}")
                page_time = time.perf_counter() - start
                token = HX_CSRF.search(page)
                if status != 200 or token is None:
                    raise RuntimeError(f"GET /projects/{project_id}: {status}")
                preview_time = None
                if count % 4 == 0:
                    start = time.perf_counter()
                    status, _ = client.request(
                        "POST", f"/projects/{project_id}/preview", {f"actual-{indicator_id}": actual or "1"},
                        {"X-CSRF-Token": token.group(1), "HX-Request": "true"},
                    )
                    preview_time = time.perf_counter() - start
                    if status != 200:
                        raise RuntimeError(f"POST preview {project_id}: {status}")
                with lock:
                    timings["page"].append(page_time)
                    if preview_time is not None:
                        timings["preview"].append(preview_time)
                if think:
                    time.sleep(rng.uniform(0.5, 1.5) * think)
        except Exception as error:  # noqa: BLE001 - reported with the figures, not raised from a thread
            with lock:
                errors.append(str(error))

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} virtual users failed: {errors[0]}")
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _one_database(report: Report, name: str, url: str, projects: int, users: int, requests_each: int,
                  think: tuple[float, ...] = (0.0,)) -> None:
    password = secrets.token_urlsafe(12)
    rate, rows = populate(url, projects, password)
    report.add(SECTION, f"import {name}", rate, "projects/s", f"{projects}个项目导入数据库")
    for direct, pause in [(d, t) for t in think for d in (False, True)]:
        port = free_port()
        server = start_server(url, port, threads=8, direct=direct)
        try:
            load(port, rows[:20], 2, 3, password)  # warm up: templates compiled, pools filled
            started = time.perf_counter()
            timings = load(port, rows, users, requests_each, password, pause)
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        variant = f"{name} fixed (no YAML round trip, cached)" if direct else name
        if pause:
            variant += f", think {pause:g} s"
        for kind, label in (("page", "project page"), ("preview", "score update")):
            values = timings[kind]
            report.add(
                SECTION,
                f"web {variant} {label} p50/p95",
                f"{percentile(values, 0.5) * 1000:.0f}/{percentile(values, 0.95) * 1000:.0f}",
                "ms",
                f"{users}个并发用户（{'平均思考' + format(pause, 'g') + '秒' if pause else '无思考时间'}），"
                f"{len(values)}次请求，{projects}个项目"
                + ("；目标 p95 < 150 ms（PostgreSQL、20用户、1万项目）" if kind == "page" and not direct else ""),
            )
        total = len(timings["page"]) + len(timings["preview"])
        report.add(SECTION, f"web {variant} throughput", total / elapsed, "requests/s", "waitress 8线程")


def run(report: Report, quick: bool) -> None:
    report.section("web latency under concurrent load (loopback)")
    try:
        import jixiao.web  # noqa: F401
        from jixiao.store import convert  # noqa: F401
    except ImportError as error:
        report.skip(SECTION, f"网页版不可用：{error}")
        return
    page_profile(report, 60 if quick else 200, 40 if quick else 150)
    projects, users, requests_each = (100, 10, 8) if quick else (10_000, 20, 40)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-web-"))
    _one_database(report, "sqlite", f"sqlite:///{folder / 'bench.db'}", projects, users, requests_each)
    if quick:
        report.skip(SECTION + " postgresql", "快速模式只测 SQLite")
        return
    if not PG_BIN:
        report.skip(SECTION + " postgresql", "未安装 PostgreSQL")
        return
    postgres = Postgres()
    try:
        url = postgres.start()
        _one_database(report, "postgresql", url, projects, users, requests_each, think=(0.0, 1.0))
    finally:
        postgres.stop()


# -- where a project page spends its time, and candidate fixes ----------------------------


def _as_loaded(value):
    """What yaml.safe_dump followed by the BaseLoader gives back: every scalar as text."""
    if isinstance(value, dict):
        return {str(k): _as_loaded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_loaded(v) for v in value]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def direct_loader():
    """web.scoring.load_yaml_text fed the project's dict itself (no YAML dump and re-parse):
    the loader's own converter and schema check, with the same problems as values."""
    from jixiao.ingest import yaml_loader
    from jixiao.findings import InputError

    def load(doc, name):
        data = _as_loaded(doc)
        reader = yaml_loader._Reader(name, {})
        try:
            evaluation = reader.evaluation(data)
            reader.check_schema(data)
        except InputError as error:
            return None, list(error.findings)
        if reader.errors or evaluation is None:
            return None, reader.sorted(reader.errors)
        return evaluation, reader.sorted(reader.warnings)

    return load


def cached_scoring(score_project, size: int = 4096):
    """score_project for a page as stored (no typed overrides), cached by (project id, version):
    every save bumps the version, so a cached score is never stale. Previews are not cached."""
    import functools

    @functools.lru_cache(maxsize=size)
    def stored(project_id: int, version: int, project_ref):
        return score_project(project_ref[0])

    def score(project, overrides=None, executed=None):
        if overrides or executed:
            return score_project(project, overrides, executed)
        # The project itself is passed through a list so the cache key stays (id, version).
        return stored(project.id, project.version, _Unhashed(project))

    return score


class _Unhashed(list):
    """Carries the ORM object into the cached function without being part of its key."""

    def __init__(self, item):
        super().__init__([item])

    def __hash__(self):
        return 0

    def __eq__(self, other):
        return True


def page_profile(report: Report, projects: int = 100, pages: int = 60) -> None:
    """Per-request time of GET /projects/<id> in-process (Flask test client, one thread), as
    is, with libyaml for the YAML round trip, and with no YAML round trip at all."""
    import logging

    import yaml

    from jixiao.ingest import yaml_loader
    from jixiao.web import create_app
    from jixiao.web import scoring as web_scoring

    from .loading import c_compose, patched

    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-page-"))
    url = f"sqlite:///{folder / 'page.db'}"
    password = secrets.token_urlsafe(12)
    _, rows = populate(url, projects, password)
    app = create_app(url)
    logging.disable(logging.INFO)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "bench", "password": password, "csrf_token": CSRF.search(page).group(1)})
    ids = [row[0] for row in rows][:pages]

    def per_page() -> float:
        for project_id in ids[:5]:
            client.get(f"/projects/{project_id}")
        start = time.perf_counter()
        for project_id in ids:
            status = client.get(f"/projects/{project_id}").status_code
            if status != 200:
                raise RuntimeError(f"GET /projects/{project_id} 返回 {status}")
        return (time.perf_counter() - start) / len(ids)

    def totals() -> list:
        from jixiao.store import models as m

        with app.extensions["jixiao.store"].session() as session:
            return [web_scoring.score_project(session.get(m.Project, i)).result.total for i in ids]

    before, reference = per_page(), totals()

    def c_dump(doc: dict) -> str:
        return yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)

    with patched(yaml_loader, "_compose", c_compose(yaml_loader._compose)), patched(web_scoring, "document_yaml", c_dump):
        libyaml, libyaml_same = per_page(), totals() == reference
    with patched(web_scoring, "document_yaml", lambda doc: doc), \
            patched(web_scoring, "load_yaml_text", direct_loader()):
        direct, direct_same = per_page(), totals() == reference
        from jixiao.web.routes import project as project_routes

        with patched(project_routes, "score_project", cached_scoring(project_routes.score_project)):
            per_page()  # fills the cache, as the first visit to each page would
            cached = per_page()
    logging.disable(logging.NOTSET)
    report.add(SECTION, "project page now", before * 1000, "ms/request", "进程内单线程；web/scoring.py 经 YAML 文本往返计分")
    report.add(SECTION, "project page with libyaml", libyaml * 1000, "ms/request",
               f"{before / libyaml:.1f}×（CSafeDumper + CBaseLoader）；总分一致：{libyaml_same}")
    report.add(SECTION, "project page without YAML round trip", direct * 1000, "ms/request",
               f"{before / direct:.1f}×（项目字典直接交给 yaml_loader 的转换与校验）；总分一致：{direct_same}")
    report.add(SECTION, "project page, no round trip, score cached by version", cached * 1000, "ms/request",
               f"{before / cached:.1f}×（已保存版本的计分与审核结果按(项目, 版本)缓存；预览不缓存）")


def serve_direct(url: str, port: int, threads: int) -> None:
    """The web app with the fixes measured above: web.scoring fed the project dict directly,
    and a stored project's score cached by (id, version)."""
    from waitress import serve

    from jixiao.web import create_app
    from jixiao.web import scoring as web_scoring
    from jixiao.web.routes import project as project_routes

    web_scoring.document_yaml = lambda doc: doc
    web_scoring.load_yaml_text = direct_loader()
    project_routes.score_project = cached_scoring(project_routes.score_project)
    serve(create_app(url), host="127.0.0.1", port=port, threads=threads, ident="jixiao")


if __name__ == "__main__":
    serve_direct(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
