"""Every rule's own match / no-match examples, one test case each."""

from __future__ import annotations

import pytest

from netra.rules.examples import check_case, example_cases
from netra.rules.loader import load_rulebook

CASES = example_cases(load_rulebook())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_example(case, engine):
    result = check_case(case, engine)
    assert result.ok, f"{result.rule_id} {result.kind}: {result.text!r}: {result.reason}"


def test_every_rule_has_examples():
    book = load_rulebook()
    missing = [r.id for _, r in book.rules() if not r.examples.match]
    assert not missing, f"rules without a match example: {missing}"
