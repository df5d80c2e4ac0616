"""Dashboard data the web page renders, and the export for reports.

- `backlog`: what is waiting, by intent, urgency and unit, and how much of it is overdue;
- `response_times`: first response and resolution against the service standard — the share
  on time, the median and the 90th percentile (a message still unanswered past its deadline
  counts as late; one not yet due is left out);
- `trends`: sentiment, intent and topic per day or week, with SVG charts from
  `netra.reporting.charts` (no JavaScript, no CDN);
- `export_csv`: one row per message (redacted text only) via `netra.reporting.safe_csv`.

All dates are shown in the agency's time zone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netra.config import Settings, get_settings
from netra.inbox.lexicons import INTENTS, get_lexicons
from netra.inbox.tables import Message
from netra.inbox.workdays import agency_zone
from netra.reporting.charts import Series, bar_chart, line_chart
from netra.reporting.safe_csv import to_csv
from netra.storage.base import utcnow

WAITING = ("new", "open", "assigned")
UNRESOLVED = ("new", "open", "assigned", "answered")
INTENT_LABEL = {
    "question": "Pertanyaan",
    "complaint": "Pengaduan",
    "aspiration": "Aspirasi",
    "appreciation": "Apresiasi",
    "emergency": "Darurat",
    "spam": "Spam",
}
URGENCY_LABEL = {"low": "Rendah", "normal": "Biasa", "high": "Tinggi"}
SENTIMENT_LABEL = {"positive": "Positif", "neutral": "Netral", "negative": "Negatif"}
MAX_EXPORT_ROWS = 100_000
MAX_TREND_BUCKETS = 400


def backlog(session: Session, now: datetime | None = None) -> dict[str, Any]:
    """Messages waiting for an answer or a resolution, broken down three ways."""
    now = now or utcnow()

    def grouped(column) -> dict[str, int]:
        rows = session.execute(
            select(column, func.count()).where(Message.status.in_(UNRESOLVED)).group_by(column)
        ).all()
        return {str(k) if k is not None else "-": int(n) for k, n in rows}

    def count(*conds) -> int:
        return int(session.scalar(select(func.count()).select_from(Message).where(*conds)) or 0)

    return {
        "unresolved": count(Message.status.in_(UNRESOLVED)),
        "waiting_first_response": count(Message.status.in_(WAITING)),
        "untriaged": count(Message.triage_status != "done"),
        "overdue_first_response": count(
            Message.status.in_(WAITING),
            Message.first_response_at.is_(None),
            Message.first_response_due < now,
        ),
        "overdue_resolution": count(
            Message.status.in_(UNRESOLVED),
            Message.resolved_at.is_(None),
            Message.resolution_due < now,
        ),
        "by_intent": {k: v for k, v in grouped(Message.intent).items()},
        "by_urgency": {k: v for k, v in grouped(Message.urgency).items()},
        "by_unit": {k: v for k, v in grouped(Message.unit_code).items()},
    }


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class TimerStats:
    """One timer (first response or resolution) against its deadline."""

    measured: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    minutes: list[float] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "measured": self.measured,
            "on_time": self.on_time,
            "late": self.late,
            "pending": self.pending,
            "share_on_time": round(self.on_time / self.measured, 4) if self.measured else None,
            "median_minutes": _round(_percentile(self.minutes, 0.5)),
            "p90_minutes": _round(_percentile(self.minutes, 0.9)),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _measure(
    stats: TimerStats,
    received: datetime,
    due: datetime | None,
    done: datetime | None,
    now: datetime,
) -> None:
    if due is None:
        return
    if done is not None:
        stats.measured += 1
        stats.minutes.append((done - received).total_seconds() / 60)
        if done <= due:
            stats.on_time += 1
        else:
            stats.late += 1
    elif due < now:
        stats.measured += 1
        stats.late += 1
    else:
        stats.pending += 1


def response_times(
    session: Session, start: datetime, end: datetime, now: datetime | None = None
) -> dict[str, Any]:
    """First response and resolution against the standard, overall and per intent."""
    now = now or utcnow()
    rows = session.execute(
        select(
            Message.intent,
            Message.received_at,
            Message.first_response_due,
            Message.first_response_at,
            Message.resolution_due,
            Message.resolved_at,
        ).where(
            Message.received_at >= start, Message.received_at < end, Message.triage_status == "done"
        )
    ).all()
    first, resolution = TimerStats(), TimerStats()
    per_intent: dict[str, tuple[TimerStats, TimerStats]] = {}
    for intent, received, fr_due, fr_at, res_due, res_at in rows:
        pair = per_intent.setdefault(intent or "-", (TimerStats(), TimerStats()))
        for stats in (first, pair[0]):
            _measure(stats, received, fr_due, fr_at, now)
        for stats in (resolution, pair[1]):
            _measure(stats, received, res_due, res_at, now)
    return {
        "messages": len(rows),
        "first_response": first.to_dict(),
        "resolution": resolution.to_dict(),
        "by_intent": {
            k: {"first_response": a.to_dict(), "resolution": b.to_dict()}
            for k, (a, b) in sorted(per_intent.items())
        },
    }


def _buckets(start: date, end: date, bucket: str) -> list[date]:
    out, day = [], start
    if bucket == "week":
        day = start - timedelta(days=start.weekday())
    step = timedelta(days=7 if bucket == "week" else 1)
    while day < end and len(out) < MAX_TREND_BUCKETS:
        out.append(day)
        day += step
    return out


def trends(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    bucket: str = "day",
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Counts per day/week of sentiment, intent and topic, with accessible SVG charts."""
    if bucket not in ("day", "week"):
        raise ValueError("bucket must be 'day' or 'week'")
    zone = agency_zone((settings or get_settings()).inbox_timezone)
    rows = session.execute(
        select(Message.received_at, Message.sentiment, Message.intent, Message.topic).where(
            Message.received_at >= start, Message.received_at < end, Message.triage_status == "done"
        )
    ).all()
    days = _buckets(
        start.astimezone(zone).date(), end.astimezone(zone).date() + timedelta(days=1), bucket
    )
    index = {d: i for i, d in enumerate(days)}

    def key(moment: datetime) -> date:
        local = moment.astimezone(zone).date()
        return local - timedelta(days=local.weekday()) if bucket == "week" else local

    sentiment: dict[str, list[int]] = {}
    topics: dict[str, list[int]] = {}
    intents: Counter[str] = Counter()
    for received, senti, intent, topic in rows:
        i = index.get(key(received))
        if i is None:
            continue
        sentiment.setdefault(senti or "tidak tersedia", [0] * len(days))[i] += 1
        topics.setdefault(topic or "lainnya", [0] * len(days))[i] += 1
        intents[intent or "-"] += 1
    labels = [d.strftime("%d/%m") for d in days]
    lex = get_lexicons()
    top_topics = sorted(topics, key=lambda t: -sum(topics[t]))[:6]
    sentiment_series = [
        Series(SENTIMENT_LABEL.get(k, k.capitalize()), v) for k, v in sorted(sentiment.items())
    ]
    topic_series = [Series(lex.topic(t).label, topics[t]) for t in top_topics]
    unit = "minggu" if bucket == "week" else "hari"
    charts = {
        "sentiment": line_chart(f"Sentimen pesan warga per {unit}", labels, sentiment_series),
        "topics": line_chart(f"Topik terbanyak per {unit}", labels, topic_series),
        "intents": bar_chart(
            "Jenis pesan",
            [INTENT_LABEL.get(i, i) for i in INTENTS],
            [intents.get(i, 0) for i in INTENTS],
        ),
    }
    return {
        "bucket": bucket,
        "labels": [d.isoformat() for d in days],
        "sentiment": sentiment,
        "topics": topics,
        "intents": dict(intents),
        "charts": charts,
    }


