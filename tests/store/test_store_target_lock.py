"""A stored self-evaluation held to its year's declaration: a target or weight changed in the
structure needs an approval reference (kept in the history and the declaration's 调整批复);
putting back what the declaration holds it to needs none."""

from __future__ import annotations

import pytest

from _people import populate
from jixiao import api
from jixiao.store import models as m
from jixiao.store.plan_models import StoredDeclaration
from jixiao.store.plans import declaration_changes, project_evaluation, save_declaration, target_lock
from jixiao.store.structure import StructureRefused, save_structure, structure_of

DECLARATION = api.EXAMPLES_DIR / "history" / "declaration-2019-xingzheng.yaml"
RECEPTION = 1   # 公务接待人次 in the park administration sample (declared ≥200人次, evaluated ≤200人次)


def test_a_locked_target_changes_only_with_an_approval_and_back_to_the_declared_one_freely(store):
    with store.session() as session:
        ids = populate(session)
        staff = session.get(m.User, ids["staff"])
        save_declaration(session, staff, api.read(DECLARATION).documents[0].declaration)
        project = session.get(m.Project, ids["ours"])
        lock = target_lock(session, project)
        assert lock.title == "2019年度申报表“园区行政管理事务类专项”"
        # The seed's own table: 公务接待人次 declared ≥200人次, evaluated ≤200人次.
        assert [(f.code, f.indicator, f.expected, f.reported)
                for f in declaration_changes(lock, project_evaluation(project)) if f.code == "target-changed"] == [
            ("target-changed", "公务接待人次", "≥200人次", "≤200人次")]

        structure = structure_of(project)
        structure.indicators[0].target = "≥90份"
        with pytest.raises(StructureRefused) as refused:
            save_structure(session, project, staff, 1, structure)
        assert refused.value.problems == ["指标“订阅报刊杂志数”的年度指标值按2019年度申报表“园区行政管理事务类专项”锁定，"
                                          "未修改；确需调整的，请填写调整批复文号"]
        # Back to what was declared: no approval needed, and the finding is gone.
        structure = structure_of(project)
        structure.indicators[RECEPTION].target = "≥200人次"
        changes = save_structure(session, project, staff, 1, structure)
        assert [(c.field, c.old, c.new) for c in changes] == [("公务接待人次·年度指标值", "≤200人次", "≥200人次")]
        assert [f.code for f in declaration_changes(lock, project_evaluation(project))
                if f.code == "target-changed"] == []
        # With an approval: saved, in the history and in the declaration's 调整批复.
        structure = structure_of(project)
        structure.indicators[0].target = "≥90份"
        structure.approval = "武新管财〔2019〕8号"
        changes = save_structure(session, project, staff, 2, structure)
        assert [(c.field, c.new) for c in changes] == [
            ("订阅报刊杂志数·年度指标值", "≥90份"),
            ("订阅报刊杂志数·调整批复", "武新管财〔2019〕8号（调整年度指标值，记入2019年度申报表“园区行政管理事务类专项”的调整批复）")]
    with store.session() as session:
        stored = session.query(StoredDeclaration).one()
        declaration = api.read_bytes(stored.content.encode("utf-8"), "d.yaml").documents[0].declaration
        assert [(a.indicator, a.target, a.approval) for a in declaration.adjustments] == [
            ("订阅报刊杂志数", "≥90份", "武新管财〔2019〕8号")]
        assert stored.updated_by == ids["staff"]
        # …and in the declaration's own record.
        assert [(c.username, c.field, c.new) for c in stored.history] == [
            ("staff", "订阅报刊杂志数·调整批复", "武新管财〔2019〕8号：年度指标值调整为≥90份（申报值保留）")]
        project = session.get(m.Project, ids["ours"])
        assert [f.code for f in declaration_changes(target_lock(session, project), project_evaluation(project))
                if f.code in ("target-changed", "weight-changed")] == []
