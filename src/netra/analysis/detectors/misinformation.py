"""Detector for `misinformation`: hoax cues, fake aid links, and known debunked claims.

The YAML rules (rules/detectors/misinformation.yaml) find the cues. This class weighs them, which
a rule file cannot do:

- a post that debunks or clarifies a claim is never flagged (signal `debunk`, unless it is the
  hoax's own "ini bukan hoaks");
- some signals cancel rules post-wide (`settings.suppressed_by`), e.g. a named source cancels the
  "unsourced policy claim" rules;
- cues escalate with one another (`settings.escalate`: a miracle cure plus a call to spread is
  high), and each further distinct cue in a post raises the confidence of all of them;
- MI-040/MI-041: aid words next to a link are judged by the link's host (shortener, free hosting,
  a name imitating a ministry, or an official `.go.id` domain);
- MI-100: when the engine provides a `ClaimMatcher` (the fact-check knowledge base), each claim
  it recognises becomes a finding on the sentence(s) of the post that carry it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from netra.analysis.claims import ClaimMatch, ClaimMatcher
from netra.analysis.context import Context
from netra.analysis.detectors.base import Detector, RuleDetector
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, Hit, RuleMatcher, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook, RulebookError

log = logging.getLogger(__name__)

FAKE_LINK_RULE = "MI-040"
AID_CALL_RULE = "MI-041"
FREE_QUOTA_RULE = "MI-042"

# A web address: optional scheme, dotted host, optional path. Bare hosts ("bit.ly/x") count only
# with a known top-level domain, so "Jl.Sudirman" or "dr.Budi" are not taken for links.
_URL = re.compile(
    r"(?i)(?<![\w@.])(?P<scheme>https?://)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?P<tld>[a-z]{2,24}))(?![\w-])(?::\d{2,5})?(?P<path>/[^\s<>\"'()\[\]]*)?"
)
_KNOWN_TLDS = frozenset((
    "com", "net", "org", "info", "biz", "id", "co", "io", "me", "ly", "gl", "gd", "at", "to", "cc",
    "tk", "ml", "ga", "cf", "gq", "xyz", "top", "site", "online", "club", "shop", "store", "live",
    "link", "click", "icu", "buzz", "vip", "fun", "space", "website", "app", "dev", "page", "asia",
    "web", "my", "pw", "ee", "cyou", "cfd", "sbs", "monster", "rest", "us", "uk", "in", "sg",
))  # fmt: skip
_URL_WORD = re.compile(r"[a-z]+")
# Every web address has a letter or digit, a dot and a letter in a row (`bit.ly`, `x.go.id`);
# most posts have none, and this scan costs a fraction of `_URL`'s.
_HOST_DOT = re.compile(r"[a-zA-Z0-9]\.[a-zA-Z]")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)|\n+")
_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset((
    "yang", "di", "ke", "dari", "dan", "ini", "itu", "akan", "untuk", "dengan", "ada", "adalah",
    "pada", "dalam", "bisa", "sudah", "juga", "karena", "oleh", "atau", "para", "saja", "ya",
    "kita", "kami", "anda", "kamu", "dia", "mereka", "tersebut", "bahwa", "agar", "jadi", "telah",
    "sebagai", "lebih", "tak", "tidak", "belum", "bagi", "atas", "hingga", "sampai", "serta", "pun",
    "lagi", "nya",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Link:
    """A web address in the post: its span in the original text and how risky its host is."""

    start: int
    end: int
    host: str
    kind: str  # official | shortener | risky | impersonation | aid_host | other
    aid_words: bool  # the address itself names aid or a ministry (s.id/bansos-kemensos)


class MisinformationDetector(RuleDetector):
    name = "misinformation"
    category = "misinformation"

    def __init__(
        self,
        rulebook: Rulebook,
        normalizer: Normalizer,
        claim_matcher: ClaimMatcher | None = None,
    ) -> None:
        # Not RuleDetector.__init__: the matcher also carries this detector's signals, so that
        # rules and signals come out of one automaton pass.
        Detector.__init__(self, rulebook, normalizer)
        rules = self.rule_file.rules if self.rule_file else []
        settings = self.settings
        self.matcher = RuleMatcher(
            rules, rulebook.lexicons, normalizer, signals=settings.get("signals", {})
        )
        #: The fact-check knowledge base; the engine sets it when one is configured.
        self.claim_matcher: ClaimMatcher | None = claim_matcher
        self._suppressed_by = {
            signal: set(ids) for signal, ids in (settings.get("suppressed_by") or {}).items()
        }
        self._url_is_source = set(settings.get("url_is_source") or ())
        self._escalate: dict[str, tuple[set[str], Severity]] = {
            rule_id: (set(spec.get("signals", ())), Severity(spec.get("severity", "high")))
            for rule_id, spec in (settings.get("escalate") or {}).items()
        }
        self._bonus = float(settings.get("combination_bonus", 0.1))
        self._cap = float(settings.get("combination_cap", 0.95))
        self._link_distance = int(settings.get("link_distance", 300))
        self._link_call_window = int(settings.get("link_call_window", 15))
        self._official = tuple(d.lower() for d in settings.get("official_domains") or ())
        self._shorteners = frozenset(d.lower() for d in settings.get("shorteners") or ())
        self._risky_hosts = tuple(d.lower() for d in settings.get("risky_hosts") or ())
        self._risky_tlds = frozenset(t.lower() for t in settings.get("risky_tlds") or ())
        self._impersonated = frozenset(w.lower() for w in settings.get("impersonated") or ())
        self._aid_host_words = frozenset(w.lower() for w in settings.get("aid_host_words") or ())
        self._claim_top_k = int(settings.get("claim_top_k", 3))
        self._false_verdicts = frozenset(v.lower() for v in settings.get("false_verdicts") or ())
        self._true_verdicts = frozenset(v.lower() for v in settings.get("true_verdicts") or ())
        self._claim_message_false: str | None = settings.get("claim_message_false")
        self.claim_rule = self._build_claim_rule(settings.get("claim_rule"))
        self._claim_failed = False

    def _build_claim_rule(self, data: dict | None) -> Rule | None:
        if not data:
            return None
        rule = Rule.model_validate(data)
        unknown = [r for r in rule.regulations if r not in self.rulebook.regulations]
        if unknown:
            raise RulebookError(f"{rule.id}: regulasi tidak ada di regulations.yaml: {unknown}")
        return rule

    # -- the pass over one post -----------------------------------------------------------------
    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        scan = self.matcher.scan(doc)
        if self._is_debunk(scan):
            return []
        findings: list[Finding] = []
        links: list[Link] | None = None
        for firing in scan.firings:
            rule = firing.rule
            if not self.applies(rule, ctx) or self._suppressed(rule.id, scan):
                continue
            if rule.id in self._url_is_source or rule.id == FREE_QUOTA_RULE:
                links = self._links(doc) if links is None else links
                if rule.id in self._url_is_source and links:
                    continue
                if rule.id == FREE_QUOTA_RULE and _only_official(links):
                    continue
            findings.append(self._cue_finding(firing, doc, ctx, scan))
        if not self._suppressed(FAKE_LINK_RULE, scan) and (scan.has("aid") or "." in doc.clean):
            links = self._links(doc) if links is None else links
            findings.extend(self._aid_findings(doc, ctx, scan, links))
        self._combine(findings)
        findings.extend(self._claim_findings(doc, ctx))
        return findings

    def _is_debunk(self, scan: Scan) -> bool:
        negated = scan.hits("not_debunk")
        return any(
            not any(n.first <= d.first and d.last <= n.last for n in negated)
            for d in scan.hits("debunk")
        )

    def _suppressed(self, rule_id: str, scan: Scan) -> bool:
        return any(
            rule_id in ids and scan.has(signal) for signal, ids in self._suppressed_by.items()
        )

    def _cue_finding(self, firing: Firing, doc: Document, ctx: Context, scan: Scan) -> Finding:
        finding = self.finding_for(firing, doc, ctx)
        escalation = self._escalate.get(firing.rule.id)
        if escalation is not None:
            signals, severity = escalation
            if any(scan.has(s) for s in signals) and severity.rank > finding.severity.rank:
                finding.severity = severity
        return finding

    def _combine(self, findings: list[Finding]) -> None:
        """Several distinct cues in one post make each of them more credible."""
        distinct = {f.rule_id for f in findings}
        if len(distinct) < 2:
            return
        bonus = self._bonus * (len(distinct) - 1)
        for f in findings:
            f.confidence = min(self._cap, max(f.confidence, f.confidence + bonus))

    # -- MI-040 / MI-041: aid and links ---------------------------------------------------------
    def _links(self, doc: Document) -> list[Link]:
        links: list[Link] = []
        if _HOST_DOT.search(doc.clean) is None:
            return links
        for m in _URL.finditer(doc.clean):
            tld = m.group("tld").lower()
            if not m.group("scheme") and tld not in _KNOWN_TLDS:
                continue
            host = m.group("host").lower().removeprefix("www.")
            words = set(_URL_WORD.findall(f"{host} {(m.group('path') or '').lower()}"))
            aid_words = bool(words & (self._aid_host_words | self._impersonated))
            start, end = doc.clean_to_original(m.start(), m.end())
            links.append(Link(start, end, host, self._classify(host, tld), aid_words))
        return links

    def _classify(self, host: str, tld: str) -> str:
        """How far a host can be trusted, from official down to imitating an official name."""
        if any(host == d.lstrip(".") or host.endswith(d if d.startswith(".") else "." + d)
               for d in self._official):  # fmt: skip
            return "official"
        if host in self._shorteners:
            return "shortener"
        labels = set(_URL_WORD.findall(host))
        if labels & self._impersonated:  # bri-umkm-gratis.com, subsidi-pln.my.id
            return "impersonation"
        if tld in self._risky_tlds or any(host == h or host.endswith("." + h)
                                           for h in self._risky_hosts):  # fmt: skip
            return "risky"
        if labels & self._aid_host_words:  # thr-asn.com, bansos2024.com
            return "aid_host"
        return "other"

    def _aid_findings(
        self, doc: Document, ctx: Context, scan: Scan, links: list[Link]
    ) -> list[Finding]:
        aid = scan.hits("aid")
        suspicious = [
            lk for lk in links
            if lk.kind == "impersonation"
            or (lk.kind in ("shortener", "risky", "aid_host")
                and (lk.aid_words or self._nearest_aid(doc, aid, lk) is not None))
        ]  # fmt: skip
        if suspicious:
            rule = self.rules.get(FAKE_LINK_RULE)
            if rule is None or not self.applies(rule, ctx):
                return []
            return [self._fake_link_finding(rule, doc, ctx, aid, lk) for lk in suspicious]
        if links or not aid:  # any link names where the post comes from; no aid, no MI-041
            return []
        rule = self.rules.get(AID_CALL_RULE)
        if rule is None or not self.applies(rule, ctx):
            return []
        calls = scan.hits("link_call")
        for a in aid:
            call = min(calls, key=lambda c, a=a: abs(c.first - a.first), default=None)
            if call is None:
                continue
            first, last = min(a.first, call.first), max(a.last, call.last)
            if last - first > self._link_call_window:
                continue
            start, end = doc.token_span(first, last)
            return [self.make_finding(rule, doc, start, end, ctx)]
        return []

    def _nearest_aid(self, doc: Document, aid: list[Hit], link: Link) -> Hit | None:
        best, best_gap = None, self._link_distance + 1
        for a in aid:
            start, end = doc.token_span(a.first, a.last)
            gap = link.start - end if end <= link.start else start - link.end
            if link.start <= start < link.end:  # an aid word inside the URL itself (s.id/bansos)
                gap = 0
            if gap < best_gap:
                best, best_gap = a, gap
        return best

    def _fake_link_finding(
        self, rule: Rule, doc: Document, ctx: Context, aid: list[Hit], link: Link
    ) -> Finding:
        span_start, span_end = link.start, link.end
        nearest = self._nearest_aid(doc, aid, link)
        if nearest is not None:  # the span reaches from the aid words to the link
            start, end = doc.token_span(nearest.first, nearest.last)
            span_start, span_end = min(start, link.start), max(end, link.end)
        severity = None
        if ctx.account == "institutional" and link.kind == "shortener":
            # An agency's own short link is bad practice (citizens cannot tell it from a scam),
            # not a scam: review rather than high risk.
            severity = Severity.MEDIUM
        return self.make_finding(
            rule, doc, span_start, span_end, ctx, labels=[link.host], severity=severity,
            extra={"host": link.host, "link_kind": link.kind},
        )  # fmt: skip

    # -- MI-100: known claims from the fact-check knowledge base --------------------------------
    def _claim_findings(self, doc: Document, ctx: Context) -> list[Finding]:
        if self.claim_matcher is None or self.claim_rule is None or not doc.check_claims:
            return []
        if not self.applies(self.claim_rule, ctx):
            return []
        try:
            matches = self.claim_matcher.match(doc.text, top_k=self._claim_top_k)
        except Exception:  # a broken knowledge base must not stop the other detectors
            if not self._claim_failed:
                log.exception("claim matcher failed; continuing without fact-check matches")
                self._claim_failed = True
            return []
        findings: list[Finding] = []
        seen: set[str] = set()
        sentences: list[tuple[int, int]] | None = None
        for match in matches:
            verdict = match.verdict.strip().lower()
            if match.claim_id in seen or verdict in self._true_verdicts:
                continue
            seen.add(match.claim_id)
            sentences = _sentences(doc.text) if sentences is None else sentences
            start, end = self._claim_span(doc, match, sentences)
            findings.append(self._claim_finding(doc, ctx, match, verdict, start, end))
        return findings

    def _claim_finding(
        self, doc: Document, ctx: Context, match: ClaimMatch, verdict: str, start: int, end: int
    ) -> Finding:
        rule = self.claim_rule
        assert rule is not None
        is_false = verdict in self._false_verdicts
        # A confident match to a debunked claim is high. A weaker resemblance is only a note
        # (low: it does not change the verdict): an official post on exactly the topic a hoax
        # distorts ("aktivasi KTP-el", "imunisasi polio") resembles the hoax without repeating it.
        if match.confident:
            severity = Severity.HIGH if is_false else Severity.MEDIUM
        else:
            severity = Severity.LOW
        template = self._claim_message_false if is_false and self._claim_message_false else None
        fields = {
            "claim": _shorten(match.claim, 160),
            "verdict": match.verdict.strip(),
            "publisher": f", {match.publisher}" if match.publisher else "",
            "url": match.source_url,
        }
        message = (template or rule.message).format_map(_Default(fields)).strip()
        return self.make_finding(
            rule, doc, start, end, ctx,
            confidence=max(0.0, min(1.0, float(match.score))),
            severity=severity,
            message=message.replace("{", "{{").replace("}", "}}"),
            entity=None,
            extra={"claim_id": match.claim_id, "verdict": match.verdict,
                   "source_url": match.source_url, "score": match.score},
        )  # fmt: skip

    def _claim_span(
        self, doc: Document, match: ClaimMatch, sentences: list[tuple[int, int]]
    ) -> tuple[int, int]:
        """The sentence(s) of the post that carry the claim; the whole post if it is one."""
        if len(sentences) <= 1:
            return sentences[0] if sentences else _trimmed(doc.text, 0, len(doc.text))
        claim_words = self._content_words(match.claim)
        scores = [_coverage(claim_words, self._content_words(doc.text[s:e])) for s, e in sentences]
        if max(scores) == 0.0:
            scores = self._semantic_scores(doc, match, sentences)
        best = max(range(len(sentences)), key=lambda i: scores[i])
        first = last = best
        covered = self._content_words(doc.text[slice(*sentences[best])]) & claim_words
        # Extend to neighbours that carry more of the claim (a claim split over two sentences).
        for step in (-1, 1):
            i = best + step
            while 0 <= i < len(sentences) and claim_words:
                words = self._content_words(doc.text[slice(*sentences[i])]) & claim_words
                if len(words - covered) / len(claim_words) < 0.15:
                    break
                covered |= words
                first, last = min(first, i), max(last, i)
                i += step
        return sentences[first][0], sentences[last][1]

    def _semantic_scores(
        self, doc: Document, match: ClaimMatch, sentences: list[tuple[int, int]]
    ) -> list[float]:
        """No shared words: ask the matcher about each sentence (rare, and capped)."""
        assert self.claim_matcher is not None
        scores = [0.0] * len(sentences)
        for i, (s, e) in enumerate(sentences[:12]):
            try:
                found = self.claim_matcher.match(doc.text[s:e], top_k=self._claim_top_k)
            except Exception:
                return scores
            scores[i] = max((m.score for m in found if m.claim_id == match.claim_id), default=0.0)
        return scores

    def _content_words(self, text: str) -> set[str]:
        words = self.normalizer.phrase(text).split()
        return {w for w in words if w not in _STOPWORDS and len(w) > 1}


def _only_official(links: list[Link]) -> bool:
    return bool(links) and all(lk.kind == "official" for lk in links)


def _coverage(claim: set[str], sentence: set[str]) -> float:
    return len(claim & sentence) / len(claim) if claim else 0.0


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the original text, trimmed of surrounding space; empty ones dropped."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append(_trimmed(text, pos, m.end()))
        pos = m.end()
    spans.append(_trimmed(text, pos, len(text)))
    return [(s, e) for s, e in spans if e > s and _WORD.search(text, s, e)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
