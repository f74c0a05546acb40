import pytest

from _people import PASSWORD, populate
from jixiao.store import models as m
from jixiao.store.convert import StoreError
from jixiao.store.users import FREE_FAILURES, authenticate, create_user


def test_passwords_are_stored_as_argon2id_hashes(store):
    with store.session() as session:
        ids = populate(session)
        user = session.get(m.User, ids["staff"])
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        user, message = authenticate(session, "staff", PASSWORD, "10.0.0.1")
        assert (user.id, message) == (ids["staff"], "")


def test_wrong_password_unknown_user_and_weak_accounts_are_refused(store):
    with store.session() as session:
        populate(session)
        assert authenticate(session, "staff", "wrong-password", "10.0.0.1") == (None, "用户名或密码错误")
        assert authenticate(session, "nobody", PASSWORD, "10.0.0.1") == (None, "用户名或密码错误")
        with pytest.raises(StoreError, match="密码至少8位"):
            create_user(session, "short", "Kq7-mz", m.Role.REVIEWER)
        with pytest.raises(StoreError, match="必须指定所属单位"):
            create_user(session, "nounit", PASSWORD, m.Role.UNIT)
        with pytest.raises(StoreError, match="用户名“staff”已存在"):
            create_user(session, "staff", PASSWORD, m.Role.ADMIN)
        with pytest.raises(StoreError, match="用户名只能使用"):
            create_user(session, "<script>", PASSWORD, m.Role.ADMIN)


def test_logins_are_throttled_per_account_and_address_even_with_the_right_password(store):
    with store.session() as session:
        populate(session)
    for _ in range(FREE_FAILURES):
        with store.session() as session:
            assert authenticate(session, "staff", "guess", "10.0.0.9") == (None, "用户名或密码错误")
    with store.session() as session:
        login = authenticate(session, "staff", PASSWORD, "10.0.0.9")
        assert (login, login.retry_after) == ((None, "登录失败次数过多，请30秒后再试"), 30)
        # Only that pair is throttled: the same account from elsewhere, and other accounts
        # from the same address (colleagues behind one proxy), still log in.
        assert authenticate(session, "staff", PASSWORD, "10.0.0.2")[0].username == "staff"
        assert authenticate(session, "admin", PASSWORD, "10.0.0.9")[0].username == "admin"
