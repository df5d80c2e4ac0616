"""The agency's working calendar: Monday–Friday in its time zone, minus holidays.

Service standards count "working days". A timer of N working days runs only while the clock
is on a working day (00:00–24:00 local time) and stops over weekends, national holidays and
cuti bersama: a complaint received on Friday 10:00 with "1 working day" is due on Monday
10:00; one received on Saturday is due at the end of Monday; one received the day before Idul
Fitri waits for the whole long weekend. Timers in `hours` run on the clock, every day.

Indonesia has no daylight saving time, so WIB/WITA/WIT are fixed offsets (UTC+7/+8/+9); IANA
names (`Asia/Jakarta`, `Asia/Makassar`, `Asia/Jayapura`) and the abbreviations both work, and
no tz database is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path

import yaml

from netra.inbox.errors import InboxError

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.yaml"
ZONES: dict[str, tzinfo] = {
    "WIB": timezone(timedelta(hours=7), "WIB"),
    "WITA": timezone(timedelta(hours=8), "WITA"),
    "WIT": timezone(timedelta(hours=9), "WIT"),
}
ZONE_ALIASES = {
    "asia/jakarta": "WIB",
    "asia/pontianak": "WIB",
    "asia/makassar": "WITA",
    "asia/ujung_pandang": "WITA",
    "asia/jayapura": "WIT",
    "wib": "WIB",
    "wita": "WITA",
    "wit": "WIT",
}
MAX_SPAN_DAYS = 3660  # a timer longer than ten years is a configuration error


def agency_zone(name: str) -> tzinfo:
    """The fixed-offset zone for an Indonesian zone name (IANA or WIB/WITA/WIT)."""
    key = ZONE_ALIASES.get(name.strip().lower())
    if key is not None:
        return ZONES[key]
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:
        raise InboxError(
            "bad_timezone",
            f"Zona waktu tidak dikenal: {name!r}. Gunakan WIB, WITA, WIT atau Asia/Jakarta.",
        ) from None


@dataclass(frozen=True)
class WorkCalendar:
    """Working days of one agency. `holidays` maps a date to its name."""

    zone: tzinfo = field(default_factory=lambda: ZONES["WIB"])
    holidays: Mapping[date, str] = field(default_factory=dict)
    weekend: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self.zone)

    def add_working_days(self, start: datetime, days: float) -> datetime:
        """The moment `days` working days after `start` (UTC)."""
        if days < 0:
            raise InboxError("bad_standard", "Tenggat tidak boleh negatif.")
        remaining = timedelta(days=days)
        cursor = self.local(start)
        for _ in range(MAX_SPAN_DAYS + int(days) * 3):
            day_end = datetime.combine(cursor.date() + timedelta(days=1), time(), self.zone)
            if self.is_working_day(cursor.date()):
                available = day_end - cursor
                if remaining <= available:
                    return (cursor + remaining).astimezone(UTC)
                remaining -= available
            cursor = day_end
        raise InboxError("bad_standard", "Tenggat terlalu panjang untuk kalender kerja.")

    def add_hours(self, start: datetime, hours: float) -> datetime:
        return self.local(start).astimezone(UTC) + timedelta(hours=hours)

    def add(self, start: datetime, amount: float, unit: str) -> datetime:
        if unit == "hours":
            return self.add_hours(start, amount)
        if unit == "working_days":
            return self.add_working_days(start, amount)
        raise InboxError("bad_standard", f"Satuan tenggat tidak dikenal: {unit}.")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working-day time elapsed from `start` to `end` (for reports of late answers)."""
        if end <= start:
            return timedelta()
        total = timedelta()
        cursor, end_local = self.local(start), self.local(end)
        while cursor < end_local:
            day_end = datetime.combine(cursor.date() + timedelta(days=1), time(), self.zone)
            stop = min(day_end, end_local)
            if self.is_working_day(cursor.date()):
                total += stop - cursor
            cursor = stop
        return total


@lru_cache(maxsize=4)
def load_holiday_file(path: Path = HOLIDAYS_FILE) -> tuple[tuple[date, str, str], ...]:
    """(date, kind, name) of every holiday in the shipped data file (parsed once)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InboxError("bad_data_file", f"Berkas hari libur tidak bisa dibaca: {exc}") from None
    out: list[tuple[date, str, str]] = []
    for _year, rows in (data or {}).get("holidays", {}).items():
        for row in rows:
            day = row["date"]
            if not isinstance(day, date):
                day = date.fromisoformat(str(day))
            if row["kind"] not in ("libur_nasional", "cuti_bersama", "lokal"):
                raise InboxError("bad_data_file", f"Jenis hari libur tidak dikenal: {row['kind']}")
            out.append((day, row["kind"], str(row["name"])))
    return tuple(sorted(out))


def calendar_from(holidays: Iterable[tuple[date, str]], zone: str = "WIB") -> WorkCalendar:
    return WorkCalendar(agency_zone(zone), dict(holidays))
