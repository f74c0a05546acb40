"""An .xls (Excel 97-2003, as many finance offices still save) uploaded to 报告审核 is read like
its .xlsx: the same findings, at the same cells, under the uploaded file's name."""

import io
import shutil
from pathlib import Path

import pytest

from jixiao import api
from jixiao.render.soffice import convert

FORM = Path(__file__).resolve().parents[1] / "forms" / "sichuan" / "qingshen-fgj-gongzixing-2023.xlsx"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_an_xls_upload_is_audited_as_its_xlsx(client, tmp_path):
    xls = convert(FORM, "xls", tmp_path)
    response = client("staff").post("/audit", {"file": (io.BytesIO(xls.read_bytes()), "青神工资性支出.xls")},
                                    content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    expected = api.audit([FORM]).findings
    assert f"“青神工资性支出.xls”的审核发现（{len(expected)}）" in html
    assert "<td>青神工资性支出.xls 工作表“自评表”!I9</td>" in html


def test_an_upload_that_claims_xls_but_is_not_is_refused(client):
    response = client("staff").post("/audit", {"file": (io.BytesIO(b"PK\x03\x04 not ole"), "假的.xls")},
                                    content_type="multipart/form-data")
    assert response.status_code == 400
    assert "文件“假的.xls”的内容不是Excel 97-2003 工作簿，与扩展名不符。" in response.get_data(as_text=True)
