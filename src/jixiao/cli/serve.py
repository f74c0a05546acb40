"""`jixiao serve`: the web app for finance staff and reviewers on the local network."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ..findings import Finding, InputError
from ..store.db import database_url
from ._commands import command


def has_users(app) -> bool:
    from sqlalchemy import select

    from ..store import models as m

    with app.extensions["jixiao.store"].session() as session:
        return session.scalar(select(m.User.id).limit(1)) is not None


@command("serve")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="启动网页版（填报、审核、统计）",
        description="启动网页版。默认使用当前目录的 SQLite 数据库 jixiao.db，监听 127.0.0.1:8000。",
    )
    parser.add_argument("--db", help="数据库地址，如 postgresql+psycopg://用户:密码@主机/库名"
                                     "（默认取环境变量 JIXIAO_DATABASE_URL，否则 sqlite:///jixiao.db）")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；局域网访问用 0.0.0.0）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--threads", type=int, default=8, help="工作线程数（默认 8）")
    parser.add_argument("--demo", action="store_true",
                        help="演示模式：新建临时 SQLite 数据库，导入内置示例并创建演示账号")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from waitress import serve

    from ..web import create_app

    if args.demo:
        url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='jixiao-demo-')) / 'jixiao.db'}"
        from ..store.convert import StoreError
        from ..store.db import Store
        from ..web.demo import seed

        store = Store(url)
        try:
            logins = seed(store)
        except StoreError as error:
            raise InputError(Finding("demo-not-empty", str(error))) from None
        finally:
            store.dispose()
        print(f"演示数据库：{url}")
        print("演示账号（密码每次启动随机生成）：")
        for login in logins:
            print(f"  {login.role.title:<8} 用户名 {login.username:<10} 密码 {login.password}  （{login.scope}）")
    else:
        url = database_url(args.db)
    app = create_app(url)
    if not has_users(app):
        print("数据库中还没有账号：请先运行 jixiao user add 用户名 --role admin 创建管理员。")
    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    print(f"jixiao 网页版已启动：http://{args.host}:{args.port}/ （数据库 {shown}，按 Ctrl+C 停止）", flush=True)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="jixiao")
    return 0



