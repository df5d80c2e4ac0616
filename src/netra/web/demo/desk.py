"""Demo drafts on the Humas desk (`/meja`): one per stage of the approval workflow.

Every step goes through the desk's own functions (`netra.desk.drafts` and `netra.desk.workflow`,
and the scheduler for the publication), so the state table, the engine check of every version,
the notifications and the audit chain are exactly what a real office would produce. Publication
uses only the website channel with the `feed` publisher: it enters the archive and the Atom feed
and never leaves the machine (the demo context holds no other publisher, whatever
`NETRA_DESK_CHANNEL_PUBLISHERS` says).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine

from netra.config import Settings
from netra.desk import Actor, DeskConfig, DeskContext, workflow
from netra.desk import drafts as desk_drafts
from netra.desk.publishers import FeedPublisher
from netra.desk.scheduler import run_due

Checker = Callable[[str, dict[str, Any]], dict[str, Any]]

DRAFT_WITH_FINDING = (
    "Info layanan KTP-el",
    "Warga yang kesulitan mengurus KTP-el dapat menghubungi petugas kami, Ibu Rina Marlina, di "
    "0812-7788-9900 (WhatsApp) setiap hari kerja pukul 08.00–15.00 WIB.",
    ("facebook", "x"),
)
RETURNED = (
    "Survei kepuasan masyarakat triwulan III",
    "Hasil survei kepuasan masyarakat triwulan III: indeks kepuasan layanan naik menjadi 86,4. "
    "Terima kasih atas masukan Anda!",
    ("website", "facebook"),
    "Cantumkan jumlah responden dan tautan laporan lengkapnya sebelum diterbitkan.",
)
SUBMITTED = (
    "Car Free Day hari Minggu",
    "Car Free Day kembali digelar Minggu pagi pukul 06.00–09.00 WIB di Jalan Sudirman. "
    "Kendaraan bermotor dialihkan melalui Jalan Diponegoro dan Jalan Veteran. #CFDKotaKita",
    ("website", "facebook", "x"),
)
SCHEDULED = (
    "MPP buka hari Sabtu",
    "Mal Pelayanan Publik buka hari Sabtu ini pukul 08.00–12.00 WIB khusus layanan perekaman "
    "KTP-el, akta kelahiran dan kartu identitas anak. Bawa dokumen asli dan fotokopi KK.",
    ("website",),
)
PUBLISHED = (
    "WiFi publik gratis di 25 taman kota",
    "Diskominfo meluncurkan layanan WiFi publik gratis di 25 taman kota mulai hari ini. "
    'Sambungkan ke jaringan "KotaKita-Free", tanpa kata sandi, pukul 06.00–22.00 WIB. Gunakan '
    "dengan bijak dan laporkan gangguan melalui kanal pengaduan resmi.",
    ("website",),
)


@dataclass
class DeskDemo:
    """Draft ids by the stage they were left in."""

    drafts: dict[str, int] = field(default_factory=dict)
    scheduled_at: datetime | None = None


def demo_context(db: Engine, settings: Settings, checker: Checker) -> DeskContext:
    """A desk context whose only publisher is the local feed: nothing goes to a network."""
    config = DeskConfig.from_settings(settings)
    return DeskContext(
        db=db,
        config=config,
        publishers={"website": FeedPublisher(config.public_base_url)},
        checker=checker,
    )


def later_today(ctx: DeskContext) -> datetime:
    """About three hours from now on a half hour, in the agency's zone (WIB by default); late
    in the evening, when today has no later office hour, 08.00 tomorrow instead."""
    local = ctx.now().astimezone(ctx.config.zone)
    target = (local + timedelta(hours=3)).replace(second=0, microsecond=0)
    target += timedelta(minutes=(30 - target.minute % 30) % 30)
    if target.date() != local.date():
        target = datetime.combine(local.date() + timedelta(days=1), time(8, 0), local.tzinfo)
    return target


def create_desk_demo(ctx: DeskContext, author: Actor, reviewer: Actor) -> DeskDemo:
    """Five drafts of the demo unit: a draft with a personal-data finding, one returned with a
    reason, one awaiting review, one approved and scheduled for later today, one published
    (with its archive record)."""
    out = DeskDemo()

    def new(spec: tuple) -> int:
        title, text, channels = spec[:3]
        view = desk_drafts.create_draft(ctx, author, title=title, text=text, channels=channels)
        return view.id

    out.drafts["draft"] = new(DRAFT_WITH_FINDING)

    returned = new(RETURNED)
    workflow.submit(ctx, author, returned)
    workflow.return_draft(ctx, reviewer, returned, reason=RETURNED[3])
    out.drafts["returned"] = returned

    submitted = new(SUBMITTED)
    workflow.submit(ctx, author, submitted)
    out.drafts["submitted"] = submitted

    scheduled = new(SCHEDULED)
    workflow.submit(ctx, author, scheduled)
    workflow.approve(ctx, reviewer, scheduled, note="Sudah sesuai; terbitkan sesuai jadwal.")
    out.scheduled_at = later_today(ctx)
    workflow.schedule(ctx, reviewer, scheduled, at=out.scheduled_at)
    out.drafts["scheduled"] = scheduled

    published = new(PUBLISHED)
    workflow.submit(ctx, author, published)
    workflow.approve(ctx, reviewer, published)
    workflow.schedule(ctx, reviewer, published, at=None)  # now
    run_due(ctx, draft_id=published, worker_id="demo")
    out.drafts["published"] = published
    return out
