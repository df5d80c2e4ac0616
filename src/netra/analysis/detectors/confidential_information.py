"""Detector for `confidential_information`: state information an ASN must not post.

The YAML rules (rules/detectors/confidential_information.yaml) pair words that are harmless alone
("rahasia", "soal", "HPS", "rute") with what makes them a leak. This class adds what a rule file
cannot say:

- CI-003, the classification stamp: an upper-case RAHASIA / SANGAT RAHASIA / TERBATAS counts only
  when it stands on its own line, as on a scanned letter, in a post with the words of a letter
  header. Inline upper case is too often shouting ("RAHASIA SUKSES", "KUOTA TERBATAS").
- CI-080, credentials: a credential word ("password", "kata sandi") counts only when a value that
  looks like a secret follows it; advice such as "jangan bagikan kata sandi" has none.
- Post-wide cancellations: a post about public-information law (PPID, UU KIP) or one reporting on
  a leak (an arrest, a fraud warning) is not itself a leak; `settings.suppressed_by` says which
  signal cancels which rules.
"""

from __future__ import annotations

import re

from netra.analysis.context import Context
from netra.analysis.detectors.base import Detector, RuleDetector
from netra.analysis.document import Document
from netra.analysis.finding import Finding
from netra.analysis.matcher import Hit, RuleMatcher, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rulebook

STAMP_RULE = "CI-003"
CREDENTIAL_RULE = "CI-080"

_SECRET_SYMBOLS = frozenset("@#$%&*!")
_ACRONYM_NUMBER = re.compile(r"[A-Z]+[-/]?\d+")  # COVID-19, HUT79: not a password
_EDGE_PUNCT = "\"'.,;:!?()[]{}<>"
_NON_SPACE = re.compile(r"\S+")
_STAMP_BRACKETS = frozenset(
    {("[", "]"), ("(", ")"), ("*", "*"), ("_", "_"), ("<", ">"), ("«", "»")}
)


