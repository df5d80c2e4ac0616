"""Archive importers: detect the format of a file and stream its posts.

Every importer yields `ArchivePost`s one by one (never the whole archive in memory) and raises
`ArchiveError` with an Indonesian message for anything it cannot read safely.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from netra.oversight.importers.meta_exports import iter_meta_json, iter_meta_zip, meta_members
from netra.oversight.importers.safezip import open_zip
from netra.oversight.importers.tabular import iter_csv, iter_jsonl
from netra.oversight.importers.x_archive import is_x_archive, iter_x_archive
from netra.oversight.records import ArchiveError, ArchivePost

FORMATS = ("x", "facebook", "instagram", "csv", "jsonl")


def detect_format(path: Path) -> str:
    """Guess the archive format from the file itself (not only its name)."""
    if not path.is_file():
        raise ArchiveError(f"{path}: berkas tidak ditemukan.")
    if zipfile.is_zipfile(path):
        with open_zip(path) as zf:
            if is_x_archive(zf):
                return "x"
            found = meta_members(zf)
            if found:
                return found[0]
        raise ArchiveError(
            f"{path.name}: zip ini bukan arsip X, Facebook, atau Instagram yang dikenal."
        )
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return _json_flavour(path)
    raise ArchiveError(
        f"{path.name}: format tidak dikenal (zip X/Facebook/Instagram, CSV, JSONL, JSON)."
    )


def _json_flavour(path: Path) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        head = fh.read(4096)
    if ('"data"' in head and '"post"' in head) or '"timestamp"' in head:
        return "facebook"
    if '"media"' in head or '"creation_timestamp"' in head:
        return "instagram"
    try:
        json.loads(head.splitlines()[0]) if head else None
        return "jsonl"
    except (json.JSONDecodeError, IndexError):
        raise ArchiveError(
            f"{path.name}: JSON tidak dikenali sebagai ekspor Facebook/Instagram."
        ) from None


def iter_posts(
    path: Path, fmt: str | None = None, account: str | None = None
) -> Iterator[ArchivePost]:
    """Stream the posts of one archive file."""
    fmt = fmt or detect_format(path)
    if fmt == "x":
        return iter_x_archive(path)
    if fmt in ("facebook", "instagram"):
        if zipfile.is_zipfile(path):
            return iter_meta_zip(path, account)
        return iter_meta_json(path, fmt, account)
    if fmt == "csv":
        return iter_csv(path)
    if fmt == "jsonl":
        return iter_jsonl(path)
    raise ArchiveError(f"Format arsip tidak dikenal: {fmt} (pilihan: {', '.join(FORMATS)}).")


__all__ = ["FORMATS", "ArchiveError", "ArchivePost", "detect_format", "iter_posts", "open_zip"]
