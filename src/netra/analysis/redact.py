"""The redacted version of a post: personal data masked, everything else left as written."""

from __future__ import annotations

from netra.analysis.finding import Finding

REDACTED_CATEGORIES = frozenset({"personal_data"})


def mask(value: str, keep_start: int = 2, keep_end: int = 2) -> str:
    """Mask letters and digits, keeping a few at each end so the reader sees what was there.

    `3174012345670003` → `3174********0003` with keep 4/4. Separators (spaces, dots, dashes) stay,
    so the shape of the value remains recognisable.
    """
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    if len(positions) <= keep_start + keep_end:
        keep_start, keep_end = 0, 0
    hidden = set(positions[keep_start : len(positions) - keep_end if keep_end else None])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def redact(text: str, findings: list[Finding]) -> str:
    """Replace each personal-data span by its mask (the detector's own, or a generic one)."""
    spans = sorted(
        (f for f in findings if f.category in REDACTED_CATEGORIES),
        key=lambda f: (f.start, -f.end),
    )
    out: list[str] = []
    pos = 0
    for f in spans:
        if f.start < pos:  # overlapping finding already masked
            continue
        out.append(text[pos : f.start])
        out.append(f.extra.get("redacted") or mask(text[f.start : f.end]))
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
