"""What every payload parser returns, and the limits they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netra.inbox.errors import InboxError
from netra.inbox.records import IncomingMessage

#: More items than this in one delivery is not a platform talking to us.
MAX_ITEMS_PER_DELIVERY = 1_000


@dataclass
class Parsed:
    """Messages found in a payload, and how many items were not citizen messages (receipts,
    our own replies, edits, reactions) or could not be read."""

    messages: list[IncomingMessage] = field(default_factory=list)
    skipped: int = 0


def payload_error(detail: str) -> InboxError:
    return InboxError("bad_payload", f"Isi kiriman tidak dikenali: {detail}.")


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def text_of(value: Any) -> str | None:
    """A message text, or None for anything that is not a non-empty string."""
    if isinstance(value, str) and value.strip():
        return value
    return None
