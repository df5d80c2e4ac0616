"""Reading members of untrusted zip files without extracting them.

We never write members to disk (so path-traversal names cannot escape anywhere), but we still
refuse archives that contain such names, because a legitimate platform export never does. Zip
bombs are stopped by the declared size, the compression ratio, and a hard cap on bytes actually
read (declared sizes can lie).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from netra.oversight.records import ArchiveError

MAX_MEMBER_BYTES = 8 << 30  # 8 GiB of text for one member
MAX_RATIO = 200  # uncompressed / compressed; JSON text compresses ~5–20×
MAX_MEMBERS = 200_000


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"{path.name}: bukan berkas zip yang valid ({exc}).") from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(f"{path.name}: terlalu banyak berkas di dalam zip ({len(infos)}).")
    for info in infos:
        name = PurePosixPath(info.filename.replace("\\", "/"))
        if name.is_absolute() or ".." in name.parts or info.filename.startswith("/"):
            raise ArchiveError(
                f"{path.name}: zip berisi nama berkas berbahaya ({info.filename!r}); ditolak."
            )
    return zf


def open_member_text(zf: zipfile.ZipFile, name: str, source: str) -> io.TextIOWrapper:
    """Open one member as UTF-8 text, after checking it is not a zip bomb."""
    info = zf.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise ArchiveError(f"{source}: {name} terlalu besar ({info.file_size} bita).")
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise ArchiveError(
            f"{source}: {name} mencurigakan (rasio kompresi "
            f"{info.file_size // max(info.compress_size, 1)}×, kemungkinan bom zip); ditolak."
        )
    raw = _CappedReader(zf.open(info), info.file_size, source)
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict")  # type: ignore[arg-type]


class _CappedReader(io.RawIOBase):
    """Refuses to return more bytes than the member declared."""

    def __init__(self, inner, limit: int, source: str) -> None:
        self._inner = inner
        self._left = limit
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._inner.read(min(len(b), max(self._left, 0) + 1))
        if len(data) > self._left:
            raise ArchiveError(
                f"{self._source}: isi zip lebih besar dari yang dinyatakan; ditolak."
            )
        self._left -= len(data)
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()
