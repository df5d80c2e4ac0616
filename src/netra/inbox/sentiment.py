"""Sentiment and emotion from the classifier area's API, when it is installed.

`netra.analysis.sentiment(text)` and `netra.analysis.emotion(text)` return a label and its
probabilities (as a `(label, probabilities)` pair or an object with `label`/`probabilities`).
Until those models ship, or if they fail on a message, the inbox says so plainly —
"tidak tersedia" — rather than guessing with a model of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

UNAVAILABLE = "tidak tersedia"
log = logging.getLogger(__name__)
_broken: set[str] = set()  # classifiers that failed once in this process (e.g. model not built)


@lru_cache(maxsize=2)
def _function(name: str) -> Callable[[str], Any] | None:
    try:
        import netra.analysis as analysis
    except ImportError:
        return None
    fn = getattr(analysis, name, None)
    return fn if callable(fn) else None


def _label(result: Any) -> str | None:
    if result is None:
        return None
    if isinstance(result, str):
        return result
    if isinstance(result, tuple | list) and result:
        return str(result[0])
    if isinstance(result, dict):
        value = result.get("label")
        return str(value) if value is not None else None
    value = getattr(result, "label", None)
    return str(value) if value is not None else None


def _call(name: str, text: str) -> str:
    fn = _function(name)
    if fn is None or name in _broken:
        return UNAVAILABLE
    try:
        label = _label(fn(text))
    except Exception as exc:  # a classifier failure must not stop triage
        log.warning("%s classifier unavailable for this process: %s", name, exc)
        _broken.add(name)  # a missing model fails every time: do not pay for it per message
        return UNAVAILABLE
    return label[:20] if label else UNAVAILABLE


def sentiment(text: str) -> str:
    """`positive`/`neutral`/`negative` (the classifier's labels) or "tidak tersedia"."""
    return _call("sentiment", text)


def emotion(text: str) -> str:
    """The classifier's emotion label (anger, happy, sadness, fear, love) or "tidak tersedia"."""
    return _call("emotion", text)


def available() -> dict[str, bool]:
    return {
        name: _function(name) is not None and name not in _broken
        for name in ("sentiment", "emotion")
    }
