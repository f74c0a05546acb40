"""The password policy: one maximum length everywhere (creation, change, login), a longer
minimum for administrators, and no common or trivial passwords.

The common passwords are a bundled list (common_passwords.txt: the most common passwords of
8 characters or more from zxcvbn's MIT-licensed frequency list, and a short list written out
for jixiao); its header names the source and the licence."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import models as m

MIN_LENGTH = 8
MIN_ADMIN_LENGTH = 12
# One limit, applied when a password is set and when one is typed at login: nothing is
# ever truncated, so a password that was accepted can always be typed back.
MAX_LENGTH = 128
MIN_DISTINCT = 4

COMMON_LIST = Path(__file__).with_name("common_passwords.txt")
# Rows of keys and the alphabet: a password that is a run along one of them is trivial.
RUNS = (
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "0123456789" * 4,
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "1q2w3e4r5t6y7u8i9o0p",
)
_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _repeated(text: str) -> bool:
    """'abcabcabc', '12121212': a shorter piece written over and over."""
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size)
               for size in range(1, len(text) // 2 + 1))


def _run(text: str) -> bool:
    """'12345678', '87654321', 'qwertyui', 'hgfedcba': consecutive keys or letters."""
    return any(text in row or text in row[::-1] for row in RUNS)


def minimum_length(role: m.Role) -> int:
    return MIN_ADMIN_LENGTH if role is m.Role.ADMIN else MIN_LENGTH


def too_long(password: str) -> str | None:
    if len(password) > MAX_LENGTH:
        return f"密码不能超过{MAX_LENGTH}个字符"
    return None


def password_problem(password: str, role: m.Role, username: str = "") -> str | None:
    """Why `password` may not be set for this account (a Chinese sentence), or None."""
    long = too_long(password)
    if long:
        return long
    minimum = minimum_length(role)
    if len(password) < minimum:
        return f"{'管理员' if role is m.Role.ADMIN else ''}密码至少{minimum}位"
    lowered = password.lower()
    if len(set(lowered)) < MIN_DISTINCT or _repeated(lowered) or _run(lowered):
        return "密码过于简单（重复的字符、连续的数字或字母、键盘上相邻的键），请换一个"
    core = _EDGES.sub("", lowered)  # 'Password2024!' → 'password'
    common = common_passwords()
    if lowered in common or (len(core) >= 4 and core in common):
        return "密码过于常见（在常见密码列表中），请换一个"
    if len(username) >= 3 and username.lower() in lowered:
        return "密码不能包含用户名"
    return None


__all__ = ["MAX_LENGTH", "MIN_ADMIN_LENGTH", "MIN_LENGTH", "common_passwords", "minimum_length",
           "password_problem", "too_long"]
