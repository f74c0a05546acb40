"""Import, export and a unit's backup/restore through the pages."""

import io
import json
import shutil
import zipfile

import yaml

from _web import UNIT_A, example

from jixiao import api
from jixiao.decimals import plain
from jixiao.store import models as m


def post_file(c, url, name, data, **form):
    return c.post(url, {"file": (io.BytesIO(data), name), **form}, content_type="multipart/form-data")


def example_text(stem):
    return next(p for p in api.example_paths() if p.stem == stem).read_bytes()


def test_unit_staff_import_a_yaml_table_into_their_own_unit(app, client, world):
    staff = client("staff")
    response = post_file(staff, "/import", "proj-03-zhaoshang.yaml", example_text("proj-03-zhaoshang"))
    assert response.status_code == 302
    page = staff.text(response.headers["Location"])
    # The seed's own 评分细则 for 认知度提高率 names another indicator: imported, with that hint.
    assert "已导入“proj-03-zhaoshang.yaml”：1 张自评表，另有 1 条提示。" in page and "招商工作专项" in page
    # A file naming another unit still lands in the importer's own unit.
    other = example_text("proj-04-jiceng").decode().replace(f"unit: {UNIT_A}", "unit: 武汉东湖新技术开发区财政局")
    response = post_file(staff, "/import", "other.yaml", other.encode(), unit_id=str(world["unit_b"]))
    assert response.status_code == 302
    with app.extensions["jixiao.store"].session() as session:
        project = session.query(m.Project).filter_by(name="基层活动专项").one()
        assert project.unit_id == world["unit_a"]
    response = post_file(staff, "/import", "again.yaml", example_text("proj-03-zhaoshang"))
    assert response.status_code == 409
    assert "已有项目“招商工作专项”" in response.get_data(as_text=True)
    assert post_file(staff, "/import", "again.yaml", example_text("proj-03-zhaoshang"), replace="on").status_code == 302


def test_an_unreadable_table_shows_its_problems_with_their_lines(app, client, world):
    staff = client("staff")
    broken = b"kind: project\nyear: 2019\nproject: x\nindicators:\n  - name: a\n    weight: abc\n"
    response = post_file(staff, "/import", "broken.yaml", broken)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "“broken.yaml”未能导入" in html and "第6行" in html


def test_reviewers_do_not_import(app, client, world):
    assert post_file(client("reviewer"), "/import", "a.yaml", example_text("proj-03-zhaoshang")).status_code == 403


def test_exports_give_the_stored_table_and_its_scores(app, client, world):
    staff = client("staff")
    base = f"/projects/{world['ours']}/export"
    response = staff.get(f"{base}/yaml")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    doc = yaml.safe_load(response.get_data(as_text=True))
    original = yaml.safe_load(example_text("proj-01-xingzheng"))
    assert doc["indicators"][1]["actual"] == original["indicators"][1]["actual"] == "128份"
    assert doc["funds"]["lines"][0] == original["funds"]["lines"][0]
    data = json.loads(staff.get(f"{base}/json").get_data(as_text=True))
    expected = api.score(example("proj-01-xingzheng"))
    assert (data["total"], data["grade"], data["reported_total"]) == (plain(expected.total), expected.grade, "93.68")
    response = staff.get(f"{base}/xlsx")
    assert response.status_code == 200
    from openpyxl import load_workbook

    assert zipfile.is_zipfile(io.BytesIO(response.data))
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[0] == "园区行政管理事务类专项"
    texts = {str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None}
    assert "订阅报刊杂志数" in texts and "128份" in texts
    assert staff.get(f"{base}/exe").status_code == 404


def test_a_backup_restores_a_units_projects_and_only_admins_restore(app, client, world):
    staff, admin = client("staff"), client("admin")
    response = staff.get(f"/units/{world['unit_a']}/backup")
    backup = response.data
    assert json.loads(backup)["unit"]["name"] == UNIT_A
    subscriptions = world["ours_indicators"][1]
    staff.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{subscriptions}": "1份"})
    assert post_file(staff, f"/units/{world['unit_a']}/restore", "b.json", backup).status_code == 403
    response = post_file(admin, f"/units/{world['unit_a']}/restore", "b.json", backup)
    assert response.status_code == 302
    assert "已从备份恢复 2 个项目。" in admin.text("/")
    with app.extensions["jixiao.store"].session() as session:
        project = session.query(m.Project).filter_by(unit_id=world["unit_a"], name="园区行政管理事务类专项").one()
        assert project.indicators[1].actual == "128份"
        assert project.history[0].field == "恢复备份"
    response = post_file(admin, f"/units/{world['unit_a']}/restore", "b.json", b'{"format": "x"}')
    assert response.status_code == 400 and "不是 jixiao 单位备份文件" in response.get_data(as_text=True)


