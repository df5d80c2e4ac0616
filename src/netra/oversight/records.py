"""What every archive importer yields: one post, with a fingerprint of its original bytes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


class ArchiveError(ValueError):
    """An archive that cannot be read (safely). The message is Indonesian, for people."""


@dataclass(slots=True)
class ArchivePost:
    """One post from an archive, ready to store.

    `fingerprint` is the SHA-256 of the record's original bytes as they stand in the archive, so
    an inspector can later prove the stored text is what the account published.
    """

    platform: str  # x | facebook | instagram | csv | jsonl
    text: str
    fingerprint: str
    platform_id: str | None = None
    account: str | None = None
    author: str | None = None
    posted_at: datetime | None = None
    url: str | None = None

    @property
    def dedupe_key(self) -> str:
        """Same post imported twice (even from a re-downloaded archive) is the same key."""
        if self.platform_id:
            return f"{self.platform}:{self.account or ''}:{self.platform_id}"
        return f"sha256:{self.fingerprint}"


def fingerprint(raw: bytes | str) -> str:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return hashlib.sha256(data).hexdigest()
