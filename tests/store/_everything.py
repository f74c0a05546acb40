"""A unit with everything a backup must carry: a department with its own figures and report text,
returned by a reviewer with an overall note after the unit submitted with a reason, a reviewer's
marks on findings, the 2019 declaration, a monitoring table and an indicator link."""

from __future__ import annotations

from dataclasses import replace

from _databases import migrated_url
from _people import PASSWORD
from jixiao import api
from jixiao.store import models as m
from jixiao.store import workflow
from jixiao.store.convert import import_evaluation
from jixiao.store.db import Store
from jixiao.numbers import parse_value
from jixiao.store.declaration_form import save_file
from jixiao.store.plans import add_link, save_monitoring
from jixiao.store.report_data import form_of, save_report_data
from jixiao.store.users import create_user

HISTORY = api.EXAMPLES_DIR / "history"
DEPARTMENT = next(p for p in api.example_paths() if p.stem == "dept-2019-zongbaoban")


def _document(path):
    return api.read(path).documents[0]


def fill_unit(session, unit_id: int, staff_id: int, reviewer_id: int) -> dict:
    unit = session.get(m.Unit, unit_id)
    staff, reviewer = session.get(m.User, staff_id), session.get(m.User, reviewer_id)
    project = import_evaluation(session, api.load_evaluation(DEPARTMENT), unit=unit, user=staff)
    form = form_of(project)
    form.actual_total = "16"
    form.sections["suggestions"] = "建议提前下达预算。"
    save_report_data(session, project, staff, project.version, form)
    workflow.submit(session, project, staff, project.version, "人员数已按编制核实")
    workflow.send_back(session, project, reviewer, project.version, "请补充三公经费的说明")
    session.add_all([
        m.FindingMark(project=project, key="staff-breakdown-mismatch|部门数据·人员情况", code="staff-breakdown-mismatch",
                      status=m.MarkStatus.VERIFIED.value, note="单位已更正", user_id=reviewer.id),
        m.FindingMark(project=project, key="score-mismatch|指标“园区配套建设”", code="score-mismatch",
                      status=m.MarkStatus.REJECTED.value, note="", user_id=reviewer.id),
    ])
    # Uploaded twice, the second time with one target changed: the declaration's own record has both.
    uploaded = _document(HISTORY / "declaration-2019-xingzheng.yaml").declaration
    save_file(session, staff, uploaded)
    first = uploaded.indicators[0]
    changed = replace(uploaded, indicators=(replace(first, target=parse_value("≥95%")), *uploaded.indicators[1:]))
    declaration = save_file(session, staff, changed)
    table = save_monitoring(session, staff, _document(HISTORY / "monitoring-2019-07-31-zhaoshang.yaml").monitoring)
    add_link(session, staff, unit.id, "园区行政管理事务类专项", "报刊订阅数", "订阅报刊杂志数")
    session.flush()
    return {"department": project.id, "declaration": declaration.id, "monitoring": table.id}


def fresh_store(like: Store, tmp_path_factory, name: str) -> Store:
    """Another, empty database of the backend of `like`, with unit A, the same accounts (staff,
    reviewer, admin) and 2019 open: where a backup of unit A is restored."""
    backend = "postgresql" if like.engine.dialect.name == "postgresql" else "sqlite"
    store = Store(migrated_url(backend, tmp_path_factory, name))
    with store.engine.begin() as connection:
        for table in reversed(m.Base.metadata.sorted_tables):
            connection.execute(table.delete())
    with store.session() as session:
        session.add(m.Year(year=2019, open=True))
        unit = m.Unit(name="武汉东湖综合保税区建设管理办公室", department="武汉东湖新技术区开发区管理委员会")
        session.add(unit)
        session.flush()
        create_user(session, "staff", PASSWORD, m.Role.UNIT, unit=unit, display_name="张会计")
        create_user(session, "reviewer", PASSWORD, m.Role.REVIEWER, reviewed=[unit], display_name="王审核")
        create_user(session, "admin", PASSWORD, m.Role.ADMIN, display_name="管理员")
    return store


__all__ = ["DEPARTMENT", "HISTORY", "fill_unit", "fresh_store"]
