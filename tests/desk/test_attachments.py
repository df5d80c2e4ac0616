"""Uploads are hostile until proven otherwise: type by content, limits by bytes and pixels,
names never reach the file system."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from netra.audit import verify
from netra.desk import drafts
from netra.desk.attachments import add_attachment, clean_filename, remove_attachment
from netra.desk.errors import AttachmentRejected, Forbidden
from netra.desk.media import MediaError, sniff
from netra.desk.tables import Attachment
from netra.storage.db import session_scope
from tests.desk.conftest import AUTHOR, REVIEWER, SAFE_TEXT
from tests.desk.images import jpeg, pdf, png, webp_extended, webp_lossless

# -- recognising bytes (no database) ---------------------------------------------------------


def test_types_come_from_the_bytes_with_their_dimensions():
    assert (sniff(png(4, 3)).media_type, sniff(png(4, 3)).width, sniff(png(4, 3)).height) == (
        "image/png",
        4,
        3,
    )
    info = sniff(jpeg(1080, 1350))
    assert (info.media_type, info.width, info.height) == ("image/jpeg", 1080, 1350)
    assert (sniff(webp_lossless(640, 480)).width, sniff(webp_lossless(640, 480)).height) == (
        640,
        480,
    )
    assert (sniff(webp_extended(2000, 1000)).width, sniff(webp_extended(2000, 1000)).height) == (
        2000,
        1000,
    )
    assert sniff(pdf()).media_type == "application/pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03" + b"\x00" * 100,  # a Windows executable
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"GIF89a" + b"\x00" * 20,
        b"<html><body>hi</body></html>",
        b"PK\x03\x04" + b"\x00" * 30,  # zip
    ],
)
def test_anything_else_is_refused(data):
    with pytest.raises(MediaError, match="tidak didukung"):
        sniff(data)


def test_truncated_or_lying_images_are_refused():
    with pytest.raises(MediaError):
        sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF")  # JPEG that ends before its frame header
    with pytest.raises(MediaError):
        sniff(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(MediaError, match="terlalu besar"):
        sniff(png(50_000, 50_000))  # a bomb announces itself in the header


def test_pdfs_with_active_content_or_encryption_are_refused():
    with pytest.raises(MediaError, match="konten aktif"):
        sniff(pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"))
    with pytest.raises(MediaError, match="konten aktif"):
        sniff(pdf(b"/AA << /O << /S /Launch /F (cmd.exe) >> >>"))
    with pytest.raises(MediaError, match="terenkripsi"):
        sniff(pdf(b"/Encrypt 5 0 R"))
    with pytest.raises(MediaError, match="terpotong"):
        sniff(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    assert sniff(pdf(b"/JSONData (ok)")).media_type == "application/pdf"  # not /JS


def test_gps_location_in_photos_is_noticed():
    assert sniff(jpeg(gps=True)).has_gps
    assert not sniff(jpeg()).has_gps


@pytest.mark.parametrize(
    "name,expected",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\humas\\foto banjir.jpg", "foto banjir.jpg"),
        ("..", "lampiran"),
        ("", "lampiran"),
        ("nama\x00jahat\n.png", "namajahat.png"),
        ("a" * 300 + ".jpg", "a" * 120),
    ],
)
def test_uploaded_names_are_only_labels(name, expected):
    assert clean_filename(name) == expected


# -- storing (both databases) ----------------------------------------------------------------


@pytest.fixture
def draft(ctx):
    return drafts.create_draft(ctx, AUTHOR, title="Foto", text=SAFE_TEXT, channels=["website"])


def test_wrong_extension_right_bytes_is_stored_by_its_real_type(ctx, draft):
    view = add_attachment(ctx, AUTHOR, draft.id, "laporan.pdf", png(8, 8))
    assert view.media_type == "image/png" and view.name == "laporan.pdf"
    with session_scope(ctx.db) as session:
        row = session.get(Attachment, view.id)
        assert row.stored_name.endswith(".png") and row.stored_name.startswith(row.sha256[:2])
        stored = ctx.config.attachments_dir / row.stored_name
    assert stored.read_bytes() == png(8, 8)


def test_executable_named_jpg_is_refused_and_nothing_is_stored(ctx, draft):
    with pytest.raises(AttachmentRejected, match="tidak didukung"):
        add_attachment(ctx, AUTHOR, draft.id, "foto.jpg", b"MZ" + b"\x00" * 500)
    assert not ctx.config.attachments_dir.exists() or not any(
        p.is_file() for p in ctx.config.attachments_dir.rglob("*")
    )


def test_zero_bytes_is_refused(ctx, draft):
    with pytest.raises(AttachmentRejected, match="kosong"):
        add_attachment(ctx, AUTHOR, draft.id, "kosong.png", b"")


def test_oversized_is_refused_without_reading_past_the_limit(ctx, draft):
    class Endless(io.RawIOBase):
        read_total = 0

        def readable(self):
            return True

        def read(self, n=-1):
            n = 65536 if n is None or n < 0 else n
            Endless.read_total += n
            return b"\x00" * n

    limit = max(ctx.config.image_max_bytes, ctx.config.pdf_max_bytes)
    with pytest.raises(AttachmentRejected, match="terlalu besar"):
        add_attachment(ctx, AUTHOR, draft.id, "besar.png", Endless())
    assert Endless.read_total <= limit + 65536
    big_png = png(8, 8) + b"\x00" * (ctx.config.image_max_bytes + 1)
    with pytest.raises(AttachmentRejected, match="terlalu besar"):
        add_attachment(ctx, AUTHOR, draft.id, "besar.png", big_png)


def test_pixel_bombs_are_refused(ctx, draft):
    with pytest.raises(AttachmentRejected, match="megapiksel"):
        add_attachment(ctx, AUTHOR, draft.id, "bom.png", png(19_000, 19_000))


def test_same_bytes_are_stored_once_path_like_names_stay_inside(ctx, draft):
    first = add_attachment(ctx, AUTHOR, draft.id, "../../../../tmp/x.jpg", jpeg())
    second = add_attachment(ctx, AUTHOR, draft.id, "/etc/shadow", jpeg())
    assert first.sha256 == second.sha256 and first.id != second.id
    files = [p for p in ctx.config.attachments_dir.rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].resolve().is_relative_to(
        ctx.config.attachments_dir.resolve()
    )
    assert (first.name, second.name) == ("x.jpg", "shadow")


def test_only_the_author_attaches_and_removal_is_audited(ctx, draft):
    with pytest.raises(Forbidden):
        add_attachment(ctx, REVIEWER, draft.id, "x.png", png())
    view = add_attachment(ctx, AUTHOR, draft.id, "x.png", png(), alt_text="Peta lokasi")
    assert view.alt_text == "Peta lokasi"
    remove_attachment(ctx, AUTHOR, view.id)
    with session_scope(ctx.db) as session:
        assert session.get(Attachment, view.id).removed_at is not None
        assert (
            session.scalars(select(Attachment.id).where(Attachment.removed_at.is_(None))).all()
            == []
        )
    assert verify(ctx.db).ok


def test_attachments_join_the_next_version_and_channel_rules_apply(ctx, draft):
    photo = add_attachment(ctx, AUTHOR, draft.id, "ktp.png", png(1080, 1080))
    view = drafts.save_draft(
        ctx, AUTHOR, draft.id, text=SAFE_TEXT, channels=["instagram"], attachment_ids=[photo.id]
    )
    issues = {i["code"] for v in view.version.variants for i in v.issues}
    assert view.version.attachment_ids == [photo.id] and "image_type" in issues  # IG wants JPEG


def test_webp_header_sizes_are_checked_too(ctx, draft):
    view = add_attachment(ctx, AUTHOR, draft.id, "peta.webp", webp_extended(2000, 1000))
    assert (view.width, view.height) == (2000, 1000)
