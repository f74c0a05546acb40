"""`jixiao serve --demo` seeding and `jixiao user` on a real database."""

import io
import sys

from jixiao import api
from jixiao.cli import main
from jixiao.store import models as m
from jixiao.store.db import Store
from jixiao.store.users import authenticate
from jixiao.web.demo import seed


def test_the_demo_database_holds_every_example_and_one_login_per_role(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    logins = seed(store)
    assert [(login.username, login.role) for login in logins] == [
        ("admin", m.Role.ADMIN), ("reviewer", m.Role.REVIEWER), ("unit1", m.Role.UNIT)]
    with store.session() as session:
        assert session.query(m.Project).count() == len(api.example_paths())
        assert session.query(m.Project).filter_by(status="submitted").count() == 2
        for login in logins:
            user, message = authenticate(session, login.username, login.password, "test")
            assert (user.username, message) == (login.username, "")
    store.dispose()


def test_user_add_creates_the_first_admin_from_the_command_line(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("first-admin-pw\n"))
    assert main(["user", "--db", url, "add", "boss", "--role", "admin", "--name", "局长", "--password-stdin"]) == 0
    assert capsys.readouterr().out == "已添加管理员“boss”（全部单位）\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("unit-staff-pw\n"))
    assert main(["user", "--db", url, "add", "clerk", "--role", "unit", "--unit", "测试单位", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n"))
    assert main(["user", "--db", url, "add", "weak", "--role", "admin", "--password-stdin"]) == 2
    assert "错误：管理员密码至少12位" in capsys.readouterr().err
    assert main(["user", "--db", url, "list"]) == 0
    assert capsys.readouterr().out == "boss\t管理员\t局长\t\nclerk\t单位填报人员\t\t测试单位\n"
    store = Store(url)
    with store.session() as session:
        assert authenticate(session, "boss", "first-admin-pw", "cli")[0].role == "admin"
    store.dispose()


def test_serve_demo_starts_a_seeded_server_and_prints_the_logins(tmp_path):
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--demo", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path)
    try:
        lines = [process.stdout.readline() for _ in range(6)]
        assert lines[0].startswith("演示数据库：sqlite:///") and "jixiao-demo-" in lines[0]
        assert lines[1] == "演示账号（密码每次启动随机生成）：\n"
        assert "用户名 admin" in lines[2] and "用户名 reviewer" in lines[3] and "用户名 unit1" in lines[4]
        assert lines[5].startswith(f"jixiao 网页版已启动：http://127.0.0.1:{port}/")
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("服务未启动")
        password = lines[4].split("密码 ")[1].split()[0]
        assert len(password) == 12
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert not (tmp_path / "jixiao.db").exists()  # the demo never touches ./jixiao.db
