"""The rulebook: regulations, detector rules, lexicons and the election calendar, loaded from data.

Everything a lawyer, an analyst or an admin may need to change lives in YAML/CSV files under
`src/netra/rules/` (shipped) and, optionally, `<data dir>/rules/` (the agency's own additions,
e.g. imported Pilkada candidates). Files are validated with pydantic when loaded, and
cross-references (a rule citing a regulation id, a rule using a lexicon) are checked, so a typo in
a rule file fails loudly at start-up instead of silently never matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

RULES_DIR = Path(__file__).resolve().parent

SeverityName = Literal["low", "medium", "high"]


class RulebookError(ValueError):
    """A rule or lexicon file is invalid; the message names the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Regulation(_Strict):
    id: str
    title: str  # short title, e.g. "PP 94/2021 tentang Disiplin PNS"
    article: str  # e.g. "Pasal 5 huruf n"
    summary: str  # what it says, one Indonesian sentence
    status: str = "berlaku"
    url: str | None = None
    forbids: str | None = None  # plain-language "what it forbids", for the pedoman
    allowed: list[str] = Field(default_factory=list)  # allowed look-alikes, for the pedoman


class Example(_Strict):
    text: str
    context: dict[str, Any] | None = None
    note: str | None = None


def _examples(value: Any) -> list[Example]:
    out = []
    for item in value or []:
        out.append(Example(text=item) if isinstance(item, str) else Example.model_validate(item))
    return out


