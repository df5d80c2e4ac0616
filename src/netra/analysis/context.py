"""What the engine knows about where a post is going (all optional)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator


class ContextError(ValueError):
    """Raised for a context the engine cannot use; the message is Indonesian, for people."""


WIB = timezone(timedelta(hours=7), "WIB")


class Context(BaseModel):
    """`account` personal|institutional, `channel`, `posted_at` (ISO date-time), `author_role`."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    account: Literal["personal", "institutional"] | None = None
    channel: str | None = None
    posted_at: datetime | None = None
    author_role: str | None = None

    @field_validator("posted_at", mode="before")
    @classmethod
    def _accept_dates(cls, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, str) and len(value) == 10:
            return value + "T00:00:00"
        return value

    @property
    def posted_on(self) -> date | None:
        """The calendar day of the post, as the election calendar counts days.

        Platform archives stamp times in UTC; a post at 01.00 WIB on the first day of the quiet
        period is 18.00 UTC the day before. So a UTC time is read in WIB (UTC+7, no daylight
        saving); a time with another offset keeps its own day; a naive time is taken as written.
        """
        at = self.posted_at
        if at is None:
            return None
        if at.tzinfo is not None and at.utcoffset() == timedelta(0):
            at = at.astimezone(WIB)
        return at.date()


def coerce_context(context: Context | dict[str, Any] | None) -> Context:
    """Accept a Context, a plain dict (as in JSON input) or None."""
    if context is None:
        return _EMPTY
    if isinstance(context, Context):
        return context
    if not isinstance(context, dict):
        raise ContextError(
            "Konteks harus berupa objek JSON (account, channel, posted_at, author_role)."
        )
    try:
        return Context.model_validate(context)
    except ValidationError as exc:
        fields = ", ".join(str(err["loc"][0]) for err in exc.errors() if err.get("loc"))
        raise ContextError(
            f"Konteks tidak valid pada kolom: {fields}. account harus 'personal' atau "
            "'institutional'; posted_at berformat tanggal ISO, mis. 2024-02-10T08:00:00."
        ) from None


_EMPTY = Context()
