"""Timestamps as people in Indonesia read them in reports and pages: 10-02-2024 08.30 WIB."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Jakarta")


def format_wib(value: datetime | None, empty: str = "—") -> str:
    """A stored time in WIB with its zone named. Naive values are UTC (as Netra stores them),
    never the server's local time, so a report reads the same on every machine."""
    if value is None:
        return empty
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H.%M") + " WIB"
