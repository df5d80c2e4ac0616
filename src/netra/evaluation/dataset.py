"""The labelled development set: one JSON object per line (schema in tests/data/README.md).

Items are loaded into frozen dataclasses so that scoring code can trust them; anything malformed
raises `DatasetError` naming the line, because a silently skipped gold item would make every
figure printed by `netra evaluate` quietly wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netra.analysis.finding import Category

CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
ENTITIES: frozenset[str] = frozenset(
    {"nik", "nip", "kk", "npwp", "phone", "email", "bank_account", "passport", "license_plate",
     "address", "health", "birth_date", "mother_name"}
)  # fmt: skip
SPLITS: tuple[str, ...] = ("dev", "holdout")

# src/netra/evaluation/dataset.py -> repository root is three levels above `netra`.
_REPO_ROOT = Path(__file__).resolve().parents[3]


class DatasetError(ValueError):
    """The dataset file is missing or malformed; the message is Indonesian, for people."""


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A personal-data span annotated by hand: half-open offsets into the item's text."""

    start: int
    end: int
    entity: str


@dataclass(frozen=True, slots=True)
class DevItem:
    """One labelled post."""

    id: str
    text: str
    labels: frozenset[str]
    spans: tuple[GoldSpan, ...]
    tags: frozenset[str]
    split: str
    context: Mapping[str, Any] | None = None

    def span_text(self, span: GoldSpan) -> str:
        return self.text[span.start : span.end]


def default_path() -> Path:
    """The dev set shipped in the repository (tests/data/devset.jsonl)."""
    return _REPO_ROOT / "tests" / "data" / "devset.jsonl"


def parse_item(obj: Any, where: str) -> DevItem:
    """Turn one decoded JSON object into a DevItem, or raise DatasetError naming `where`."""
    if not isinstance(obj, dict):
        raise DatasetError(f"{where}: baris harus berupa objek JSON.")
    missing = [k for k in ("id", "text", "labels", "split") if k not in obj]
    if missing:
        raise DatasetError(f"{where}: kolom wajib tidak ada: {', '.join(missing)}.")
    if not isinstance(obj["text"], str) or not isinstance(obj["id"], str):
        raise DatasetError(f"{where}: 'id' dan 'text' harus berupa string.")
    if not isinstance(obj["labels"], list) or not all(isinstance(x, str) for x in obj["labels"]):
        raise DatasetError(f"{where}: 'labels' harus berupa daftar string.")
    spans = []
    for raw in obj.get("spans") or []:
        try:
            spans.append(GoldSpan(int(raw["start"]), int(raw["end"]), str(raw["entity"])))
        except (KeyError, TypeError, ValueError):
            raise DatasetError(f"{where}: span tidak valid: {raw!r}.") from None
    context = obj.get("context")
    if context is not None and not isinstance(context, dict):
        raise DatasetError(f"{where}: 'context' harus berupa objek JSON.")
    return DevItem(
        id=obj["id"],
        text=obj["text"],
        labels=frozenset(obj["labels"]),
        spans=tuple(sorted(spans, key=lambda s: (s.start, s.end))),
        tags=frozenset(obj.get("tags") or ()),
        split=str(obj["split"]),
        context=context,
    )


def read_items(path: Path) -> list[DevItem]:
    """Every item of a JSONL file, in file order (blank lines are allowed)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(
            f"Berkas dataset tidak ditemukan: {path}. Jalankan dari checkout repositori Netra "
            "atau berikan berkas lain dengan --data."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"Berkas dataset tidak bisa dibaca: {path} ({exc}).") from None
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name} baris {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: bukan JSON yang valid ({exc.msg}).") from None
        items.append(parse_item(obj, where))
    return items


def select_split(items: Iterable[DevItem], split: str) -> list[DevItem]:
    """Items of one split (`dev`, `holdout`) or all of them (`all`)."""
    if split == "all":
        return list(items)
    if split not in SPLITS:
        raise DatasetError(f"Split tidak dikenal: {split}. Pilih dev, holdout, atau all.")
    return [item for item in items if item.split == split]


def load_items(path: Path | None = None, split: str = "all") -> list[DevItem]:
    """Load the dev set (or another file with the same schema) and keep one split."""
    return select_split(read_items(path or default_path()), split)
