"""Export formats: one function per format, from a stored project to (bytes, mimetype).
YAML is the stored document itself; everything else is written by jixiao's renderers."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Callable

from .. import api
from ..findings import InputError
from ..store import models as m
from ..store.convert import document_yaml, project_document
from .errors import WebError
from .scoring import Scored, score_project


class NotScorable(WebError):
    """该项目的数据有错误，无法生成文件；请先在自评表页面查看并修正“发现的问题”。"""

    status = 422


def _scored(project: m.Project) -> Scored:
    scored = score_project(project)
    if scored.result is None:
        raise NotScorable()
    return scored


def export_yaml(project: m.Project) -> tuple[bytes, str]:
    return document_yaml(project_document(project)).encode("utf-8"), "application/yaml; charset=utf-8"


def export_json(project: m.Project) -> tuple[bytes, str]:
    data = api.result_to_dict(_scored(project).result)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"), "application/json; charset=utf-8"


def export_xlsx(project: m.Project) -> tuple[bytes, str]:
    result = _scored(project).result
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as tmp:
        path = Path(tmp) / "form.xlsx"
        api.write_xlsx([result], path, claimed=True)  # the unit's own form: its claimed scores
        return path.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RenderFailed(WebError):
    """生成文件失败。"""

    status = 503


def _written(write, suffix: str, project: m.Project) -> bytes:
    result = _scored(project).result
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as tmp:
        path = Path(tmp) / f"report{suffix}"
        try:
            write([result], path)
        except InputError as error:  # e.g. LibreOffice missing or failing on this server
            raise RenderFailed("；".join(p.message for p in error.findings)) from None
        return path.read_bytes()


def export_docx(project: m.Project) -> tuple[bytes, str]:
    return _written(api.write_docx, ".docx", project), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_pdf(project: m.Project) -> tuple[bytes, str]:
    return _written(api.write_pdf, ".pdf", project), "application/pdf"


EXPORTERS: dict[str, tuple[str, Callable[[m.Project], tuple[bytes, str]]]] = {
    "yaml": ("YAML 自评表", export_yaml),
    "json": ("得分 JSON", export_json),
    "xlsx": ("Excel 自评表", export_xlsx),
    "docx": ("Word 自评报告", export_docx),
    "pdf": ("PDF 自评报告", export_pdf),
}
