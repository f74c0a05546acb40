"""Instance settings kept in the database, so every worker process agrees on them."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError

from . import models as m
from .db import Store

SECRET_KEY = "secret_key"


def shared_secret(store: Store) -> str:
    """The session signing key: created once by whichever worker starts first."""
    with store.session() as session:
        row = session.get(m.Setting, SECRET_KEY)
        if row is not None:
            return row.value
    try:
        with store.session() as session:
            session.add(m.Setting(key=SECRET_KEY, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another worker won the race; use its key
    with store.session() as session:
        return session.get(m.Setting, SECRET_KEY).value
