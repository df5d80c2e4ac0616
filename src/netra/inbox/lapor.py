"""The SP4N-LAPOR! report type and category a message would be filed under (data in
`data/lapor.yaml` and `data/topics.yaml`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import yaml

from netra.inbox.lexicons import DATA_DIR, Lexicons, get_lexicons

LAPOR_FILE = DATA_DIR / "lapor.yaml"


@dataclass(frozen=True)
class LaporCategory:
    type: str  # Pengaduan | Aspirasi | Permintaan Informasi
    category: str
    subcategory: str | None

    def label(self) -> str:
        parts = [self.category] + ([self.subcategory] if self.subcategory else [])
        return f"{self.type}: " + " / ".join(parts)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(LAPOR_FILE.read_text(encoding="utf-8")) or {}


def lapor_category(
    intent: str,
    topic: str,
    cues: Mapping[str, list[str]] | None = None,
    lexicons: Lexicons | None = None,
) -> LaporCategory | None:
    """None for messages LAPOR! does not take (appreciation, spam)."""
    data = _data()
    kind = data.get("types", {}).get(intent)
    if kind is None:
        return None
    for override in data.get("overrides", []):
        if cues and override["cue"] in cues:
            return LaporCategory(kind, override["category"], override.get("subcategory"))
    found = (lexicons or get_lexicons()).topic(topic)
    return LaporCategory(kind, found.lapor_category, found.lapor_subcategory)
