"""The one interface every publisher implements, and the three ways a publication can fail.

- `TransientError`: try again later (network down before the request left, HTTP 5xx, 408,
  429 — with the platform's Retry-After when it gives one).
- `PermanentError`: the platform refused the post (HTTP 4xx other than the above, bad token,
  duplicate, media rejected); retrying cannot help. The reason is shown to the author.
- `OutcomeUnknown`: the request may have reached the platform but no answer came back. A
  publisher whose platform honours an idempotency key (`idempotent = True`) never raises it — it
  resends with the same key; the others raise it, and the scheduler stops and asks a person to
  look, rather than risk an official post going out twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class MediaFile:
    path: Path
    media_type: str
    name: str
    sha256: str
    size: int
    alt_text: str | None = None
    public_url: str | None = None


@dataclass
class PublishRequest:
    job_id: int
    draft_id: int
    channel: str
    title: str
    text: str
    idempotency_key: str
    attachments: list[MediaFile] = field(default_factory=list)
    emergency: bool = False
    checkpoint: dict[str, Any] = field(default_factory=dict)  # progress of earlier attempts
    save_checkpoint: Callable[[dict[str, Any]], None] = lambda _state: None


@dataclass(frozen=True)
class PublishResult:
    remote_id: str | None
    url: str | None = None


class PublishError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransientError(PublishError):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentError(PublishError):
    pass


class OutcomeUnknown(PublishError):
    pass


class Publisher(Protocol):
    name: str
    idempotent: bool  # resending with the same idempotency key cannot create a second post
    idempotency_window: timedelta | None  # how long the platform remembers a key

    def problem(self) -> str | None:
        """Why this publisher cannot publish (missing credentials), in Indonesian; or None."""

    def publish(self, request: PublishRequest) -> PublishResult: ...
