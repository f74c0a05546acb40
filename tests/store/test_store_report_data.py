"""A department's own figures and the unit's report text in the store: kept on import exactly as
the file has them, read back by the loader, edited as one version with a history row per value,
refused by row and field, and only while the project is with the unit."""

from __future__ import annotations

import json

import pytest

from _people import populate
from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import ConflictError, StoreError, document_yaml, import_evaluation, project_document
from jixiao.store.report_data import ReportDataRefused, form_of, save_report_data

DEPARTMENT = next(p for p in api.example_paths() if p.stem == "dept-2019-zongbaoban")


def department(session, ids) -> m.Project:
    unit = session.get(m.Unit, ids["unit_a"])
    return import_evaluation(session, api.load_evaluation(DEPARTMENT), unit=unit)


def read_back(project: m.Project):
    return api.read_bytes(document_yaml(project_document(project)).encode("utf-8"), "stored", suffix=".yaml").evaluations[0]


def indicator(evaluation, name: str):
    return next(i for i in api.common_indicators(evaluation) if i.name == name)


def test_an_imported_department_keeps_its_figures_and_report_text(store):
    with store.session() as session:
        ids = populate(session)
        project_id = department(session, ids).id
    with store.session() as session:
        project = session.get(m.Project, project_id)
        figures = json.loads(project.department_figures)
        assert figures["staff"]["actual"]["total"] == "17"
        assert figures["spending_total"] == "3,431.89"
        assert figures["three_public"]["items"][2]["reported"]["budget_rate"] == "30.85%"
        assert json.loads(project.report_text)["problems"].startswith("预算编制不够准确性")
        evaluation = read_back(project)
        assert evaluation.department_figures.staff.actual.total == 17
        assert evaluation.prose.paragraphs("measures")[3].startswith("2019年将紧密结合")
        assert indicator(evaluation, "在职人员控制率").derivation == "17人/16人=106.25%"


def test_editing_the_figures_and_the_report_text_is_one_version_with_its_history(store):
    with store.session() as session:
        ids = populate(session)
        project_id = department(session, ids).id
    with store.session() as session:
        project = session.get(m.Project, project_id)
        staff = session.get(m.User, ids["staff"])
        form = form_of(project)
        assert save_report_data(session, project, staff, 1, form) == []  # nothing typed: nothing written
        assert project.version == 1
        form.actual_total = "16"
        trade = next(row for row in form.items if row.name == "招商工作专项")
        trade.actual = "140.10"
        form.items.append(type(trade)(group="procurement", budget="120", actual="96"))
        problems = form.sections["problems"]
        form.sections["problems"] = "预算执行率偏低。\n招商活动延期。"
        changes = save_report_data(session, project, staff, 1, form)
        assert [(c.field, c.old, c.new) for c in changes] == [
            ("实有人数·合计", "17", "16"),
            ("项目支出“招商工作专项”·实际支出数", "138.90", "140.10"),
            ("报告文字·存在的问题及原因", problems, "预算执行率偏低。\n招商活动延期。"),
            ("政府采购“政府采购”·预算数", "", "120"),
            ("政府采购“政府采购”·实际支出数", "", "96"),
        ]
        assert problems.startswith("预算编制不够准确性")
    with store.session() as session:
        project = session.get(m.Project, project_id)
        assert project.version == 2
        evaluation = read_back(project)
        assert indicator(evaluation, "在职人员控制率").derivation == "16人/16人=100.00%"
        assert indicator(evaluation, "政府采购执行率").derivation == "96.00万元/120.00万元=80.00%"
        assert evaluation.prose.paragraphs("problems") == ["预算执行率偏低。", "招商活动延期。"]
        assert [c.field for c in project.history][:2] == ["政府采购“政府采购”·实际支出数", "政府采购“政府采购”·预算数"]


def test_a_mistake_is_refused_by_row_and_field_and_nothing_is_saved(store):
    with store.session() as session:
        ids = populate(session)
        project_id = department(session, ids).id
    with store.session() as session:
        project = session.get(m.Project, project_id)
        form = form_of(project)
        form.actual_total = "十七"
        row = next(i for i, r in enumerate(form.items, 1) if r.name == "招商工作专项")
        form.items[row - 1].budget = "abc"
        form.items.append(type(form.items[0])(group="projects", actual="5"))
        with pytest.raises(ReportDataRefused) as refused:
            save_report_data(session, project, session.get(m.User, ids["staff"]), 1, form)
        assert refused.value.problems == [f"支出第{len(form.items)}行（项目支出）：请填写名称"]
        form.items.pop()
        with pytest.raises(ReportDataRefused) as refused:
            save_report_data(session, project, session.get(m.User, ids["staff"]), 1, form)
        assert refused.value.problems == [
            "人员情况：实有人数合计“十七”不是整数",
            f"支出第{row}行（项目支出“招商工作专项”）：“招商工作专项”的预算数“abc”不是数字",
        ]
    with store.session() as session:
        project = session.get(m.Project, project_id)
        assert project.version == 1 and json.loads(project.department_figures)["staff"]["actual"]["total"] == "17"
        assert [c.field for c in project.history] == []


def test_a_stale_form_and_a_project_no_longer_with_the_unit_are_refused(store):
    with store.session() as session:
        ids = populate(session)
        project_id = department(session, ids).id
    with store.session() as session:
        project = session.get(m.Project, project_id)
        form = form_of(project)
        form.sections["experience"] = "经验"
        save_report_data(session, project, session.get(m.User, ids["admin"]), 1, form)
    with store.session() as session:
        project = session.get(m.Project, project_id)
        form = form_of(project)
        form.sections["experience"] = "另一种经验"
        with pytest.raises(ConflictError):
            save_report_data(session, project, session.get(m.User, ids["staff"]), 1, form)
    for who, status in (("other", m.Status.DRAFT), ("reviewer", m.Status.DRAFT), ("staff", m.Status.SUBMITTED)):
        with store.session() as session:
            project = session.get(m.Project, project_id)
            project.status = status.value
            form = form_of(project)
            form.sections["experience"] = "改写"
            with pytest.raises(StoreError, match="该项目当前不能由您修改"):
                save_report_data(session, project, session.get(m.User, ids[who]), 2, form)
