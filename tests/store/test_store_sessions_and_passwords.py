"""Issue 15 §4: server-side sessions (ended by logout, a password change, disabling the
account, expiry) and the password policy (one maximum length, a longer minimum for
administrators, no common or trivial passwords)."""

import io
import sys
from datetime import timedelta

import pytest

from _people import PASSWORD, populate
from jixiao.store import models as m
from jixiao.store.convert import StoreError
from jixiao.store.passwords import MAX_LENGTH, common_passwords, password_problem
from jixiao.store.users import (authenticate, create_user, end_session, session_user, set_active, set_password,
                                start_session)


def test_a_session_is_a_random_token_whose_hash_alone_is_stored(store):
    with store.session() as session:
        ids = populate(session)
        staff = session.get(m.User, ids["staff"])
        token = start_session(session, staff)
        assert len(token) >= 40
        stored = session.query(m.UserSession).one()
        assert stored.id != token and token not in stored.id and stored.user_id == staff.id
        assert session_user(session, token) is staff
        for forged in (None, "", 42, token[:-1] + "x", "x" * 500):
            assert session_user(session, forged) is None


def test_logout_password_change_and_disabling_end_sessions(store):
    with store.session() as session:
        ids = populate(session)
        staff = session.get(m.User, ids["staff"])
        laptop, phone = start_session(session, staff), start_session(session, staff)
        end_session(session, laptop)
        assert session_user(session, laptop) is None and session_user(session, phone) is staff
        set_password(staff, "violet-ledger-42")
        assert session_user(session, phone) is None
        again = start_session(session, staff)
        set_active(staff, False)
        assert session_user(session, again) is None
        set_active(staff, True)
        assert session_user(session, again) is None  # re-enabling does not revive old sessions
        other = session.get(m.User, ids["reviewer"])
        theirs = start_session(session, other)
        set_password(staff, "violet-ledger-43")
        assert session_user(session, theirs) is other  # only that account's sessions end


def test_an_expired_session_is_refused_and_one_in_use_moves_on(store):
    with store.session() as session:
        ids = populate(session)
        staff = session.get(m.User, ids["staff"])
        token = start_session(session, staff, timedelta(hours=8))
        row = session.query(m.UserSession).one()
        row.expires_at = m.utcnow() + timedelta(hours=1)
        assert session_user(session, token, timedelta(hours=8)) is staff
        assert row.expires_at > m.utcnow() + timedelta(hours=7)
        row.expires_at = m.utcnow() - timedelta(seconds=1)
        assert session_user(session, token) is None


def test_the_command_line_password_reset_ends_sessions(store, monkeypatch, capsys):
    from jixiao.cli import main

    with store.session() as session:
        ids = populate(session)
        token = start_session(session, session.get(m.User, ids["staff"]))
    monkeypatch.setattr(sys, "stdin", io.StringIO("violet-ledger-42\n"))
    assert main(["user", "--db", store.url, "passwd", "staff", "--password-stdin"]) == 0
    with store.session() as session:
        assert session_user(session, token) is None
        assert authenticate(session, "staff", "violet-ledger-42", "cli").user is not None
    monkeypatch.setattr(sys, "stdin", io.StringIO("sunshine\n"))
    assert main(["user", "--db", store.url, "passwd", "staff", "--password-stdin"]) == 2
    assert "错误：密码过于常见（在常见密码列表中），请换一个" in capsys.readouterr().err


@pytest.mark.parametrize("password, role, problem", [
    ("12345678", m.Role.ADMIN, "管理员密码至少12位"),
    ("aaaaaaaa", m.Role.ADMIN, "管理员密码至少12位"),
    ("aaaaaaaaaaaa", m.Role.ADMIN, "密码过于简单"),
    ("abcabcabcabc", m.Role.ADMIN, "密码过于简单"),
    ("987654321098", m.Role.ADMIN, "密码过于简单"),
    ("1q2w3e4r5t6y", m.Role.ADMIN, "密码过于简单"),
    ("12345678", m.Role.UNIT, "密码过于简单"),
    ("aaaaaaaa", m.Role.UNIT, "密码过于简单"),
    ("abababab", m.Role.UNIT, "密码过于简单"),
    ("password", m.Role.UNIT, "密码过于常见"),
    ("Password2024!", m.Role.ADMIN, "密码过于常见"),
    ("Sunshine123", m.Role.UNIT, "密码过于常见"),
    ("woaini1314", m.Role.UNIT, "密码过于常见"),
    ("seven77", m.Role.UNIT, "密码至少8位"),
    ("x" * (MAX_LENGTH + 1), m.Role.UNIT, f"密码不能超过{MAX_LENGTH}个字符"),
    ("staff-ledger-9", m.Role.UNIT, "密码不能包含用户名"),
])
def test_weak_passwords_are_refused_with_a_reason(password, role, problem):
    assert password_problem(password, role, "staff").startswith(problem)


@pytest.mark.parametrize("password, role", [(PASSWORD, m.Role.ADMIN), ("violet-ledger-42", m.Role.ADMIN),
                                            ("财务科2024年度绩效", m.Role.UNIT), ("x7-Kq!mz", m.Role.UNIT),
                                            ("k" * 3 + "7" * 3 + "Q" * 3 + "-" * 3, m.Role.ADMIN)])
def test_reasonable_passwords_are_accepted(password, role):
    assert password_problem(password, role, "staff") is None


def test_the_bundled_list_holds_thousands_of_common_passwords():
    common = common_passwords()
    assert len(common) > 10_000
    assert {"password", "12345678", "qwertyuiop", "iloveyou", "woaini1314"} <= common
    assert all(len(word) >= 8 and word == word.lower() for word in common)


def test_one_maximum_length_at_creation_change_and_login(store):
    longest = ("Ledger-" + "k7" * 100)[:MAX_LENGTH]
    with store.session() as session:
        populate(session)
        with pytest.raises(StoreError, match=f"密码不能超过{MAX_LENGTH}个字符"):
            create_user(session, "clerk", longest + "x", m.Role.REVIEWER)
        user = create_user(session, "clerk", longest, m.Role.REVIEWER)
        with pytest.raises(StoreError, match=f"密码不能超过{MAX_LENGTH}个字符"):
            set_password(user, longest + "y")
    with store.session() as session:
        assert authenticate(session, "clerk", longest, "10.0.0.1").user.username == "clerk"
        # Longer is refused outright (never truncated to something that might match), and not counted.
        assert authenticate(session, "clerk", longest + "x", "10.0.0.1") == (None, f"密码不能超过{MAX_LENGTH}个字符")
        assert session.query(m.LoginThrottle).count() == 0
