"""`jixiao audit DIR/`: each file of a folder audited as its own package over worker
processes, unreadable files reported and the batch going on, a summary workbook with one
row per document and one per finding, the same results whatever --jobs says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from jixiao import api
from jixiao.cli import main
from jixiao.render.audit_summary import DOCUMENT_HEADERS, FINDING_HEADERS

SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"
GARBAGE_MESSAGE = "不是有效的 Excel 文件（文件已损坏或格式不符）"
NOT_A_REPORT_MESSAGE = "未找到任何自评表、自评报告或评价报告（需要“项目支出绩效自评表”等标题行）"

# The seed's documents as the summary lists them: kind, project, reported, recomputed, grade.
SEED_DOCUMENTS = [
    ("部门整体支出绩效自评报告", "武汉东湖综合保税区建设管理办公室部门整体支出", None, None, None),
    ("部门整体支出绩效自评表", "武汉东湖综合保税区建设管理办公室部门整体支出", "87.09", "86.94", "良"),
    ("项目支出绩效自评表", "园区行政管理事务类专项", "93.68", "93.28", "优"),
    ("项目支出绩效自评表", "安全生产专项", "97", "96.85", "优"),
    ("项目支出绩效自评表", "招商工作专项", "80.97", "72.55", "中"),
    ("项目支出绩效自评表", "基层活动专项", "96.71", "93.21", "优"),
    ("项目支出绩效自评表", "花山港运维专项", "91.25", "89.41", "良"),
    ("项目支出绩效自评表", "驻区海关专项", "91.12", "91.12", "优"),
    ("项目支出绩效自评表", "园区日常维护专项", "92.14", "87.66", "良"),
    ("项目支出绩效自评表", "公共服务平台系统运维费", "86.32", "85.32", "良"),
    ("项目支出绩效自评表", "联合办税服务点经费", "96.91", "88.91", "良"),
    ("项目支出绩效评价报告", "园区行政管理事务类专项", None, None, None),
    ("项目支出绩效评价报告", "园区日常维护专项", None, None, None),
    ("项目支出绩效评价报告", "招商工作专项", None, None, None),
]
PROJECT = "园区行政管理事务类专项"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("packages")
    (root / "2019" / "综保办").mkdir(parents=True)
    (root / "2019" / "综保办" / "自评材料.txt").write_bytes(SEED.read_bytes())
    (root / "2019" / "副本.txt").write_bytes(SEED.read_bytes())
    result = api.score(api.load_evaluation(next(p for p in api.example_paths() if "xingzheng" in p.name)))
    (root / "2020").mkdir()
    api.write_xlsx([result], root / "2020" / "行政.xlsx")
    (root / "2020" / "损坏.xlsx").write_bytes(b"\x00\x01not a workbook\xff" * 64)
    (root / "2020" / "报送说明.txt").write_text("本文件是报送说明，不含自评表。\n请于三月底前报送。\n", encoding="utf-8")
    (root / "2020" / "名单.csv").write_text("单位,联系人\n综保办,张三\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def batches(folder):
    return {jobs: api.audit_batch([folder], jobs=jobs) for jobs in (1, 2)}


def _files(folder: Path) -> dict[str, str]:
    return {"seed": str(folder / "2019" / "副本.txt"), "nested": str(folder / "2019" / "综保办" / "自评材料.txt"),
            "xlsx": str(folder / "2020" / "行政.xlsx"), "garbage": str(folder / "2020" / "损坏.xlsx"),
            "prose": str(folder / "2020" / "报送说明.txt")}


def test_files_in_sorted_order_and_other_files_skipped(folder, batches):
    files = _files(folder)
    batch = batches[1]
    # Sorted by path within the folder: 2019/副本.txt before 2019/综保办/…, 2020/报送说明 …
    assert [f.source for f in batch.files] == [files["seed"], files["nested"], files["prose"], files["garbage"],
                                               files["xlsx"]]
    assert [(s.path, s.reason) for s in batch.skipped] == [
        (str(folder / "2020" / "名单.csv"), "不是可审核的文件类型（.doc、.docx、.et、.pdf、.txt、.wps、.xls、.xlsx、.yaml、.yml）")]
    assert (batch.readable, batch.exit_code) == (3, 1)


def test_jobs_do_not_change_the_results(batches):
    assert batches[1].as_dict() == batches[2].as_dict()
    assert batches[1].rows() == batches[2].rows()


def test_summary_workbook(folder, batches, tmp_path):
    files = _files(folder)
    seed_report = api.audit([SEED])
    seed_counts = Counter(f.severity for f in seed_report.findings)
    out = api.write_audit_summary(batches[2], tmp_path / "汇总.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["文件汇总", "审核发现"]
    documents, findings = book["文件汇总"], book["审核发现"]
    for ws, headers in ((documents, DOCUMENT_HEADERS), (findings, FINDING_HEADERS)):
        assert [c.value for c in ws[1]] == list(headers)
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}{ws.max_row}"
        assert ws.column_dimensions["B"].width == 40
    rows = [tuple(c.value for c in row) for row in documents.iter_rows(min_row=2)]
    assert len(rows) == 14 + 14 + 1 + 1 + 1
    assert [row[0] for row in rows] == list(range(1, 32))

    def identity(row):
        # openpyxl reads numbers back as int/float; their str is the printed text here.
        return row[2], row[3], *(None if v is None else str(v) for v in row[4:6]), row[6]

    assert [identity(r) for r in rows[:14]] == SEED_DOCUMENTS
    assert [identity(r) for r in rows[14:28]] == SEED_DOCUMENTS
    assert {r[1] for r in rows[:14]} == {files["seed"]} and {r[1] for r in rows[14:28]} == {files["nested"]}
    # Each copy's findings counted once, on the documents they belong to.
    for block in (rows[:14], rows[14:28]):
        assert (sum(r[7] for r in block), sum(r[8] for r in block), sum(r[9] for r in block)) == \
            (seed_counts["error"], seed_counts["warning"], seed_counts["info"])
    assert rows[28] == (29, files["prose"], "无法读取", None, None, None, None, 1, 0, 0, NOT_A_REPORT_MESSAGE)
    assert rows[29] == (30, files["garbage"], "无法读取", None, None, None, None, 1, 0, 0, GARBAGE_MESSAGE)
    assert rows[30][1:] == (files["xlsx"], "项目支出绩效自评表", PROJECT, 93.28, 93.28, "优", 1, 4, 0, None)
    assert documents["E32"].number_format == "0.00" and documents["E5"].number_format == "0"  # 97 as printed

    found = [tuple(c.value for c in row) for row in findings.iter_rows(min_row=2)]
    assert len(found) == 2 * len(seed_report.findings) + 2 + 5
    assert [row[0] for row in found] == list(range(1, len(found) + 1))
    by_file = Counter(row[1] for row in found)
    assert by_file == {files["seed"]: len(seed_report.findings), files["nested"]: len(seed_report.findings),
                       files["prose"]: 1, files["garbage"]: 1, files["xlsx"]: 5}
    sheet = PROJECT  # jixiao names the sheet after the project
    assert [row[1:9] for row in found if row[1] != files["seed"] and row[1] != files["nested"]] == [
        (files["prose"], "form-not-found", "错误", None, None, None, None, None),
        (files["garbage"], "file-malformed", "错误", None, None, None, None, None),
        # In sheet order: row 13, 17, 18, 23, 28 (not grouped by severity); the seed's own 评分细则 are
        # printed with their defects.
        (files["xlsx"], "rule-text-defect", "警告", PROJECT, "部门维持在职人员完成率",
         f"工作表“{sheet}”!J13", "部门维持在职人员完成率 100%以上，得满分；80%≥完成率≤90%，得满分；≤80%，不得分", None),
        (files["xlsx"], "unit-mismatch", "错误", PROJECT, "公务接待人次", f"工作表“{sheet}”!H17", "76%", "≤200人次"),
        (files["xlsx"], "target-not-measurable", "警告", PROJECT, "(日常办公场所、展厅及食堂)正常运转天数",
         f"工作表“{sheet}”!H18", "2019年工作日天数", None),
        (files["xlsx"], "missing-deviation-reason", "警告", PROJECT, "目标完成质量达标率", f"工作表“{sheet}”!H23",
         "1.80", "2"),
        (files["xlsx"], "rule-text-defect", "警告", PROJECT, "三公经费成本控制率", f"工作表“{sheet}”!J28",
         "偏差率≤70%，得满分；否则，不得分。", None),
    ]
    assert found[-7][9] == NOT_A_REPORT_MESSAGE
    seed_lines = [row[6] for row in found if row[1] == files["seed"]]
    assert seed_lines == [f"第{f.location.line}行" for f in seed_report.findings]


def test_cli_batch_with_summary(folder, tmp_path, capsys):
    out = tmp_path / "summary.xlsx"
    code = main(["audit", str(folder), "--summary", str(out), "--jobs", "2"])
    stdout, stderr = capsys.readouterr()
    assert code == 1
    assert stderr.splitlines() == [f"提示：已跳过“{folder / '2020' / '名单.csv'}”：不是可审核的文件类型（.doc、.docx、.et、.pdf、.txt、.wps、.xls、.xlsx、.yaml、.yml）",
                                   f"汇总表已写入：{out}"]
    lines = stdout.splitlines()
    assert lines[0].startswith(f"【{folder / '2019' / '副本.txt'}】共 14 份材料，")
    assert f"【{folder / '2020' / '损坏.xlsx'}】无法读取" in lines
    assert lines[-1].startswith("共审核 5 个文件（无法读取 2 个，跳过其他文件 1 个），29 份材料，")
    assert openpyxl.load_workbook(out)["文件汇总"].max_row == 32


def test_cli_batch_json_and_pick(folder, capsys):
    import json

    code = main(["audit", str(folder / "2020"), "--format", "json", "--pick", "unit-mismatch", "--jobs", "1"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(f["code"], f["location"]["file"]) for f in data["findings"]] == [
        ("form-not-found", str(folder / "2020" / "报送说明.txt")),
        ("file-malformed", str(folder / "2020" / "损坏.xlsx")),
        ("unit-mismatch", str(folder / "2020" / "行政.xlsx")),
    ]
    assert [(f["source"], f["readable"], f["documents"]) for f in data["files"]] == [
        (str(folder / "2020" / "报送说明.txt"), False, 0), (str(folder / "2020" / "损坏.xlsx"), False, 0),
        (str(folder / "2020" / "行政.xlsx"), True, 1)]
    assert data["skipped"] == [{"source": str(folder / "2020" / "名单.csv"),
                                "reason": "不是可审核的文件类型（.doc、.docx、.et、.pdf、.txt、.wps、.xls、.xlsx、.yaml、.yml）"}]


def test_nothing_readable_exits_2(tmp_path, capsys):
    (tmp_path / "坏.pdf").write_bytes(b"not a pdf at all")
    (tmp_path / "图.png").write_bytes(b"\x89PNG")
    code = main(["audit", str(tmp_path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"提示：已跳过“{tmp_path / '图.png'}”：不是可审核的文件类型（.doc、.docx、.et、.pdf、.txt、.wps、.xls、.xlsx、.yaml、.yml）",
        f"错误：{tmp_path / '坏.pdf'}：不是有效的 PDF 文件",
        f"错误：目录“{tmp_path}”中没有可读取的自评材料（.doc、.docx、.et、.pdf、.txt、.wps、.xls、.xlsx、.yaml、.yml）",
    ]


def test_several_files_are_a_batch_and_missing_ones_refused(folder, tmp_path, capsys):
    files = _files(folder)
    batch = api.audit_batch([files["xlsx"], files["garbage"], files["xlsx"]], jobs=2)
    assert [f.source for f in batch.files] == [files["xlsx"], files["garbage"]]  # a repeat is audited once
    assert main(["audit", files["xlsx"], str(tmp_path / "无此文件.txt")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["audit", "--pick", "no-such-code", str(folder)]) == 2
    assert "未知的审核代码：no-such-code" in capsys.readouterr().err


def test_progress_is_reported_per_file(folder):
    seen = []
    api.audit_batch([folder / "2020"], jobs=2, progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
