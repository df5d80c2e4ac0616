"""Putting the trained classifiers behind the lexicon detectors, from their rule files.

A rule file turns its detector's model on with `settings.classifier` (thresholds for combining
the two kinds of evidence stay in `settings.model`, read by `evidence.ModelPolicy`):

```yaml
settings:
  classifier:
    enabled: true          # false: lexicon only, and no model is ever loaded for this detector
    options: {scope: group, with_sara: true}   # passed to netra.analysis.classifiers.post_model
```

Attaching a model loads nothing: the artifacts are read on the first post the detector checks, so
an engine without these detectors (or with `enabled: false`) never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netra.rules.loader import Rule, Rulebook, RulebookError


def attach_classifier(detector: Any) -> None:
    """Set `detector.model` from its rule file's `settings.classifier` (nothing loads yet)."""
    config: Mapping[str, Any] = detector.settings.get("classifier") or {}
    if not config.get("enabled", False):
        return
    from netra.analysis import classifiers

    detector.model = classifiers.post_model(detector.category, **dict(config.get("options") or {}))


def classifier_setting(detector: Any, key: str, default: Any) -> Any:
    """One value of `settings.classifier` (thresholds the detector adds to `settings.model`)."""
    config: Mapping[str, Any] = detector.settings.get("classifier") or {}
    return config.get(key, default)


def extra_rule(data: Mapping[str, Any] | None, rulebook: Rulebook) -> Rule | None:
    """A rule defined inside settings (like `settings.model.rule`), regulations checked."""
    if not data:
        return None
    rule = Rule.model_validate(dict(data))
    missing = [r for r in rule.regulations if r not in rulebook.regulations]
    if missing:
        raise RulebookError(f"{rule.id}: regulasi tidak dikenal: {', '.join(missing)}")
    return rule


def gather_with_scan(detector: Any, doc: Any, ctx: Any) -> tuple[Any, list[Any]]:
    """`EvidenceDetector.gather`, also returning the scan (its signal hits tell the detector
    where the lexicon has already judged a word, which a model-only finding must respect)."""
    scan = detector.matcher.scan(doc)
    found = [
        item
        for firing in scan.firings
        if detector.applies(firing.rule, ctx)
        and (item := detector.evidence_for(firing, doc, scan)) is not None
    ]
    return scan, detector.merge(found)


def overlaps_signal(doc: Any, scan: Any, signal: str, start: int, end: int) -> bool:
    """Whether a hit of `signal` overlaps the original-text span [start, end)."""
    for hit in scan.hits(signal):
        s, e = doc.token_span(hit.first, hit.last)
        if s < end and start < e:
            return True
    return False
