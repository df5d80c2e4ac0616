"""Attachments: hostile until proven otherwise.

Bytes are read up to the size limit and no further; the type comes from the content (see
desk.media), never from the file name or the browser's claimed type; image dimensions are checked
against the pixel limit from the header alone. Files are stored once, under their SHA-256, in the
data directory, with the extension of the detected type: the uploaded name is kept only as a
cleaned display label and never touches the file system.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from netra.audit import record
from netra.desk.access import load_draft, require
from netra.desk.actors import Actor
from netra.desk.channels import IMAGE_TYPES, PDF
from netra.desk.context import DeskContext
from netra.desk.errors import AttachmentRejected, NotFound
from netra.desk.media import EXTENSIONS, MediaError, sniff
from netra.desk.tables import Attachment
from netra.storage.db import session_scope

CHUNK = 64 * 1024
MAX_ALT_TEXT = 1_500


@dataclass(frozen=True)
class AttachmentView:
    id: int
    draft_id: int
    sha256: str
    media_type: str
    size: int
    width: int | None
    height: int | None
    has_gps: bool
    name: str
    alt_text: str | None

    @classmethod
    def of(cls, row: Attachment) -> AttachmentView:
        return cls(
            row.id,
            row.draft_id,
            row.sha256,
            row.media_type,
            row.size,
            row.width,
            row.height,
            row.has_gps,
            row.original_name,
            row.alt_text,
        )


def clean_filename(name: str | None) -> str:
    """A display name: no directories, no control characters, at most 120 characters."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    return base[:120] or "lampiran"


def read_limited(source: bytes | BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes; one byte more means the upload is too large (and stops there)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > limit:
            raise AttachmentRejected(_too_large(limit))
        return data
    chunks, total = [], 0
    while True:
        chunk = source.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise AttachmentRejected(_too_large(limit))
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    size = f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1_000} KB"
    return f"Berkas terlalu besar; maksimal {size}."


def inspect_upload(ctx: DeskContext, source: bytes | BinaryIO):
    """Read, identify and check an upload; returns (bytes, MediaInfo, sha256)."""
    cfg = ctx.config
    data = read_limited(source, max(cfg.image_max_bytes, cfg.pdf_max_bytes))
    if not data:
        raise AttachmentRejected("Berkas kosong (0 bita).")
    try:
        info = sniff(data)
    except MediaError as exc:
        raise AttachmentRejected(str(exc)) from None
    limit = cfg.pdf_max_bytes if info.media_type == PDF else cfg.image_max_bytes
    if len(data) > limit:
        raise AttachmentRejected(_too_large(limit))
    if info.media_type in IMAGE_TYPES and info.width * info.height > cfg.image_max_pixels:
        raise AttachmentRejected(
            f"Gambar {info.width}×{info.height} piksel melebihi batas "
            f"{cfg.image_max_pixels / 1_000_000:.0f} megapiksel."
        )
    return data, info, hashlib.sha256(data).hexdigest()


def _store(root: Path, sha: str, ext: str, data: bytes) -> str:
    """Write once under the content hash (atomic rename); the same bytes are stored once."""
    relative = f"{sha[:2]}/{sha}.{ext}"
    target = root / relative
    if target.exists():
        return relative
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o640)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return relative


def add_attachment(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    filename: str | None,
    source: bytes | BinaryIO,
    *,
    alt_text: str | None = None,
) -> AttachmentView:
    """Attach a file to a draft the actor may edit. It joins the draft's next saved version."""
    alt = (alt_text or "").strip()[:MAX_ALT_TEXT] or None
    with session_scope(ctx.db) as session:
        draft = load_draft(session, draft_id)
        require(session, draft, actor, "edit")
        count = len(
            session.scalars(
                select(Attachment.id).where(
                    Attachment.draft_id == draft_id, Attachment.removed_at.is_(None)
                )
            ).all()
        )
    if count >= ctx.config.max_attachments:
        raise AttachmentRejected(f"Maksimal {ctx.config.max_attachments} lampiran per draf.")
    data, info, sha = inspect_upload(ctx, source)
    stored = _store(ctx.config.attachments_dir, sha, EXTENSIONS[info.media_type], data)
    with session_scope(ctx.db) as session:
        draft = load_draft(session, draft_id, lock=True)
        require(session, draft, actor, "edit")
        row = Attachment(
            draft_id=draft_id,
            sha256=sha,
            media_type=info.media_type,
            size=len(data),
            width=info.width,
            height=info.height,
            has_gps=info.has_gps,
            original_name=clean_filename(filename),
            stored_name=stored,
            alt_text=alt,
            uploaded_by_id=actor.user_id,
            uploaded_by_name=actor.name,
        )
        session.add(row)
        session.flush()
        record(
            session,
            "desk.attachment.add",
            actor=actor.name,
            actor_id=actor.user_id,
            object_type="desk_draft",
            object_id=draft_id,
            payload={
                "attachment_id": row.id,
                "sha256": sha,
                "media_type": info.media_type,
                "size": len(data),
                "has_gps": info.has_gps,
            },
        )
        return AttachmentView.of(row)


def remove_attachment(ctx: DeskContext, actor: Actor, attachment_id: int) -> None:
    """Take an attachment off the draft (versions that used it keep it: nothing is erased)."""
    with session_scope(ctx.db) as session:
        row = session.get(Attachment, attachment_id)
        if row is None or row.removed_at is not None:
            raise NotFound(f"Lampiran {attachment_id} tidak ditemukan.")
        draft = load_draft(session, row.draft_id, lock=True)
        require(session, draft, actor, "edit")
        row.removed_at = ctx.now()
        record(
            session,
            "desk.attachment.remove",
            actor=actor.name,
            actor_id=actor.user_id,
            object_type="desk_draft",
            object_id=row.draft_id,
            payload={"attachment_id": row.id, "sha256": row.sha256},
        )


def attachment_path(ctx: DeskContext, row: Attachment) -> Path:
    """The stored file; the relative name was made by `_store`, never from user input."""
    return ctx.config.attachments_dir / row.stored_name
