"""Channels and their limits, and the live validator the draft page calls on every keystroke.

Lengths follow each platform's own way of counting:
- X: twitter-text v3 weighting — most Latin, Cyrillic and general punctuation count 1, other
  characters (CJK, most emoji) 2, an emoji sequence joined by ZWJ counts once, and every link
  counts 23 (t.co) whatever its length. 280 weighted characters.
- Mastodon: every link counts 23; limit set per server (500 by default).
- Telegram: 4,096 for a message, 1,024 for a media caption, counted in UTF-16 code units (an
  emoji is 2), as Telegram counts entities.
- Instagram: 2,200 for a caption, at most 30 hashtags and 20 @mentions; links are not clickable.
- Facebook Page: 63,206.
- WhatsApp channel: WhatsApp publishes no figure for channel updates and no API to post them.
  We enforce the WhatsApp message limit (65,536) so nothing is accepted that WhatsApp would cut,
  and warn above 1,000 characters because followers see long updates folded ("Baca
  selengkapnya"). Updates carry text, photos, videos and polls — no documents, so no PDF.
- Website: no platform limit; Netra refuses anything longer than it can check
  (`max_text_chars`, 50,000 by default), for every channel.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

JPEG, PNG, WEBP, PDF = "image/jpeg", "image/png", "image/webp", "application/pdf"
IMAGE_TYPES = frozenset({JPEG, PNG, WEBP})


@dataclass(frozen=True)
class ChannelSpec:
    id: str
    label: str
    max_chars: int
    counting: str = "chars"  # chars | x | url23 | utf16
    caption_max: int | None = None  # when an attachment rides along (Telegram)
    soft_chars: int | None = None  # a warning above this (long updates get folded)
    max_hashtags: int | None = None
    max_mentions: int | None = None
    links_clickable: bool = True
    max_attachments: int = 10
    requires_image: bool = False
    image_types: frozenset[str] = IMAGE_TYPES
    image_max_bytes: int | None = None
    allows_pdf: bool = False
    aspect_range: tuple[float, float] | None = None  # width / height
    note: str = ""


CHANNELS: dict[str, ChannelSpec] = {
    spec.id: spec
    for spec in (
        ChannelSpec(
            "x",
            "X (Twitter)",
            280,
            counting="x",
            max_attachments=4,
            image_max_bytes=5_000_000,
            note="280 karakter berbobot; setiap tautan dihitung 23.",
        ),
        ChannelSpec(
            "instagram",
            "Instagram",
            2_200,
            max_hashtags=30,
            max_mentions=20,
            links_clickable=False,
            max_attachments=1,
            requires_image=True,
            image_types=frozenset({JPEG}),
            image_max_bytes=8_000_000,
            aspect_range=(0.8, 1.91),
            note="Keterangan 2.200 karakter, maks. 30 tagar dan 20 sebutan; wajib satu "
            "foto JPEG rasio 4:5 s.d. 1,91:1.",
        ),
        ChannelSpec(
            "facebook",
            "Halaman Facebook",
            63_206,
            max_attachments=10,
            note="Teks status 63.206 karakter; foto hingga 10.",
        ),
        ChannelSpec(
            "whatsapp_channel",
            "Saluran WhatsApp",
            65_536,
            soft_chars=1_000,
            max_attachments=1,
            note="Pembaruan panjang dilipat; saluran tidak menerima dokumen (PDF).",
        ),
        ChannelSpec(
            "telegram",
            "Kanal Telegram",
            4_096,
            counting="utf16",
            caption_max=1_024,
            max_attachments=1,
            image_max_bytes=10_000_000,
            allows_pdf=True,
            note="Pesan 4.096 karakter; keterangan media hanya 1.024.",
        ),
        ChannelSpec(
            "mastodon",
            "Mastodon",
            500,
            counting="url23",
            max_attachments=4,
            note="Batas tergantung server (bawaan 500); tautan dihitung 23.",
        ),
        ChannelSpec(
            "website",
            "Situs web instansi",
            1_000_000,
            max_attachments=10,
            allows_pdf=True,
            note="Tanpa batas platform; tetap dibatasi panjang yang dapat diperiksa Netra.",
        ),
    )
}
CHANNEL_IDS = tuple(CHANNELS)


class AttachmentLike(Protocol):
    media_type: str
    size: int
    width: int | None
    height: int | None


@dataclass(frozen=True)
class Issue:
    channel: str
    level: str  # error (blocks submission) | warning
    code: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass
class ChannelCheck:
    channel: str
    label: str
    count: int
    limit: int
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.level == "error" for i in self.issues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "label": self.label,
            "count": self.count,
            "limit": self.limit,
            "remaining": self.limit - self.count,
            "ok": self.ok,
            "issues": [asdict(i) for i in self.issues],
        }


_TLDS = r"(?:go\.id|co\.id|or\.id|ac\.id|sch\.id|desa\.id|id|com|org|net|info|io|gov)"
URL_RE = re.compile(
    r"(?i)(?:https?://[^\s<>\"]+|www\.[^\s<>\"]+|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    + _TLDS
    + r"\b(?:/[^\s<>\"]*)?)"
)
HASHTAG_RE = re.compile(r"(?<![\w&#])#(\w+)")
CUT_HASHTAG_RE = re.compile(r"(?<![\w&#])#(\w+)[-.'’](\w+)")
MENTION_RE = re.compile(r"(?<![\w@])@(\w{1,30})")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_TRAILING = ".,;:!?)]}'\"’”"


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of links (trailing punctuation is not part of a link, as the platforms see it)."""
    spans = []
    for m in URL_RE.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        spans.append((start, end))
    return spans