def backlog_chart(data: dict[str, Any]) -> str:
    units = sorted(data["by_unit"], key=lambda u: -data["by_unit"][u])
    return bar_chart("Pesan belum selesai per unit", units, [data["by_unit"][u] for u in units])


EXPORT_HEADER = (
    "id",
    "diterima",
    "kanal",
    "jenis",
    "topik",
    "urgensi",
    "sentimen",
    "emosi",
    "unit",
    "petugas",
    "status",
    "kategori_lapor",
    "batas_tanggapan",
    "ditanggapi",
    "tanggapan_tepat_waktu",
    "batas_selesai",
    "selesai",
    "teks_disamarkan",
)


def export_csv(
    session: Session, start: datetime, end: datetime, *, settings: Settings | None = None
) -> str:
    """One row per message received in [start, end), personal data masked, formula-safe."""
    zone = agency_zone((settings or get_settings()).inbox_timezone)

    def local(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    messages = session.scalars(
        select(Message)
        .where(Message.received_at >= start, Message.received_at < end)
        .order_by(Message.received_at, Message.id)
        .limit(MAX_EXPORT_ROWS)
    )
    rows = []
    for m in messages:
        on_time = ""
        if m.first_response_due and m.first_response_at:
            on_time = "ya" if m.first_response_at <= m.first_response_due else "tidak"
        text = m.redacted_text if m.redacted_text is not None else "(belum ditriase)"
        rows.append(
            (
                m.id,
                local(m.received_at),
                m.channel,
                INTENT_LABEL.get(m.intent or "", ""),
                m.topic or "",
                URGENCY_LABEL.get(m.urgency or "", ""),
                m.sentiment or "",
                m.emotion or "",
                m.unit_code or "",
                m.assignee_id or "",
                m.status,
                m.lapor_category or "",
                local(m.first_response_due),
                local(m.first_response_at),
                on_time,
                local(m.resolution_due),
                local(m.resolved_at),
                text,
            )
        )
    return to_csv(EXPORT_HEADER, rows)
