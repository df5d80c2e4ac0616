"""The communication desk: official posts drafted, checked, approved, scheduled, published and
archived (issue 6). Pages and the CLI sit on these functions; every one takes the acting person
(`Actor`) and checks them against the state table (desk.states).

Modules: channels (limits, live validation), media + attachments (uploads), templates, drafts
(versions checked on every save), workflow (the approval steps), scheduler (publication jobs),
publishers (one per platform), archive (search, export), feed (Atom), dashboard (calendar,
counts), notifications.
"""

from netra.desk.actors import SYSTEM, Actor
from netra.desk.context import DeskConfig, DeskContext
from netra.desk.errors import (
    AttachmentRejected,
    Conflict,
    DeskError,
    Forbidden,
    InvalidTransition,
    NotConfigured,
    NotFound,
    ValidationFailed,
)
from netra.desk.states import TRANSITIONS, Status

__all__ = [
    "SYSTEM",
    "TRANSITIONS",
    "Actor",
    "AttachmentRejected",
    "Conflict",
    "DeskConfig",
    "DeskContext",
    "DeskError",
    "Forbidden",
    "InvalidTransition",
    "NotConfigured",
    "NotFound",
    "Status",
    "ValidationFailed",
]
