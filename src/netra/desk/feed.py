"""The agency's Atom feed (RFC 4287), generated from the archive: the website channel's output.

Entry ids are tag URIs (RFC 4151) that never change for an entry; a correction carries a
`related` link to the entry it corrects. Text is placed as `type="text"` content, so nothing in
a post can become markup, and characters XML 1.0 forbids are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import urlparse

from sqlalchemy import select

from netra.desk.context import DeskContext
from netra.desk.tables import ArchiveEntry
from netra.storage.db import session_scope

ATOM = "http://www.w3.org/2005/Atom"
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _authority(ctx: DeskContext) -> str:
    host = urlparse(ctx.config.public_base_url or "").hostname
    return host or "localhost"


def entry_id(ctx: DeskContext, entry_id_: int, published_at: datetime) -> str:
    return f"tag:{_authority(ctx)},{published_at.astimezone(UTC):%Y-%m-%d}:desk/arsip/{entry_id_}"


def atom_feed(
    ctx: DeskContext, *, channel: str = "website", unit_id: int | None = None, limit: int = 50
) -> bytes:
    """The newest published posts of `channel` as an Atom document (UTF-8 bytes)."""
    query = select(ArchiveEntry).where(ArchiveEntry.channel == channel)
    if unit_id is not None:
        query = query.where(ArchiveEntry.unit_id == unit_id)
    query = query.order_by(ArchiveEntry.published_at.desc(), ArchiveEntry.id.desc())
    with session_scope(ctx.db) as session:
        entries = list(session.scalars(query.limit(max(1, min(limit, 500)))))
        originals = {
            e.id: e.published_at
            for e in session.scalars(
                select(ArchiveEntry).where(
                    ArchiveEntry.id.in_([x.correction_of_id for x in entries if x.correction_of_id])
                )
            )
        }
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "id"})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = _clean(text)
        return element

    agency = ctx.config.agency_name
    sub(feed, "id", f"tag:{_authority(ctx)},2025:desk/feed/{channel}")
    sub(feed, "title", f"{agency} — unggahan resmi")
    updated = entries[0].published_at if entries else ctx.now()
    sub(feed, "updated", _rfc3339(updated))
    sub(sub(feed, "author"), "name", agency)
    sub(feed, "generator", "Netra")
    base = (ctx.config.public_base_url or "").rstrip("/")
    if base:
        sub(feed, "link", rel="self", href=f"{base}/desk/feed.atom", type="application/atom+xml")
    for e in entries:
        item = sub(feed, "entry")
        sub(item, "id", entry_id(ctx, e.id, e.published_at))
        sub(item, "title", e.title)
        sub(item, "published", _rfc3339(e.published_at))
        sub(item, "updated", _rfc3339(e.published_at))
        sub(sub(item, "author"), "name", agency)
        sub(item, "content", e.text, type="text")
        if e.remote_url:
            sub(item, "link", rel="alternate", href=_clean(e.remote_url))
        if e.correction_of_id and e.correction_of_id in originals:
            sub(
                item,
                "link",
                rel="related",
                href=entry_id(ctx, e.correction_of_id, originals[e.correction_of_id]),
                title="koreksi atas",
            )
        if e.emergency:
            sub(item, "category", term="darurat", label="Informasi darurat")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
