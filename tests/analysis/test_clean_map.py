"""The clean view's offset map, checked against the plain per-character definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.analysis.chars import _CONTROL, clean_char, clean_text

TRICKY = "\u200b\u200d\ufeff\u00ad\ufb01\uff41\uff11\U0001d41a\u00e9\u2460\U0001f600\u0e01 a1\n\x07"


def reference(text: str) -> tuple[str, list[int]]:
    """Every character cleaned on its own; each output character points at its source."""
    view = _CONTROL.sub(" ", text)
    parts, index = [], []
    for i, ch in enumerate(view):
        out = clean_char(ch) if not ch.isascii() else ch
        parts.append(out)
        index.extend([i] * len(out))
    index.append(len(text))
    return "".join(parts), index


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=80))
def test_clean_view_and_map_equal_the_per_character_definition(text):
    clean, index = clean_text(text)
    expected_clean, expected_index = reference(text)
    assert clean == expected_clean
    if index is not None:
        assert index == expected_index
    else:
        assert len(clean) == len(text)
