"""The command line as a user meets it: --version, help in Chinese, options after the
sub-command, the year of a blank form, and written files that follow the user's umask."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from datetime import date

import pytest

import jixiao
from jixiao import api
from jixiao.cli import main

EXAMPLE = str(next(p for p in api.example_paths() if p.stem == "proj-01-xingzheng"))


def run(*args: str, umask: int | None = None) -> subprocess.CompletedProcess:
    def set_umask():
        if umask is not None:
            os.umask(umask)

    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True,
                          preexec_fn=set_umask, timeout=120)


def test_version_is_printed():
    done = run("--version")
    assert (done.returncode, done.stdout) == (0, f"jixiao {jixiao.__version__}\n")


@pytest.mark.parametrize("argv", [["--help"], ["user", "add", "--help"], ["score", "--help"]])
def test_help_headings_are_chinese(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：jixiao")
    assert "选项：\n" in text and "显示本帮助并退出" in text
    for english in ("usage:", "options:", "positional arguments", "show this help message"):
        assert english not in text


def test_db_is_accepted_after_the_user_operation(tmp_path, monkeypatch, capsys):
    after, before = tmp_path / "after.db", tmp_path / "before.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO("first-admin-pw\n"))
    assert main(["user", "add", "boss", "--role", "admin", "--password-stdin", "--db", f"sqlite:///{after}"]) == 0
    assert main(["user", "list", "--db", f"sqlite:///{after}"]) == 0
    assert capsys.readouterr().out.endswith("boss\t管理员\t\t\n")
    # Given before the operation it still counts, and the operation's own default does not undo it.
    assert main(["user", "--db", f"sqlite:///{before}", "list"]) == 0
    assert before.exists() and not (tmp_path / "jixiao.db").exists()


def test_a_blank_form_always_carries_its_year(tmp_path, capsys):
    blank = tmp_path / "blank.xlsx"
    assert main(["template", str(blank)]) == 0
    last_year = date.today().year - 1
    assert capsys.readouterr().out == (f"已生成空白自评表：{blank}，{last_year} 年度"
                                       "（未指定 --year，按上一年度；其他年度请用 --year 指定）\n")
    assert f"（{last_year}年度）" in _cell_texts(blank)
    assert main(["template", str(tmp_path / "y.xlsx"), "--year", "2024"]) == 0
    assert "（2024年度）" in _cell_texts(tmp_path / "y.xlsx")
    with pytest.raises(SystemExit):
        main(["template", str(tmp_path / "z.xlsx"), "--year", "24"])
    assert "“24”不是 2000 至 2100 之间的年份" in capsys.readouterr().err


def _cell_texts(path) -> list[str]:
    from openpyxl import load_workbook

    return [str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None]


def test_written_files_follow_the_umask(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    done = run("render", EXAMPLE, "--xlsx", str(out / "form.xlsx"), "--docx", str(out / "report.docx"), umask=0o022)
    assert done.returncode == 0, done.stderr
    done = run("template", str(out / "blank.xlsx"), "--year", "2024", umask=0o022)
    assert done.returncode == 0, done.stderr
    modes = {path.name: oct(stat.S_IMODE(path.stat().st_mode)) for path in out.iterdir()}
    assert modes == {"form.xlsx": "0o644", "report.docx": "0o644", "blank.xlsx": "0o644"}
    done = run("render", EXAMPLE, "--xlsx", str(out / "private.xlsx"), umask=0o077)
    assert oct(stat.S_IMODE((out / "private.xlsx").stat().st_mode)) == "0o600"
