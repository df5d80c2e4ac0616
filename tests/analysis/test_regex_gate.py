"""The regex gate may skip a pattern only when the pattern cannot match: never a lost match."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.analysis.regex_gate import RegexGate, required_literals
from netra.rules.loader import load_rulebook


def _rulebook_regexes() -> list[str]:
    """Every `re:` term of the shipped rulebook (rules and lexicons)."""
    book = load_rulebook()
    found: set[str] = set()
    for _file, rule in book.rules():
        spec = rule.match
        if spec is None:
            continue
        for group in (*spec.all, spec.unless):
            found.update(t[3:] for t in group if t.startswith("re:"))
    for lexicon in book.lexicons.values():
        for entry in lexicon.all_entries():
            found.update(t[3:] for t in entry.terms if t.startswith("re:"))
    return sorted(found)


RULEBOOK_REGEXES = _rulebook_regexes()


def test_the_rulebook_has_regexes_to_gate():
    assert len(RULEBOOK_REGEXES) >= 10
    gated = [s for s in RULEBOOK_REGEXES if required_literals(s) is not None]
    assert len(gated) >= len(RULEBOOK_REGEXES) // 2, "most rule regexes should be gateable"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # fixed parts next to each other are joined: every match holds one of these strings
        ("(teman|kawan) yang bilang", {"teman yang bilang", "kawan yang bilang"}),
        ("(teman|kawan|tetangga) ya", {"teman ya", "kawan ya", "tetangga ya"}),
        ("sebelum (dihapus|ditakedown)", {"sebelum dihapus", "sebelum ditakedown"}),
        ("(?:coblos|tusuk) [1-9]", {"coblos ", "tusuk "}),
        ("(?:nomor|no|nomer) (?:urut )?[1-9]", {"nomor ", "no ", "nomer "}),
        ("(teman|kawan) [a-z]+ bilang sama", {" bilang sama"}),  # the longest piece wins
        ("(?<=coblos )[1-9]", {"coblos "}),  # a look-behind is required too
        ("(?:x )?bantuan [0-9]+", {"bantuan "}),  # an optional part is not
    ],
)
def test_required_literals_of_typical_rule_patterns(source, expected):
    assert required_literals(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "[0-9]{1,2} [a-z]+",  # nothing literal and long enough
        "(?:a|c)e",  # too short to be selective
        "(?i)coblos [0-9]",  # case-insensitive: a lower-case literal could miss
        "(?:coblos)?[0-9]+",  # optional
        "(?:coblos|[0-9]+)",  # one alternative has no literal
        "(",  # not a pattern at all
    ],
)
def test_patterns_without_provable_literals_always_run(source):
    assert required_literals(source) is None
    assert RegexGate([source]).candidates("apa saja") == {0}


def test_gate_selects_only_patterns_whose_words_occur():
    gate = RegexGate(["(teman|kawan) bilang", "sebelum dihapus", "[0-9]+ [a-z]+"])
    assert gate.candidates("kata teman bilang") == {0, 2}
    assert gate.candidates("kata teman saya bilang") == {2}  # "teman bilang" is not there
    assert gate.candidates("sebarkan sebelum dihapus") == {1, 2}
    assert gate.candidates("selamat pagi") == {2}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_match_of_a_rulebook_regex_is_ever_skipped(data):
    """Text generated to match a pattern (inside other text) always passes the gate."""
    source = data.draw(st.sampled_from(RULEBOOK_REGEXES))
    pattern = re.compile(source)
    gate = RegexGate([source])
    inner = data.draw(st.from_regex(pattern, fullmatch=True))
    before = data.draw(st.text(alphabet="abc 0123", max_size=8))
    text = f"{before} {inner} akhir"
    if pattern.search(text):
        assert 0 in gate.candidates(text)