class ConfidentialInformationDetector(RuleDetector):
    name = "confidential_information"
    category = "confidential_information"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        # Not RuleDetector.__init__: the matcher also carries this detector's signals, so that
        # rules and signals come out of one automaton pass.
        Detector.__init__(self, rulebook, normalizer)
        rules = self.rule_file.rules if self.rule_file else []
        self.matcher = RuleMatcher(
            rules, rulebook.lexicons, normalizer, signals=self.settings.get("signals", {})
        )
        self._suppressed_by: dict[str, set[str]] = {
            signal: set(rule_ids)
            for signal, rule_ids in (self.settings.get("suppressed_by") or {}).items()
        }
        self._exclude_window = int(self.settings.get("stamp_exclude_window", 3))
        self._fiction = self._lexicon_words("confidential_fiction")
        self._value_tokens = int(self.settings.get("credential_value_tokens", 10))
        self._public_credential = frozenset(
            w.lower() for w in self.settings.get("credential_public_words") or ()
        )

    def _lexicon_words(self, name: str) -> set[str]:
        lexicon = self.rulebook.lexicons.get(name)
        if lexicon is None:
            return set()
        return {
            self.normalizer.phrase(term)
            for entry in lexicon.all_entries()
            for term in entry.terms
            if not term.startswith("re:")
        }

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        scan = self.matcher.scan(doc)
        if not scan.firings and not scan.has("stamp") and not scan.has("credential"):
            return []
        findings = [
            self.finding_for(f, doc, ctx)
            for f in scan.firings
            if self.applies(f.rule, ctx)
            and not self._suppressed(f.rule.id, scan)
            and self.accept(f, doc, ctx)
        ]
        stamp_rule = self.rules.get(STAMP_RULE)
        if (
            stamp_rule is not None
            and self.applies(stamp_rule, ctx)
            and not self._suppressed(STAMP_RULE, scan)
        ):
            findings.extend(self._stamp_findings(doc, ctx, scan))
        credential_rule = self.rules.get(CREDENTIAL_RULE)
        if (
            credential_rule is not None
            and scan.has("credential")
            and self.applies(credential_rule, ctx)
            and not self._suppressed(CREDENTIAL_RULE, scan)
        ):
            findings.extend(self._credential_findings(doc, ctx, scan))
        return findings

    def _suppressed(self, rule_id: str, scan: Scan) -> bool:
        return any(
            rule_id in rule_ids and scan.has(signal)
            for signal, rule_ids in self._suppressed_by.items()
        )

    # -- CI-003: classification stamps --------------------------------------------------------
    def _stamp_findings(self, doc: Document, ctx: Context, scan: Scan) -> list[Finding]:
        stamps = scan.hits("stamp")
        if not stamps:
            return []
        rule = self.rules[STAMP_RULE]
        stamp_tokens = {i for h in stamps for i in range(h.first, h.last + 1)}
        header = [h for h in scan.hits("doc_header") if h.first not in stamp_tokens]
        if not header:
            return []
        findings: list[Finding] = []
        for hit in _outermost(stamps):
            if not self._is_stamp_line(doc, hit) or self._near_fiction(doc, hit):
                continue
            start, end = doc.token_span(hit.first, hit.last)
            findings.append(self.make_finding(rule, doc, start, end, ctx, labels=[hit.label]))
        return findings

    @staticmethod
    def _is_stamp_line(doc: Document, hit: Hit) -> bool:
        """The mark is alone on its line (brackets, colons and decoration allowed)."""
        start, end = doc.token_span(hit.first, hit.last)
        line_start = doc.text.rfind("\n", 0, start) + 1
        line_end = doc.text.find("\n", end)
        line_end = len(doc.text) if line_end == -1 else line_end
        rest = doc.text[line_start:start] + doc.text[end:line_end]
        if not any(c.isalnum() for c in rest):
            return True
        # A bracketed mark inside a line is a stamp too: "Nota Dinas [RAHASIA] Nomor 12".
        before = doc.text[line_start:start].rstrip()[-1:]
        after = doc.text[end:line_end].lstrip()[:1]
        return (before, after) in _STAMP_BRACKETS

    def _near_fiction(self, doc: Document, hit: Hit) -> bool:
        """A title, recipe or advert word right next to the mark ("RAHASIA\\nsukses jualan")."""
        tokens = doc.tokens
        lo = max(0, hit.first - self._exclude_window)
        hi = min(len(tokens), hit.last + 1 + self._exclude_window)
        around = tokens[lo : hit.first] + tokens[hit.last + 1 : hi]
        joined = f" {' '.join(t.norm for t in around)} "
        return any(f" {w} " in joined for w in self._fiction if w)

    # -- CI-080: credentials --------------------------------------------------------------------
    def _credential_findings(self, doc: Document, ctx: Context, scan: Scan) -> list[Finding]:
        words = {t.norm for t in doc.tokens}
        if words & self._public_credential:  # a public Wi-Fi password on a poster, say
            return []
        rule = self.rules[CREDENTIAL_RULE]
        findings: list[Finding] = []
        covered_until = -1
        for hit in sorted(_outermost(scan.hits("credential")), key=lambda h: h.first):
            start, end = doc.token_span(hit.first, hit.last)
            if start < covered_until:
                continue
            value_end = self._secret_after(doc.text, end)
            if value_end is None:
                continue
            findings.append(self.make_finding(rule, doc, start, value_end, ctx))
            covered_until = value_end
        return findings

    def _secret_after(self, text: str, pos: int) -> int | None:
        """End of the first secret-looking value among the next few words, if any."""
        for i, m in enumerate(_NON_SPACE.finditer(text, pos, pos + 160)):
            if i >= self._value_tokens:
                break
            raw = m.group(0)
            if _looks_secret(raw.strip(_EDGE_PUNCT)):
                return m.end() - (len(raw) - len(raw.rstrip(_EDGE_PUNCT)))
        return None


def _looks_secret(token: str) -> bool:
    """Letters mixed with digits or symbols, long enough to be a password or an account name."""
    if len(token) < 6 or token[0] in "@#" or "://" in token or token.startswith("www."):
        return False
    if "." in token and not any(c in _SECRET_SYMBOLS for c in token):
        return False  # a domain or a dotted number
    has_alpha = any(c.isalpha() for c in token)
    has_digit = any(c.isdigit() for c in token)
    has_symbol = any(c in _SECRET_SYMBOLS for c in token)
    mixed_case = any(c.islower() for c in token) and any(c.isupper() for c in token)
    if not has_alpha or _ACRONYM_NUMBER.fullmatch(token):
        return False
    digits = sum(c.isdigit() for c in token)
    # Without a symbol, a lone digit is Indonesian reduplication ("terus2an"), not a password.
    return has_symbol or (has_digit and mixed_case) or (digits >= 2 and len(token) >= 8)


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer one (RAHASIA inside SANGAT RAHASIA)."""
    ordered = sorted(hits, key=lambda h: (h.first, -(h.last - h.first)))
    kept: list[Hit] = []
    for h in ordered:
        if kept and kept[-1].first <= h.first and h.last <= kept[-1].last:
            continue
        kept.append(h)
    return kept
