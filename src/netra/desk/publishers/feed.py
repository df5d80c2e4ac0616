"""The website channel by default: publishing means entering the archive, which the agency's
Atom feed (desk.feed) is generated from. Nothing leaves the machine, so it cannot fail halfway
and a resend is harmless."""

from __future__ import annotations

from datetime import timedelta

from netra.desk.publishers.base import PublishRequest, PublishResult


class FeedPublisher:
    name = "feed"
    idempotent = True
    idempotency_window: timedelta | None = None  # forever: the archive row is unique per job

    def __init__(self, public_base_url: str | None = None) -> None:
        self.public_base_url = (public_base_url or "").rstrip("/") or None

    def problem(self) -> str | None:
        return None

    def publish(self, request: PublishRequest) -> PublishResult:
        url = f"{self.public_base_url}/desk/feed.atom" if self.public_base_url else None
        return PublishResult(request.idempotency_key, url)
