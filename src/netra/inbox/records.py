"""The one shape every source (webhook, poller, import) turns a citizen's message into."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: Platform -> the channel name the engine and the desk use.
CHANNEL_OF_PLATFORM = {
    "facebook": "facebook",
    "messenger": "facebook",
    "instagram": "instagram",
    "instagram_dm": "instagram",
    "telegram": "telegram",
    "x": "x",
    "whatsapp": "whatsapp",
}
MAX_ID_CHARS = 200
MAX_NAME_CHARS = 200


@dataclass(slots=True)
class IncomingMessage:
    """A message as received, before anything is inferred from it.

    `platform` + `platform_message_id` identify it (the deduplication key): a platform
    retrying a delivery, a poller re-reading a page, an export imported twice all give the same
    key, and the unique constraint keeps one row.
    """

    platform: str
    platform_message_id: str
    text: str
    channel: str | None = None
    account_id: str | None = None
    thread_key: str | None = None
    parent_platform_id: str | None = None
    author_id: str | None = None
    author_name: str | None = None
    posted_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.platform_message_id = str(self.platform_message_id)[:MAX_ID_CHARS]
        if self.channel is None:
            self.channel = CHANNEL_OF_PLATFORM.get(self.platform, self.platform)
        for name in ("account_id", "thread_key", "parent_platform_id", "author_id"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, str(value)[:MAX_ID_CHARS])
        if self.author_name is not None:
            self.author_name = str(self.author_name)[:MAX_NAME_CHARS]


def from_unix(value: Any) -> datetime | None:
    """A Unix timestamp (seconds or milliseconds) as an aware UTC datetime, or None."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number > 1e11:  # milliseconds (Messenger)
        number /= 1000
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def from_iso(value: Any) -> datetime | None:
    """An ISO 8601 / RFC 3339 time (`Z` or offset; naive means UTC), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) >= 24 and text[-5] in "+-" and text[-3] != ":":  # Graph API: +0000
        text = text[:-2] + ":" + text[-2:]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
