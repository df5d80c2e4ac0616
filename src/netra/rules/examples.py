"""Runs every rule's own match / no-match examples (used by `netra rules test` and pytest)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from netra.rules.loader import Example, Rule, RuleFile


@dataclass(frozen=True)
class ExampleCase:
    rule_file: RuleFile
    rule: Rule
    kind: str  # "match" | "no_match"
    example: Example

    @property
    def id(self) -> str:
        # A stable digest (not hash(), which differs per process) so that parallel test workers
        # collect the same ids.
        return f"{self.rule.id}-{self.kind}-{zlib.crc32(self.example.text.encode()) % 100_000:05d}"


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    kind: str
    text: str
    ok: bool
    reason: str


def example_cases(rulebook=None) -> list[ExampleCase]:
    if rulebook is None:
        from netra.analysis import get_engine

        rulebook = get_engine().rulebook
    cases = []
    for rule_file, rule in rulebook.rules():
        for ex in rule.examples.match:
            cases.append(ExampleCase(rule_file, rule, "match", ex))
        for ex in rule.examples.no_match:
            cases.append(ExampleCase(rule_file, rule, "no_match", ex))
    return cases


def check_case(case: ExampleCase, engine=None) -> ExampleResult:
    """A `match` example must make this rule fire; a `no_match` example must not produce any
    finding of the rule's category (it is an allowed look-alike)."""
    if engine is None:
        from netra.analysis import get_engine

        engine = get_engine()
    report = engine.analyze(case.example.text, case.example.context)
    if case.kind == "match":
        fired = [f for f in report.findings if f.rule_id == case.rule.id]
        ok = bool(fired)
        reason = (
            "" if ok else f"aturan tidak terpicu; temuan: {[f.rule_id for f in report.findings]}"
        )
        if fired:
            f = fired[0]
            if case.example.text[f.start : f.end] != f.text:
                ok, reason = False, "rentang tidak sesuai teks"
    else:
        same = [f for f in report.findings if f.category == case.rule_file.category]
        ok = not same
        reason = "" if ok else f"salah tandai: {[(f.rule_id, f.text) for f in same]}"
    return ExampleResult(case.rule.id, case.kind, case.example.text, ok, reason)


def run_examples() -> Iterator[ExampleResult]:
    for case in example_cases():
        yield check_case(case)
