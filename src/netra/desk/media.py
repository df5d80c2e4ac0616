"""Recognising uploaded files by their bytes, never by their name, without decoding them.

Only JPEG, PNG, WebP and PDF are accepted. For images the header alone gives the dimensions, so
a decompression bomb (a small file that claims 50,000 × 50,000 pixels) is refused before anything
would decode it; Netra never decodes images at all (the platforms do). Pillow is installed as a
dependency of fpdf2, but parsing a few header bytes here keeps hostile input away from a large
C decoder entirely.

PDFs are refused when they are encrypted or carry active content (JavaScript, launch actions,
embedded files) — a best-effort scan of the raw bytes that an official attachment never needs.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from netra.desk.channels import JPEG, PDF, PNG, WEBP

EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf"}
MAX_SIDE = 20_000  # pixels; no platform accepts more


class MediaError(ValueError):
    """The bytes are not an acceptable file; the message is Indonesian."""


@dataclass(frozen=True)
class MediaInfo:
    media_type: str
    width: int | None = None
    height: int | None = None
    has_gps: bool = False  # a photo that would tell where it was taken


def sniff(data: bytes) -> MediaInfo:
    """Identify `data` and read its dimensions; raise MediaError when it is not acceptable."""
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data)
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data.startswith(b"%PDF-"):
        return _pdf(data)
    raise MediaError(
        "Jenis berkas tidak didukung. Lampiran harus berupa foto JPEG, PNG atau WebP, atau PDF "
        "(dikenali dari isinya, bukan dari nama berkas)."
    )


def _dims(kind: str, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise MediaError(f"Berkas {kind} rusak: ukuran gambar tidak terbaca.")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise MediaError(f"Gambar {width}×{height} piksel terlalu besar (sisi maks. {MAX_SIDE}).")


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> MediaInfo:
    pos, n, gps = 2, len(data), False
    while pos + 4 <= n:
        if data[pos] != 0xFF:
            raise MediaError("Berkas JPEG rusak: penanda segmen tidak ditemukan.")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # standalone markers
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image / start of scan before a frame header
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2 or pos + 2 + length > n:
            break
        segment = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            gps = gps or _exif_has_gps(segment[6:])
        if marker in _SOF:
            if len(segment) < 5:
                break
            height, width = struct.unpack(">HH", segment[1:5])
            _dims("JPEG", width, height)
            return MediaInfo(JPEG, width, height, gps)
        pos += 2 + length
    raise MediaError("Berkas JPEG rusak atau terpotong: ukuran gambar tidak terbaca.")


def _exif_has_gps(tiff: bytes) -> bool:
    """True when the first image directory points to GPS data (tag 0x8825)."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return False
    order = "<" if tiff[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", tiff[4:8])
    if offset + 2 > len(tiff):
        return False
    (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
    for i in range(min(count, 512)):
        entry = offset + 2 + 12 * i
        if entry + 2 > len(tiff):
            return False
        (tag,) = struct.unpack(order + "H", tiff[entry : entry + 2])
        if tag == 0x8825:
            return True
    return False


def _png(data: bytes) -> MediaInfo:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise MediaError("Berkas PNG rusak: bagian IHDR tidak ditemukan.")
    width, height = struct.unpack(">II", data[16:24])
    _dims("PNG", width, height)
    return MediaInfo(PNG, width, height)


def _webp(data: bytes) -> MediaInfo:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
    elif chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        width, height = 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    elif chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    else:
        raise MediaError("Berkas WebP rusak: ukuran gambar tidak terbaca.")
    _dims("WebP", width, height)
    return MediaInfo(WEBP, width, height)


_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")


def _pdf(data: bytes) -> MediaInfo:
    if b"%%EOF" not in data[-2048:]:
        raise MediaError("Berkas PDF rusak atau terpotong (penanda akhir %%EOF tidak ada).")
    if b"/Encrypt" in data:
        raise MediaError("PDF terenkripsi tidak dapat diperiksa; unggah PDF tanpa kata sandi.")
    for name in _ACTIVE:
        pos = data.find(name)
        while pos != -1:
            follow = data[pos + len(name) : pos + len(name) + 1]
            if not follow.isalnum():  # "/JS" but not "/JSomething"
                raise MediaError(
                    "PDF berisi konten aktif (skrip, tindakan otomatis atau berkas tersemat); "
                    "simpan ulang sebagai PDF biasa (Cetak ke PDF)."
                )
            pos = data.find(name, pos + 1)
    return MediaInfo(PDF)
