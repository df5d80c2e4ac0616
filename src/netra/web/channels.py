"""Social-media channels and their text limits, for the checker's character counters.

Counts are in Unicode code points (what Python's `len` and the checker's JavaScript count). X
weighs some characters double (CJK, most emoji) and every link as 23, so for X the counter is a
close lower bound, not the platform's exact figure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    id: str
    label: str
    limit: int
    note: str


CHANNELS: tuple[Channel, ...] = (
    Channel("x", "X (Twitter)", 280, "Batas unggahan akun biasa; tautan dihitung 23 karakter."),
    Channel("instagram", "Instagram", 2_200, "Batas keterangan (caption)."),
    Channel("facebook", "Facebook", 63_206, "Batas teks status."),
    # WhatsApp documents 65,536 characters for a message and no separate figure for channel
    # updates; long updates are truncated behind "Baca selengkapnya" well before that. We use the
    # message limit so the counter never claims a post fits when WhatsApp would reject it.
    Channel("whatsapp", "Saluran WhatsApp", 65_536, "Batas pesan WhatsApp."),
    Channel("telegram", "Telegram", 4_096, "Batas pesan; keterangan media hanya 1.024."),
)
CHANNELS_BY_ID = {c.id: c for c in CHANNELS}
DEFAULT_CHANNEL = "x"


def channel_counts(length: int) -> list[dict[str, object]]:
    """Length against every channel's limit."""
    return [
        {
            "id": c.id,
            "label": c.label,
            "limit": c.limit,
            "count": length,
            "over": length > c.limit,
            "note": c.note,
        }
        for c in CHANNELS
    ]
