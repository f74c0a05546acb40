"""Administration: users (roles, units, reviewers' units), units and years."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from ...store import models as m
from ...store.convert import StoreError
from ...store.users import create_user, set_active, set_password
from .. import logs
from ..errors import NotFound
from ..security import roles_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


def page(error: str = "", status: int = 200, form: str = ""):
    """The page; after a refused form (`form` names it) its fields keep what was typed."""
    return render_template(
        "admin.html",
        users=list(g.db.scalars(select(m.User).order_by(m.User.role, m.User.username))),
        units=list(g.db.scalars(select(m.Unit).order_by(m.Unit.name))),
        years=list(g.db.scalars(select(m.Year).order_by(m.Year.year.desc()))),
        roles=list(m.Role),
        error=error,
        form=form,
        typed=request.form if form else {},
        chosen=[int(v) for v in request.form.getlist("reviewed") if v.isdigit()] if form else [],
    ), status


def chosen_units(field: str) -> list[m.Unit]:
    ids = [int(v) for v in request.form.getlist(field) if v.isdigit()]
    return list(g.db.scalars(select(m.Unit).where(m.Unit.id.in_(ids)))) if ids else []


@bp.get("/")
@roles_required(m.Role.ADMIN)
def index():
    return page()


@bp.post("/users")
@roles_required(m.Role.ADMIN)
def add_user():
    form = request.form
    try:
        role = m.Role(form.get("role", ""))
    except ValueError:
        return page("请选择角色。", 400, "user")
    unit_id = form.get("unit_id", "")
    unit = g.db.get(m.Unit, int(unit_id)) if unit_id.isdigit() else None
    try:
        user = create_user(g.db, form.get("username", "").strip(), form.get("password", ""), role, unit=unit,
                           reviewed=chosen_units("reviewed"), display_name=form.get("display_name", "").strip()[:200])
        g.db.commit()
    except StoreError as error:
        g.db.rollback()
        return page(f"未添加用户：{error}。", 400, "user")
    logs.event("user-added", username=user.username, role=role.value)
    flash(f"已添加用户“{user.username}”。", "success")
    return redirect(url_for("admin.index"))


@bp.post("/users/<int:user_id>")
@roles_required(m.Role.ADMIN)
def update_user(user_id: int):
    user = g.db.get(m.User, user_id)
    if user is None:
        raise NotFound()
    if request.form.get("action") == "password":
        if user.id == g.user.id:
            return page("请在“修改密码”页面修改自己的密码（需要输入当前密码）。", 400)
        try:
            set_password(user, request.form.get("password", ""))  # ends every session of the account
            g.db.commit()
        except StoreError as error:
            g.db.rollback()
            return page(f"未重设“{user.username}”的密码：{error}。", 400)
        logs.event("password-reset", username=user.username)
        flash(f"已重设“{user.username}”的密码；请把新密码告知本人，并请其登录后自行修改。", "success")
        return redirect(url_for("admin.index"))
    if request.form.get("action") == "toggle":
        if user.id == g.user.id:
            return page("不能停用自己的账号。", 400)
        set_active(user, not user.active)  # disabling ends the account's sessions at once
    elif user.role_enum is m.Role.REVIEWER:
        user.reviewed_units = chosen_units("reviewed")
    g.db.commit()
    logs.event("user-updated", username=user.username)
    flash(f"已更新用户“{user.username}”。", "success")
    return redirect(url_for("admin.index"))


@bp.post("/units")
@roles_required(m.Role.ADMIN)
def add_unit():
    name = request.form.get("name", "").strip()[:200]
    if not name:
        return page("请填写单位名称。", 400, "unit")
    if g.db.scalar(select(m.Unit).where(m.Unit.name == name)) is not None:
        return page(f"单位“{name}”已存在。", 400, "unit")
    g.db.add(m.Unit(name=name, department=request.form.get("department", "").strip()[:200]))
    g.db.commit()
    flash(f"已添加单位“{name}”。", "success")
    return redirect(url_for("admin.index"))


@bp.post("/years")
@roles_required(m.Role.ADMIN)
def set_year():
    raw = request.form.get("year", "")
    if not (raw.isdigit() and 2000 <= int(raw) <= 2100):
        return page("年度应为 2000 至 2100 之间的年份。", 400, "year")
    year = g.db.get(m.Year, int(raw)) or m.Year(year=int(raw), open=True)
    year.open = request.form.get("open") == "1"
    g.db.add(year)
    g.db.commit()
    flash(f"{raw} 年度已{'开放填报' if year.open else '关闭（只读）'}。", "success")
    return redirect(url_for("admin.index"))
