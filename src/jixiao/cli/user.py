"""`jixiao user`: manage web accounts from the command line (the first admin, resets)."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..findings import Finding, InputError
from ._commands import command

DB_HELP = "数据库地址（默认取 JIXIAO_DATABASE_URL，否则 sqlite:///jixiao.db）"


@command("user")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("user", help="管理网页版账号（添加、列出、重设密码）")
    parser.add_argument("--db", help=DB_HELP)
    # --db is also accepted after the operation (`jixiao user add NAME … --db URL`); SUPPRESS
    # keeps an operation's missing --db from overwriting one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    commands = parser.add_subparsers(dest="user_command", metavar="操作")
    commands.required = True

    add = commands.add_parser("add", help="添加账号", parents=[common])
    add.add_argument("username", help="用户名（英文字母、数字、下划线、点、连字符）")
    add.add_argument("--role", required=True, choices=["admin", "reviewer", "unit"],
                     help="角色：admin 管理员，reviewer 审核人员，unit 单位填报人员")
    add.add_argument("--unit", help="单位填报人员所属单位（不存在时新建）")
    add.add_argument("--review-unit", action="append", default=[], metavar="单位",
                     help="审核人员负责的单位，可重复")
    add.add_argument("--name", default="", help="姓名")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    add.set_defaults(handler=run_add)

    listing = commands.add_parser("list", help="列出账号", parents=[common])
    listing.set_defaults(handler=run_list)

    passwd = commands.add_parser("passwd", help="重设密码", parents=[common])
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    passwd.set_defaults(handler=run_passwd)


def _store(args: argparse.Namespace):
    from ..store.db import Store, database_url

    return Store(database_url(args.db))


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise InputError(Finding("password-mismatch", "两次输入的密码不一致"))
    return first


def run_add(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..store import models as m
    from ..store.convert import StoreError, find_or_create_unit
    from ..store.users import create_user

    password = _password(args)
    store = _store(args)
    role = m.Role(args.role)
    try:
        with store.session() as session:
            unit = find_or_create_unit(session, args.unit.strip()) if args.unit else None
            reviewed = []
            for name in args.review_unit:
                found = session.scalar(select(m.Unit).where(m.Unit.name == name))
                if found is None:
                    raise StoreError(f"单位“{name}”不存在")
                reviewed.append(found)
            user = create_user(session, args.username, password, role, unit=unit, reviewed=reviewed,
                               display_name=args.name)
            scope = unit.name if unit else "、".join(u.name for u in reviewed) or "全部单位"
            print(f"已添加{role.title}“{user.username}”（{scope}）")
    except StoreError as error:
        raise InputError(Finding("user-invalid", str(error))) from None
    finally:
        store.dispose()
    return 0


def run_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..store import models as m

    store = _store(args)
    with store.session() as session:
        for user in session.scalars(select(m.User).order_by(m.User.username)):
            scope = user.unit.name if user.unit else "、".join(u.name for u in user.reviewed_units)
            state = "" if user.active else "（已停用）"
            print(f"{user.username}\t{user.role_enum.title}\t{user.display_name}\t{scope}{state}")
    store.dispose()
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..store import models as m
    from ..store.convert import StoreError
    from ..store.users import set_password

    password = _password(args)
    store = _store(args)
    try:
        with store.session() as session:
            user = session.scalar(select(m.User).where(m.User.username == args.username))
            if user is None:
                raise StoreError(f"用户“{args.username}”不存在")
            set_password(user, password)
            print(f"已重设“{user.username}”的密码")
    except StoreError as error:
        raise InputError(Finding("user-invalid", str(error))) from None
    finally:
        store.dispose()
    return 0
