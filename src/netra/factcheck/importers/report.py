"""What an import did, row by row, in words an analyst can act on (Indonesian)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class ImportFileError(ValueError):
    """The source as a whole cannot be imported (encoding, columns, size, XML); nothing written."""

    def __init__(self, message: str, code: str = "invalid_file") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class Rejection:
    row: int  # 1-based line (CSV: physical line of the record; JSONL: line; feed: item number)
    reason: str
    claim_id: str | None = None


@dataclass(slots=True)
class SourceRow:
    """One record read from a source, before validation (canonical field names)."""

    row: int
    values: dict[str, Any]
    provided: frozenset[str]  # fields the source carries (absent fields are never erased)
    problem: str | None = None  # set when the reader already knows the row is bad


@dataclass
class ImportReport:
    source: str
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    embedded: int = 0
    added_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.added + self.updated + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rows": self.rows,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [
                {"row": r.row, "claim_id": r.claim_id, "reason": r.reason} for r in self.rejected
            ],
            "warnings": list(self.warnings),
            "embedded": self.embedded,
        }


class Progress(Protocol):
    """Long phases report here (the CLI shows a Rich progress bar)."""

    def start(self, label: str, total: int | None) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class NoProgress:
    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass
