"""Issue 15 §4: the login throttle per (account, address) — exponential delay, no lockout of
the real user from elsewhere, and an exact count under concurrent attempts."""

import threading
from datetime import timedelta

from _people import PASSWORD, populate
from jixiao.store import models as m
from jixiao.store import users
from jixiao.store.users import FREE_FAILURES, authenticate, delay_after, forget_stale


def test_the_delay_doubles_after_the_free_attempts_and_is_capped():
    assert [delay_after(n).total_seconds() for n in range(FREE_FAILURES + 4)] == [0] * FREE_FAILURES + [30, 60, 120, 240]
    assert delay_after(1000) == users.MAX_DELAY


def test_each_failure_past_the_free_ones_waits_twice_as_long(store):
    with store.session() as session:
        populate(session)
    now = m.utcnow()
    for _ in range(FREE_FAILURES):
        with store.session() as session:
            assert authenticate(session, "staff", "guess", "10.1.1.1", now=now).message == "用户名或密码错误"
    waited = now
    for delay in (30, 60, 120):
        with store.session() as session:
            early = authenticate(session, "staff", PASSWORD, "10.1.1.1", now=waited + timedelta(seconds=delay - 1))
            assert (early.user, early.retry_after) == (None, 1)
        waited += timedelta(seconds=delay)
        with store.session() as session:
            assert authenticate(session, "staff", "guess", "10.1.1.1", now=waited).message == "用户名或密码错误"
    with store.session() as session:
        login = authenticate(session, "staff", PASSWORD, "10.1.1.1", now=waited + timedelta(seconds=10))
        assert login.message == "登录失败次数过多，请4分钟后再试" and login.retry_after == 230
        assert authenticate(session, "staff", PASSWORD, "10.1.1.1", now=waited + timedelta(seconds=240)).user
    with store.session() as session:  # a success starts the pair again from zero
        assert session.query(m.LoginThrottle).filter_by(account="staff").count() == 0


def test_the_real_user_elsewhere_is_never_locked_out(store):
    with store.session() as session:
        populate(session)
    for _ in range(40):
        with store.session() as session:
            authenticate(session, "admin", "guess", "203.0.113.66")
    with store.session() as session:
        assert authenticate(session, "admin", PASSWORD, "203.0.113.66").retry_after > 0
        assert authenticate(session, "admin", PASSWORD, "198.51.100.7").user.username == "admin"


def test_forty_concurrent_attempts_check_no_more_passwords_than_allowed(store, monkeypatch):
    with store.session() as session:
        populate(session)
    checked = []
    lock = threading.Lock()
    real_check = users.check_password

    def counting_check(password_hash, password):
        with lock:
            checked.append(password)
        return real_check(password_hash, password)

    monkeypatch.setattr(users, "check_password", counting_check)
    barrier = threading.Barrier(40)
    outcomes, errors = [], []

    def attempt(n):
        barrier.wait()
        try:
            with store.session() as session:
                login = authenticate(session, "staff", f"guess-{n}", "10.9.9.9")
            with lock:
                outcomes.append(login)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(checked) == FREE_FAILURES
    assert sum(1 for login in outcomes if login.retry_after) == 40 - FREE_FAILURES
    with store.session() as session:
        row = session.get(m.LoginThrottle, ("staff", "10.9.9.9"))
        assert row.failures == FREE_FAILURES


def test_a_concurrent_burst_on_a_fresh_pair_inserts_one_row(store):
    with store.session() as session:
        populate(session)
    barrier = threading.Barrier(8)
    errors = []

    def attempt():
        barrier.wait()
        try:
            with store.session() as session:
                authenticate(session, "newcomer", "guess", "10.7.7.7")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.session() as session:
        assert session.get(m.LoginThrottle, ("newcomer", "10.7.7.7")).failures == FREE_FAILURES


def test_idle_pairs_are_forgotten(store):
    with store.session() as session:
        populate(session)
    long_ago = m.utcnow() - users.FORGET_AFTER - timedelta(minutes=1)
    for _ in range(FREE_FAILURES + 1):
        with store.session() as session:
            authenticate(session, "staff", "guess", "10.2.2.2", now=long_ago)
            authenticate(session, "made-up-name", "guess", "10.2.2.2")
    with store.sessionmaker() as session:
        forget_stale(session)
    with store.session() as session:
        assert [(r.account, r.failures) for r in session.query(m.LoginThrottle)] == [("made-up-name", FREE_FAILURES)]
        assert authenticate(session, "staff", PASSWORD, "10.2.2.2").user is not None
