"""Errors of the desk. Every message is Indonesian and written for the person who acted; `code`
is stable for machines (the web layer maps it to an HTTP status)."""

from __future__ import annotations

from typing import Any


class DeskError(ValueError):
    """A request the desk cannot carry out. Nothing already accepted is lost when it is raised."""

    code = "desk_error"

    def __init__(self, message: str, *, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            out["details"] = self.details
        return out


class NotFound(DeskError):
    code = "not_found"


class Forbidden(DeskError):
    """The actor's role, unit or relation to the draft does not allow this."""

    code = "forbidden"


class InvalidTransition(DeskError):
    """The state table has no such step from the draft's current state."""

    code = "invalid_transition"


class ValidationFailed(DeskError):
    """Content does not meet a channel's limits, or a required field is missing."""

    code = "validation_failed"


class Conflict(DeskError):
    """Someone else changed the draft since it was loaded."""

    code = "conflict"


class AttachmentRejected(DeskError):
    code = "attachment_rejected"


class NotConfigured(DeskError):
    """A channel has no publisher credentials."""

    code = "not_configured"
