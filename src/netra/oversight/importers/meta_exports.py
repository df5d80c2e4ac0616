"""Facebook and Instagram "download your information" JSON exports (zip or a single JSON file).

Meta writes non-ASCII text as UTF-8 bytes escaped one by one (`\u00e2\u0080\u0099` for ’); we
undo that so the stored text is what the person wrote.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from netra.oversight.importers.safezip import open_member_text, open_zip
from netra.oversight.jsonstream import iter_json_array
from netra.oversight.records import ArchiveError, ArchivePost, fingerprint

FACEBOOK_POSTS = re.compile(
    r"(^|/)posts/(your_posts|your_posts__check_ins__photos_and_videos)_\d+\.json$"
)
INSTAGRAM_POSTS = re.compile(r"(^|/)(content|media)/posts_\d+\.json$")


def fix_meta_text(value: str) -> str:
    """Undo Meta's mojibake (UTF-8 bytes exported as Latin-1 code points)."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def meta_members(zf: zipfile.ZipFile) -> tuple[str, list[str]] | None:
    names = zf.namelist()
    fb = sorted(n for n in names if FACEBOOK_POSTS.search(n))
    if fb:
        return "facebook", fb
    ig = sorted(n for n in names if INSTAGRAM_POSTS.search(n))
    if ig:
        return "instagram", ig
    return None


def iter_meta_zip(path: Path, account: str | None = None) -> Iterator[ArchivePost]:
    with open_zip(path) as zf:
        found = meta_members(zf)
        if found is None:
            raise ArchiveError(
                f"{path.name}: tidak ditemukan berkas posts_*.json Facebook/Instagram."
            )
        platform, members = found
        for member in members:
            with open_member_text(zf, member, path.name) as stream:
                yield from _iter_stream(stream, platform, f"{path.name}:{member}", account)


def iter_meta_json(path: Path, platform: str, account: str | None = None) -> Iterator[ArchivePost]:
    with open(path, encoding="utf-8-sig") as stream:
        yield from _iter_stream(stream, platform, path.name, account)


def _iter_stream(
    stream: io.TextIOBase, platform: str, source: str, account: str | None
) -> Iterator[ArchivePost]:
    for item, raw in iter_json_array(stream, source=source):
        if not isinstance(item, dict):
            continue
        post = _facebook(item) if platform == "facebook" else _instagram(item)
        if post is None:
            continue
        text, ts = post
        yield ArchivePost(
            platform=platform,
            text=text,
            fingerprint=fingerprint(raw),
            platform_id=None,
            account=account,
            author=account,
            posted_at=datetime.fromtimestamp(ts, UTC) if ts else None,
        )


def _facebook(item: dict) -> tuple[str, int | None] | None:
    texts = [
        d["post"]
        for d in item.get("data", [])
        if isinstance(d, dict) and isinstance(d.get("post"), str)
    ]
    if not texts:
        return None
    return fix_meta_text("\n".join(texts)), _int(item.get("timestamp"))


def _instagram(item: dict) -> tuple[str, int | None] | None:
    media = item.get("media") if isinstance(item.get("media"), list) else []
    caption = item.get("title") or next(
        (m.get("title") for m in media if isinstance(m, dict) and m.get("title")), None
    )
    if not isinstance(caption, str) or not caption.strip():
        return None
    ts = item.get("creation_timestamp") or next(
        (m.get("creation_timestamp") for m in media if isinstance(m, dict)), None
    )
    return fix_meta_text(caption), _int(ts)


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