_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def _x_weight(cp: int) -> int:
    return 1 if any(lo <= cp <= hi for lo, hi in _X_LIGHT) else 2


def _x_count(text: str) -> int:
    """twitter-text v3 weighted length (a close figure: keycap sequences may count one more)."""
    total, previous_zwj, regional_open = 0, False, False
    for ch in text:
        cp = ord(ch)
        if cp == 0x200D:
            previous_zwj = True
            continue
        if previous_zwj or 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF:
            previous_zwj = False  # joined to, or modifying, the emoji before it
            continue
        if 0xE0020 <= cp <= 0xE007F:  # tag characters of subdivision flags
            continue
        if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators pair up into one flag
            regional_open = not regional_open
            if not regional_open:
                continue
        total += _x_weight(cp)
    return total


def _without_urls(text: str) -> tuple[str, int]:
    spans = find_urls(text)
    if not spans:
        return text, 0
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts), len(spans)


def count_for(channel: str, text: str) -> int:
    """The length of `text` as the channel counts it."""
    spec = CHANNELS[channel]
    text = unicodedata.normalize("NFC", text)
    if spec.counting == "x":
        rest, links = _without_urls(text)
        return _x_count(rest) + 23 * links
    if spec.counting == "url23":
        rest, links = _without_urls(text)
        return len(rest) + 23 * links
    if spec.counting == "utf16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def validate_variant(
    channel: str,
    text: str,
    attachments: Sequence[AttachmentLike] = (),
    *,
    max_text_chars: int = 50_000,
    max_chars_override: int | None = None,
) -> ChannelCheck:
    """Check one channel's variant: length, hashtags, mentions, links, attachments.

    Pure and fast (no database), so the draft page can call it live; errors block submission,
    warnings inform. `max_chars_override` sets a server-specific limit (Mastodon)."""
    if channel not in CHANNELS:
        known = ", ".join(CHANNEL_IDS)
        raise ValueError(f"Kanal '{channel}' tidak dikenal; pilih dari: {known}.")
    spec = CHANNELS[channel]
    limit = min(max_chars_override or spec.max_chars, max_text_chars)
    has_media = bool(attachments)
    if spec.caption_max and has_media:
        limit = min(limit, spec.caption_max)
    count = count_for(channel, text)
    check = ChannelCheck(channel, spec.label, count, limit)
    issues = check.issues

    def add(level: str, code: str, message: str, start=None, end=None) -> None:
        issues.append(Issue(channel, level, code, message, start, end))

    if not text.strip():
        add("error", "empty", f"{spec.label}: teks masih kosong.")
    if count > limit:
        what = "keterangan media" if spec.caption_max and has_media else "teks"
        add(
            "error",
            "too_long",
            f"{spec.label}: {what} {_fmt(count)} karakter, melebihi batas {_fmt(limit)} "
            f"(kelebihan {_fmt(count - limit)}).",
        )
    elif spec.soft_chars and count > spec.soft_chars:
        add(
            "warning",
            "long",
            f"{spec.label}: lebih dari {_fmt(spec.soft_chars)} karakter akan dilipat "
            '("Baca selengkapnya"); taruh informasi terpenting di awal.',
        )
    for m in _CONTROL_RE.finditer(text):
        add(
            "error",
            "control_char",
            "Ada karakter kontrol tak terlihat; hapus karakter ini.",
            m.start(),
            m.end(),
        )
        break
    for m in _BIDI_RE.finditer(text):
        add(
            "warning",
            "bidi_control",
            "Ada karakter pembalik arah teks (tak terlihat) yang dapat menyamarkan isi.",
            m.start(),
            m.end(),
        )
        break
    _check_tags(spec, text, add)
    _check_links(spec, text, add)
    _check_attachments(spec, attachments, add)
    return check


def _check_tags(spec: ChannelSpec, text: str, add) -> None:
    hashtags = list(HASHTAG_RE.finditer(text))
    if spec.max_hashtags is not None and len(hashtags) > spec.max_hashtags:
        extra = hashtags[spec.max_hashtags]
        add(
            "error",
            "too_many_hashtags",
            f"{spec.label}: {len(hashtags)} tagar, maksimal {spec.max_hashtags}.",
            extra.start(),
            hashtags[-1].end(),
        )
    mentions = list(MENTION_RE.finditer(text))
    if spec.max_mentions is not None and len(mentions) > spec.max_mentions:
        add(
            "error",
            "too_many_mentions",
            f"{spec.label}: {len(mentions)} sebutan (@), maksimal {spec.max_mentions}.",
            mentions[spec.max_mentions].start(),
            mentions[-1].end(),
        )
    for m in CUT_HASHTAG_RE.finditer(text):
        add(
            "warning",
            "hashtag_cut",
            f"Tagar #{m.group(1)}{m.group(0)[len(m.group(1)) + 1]}{m.group(2)} akan terpotong "
            f"menjadi #{m.group(1)}; gabungkan tanpa tanda baca.",
            m.start(),
            m.end(),
        )


def _check_links(spec: ChannelSpec, text: str, add) -> None:
    spans = find_urls(text)
    if spans and not spec.links_clickable:
        start, end = spans[0]
        add(
            "warning",
            "link_not_clickable",
            f'{spec.label}: tautan di keterangan tidak dapat diklik; sebutkan "tautan di bio".',
            start,
            end,
        )
    for start, end in spans:
        if text[start:end].lower().startswith("http://"):
            add(
                "warning",
                "insecure_link",
                "Tautan memakai http://; gunakan https:// untuk situs resmi.",
                start,
                end,
            )
            break


def _check_attachments(spec: ChannelSpec, attachments: Sequence[AttachmentLike], add) -> None:
    images = [a for a in attachments if a.media_type in IMAGE_TYPES]
    pdfs = [a for a in attachments if a.media_type == PDF]
    if spec.requires_image and not images:
        add("error", "image_required", f"{spec.label}: wajib melampirkan satu foto.")
    if len(attachments) > spec.max_attachments:
        add(
            "error",
            "too_many_attachments",
            f"{spec.label}: {len(attachments)} lampiran, maksimal {spec.max_attachments}.",
        )
    if pdfs and not spec.allows_pdf:
        add("error", "pdf_not_supported", f"{spec.label}: lampiran PDF tidak didukung kanal ini.")
    for image in images:
        if image.media_type not in spec.image_types:
            kinds = ", ".join(sorted(t.split("/")[1].upper() for t in spec.image_types))
            add("error", "image_type", f"{spec.label}: foto harus berformat {kinds}.")
        if spec.image_max_bytes and image.size > spec.image_max_bytes:
            add(
                "error",
                "image_too_large",
                f"{spec.label}: foto {_fmt(image.size)} bita, maksimal "
                f"{_fmt(spec.image_max_bytes)} bita.",
            )
        if spec.aspect_range and image.width and image.height:
            ratio = image.width / image.height
            low, high = spec.aspect_range
            if not low - 0.005 <= ratio <= high + 0.005:
                add(
                    "error",
                    "aspect_ratio",
                    f"{spec.label}: rasio foto {image.width}×{image.height} di luar 4:5 s.d. "
                    "1,91:1.",
                )
        w, h = image.width or 0, image.height or 0
        if spec.id == "telegram" and w and h and (w + h > 10_000 or max(w, h) > 20 * min(w, h)):
            add(
                "error",
                "image_dimensions",
                "Telegram: lebar + tinggi foto maks. 10.000 piksel, rasio maks. 20.",
            )