class Examples(_Strict):
    match: list[Example] = Field(default_factory=list)
    no_match: list[Example] = Field(default_factory=list)

    @field_validator("match", "no_match", mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> list[Example]:
        return _examples(value)


class MatchSpec(_Strict):
    """Groups of terms that must all occur within `window` words of each other.

    `window` is the largest distance in words between the terms (1: adjacent). A term is
    `@lexicon_name`, a plain phrase (normalised like post text), or `re:<regex>` over
    the normalised view. `unless` terms within `unless_window` words (or anywhere in the post,
    with `post`) cancel the match: they encode the allowed look-alikes.
    """

    all: list[list[str]]
    window: int = 8
    unless: list[str] = Field(default_factory=list)
    unless_window: int | Literal["post"] = 8


class Rule(_Strict):
    id: str
    title: str
    severity: SeverityName
    confidence: float = Field(0.8, ge=0, le=1)
    regulations: list[str]
    message: str  # Indonesian; may use {entity}, {text}, {g0}, {g1}… (labels of the groups' hits)
    suggestion: str | None = None
    entity: str | None = None
    match: MatchSpec | None = None  # None: the detector implements this rule in code
    escalate_in_election: bool = False
    accounts: list[Literal["personal", "institutional"]] | None = None
    # For neutrality breaches: the sanction track the 2022 joint decree (SKB) suggests —
    # `ethics` (moral sanction, PP 42/2004) or `discipline` (PP 94/2021).
    sanction: Literal["ethics", "discipline"] | None = None
    examples: Examples = Field(default_factory=Examples)


class RuleFile(_Strict):
    detector: str
    category: str
    description: str = ""
    settings: dict[str, Any] = Field(default_factory=dict)
    rules: list[Rule]


class LexiconEntry(_Strict):
    label: str | None = None
    terms: list[str]
    case: Literal["any", "upper"] = "any"
    attrs: dict[str, Any] = Field(default_factory=dict)


class Lexicon(_Strict):
    name: str
    description: str = ""
    source: str | None = None
    terms: list[str] = Field(default_factory=list)
    entries: list[LexiconEntry] = Field(default_factory=list)

    def all_entries(self) -> list[LexiconEntry]:
        plain = [LexiconEntry(terms=self.terms)] if self.terms else []
        return plain + list(self.entries)


class ElectionPeriod(_Strict):
    name: str  # e.g. "masa kampanye Pemilu 2024"
    kind: Literal["campaign", "quiet", "voting", "counting", "other"]
    start: date
    end: date  # inclusive


class ElectionCalendar(_Strict):
    periods: list[ElectionPeriod] = Field(default_factory=list)

    def period_on(self, day: date | None) -> ElectionPeriod | None:
        """The most specific period (shortest) containing the day."""
        if day is None:
            return None
        hits = [p for p in self.periods if p.start <= day <= p.end]
        return min(hits, key=lambda p: (p.end - p.start).days) if hits else None


@dataclass
class Rulebook:
    regulations: dict[str, Regulation]
    rule_files: dict[str, RuleFile]  # by detector name
    lexicons: dict[str, Lexicon]
    calendar: ElectionCalendar
    sources: list[Path] = field(default_factory=list)

    def rules(self) -> Iterable[tuple[RuleFile, Rule]]:
        for rule_file in self.rule_files.values():
            for rule in rule_file.rules:
                yield rule_file, rule

    def rule(self, rule_id: str) -> Rule:
        for _, rule in self.rules():
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def lexicon_words(self) -> set[str]:
        """Every word of every lexicon term, for the normaliser's vocabulary."""
        words: set[str] = set()
        for lexicon in self.lexicons.values():
            for entry in lexicon.all_entries():
                for term in entry.terms:
                    if not term.startswith("re:"):
                        words.update(re.findall(r"[a-z]+", term.lower()))
        return words


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulebookError(f"{path}: tidak bisa dibaca sebagai YAML: {exc}") from None


def _validate(model: type[BaseModel], data: Any, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulebookError(f"{path}: {exc}") from None


def _rule_dirs(extra_dirs: Iterable[Path]) -> list[Path]:
    return [RULES_DIR, *[Path(d) for d in extra_dirs if Path(d).is_dir()]]


def load_rulebook(extra_dirs: Iterable[Path] = ()) -> Rulebook:
    """Load and cross-check the shipped rulebook plus any agency directories (later ones win)."""
    regulations: dict[str, Regulation] = {}
    rule_files: dict[str, RuleFile] = {}
    lexicons: dict[str, Lexicon] = {}
    periods: list[ElectionPeriod] = []
    sources: list[Path] = []
    for root in _rule_dirs(extra_dirs):
        reg_path = root / "regulations.yaml"
        if reg_path.exists():
            data = _read_yaml(reg_path) or {}
            for item in data.get("regulations", []):
                reg = _validate(Regulation, item, reg_path)
                regulations[reg.id] = reg
            sources.append(reg_path)
        for path in sorted((root / "detectors").glob("*.yaml")):
            rule_file = _validate(RuleFile, _read_yaml(path), path)
            if rule_file.detector in rule_files:  # an agency file adds rules to a detector
                rule_files[rule_file.detector].rules.extend(rule_file.rules)
            else:
                rule_files[rule_file.detector] = rule_file
            sources.append(path)
        for path in sorted((root / "lexicons").glob("*.yaml")):
            if path.name in ("slang.yaml", "emoji.yaml"):
                continue
            data = _read_yaml(path) or {}
            data.setdefault("name", path.stem)
            lexicon = _validate(Lexicon, data, path)
            if lexicon.name in lexicons:  # extend, do not replace, a shipped lexicon
                lexicons[lexicon.name].terms.extend(lexicon.terms)
                lexicons[lexicon.name].entries.extend(lexicon.entries)
            else:
                lexicons[lexicon.name] = lexicon
            sources.append(path)
        cal_path = root / "elections.yaml"
        if cal_path.exists():
            periods.extend(_validate(ElectionCalendar, _read_yaml(cal_path), cal_path).periods)
            sources.append(cal_path)
    book = Rulebook(regulations, rule_files, lexicons, ElectionCalendar(periods=periods), sources)
    _cross_check(book)
    return book


def _cross_check(book: Rulebook) -> None:
    seen: set[str] = set()
    problems: list[str] = []
    for _, rule in book.rules():
        if rule.id in seen:
            problems.append(f"id aturan ganda: {rule.id}")
        seen.add(rule.id)
        for reg in rule.regulations:
            if reg not in book.regulations:
                problems.append(f"{rule.id}: regulasi '{reg}' tidak ada di regulations.yaml")
        if rule.match:
            terms = [t for group in rule.match.all for t in group] + rule.match.unless
            for term in terms:
                if term.startswith("@") and term[1:] not in book.lexicons:
                    problems.append(f"{rule.id}: leksikon '{term[1:]}' tidak ada")
                if term.startswith("re:"):
                    try:
                        re.compile(term[3:])
                    except re.error as exc:
                        problems.append(f"{rule.id}: regex tidak valid '{term}': {exc}")
    for lexicon in book.lexicons.values():
        for entry in lexicon.all_entries():
            for term in entry.terms:
                if term.startswith("re:"):
                    try:
                        re.compile(term[3:])
                    except re.error as exc:
                        problems.append(f"leksikon {lexicon.name}: regex '{term}': {exc}")
    if problems:
        raise RulebookError("Rulebook tidak valid:\n- " + "\n- ".join(sorted(set(problems))))
