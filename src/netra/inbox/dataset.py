"""The labelled citizen-message set in `data/inbox/` (see its README for the label guide).

Rows carry a fixed `split`: `train` (what `netra inbox train` and every tuning step read) or
`eval` (evaluation only: read by `benchmarks/inbox_eval.py`, never by training or tuning).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netra.inbox.errors import InboxError
from netra.inbox.lexicons import INTENTS, URGENCIES

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA_FILE = REPO_ROOT / "data" / "inbox" / "messages.jsonl"
CHECK_FILE = REPO_ROOT / "data" / "inbox" / "urgency_check.jsonl"


class LabelledMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^inb-\d{4}$")
    text: str = Field(min_length=1, max_length=5000)
    intent: Literal[INTENTS]  # type: ignore[valid-type]
    topic: str
    urgency: Literal[URGENCIES]  # type: ignore[valid-type]
    channel: str
    split: Literal["train", "eval"]


def load(path: Path = DATA_FILE) -> list[LabelledMessage]:
    rows: list[LabelledMessage] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InboxError(
            "no_data", f"Data berlabel tidak ditemukan: {path} ({exc.strerror})."
        ) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(LabelledMessage.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InboxError("bad_data", f"{path.name} baris {number} tidak valid: {exc}") from None
    return rows


def training_rows(path: Path = DATA_FILE) -> list[LabelledMessage]:
    """The rows training and tuning may read (never the evaluation part)."""
    return [r for r in load(path) if r.split == "train"]


def eval_rows(path: Path = DATA_FILE) -> list[LabelledMessage]:
    return [r for r in load(path) if r.split == "eval"]


def fingerprint(rows: list[LabelledMessage]) -> str:
    """SHA-256 over the rows a model was trained on (id, text, labels), in id order."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: r.id):
        line = json.dumps(
            [row.id, row.text, row.intent, row.topic, row.urgency], ensure_ascii=False
        )
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


class CheckMessage(BaseModel):
    """A row of the urgency check set: written after the model, never trained or tuned on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^chk-\d{4}$")
    text: str = Field(min_length=1, max_length=5000)
    label: Literal["emergency", "not_emergency"]
    kind: str = Field(pattern=r"^[a-z_0-9]{2,30}$")
    part: Literal["probe", "holdout"]


def check_rows(path: Path = CHECK_FILE, part: str | None = None) -> list[CheckMessage]:
    """The urgency check set (see data/inbox/README.md); `part` = `probe` or `holdout`."""
    rows: list[CheckMessage] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InboxError("no_data", f"Set uji tidak ditemukan: {path} ({exc.strerror}).") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(CheckMessage.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InboxError("bad_data", f"{path.name} baris {number} tidak valid: {exc}") from None
    return [r for r in rows if part is None or r.part == part]
