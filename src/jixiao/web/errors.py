"""Typed web errors: the docstring is the message shown, `status` the HTTP status (as in fava)."""

from __future__ import annotations


class WebError(Exception):
    """请求无法完成。"""

    status = 400

    def __init__(self, message: str | None = None):
        super().__init__(message or (self.__doc__ or "").strip())

    @property
    def message(self) -> str:
        return str(self)


class NotFound(WebError):
    """未找到该页面，或您没有查看它的权限。"""

    status = 404


class Forbidden(WebError):
    """您没有执行此操作的权限。"""

    status = 403


class CsrfFailed(WebError):
    """表单已过期或来源无法确认（CSRF 校验失败），请刷新页面后重试。"""

    status = 400


class BadUpload(WebError):
    """上传的文件无法接受。"""

    status = 400


class TooLarge(WebError):
    """上传的文件过大。"""

    status = 413


class Conflict(WebError):
    """该项目已被其他人修改，请刷新后重试。"""

    status = 409
