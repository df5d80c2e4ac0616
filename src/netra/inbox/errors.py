"""Errors of the inbox. `code` is stable for machines; `message` is Indonesian, for people."""

from __future__ import annotations


class InboxError(ValueError):
    """Bad input or a refused action; never a traceback for the person who caused it."""

    status_code = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class SignatureError(InboxError):
    """A webhook delivery whose signature or secret is missing or wrong (HTTP 401)."""

    status_code = 401


class PayloadTooLarge(InboxError):
    """A body over the configured limit (HTTP 413)."""

    status_code = 413


class NotConfigured(InboxError):
    """A channel whose secret or token has not been set (HTTP 503: fail closed)."""

    status_code = 503


class NotFound(InboxError):
    status_code = 404


class SendError(InboxError):
    """A platform refused or did not answer a reply (the reply stays `failed`, retryable)."""

    status_code = 502
