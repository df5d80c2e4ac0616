"""What every desk function needs, bundled once: the database, settings, publishers, the
checker and a clock (tests replace the clock to move time without sleeping)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from netra.storage.base import utcnow

if TYPE_CHECKING:
    from netra.config import Settings
    from netra.desk.publishers.base import Publisher

Checker = Callable[[str, dict[str, Any]], dict[str, Any]]

TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
ZONE_LABELS = {v: k for k, v in TIMEZONES.items()}


def resolve_timezone(name: str) -> ZoneInfo:
    """WIB/WITA/WIT or their IANA names; Indonesia has exactly these three."""
    key = TIMEZONES.get(name.strip().upper(), name.strip())
    if key not in ZONE_LABELS:
        raise ValueError(
            f"Zona waktu '{name}' tidak dikenal; gunakan WIB (Asia/Jakarta), WITA "
            "(Asia/Makassar) atau WIT (Asia/Jayapura)."
        )
    return ZoneInfo(key)


def engine_checker(text: str, context: dict[str, Any]) -> dict[str, Any]:
    """The analysis engine, as the desk calls it on every save (the DESIGN.md contract)."""
    from netra.analysis import get_engine

    return get_engine().analyze(text, context).to_dict()


@dataclass(frozen=True)
class DeskConfig:
    data_dir: Path
    timezone: str = "Asia/Jakarta"
    agency_name: str = "Humas"
    max_attempts: int = 5
    backoff_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    lease_seconds: int = 300
    poll_seconds: float = 15.0
    image_max_bytes: int = 8_000_000
    pdf_max_bytes: int = 20_000_000
    image_max_pixels: int = 40_000_000
    max_attachments: int = 10
    max_text_chars: int = 50_000
    max_title_chars: int = 200
    mastodon_max_chars: int = 500
    public_base_url: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return resolve_timezone(self.timezone)

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "desk" / "attachments"

    @classmethod
    def from_settings(cls, settings: Settings) -> DeskConfig:
        return cls(
            data_dir=settings.data_dir,
            timezone=settings.desk_timezone,
            agency_name=settings.desk_agency_name,
            max_attempts=settings.desk_max_attempts,
            backoff_seconds=settings.desk_backoff_seconds,
            backoff_max_seconds=settings.desk_backoff_max_seconds,
            lease_seconds=settings.desk_lease_seconds,
            poll_seconds=settings.desk_poll_seconds,
            image_max_bytes=settings.desk_image_max_bytes,
            pdf_max_bytes=settings.desk_pdf_max_bytes,
            image_max_pixels=settings.desk_image_max_pixels,
            max_text_chars=settings.max_text_chars,
            mastodon_max_chars=settings.desk_mastodon_max_chars,
            public_base_url=settings.desk_public_base_url,
        )


@dataclass
class DeskContext:
    db: Engine
    config: DeskConfig
    publishers: Mapping[str, Publisher] = field(default_factory=dict)  # channel -> publisher
    checker: Checker = engine_checker
    clock: Callable[[], datetime] = utcnow

    def now(self) -> datetime:
        return self.clock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None, db: Engine | None = None):
        """The production context: configured database, publishers and the real engine."""
        from netra.config import get_settings
        from netra.desk.publishers import build_publishers
        from netra.storage.db import get_engine

        settings = settings or get_settings()
        config = DeskConfig.from_settings(settings)
        return cls(
            db=db or get_engine(settings.resolved_database_url),
            config=config,
            publishers=build_publishers(settings, config),
        )
