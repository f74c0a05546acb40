"""Unreadable input — empty, binary, garbage, truncated, enormous, a directory, a missing
file — ends with a clear Chinese message naming the file and exit code 2, never a traceback;
and the CLI's formats, filters and output file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.api import audit as audit_paths
from jixiao.cli import main
from jixiao.ingest import source
from jixiao.findings import InputError

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "clean_xingzheng.txt"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"\n \n\t\n", "文件为空"),
        ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00" * 64, "二进制文件"),
        ("garbage.txt", "随便写的一段话，没有任何表格。\n".encode() * 20, "未找到任何自评表"),
        ("latin1.txt", "项目支出绩效自评表".encode("utf-8") + b"\xff\xfe\xfa" * 10 + b"abc" * 10, "不是 UTF-8 或 GB18030"),
        ("controls.txt", bytes(range(1, 9)) * 200, "控制字符"),
    ],
)
def test_unreadable_input_exits_2_with_a_message_naming_the_file(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _run(capsys, str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"错误：{path}") and message in err and err.count(str(path)) == 1
    assert "Traceback" not in err


def test_truncated_inside_a_character(tmp_path, capsys):
    data = CLEAN.read_bytes()
    cut = data[: data.index("总分".encode()) + 2]  # inside the 3-byte 分
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    code, _, err = _run(capsys, str(path))
    assert code == 2 and "被截断" in err


def test_table_cut_before_its_total_is_an_error_finding(tmp_path):
    text = CLEAN.read_text(encoding="utf-8")
    cut = text[: text.index("总分")]
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    report = audit_paths([path])
    assert [(f.code, f.message) for f in report.findings if f.code == "table-incomplete"] == [
        ("table-incomplete", "表格不完整：未找到“总分”行。")
    ]


def test_enormous_file_is_refused_reading_only_the_cap(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 4096)
    path = tmp_path / "big.txt"
    path.write_bytes(CLEAN.read_bytes() * 10)
    reads = []
    real_open = open

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            reads.append(size)
            return self.handle.read(size)

    monkeypatch.setattr("builtins.open", lambda *a, **k: Spy(real_open(*a, **k)) if a and str(a[0]) == str(path) else real_open(*a, **k))
    code, _, err = _run(capsys, str(path))
    assert code == 2 and "超过" in err
    assert reads == [4097]


def test_missing_file_and_directory(tmp_path, capsys):
    code, _, err = _run(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "文件不存在" in err
    code, _, err = _run(capsys, str(tmp_path))
    assert code == 2 and "目录" in err


def test_unknown_code_in_pick(capsys):
    code, _, err = _run(capsys, "--pick", "no-such-code", str(CLEAN))
    assert code == 2 and "未知的审核代码：no-such-code" in err


def test_audit_paths_raises_input_error_not_a_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError):
        audit_paths([path])


def test_clean_document_exits_0(capsys):
    code, out, _ = _run(capsys, str(CLEAN))
    assert code == 0
    assert out == "共审核 2 份材料（自评表与报告），发现 0 项问题：错误 0 项，警告 0 项，提示 0 项。\n"


def _mutated(tmp_path: Path) -> Path:
    text = CLEAN.read_text(encoding="utf-8").replace("实际订阅报刊杂志数 128 份，得 4 分", "实际订阅报刊杂志数 128 份，得 3 分")
    text = text.replace("日常办公经费\t69\t64.24\t4.76\t93.10%", "日常办公经费\t69\t64.24\t4.76\t93.1")
    path = tmp_path / "m.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_output_schema_and_exit_1(tmp_path, capsys):
    path = _mutated(tmp_path)
    code, out, _ = _run(capsys, "--format", "json", str(path))
    assert code == 1
    data = json.loads(out)
    assert data["schema"] == 2
    assert [d["kind"] for d in data["documents"]] == ["project-table", "evaluation-report"]
    table = data["documents"][0]
    assert (table["project"], table["reported_total"], table["recomputed_total"], table["grade"]) == (
        "园区行政管理事务类专项", "96.99", "96.99", "优")
    assert table["location"] == {"file": str(path), "line": 1, "sheet": None, "cell": None, "page": None,
                                 "table": None, "row": None, "column": None, "paragraph": None, "field": None,
                                 "text": f"{path} 第1行"}
    codes = [(f["code"], f["severity"], f["location"]["line"]) for f in data["findings"]]
    assert codes == [("number-format", "warning", 65), ("score-mismatch", "error", 244),
                     ("deviation-rate-zero", "warning", 244)]
    score = data["findings"][1]
    assert set(score) == {"code", "title", "severity", "project", "indicator", "location", "reported", "expected",
                          "derivation", "message"}
    assert (score["indicator"], score["reported"], score["expected"]) == ("订阅报刊杂志数", "3", "4.00")


def test_text_output_groups_by_document(tmp_path, capsys):
    path = _mutated(tmp_path)
    code, out, _ = _run(capsys, str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"== 项目支出绩效评价报告：园区行政管理事务类专项（{path} 第38行起）"
    assert lines[1] == "  第65行  [警告] number-format：数字格式有误"
    assert lines[3] == "  第244行  [错误] score-mismatch：得分与评分规则不符"
    assert lines[-1] == "共审核 2 份材料（自评表与报告），发现 3 项问题：错误 1 项，警告 2 项，提示 0 项。"


def test_pick_skip_and_output_file(tmp_path, capsys):
    path = _mutated(tmp_path)
    code, out, _ = _run(capsys, "--pick", "number-format", str(path))
    assert code == 0 and "score-mismatch" not in out and "number-format" in out
    code, out, _ = _run(capsys, "--skip", "number-format,score-mismatch,deviation-rate-zero", str(path))
    assert code == 0 and "发现 0 项问题" in out
    target = tmp_path / "out.json"
    code, out, _ = _run(capsys, "--format", "json", "-o", str(target), str(path))
    assert code == 1 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["findings"]) == 3
