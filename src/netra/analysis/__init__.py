"""The analysis engine: `analyze(text, context) -> Report`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from netra.analysis.context import Context
from netra.analysis.engine import Engine, get_engine, reset_engine
from netra.analysis.errors import AnalysisError
from netra.analysis.finding import ENGINE_VERSION, Finding, Report, Severity, Verdict


def analyze(text: str, context: Context | Mapping[str, Any] | None = None) -> Report:
    """Analyse one post with the process-wide engine."""
    return get_engine().analyze(text, context)


def analyze_batch(
    items: Iterable[str | Mapping[str, Any]], *, errors: str = "raise"
) -> Iterator[Report | AnalysisError]:
    """Analyse many posts in order with the process-wide engine (built once)."""
    return get_engine().analyze_batch(items, errors=errors)


def sentiment(text: str) -> tuple[str, dict[str, float]]:
    """Sentiment of a message: (`positive`|`neutral`|`negative`, probabilities)."""
    from netra.analysis import classifiers

    return classifiers.sentiment(text)


def emotion(text: str) -> tuple[str, dict[str, float]]:
    """Emotion of a message: (`anger`|`happy`|`sadness`|`fear`|`love`, probabilities)."""
    from netra.analysis import classifiers

    return classifiers.emotion(text)


def hate_abuse(text: Any) -> Any:
    """Hate speech / abusive language scores of a text or Document (`classifiers.hate_abuse`)."""
    from netra.analysis import classifiers

    return classifiers.hate_abuse(classifiers.as_document(text))


def toxicity(text: Any) -> Any:
    """Netifier toxicity probabilities of a text or Document (`classifiers.toxicity`)."""
    from netra.analysis import classifiers

    return classifiers.toxicity(classifiers.as_document(text))


__all__ = [
    "ENGINE_VERSION",
    "AnalysisError",
    "Context",
    "Engine",
    "Finding",
    "Report",
    "Severity",
    "Verdict",
    "analyze",
    "analyze_batch",
    "emotion",
    "get_engine",
    "hate_abuse",
    "reset_engine",
    "sentiment",
    "toxicity",
]
