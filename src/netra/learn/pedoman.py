"""The pedoman: each regulation in plain Indonesian with the rules that apply it and examples.

Built from `engine.rulebook` on request (cheap: a few hundred objects), so it always reflects the
rule files the running engine uses, including the agency's own additions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from netra.learn.labels import CATEGORY_INTRO, SEVERITY_LABELS, category_label
from netra.rules.loader import Example, Rulebook

_PLACEHOLDER = re.compile(r"\{[a-z0-9_]+\}")


def plain_message(message: str) -> str:
    """A rule message without its `{entity}`-style placeholders (they need a concrete post)."""
    text = _PLACEHOLDER.sub("…", message)
    return re.sub(r"\s+", " ", text).strip()


def describe_context(context: dict[str, Any] | None) -> str | None:
    """An example's context in words, e.g. "akun instansi, diunggah 10-02-2024"."""
    if not context:
        return None
    parts = []
    account = context.get("account")
    if account:
        parts.append(
            {"personal": "akun pribadi", "institutional": "akun instansi"}.get(
                account, f"akun {account}"
            )
        )
    if context.get("channel"):
        parts.append(f"kanal {context['channel']}")
    posted = context.get("posted_at")
    if posted:
        day = str(posted)[:10]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            y, m, d = day.split("-")
            day = f"{d}-{m}-{y}"
        parts.append(f"diunggah {day}")
    return ", ".join(parts) or None


@dataclass
class ExampleEntry:
    text: str
    context: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, example: Example) -> ExampleEntry:
        return cls(example.text, describe_context(example.context), example.note)


@dataclass
class RuleEntry:
    id: str
    title: str
    category: str
    category_label: str
    severity: str
    severity_label: str
    message: str
    suggestion: str | None
    not_allowed: list[ExampleEntry] = field(default_factory=list)
    allowed: list[ExampleEntry] = field(default_factory=list)


@dataclass
class RegulationEntry:
    id: str
    title: str
    article: str
    summary: str
    status: str
    url: str | None
    forbids: str | None
    allowed: list[str]
    rules: list[RuleEntry] = field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        return sorted({r.category for r in self.rules})

    @property
    def example_count(self) -> int:
        return sum(len(r.not_allowed) + len(r.allowed) for r in self.rules)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["categories"] = self.categories
        return data


@dataclass
class CategoryEntry:
    name: str
    label: str
    intro: str
    regulation_ids: list[str]
    rule_count: int


@dataclass
class Pedoman:
    regulations: list[RegulationEntry]
    categories: list[CategoryEntry]

    def regulation(self, reg_id: str) -> RegulationEntry | None:
        return next((r for r in self.regulations if r.id == reg_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "categories": [asdict(c) for c in self.categories],
            "regulations": [r.to_dict() for r in self.regulations],
        }


def build_pedoman(rulebook: Rulebook) -> Pedoman:
    regs = {
        reg_id: RegulationEntry(
            id=reg.id,
            title=reg.title,
            article=reg.article,
            summary=reg.summary,
            status=reg.status,
            url=reg.url,
            forbids=reg.forbids,
            allowed=list(reg.allowed),
        )
        for reg_id, reg in rulebook.regulations.items()
    }
    by_category: dict[str, list[str]] = {}
    rule_counts: dict[str, int] = {}
    for rule_file, rule in rulebook.rules():
        entry = RuleEntry(
            id=rule.id,
            title=rule.title,
            category=rule_file.category,
            category_label=category_label(rule_file.category),
            severity=rule.severity,
            severity_label=SEVERITY_LABELS.get(rule.severity, rule.severity),
            message=plain_message(rule.message),
            suggestion=rule.suggestion,
            not_allowed=[ExampleEntry.of(e) for e in rule.examples.match],
            allowed=[ExampleEntry.of(e) for e in rule.examples.no_match],
        )
        rule_counts[rule_file.category] = rule_counts.get(rule_file.category, 0) + 1
        for reg_id in rule.regulations:
            if reg_id in regs:
                regs[reg_id].rules.append(entry)
                cat_regs = by_category.setdefault(rule_file.category, [])
                if reg_id not in cat_regs:
                    cat_regs.append(reg_id)
    categories = [
        CategoryEntry(
            name=name,
            label=category_label(name),
            intro=CATEGORY_INTRO.get(name, ""),
            regulation_ids=by_category.get(name, []),
            rule_count=rule_counts.get(name, 0),
        )
        for name in [*CATEGORY_INTRO, *sorted(set(rule_counts) - set(CATEGORY_INTRO))]
    ]
    return Pedoman(regulations=list(regs.values()), categories=categories)