def test_the_word_and_pdf_reports_are_written_by_the_renderers(app, client, world):
    from docx import Document

    staff = client("staff")
    response = staff.get(f"/projects/{world['ours']}/export/docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "园区行政管理事务类专项" in text
    response = staff.get(f"/projects/{world['ours']}/export/pdf")
    if shutil.which("soffice") is None:
        # A server without LibreOffice says so, with the command to install it.
        assert response.status_code == 503
        assert "apt-get install libreoffice-writer-nogui" in response.get_data(as_text=True)
        return
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Type"] == "application/pdf"


def test_an_uploaded_report_is_audited_and_its_tables_listed(app, client, world):
    seed = (api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt").read_bytes()
    response = post_file(client("staff"), "/audit", "综保办2019自评报告.txt", seed)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    from jixiao.api import audit as audit_paths

    report = audit_paths([api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"])
    assert f"“综保办2019自评报告.txt”的审核发现（{len(report.findings)}）" in html
    assert f"“综保办2019自评报告.txt”中的自评材料（{len(report.documents)}）" in html
    assert "综保办2019自评报告.txt 第65行" in html  # locations name the uploaded file, not a temporary one
    assert "jixiao-audit-" not in html


def test_an_import_cannot_write_into_a_closed_year(app, client, world):
    staff, admin = client("staff"), client("admin")
    assert admin.post("/admin/years", {"year": "2019", "open": "0"}).status_code == 302
    subscriptions = world["ours_indicators"][1]
    assert staff.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{subscriptions}": "1份"}).status_code == 403
    changed = example_text("proj-01-xingzheng").decode().replace("actual: 128份", "actual: 1份")
    assert "actual: 1份" in changed
    for user in (staff, admin):
        response = post_file(user, "/import", "replace.yaml", changed.encode(), replace="on")
        assert response.status_code == 403
        assert "2019年度已关闭（只读），不能导入该年度的自评表，也不能覆盖该年度的项目" in response.get_data(as_text=True)
    renamed = example_text("proj-03-zhaoshang")
    assert post_file(staff, "/import", "new.yaml", renamed).status_code == 403
    with app.extensions["jixiao.store"].session() as session:
        project = session.get(m.Project, world["ours"])
        assert (project.version, project.indicators[1].actual, project.history) == (1, "128份", [])
        assert session.query(m.Project).filter_by(name="招商工作专项").count() == 0


def test_an_import_does_not_replace_a_project_awaiting_review(app, client, world):
    staff = client("staff")
    assert staff.post(f"/projects/{world['ours']}/save", {"version": "1", "action": "submit",
                                                                        "submit_reason": "得分以佐证材料为准"}).status_code == 302
    response = post_file(staff, "/import", "replace.yaml", example_text("proj-01-xingzheng"), replace="on")
    assert response.status_code == 403
    assert "项目“园区行政管理事务类专项”已提交或已审核通过，不能用导入覆盖" in response.get_data(as_text=True)


def test_an_exported_workbook_keeps_text_that_looks_like_a_formula_as_text(app, client, world):
    from openpyxl import load_workbook

    link = '=HYPERLINK("http://x","点击")'
    staff = client("staff")
    text = example_text("proj-03-zhaoshang").decode()
    first_name = yaml.safe_load(text)["indicators"][0]["name"]
    text = text.replace(f"name: {first_name}", f"name: '{link}'", 1)
    response = post_file(staff, "/import", "link.yaml", text.encode())
    assert response.status_code == 302
    exported = staff.get(response.headers["Location"].split("?")[0] + "/export/xlsx")
    assert exported.status_code == 200
    ws = load_workbook(io.BytesIO(exported.data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value == link]
    assert [(c.column_letter, c.data_type) for c in cells] == [("D", "s")]
    assert not any(c.data_type == "f" and "HYPERLINK" in str(c.value) for row in ws.iter_rows() for c in row)


def test_a_blank_template_is_not_imported(app, client, world, tmp_path):
    from jixiao.render.xlsx_template import write_template

    blank = write_template(tmp_path / "空白模板.xlsx", year=2019).read_bytes()
    response = post_file(client("staff"), "/import", "空白模板.xlsx", blank)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "“空白模板.xlsx”未能导入" in html and "其中的自评表没有填写任何绩效指标（三级指标），是空白模板吗？" in html
    with app.extensions["jixiao.store"].session() as session:
        assert session.query(m.Project).filter_by(name="").count() == 0
