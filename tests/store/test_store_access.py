from sqlalchemy import select

from _people import populate
from jixiao.store import access
from jixiao.store import models as m


def names(session, query):
    return [row.name for row in session.scalars(query)]


def test_each_role_sees_only_the_units_it_has_rights_to(store):
    with store.session() as session:
        ids = populate(session)
        staff, other, reviewer, admin = (session.get(m.User, ids[k]) for k in ("staff", "other", "reviewer", "admin"))
        assert names(session, access.units_query(staff)) == ["武汉东湖综合保税区建设管理办公室"]
        assert names(session, access.units_query(other)) == ["武汉东湖新技术开发区财政局"]
        assert names(session, access.units_query(reviewer)) == ["武汉东湖综合保税区建设管理办公室"]
        assert len(names(session, access.units_query(admin))) == 2
        assert names(session, access.projects_query(staff)) == ["园区行政管理事务类专项"]
        assert access.get_project(session, staff, ids["theirs"]) is None
        assert access.get_project(session, reviewer, ids["theirs"]) is None
        assert access.get_project(session, other, ids["theirs"]).name == "财政信息化建设项目"
        assert access.get_project(session, admin, ids["theirs"]) is not None
        assert access.get_unit(session, staff, ids["unit_b"]) is None


def test_only_the_units_staff_edit_and_only_the_assigned_reviewer_reviews(store):
    with store.session() as session:
        ids = populate(session)
        project = session.get(m.Project, ids["ours"])
        staff, other, reviewer = (session.get(m.User, ids[k]) for k in ("staff", "other", "reviewer"))
        assert access.can_edit(session, staff, project)
        assert not access.can_edit(session, other, project)
        assert not access.can_edit(session, reviewer, project)
        assert not access.can_review(reviewer, project)  # still a draft
        project.status = m.Status.SUBMITTED.value
        assert access.can_review(reviewer, project)
        assert not access.can_edit(session, staff, project)
        assert [p.name for p in access.review_queue(session, reviewer)] == ["园区行政管理事务类专项"]
        assert access.review_queue(session, staff) == []


def test_a_closed_year_is_read_only(store):
    with store.session() as session:
        ids = populate(session)
        session.merge(m.Year(year=2019, open=False))  # the import opened it (a system import)
        session.flush()
        staff = session.get(m.User, ids["staff"])
        assert not access.can_edit(session, staff, session.get(m.Project, ids["ours"]))
        assert session.scalar(select(m.Year.open)) is False
