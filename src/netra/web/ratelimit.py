"""In-process token buckets for API clients and login attempts.

Each uvicorn worker keeps its own buckets, so with N workers a client can get up to N times the
configured rate (requests are spread over workers). That is acceptable as abuse protection; a
strict global limit needs a shared store (e.g. the reverse proxy's `limit_req`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucket:
    """`rate` tokens per second refill up to `burst`; `take(key, cost)` spends them."""

    def __init__(self, rate_per_second: float, burst: float, max_keys: int = 100_000) -> None:
        self.rate = rate_per_second
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0, now: float | None = None) -> float:
        """0.0 when allowed; otherwise the seconds to wait before `cost` tokens are available."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._evict(now)
                bucket = self._buckets[key] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            cost = min(cost, self.burst)  # a request larger than the burst waits for a full bucket
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return 0.0
            return (cost - bucket.tokens) / self.rate

    def _evict(self, now: float) -> None:
        """Forget buckets that are full again (their keys have been idle long enough)."""
        full_after = self.burst / self.rate
        for key in [k for k, b in self._buckets.items() if now - b.updated >= full_after]:
            del self._buckets[key]
        if len(self._buckets) >= self.max_keys:
            self._buckets.clear()

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()
