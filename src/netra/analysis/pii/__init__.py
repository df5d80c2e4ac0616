"""Personal-data recognition for Indonesian text (UU 27/2022 PDP), presidio-style.

`PiiAnalyzer().analyze(text)` returns `PiiMatch`es (entity, span, score, reason, redacted form).
The `personal_data` detector wraps it for the engine; benchmarks use it directly.
"""

from __future__ import annotations

from netra.analysis.pii.analyzer import PiiAnalyzer
from netra.analysis.pii.base import PiiMatch, Recognizer
from netra.analysis.pii.config import PiiConfig

__all__ = ["PiiAnalyzer", "PiiConfig", "PiiMatch", "Recognizer"]
