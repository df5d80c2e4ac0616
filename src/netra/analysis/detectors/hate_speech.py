"""Hate speech (SARA, UU ITE Pasal 28 ayat (2)): hostility against a group, not against a person.

A group is named (rules/lexicons/hate_group.yaml: religions, ethnicities, gender and sexual
minorities, disability), and something is done to it:

- incitement (`HS-INCITEMENT`, strong, high): a call for violence or expulsion — imperatives and
  modal forms only ("usir", "harus dibasmi", "bakar gereja"), never the nouns and past forms news
  uses ("pembakaran gereja", "massa membakar"); `HS-EXPULSION` catches the same call when the
  group was named earlier in the post ("Cina2 itu … Usir aja dari Indonesia!");
- dehumanising insult (`HS-DEHUMANIZING`, moderate, high): the group glued to an animal, filth
  or a curse word ("cina babi", "Papua 🐒", "kafir bangsat");
- slurs (`HS-SLUR`, moderate): words that are themselves contempt for a group ("cokin", "aseng"),
  and a group's name used as a swear word (`HS-GROUP-INSULT`: "Dasar Ambon, …");
- "kafir" as a brand (`HS-KAFIR`, moderate, medium): "dasar kafir", "pemimpin kafir" — not the
  theological term in tafsir, hadith or history ("kafir Quraisy"), which is left alone;
- contempt and stereotype (`HS-CONTEMPT`, weak, medium): "agama sesat", "perempuan tidak pantas
  memimpin", "orang cacat beban negara".

Checks in code keep the lexicon honest: the attack must be in the same sentence as the group, not
negated ("jangan usir", "tidak ada agama yang sesat"), not counter-speech or news (`unless`
terms in hate_counter: "mengecam", "ditangkap", "kerukunan"), and a country name in trade news
("ekspor ke China", "produk dari China") is not an ethnic group. Findings keep `entity` null
(the contract reserves it for personal data); the target and strength go into the message and
`extra` (`target` in religion/race/gender/physical/other, `strength` in weak/moderate/strong,
`group`).
"""

from __future__ import annotations

from typing import Any

from netra.analysis.context import Context
from netra.analysis.detectors.cues import (
    NEGATIONS,
    followed_by_break,
    negated,
    norms,
    same_sentence,
)
from netra.analysis.detectors.evidence import (
    Evidence,
    EvidenceDetector,
    ModelOutput,
    locate,
    near,
)
from netra.analysis.detectors.learned import (
    attach_classifier,
    classifier_setting,
    extra_rule,
    gather_with_scan,
)
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, Hit, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook

TARGETS = ("religion", "race", "gender", "physical", "other")
STRENGTHS = ("weak", "moderate", "strong")
# Words before "Cina"/"Arab" that make it the country, not the people.
_COUNTRY_CUES = frozenset(
    {
        "dari",
        "ke",
        "negara",
        "negeri",
        "pemerintah",
        "asal",
        "buatan",
        "produk",
        "impor",
        "ekspor",
        "investasi",
        "investor",
        "perusahaan",
        "presiden",
        "kedutaan",
        "dubes",
        "duta",
        "bank",
        "pasar",
        "mata",
        "uang",
        "timnas",
        "tim",
        "melawan",
        "vs",
        "lawan",
        "kapal",
        "tiongkok",
    }
)


# Negations that deny an attribute ("bukan penjajah"), as opposed to "jangan" (an imperative).
_DENIALS = frozenset({"tidak", "bukan", "tak", "bukanlah", "tiada", "belum"})
# Words that may join a generic group word to its attack ("agama mereka itu sesat").
_LINKS = frozenset({"itu", "ini", "yang", "mereka", "kalian", "memang", "jelas", "adalah"})


def _token_range(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The tokens covering an original-text span (first, last)."""
    inside = [i for i, t in enumerate(doc.tokens) if t.start < end and start < t.end]
    return (inside[0], inside[-1]) if inside else (0, len(doc.tokens) - 1)


def _fill(message: str, **fields: str) -> str:
    """Fill our own placeholders, leaving `{text}` & co. for `make_finding`."""
    for key, value in fields.items():
        message = message.replace("{" + key + "}", value)
    return message


class HateSpeechDetector(EvidenceDetector):
    name = "hate_speech"
    category = "hate_speech"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        self.targets: dict[str, str] = {t: t for t in TARGETS}
        self.targets.update(self.settings.get("targets") or {})
        self.strengths: dict[str, str] = {s: s for s in STRENGTHS}
        self.strengths.update(self.settings.get("strengths") or {})
        # Targets a model-only finding may name: SARA groups. The Ibrohim data's `other` target
        # covers political camps and institutions, which are not hate speech in Netra's sense.
        self.model_targets = frozenset(
            classifier_setting(self, "report_targets", ("religion", "race", "gender", "physical"))
        )
        # A named group plus P(HS) at least this high is hate speech even when no attack word is
        # known to the lexicon (settings.classifier.group_above; above 1: off).
        self.group_above = float(classifier_setting(self, "group_above", 1.01))
        self.group_rule = extra_rule(classifier_setting(self, "group_rule", None), rulebook)
        self.model_rule_ids = frozenset(
            r.id for r in (self.policy.rule, self.group_rule) if r is not None
        )
        attach_classifier(self)

    def _evidence(
        self,
        firing: Firing,
        first: int,
        last: int,
        target: str,
        group: str | None,
        severity: Severity | None = None,
    ) -> Evidence:
        strength = self.options(firing.rule).get("strength", "weak")
        message = _fill(
            firing.rule.message,
            target=self.targets.get(target, target),
            group=group or self.targets.get(target, target),
        )
        return self.plain(
            firing,
            first=first,
            last=last,
            message=message,
            severity=severity,
            extra={"target": target, "strength": strength, "group": group},
        )

    def _country_sense(self, doc: Document, group: Hit) -> bool:
        return (
            bool(group.attr("country"))
            and group.first > 0
            and (doc.tokens[group.first - 1].norm in _COUNTRY_CUES)
        )

    # -- checks named in hate_speech.yaml ---------------------------------------------------------
    def check_group_attack(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """A group plus an attack on it (incitement, dehumanising insult, or contempt)."""
        group = next((h for h in firing.hits if h.attr("target")), None)
        attack = next((h for h in firing.hits if h is not group), None)
        if group is None or attack is None:
            return None
        if attack.first <= group.last and group.first <= attack.last:
            return None  # one word read twice ("kafir" as group and as insult)
        first, last = min(group.first, attack.first), max(group.last, attack.last)
        if not same_sentence(doc, first, last) or self._country_sense(doc, group):
            return None
        if group.attr("generic") and not (
            group.last < attack.first
            and all(t in _LINKS for t in norms(doc, group.last + 1, attack.first - 1))
        ):
            return None  # "agama sesat", not "orang bodoh soal agama"
        attack_starts_negative = doc.tokens[attack.first].norm in NEGATIONS
        reach = attack.first - first + 2
        # "jangan usir" cancels a call to violence; "jangan nyusahin" is still contempt.
        words = NEGATIONS if firing.rule.id == "HS-INCITEMENT" else _DENIALS
        if not attack_starts_negative and negated(doc, attack.first, reach, first - 2, words):
            return None  # "jangan usir", "tidak ada agama yang sesat", "bukan babi"
        opts = self.options(firing.rule)
        if opts.get("literal_guard") and near(scan, "literal_context", first, last, 3, 3):
            return None  # "masakan cina pakai babi"
        if opts.get("needs_break") and not followed_by_break(doc, group.last):
            return None  # "Dasar Ambon, ..." is a taunt; "dasar Islam adalah tauhid" is not
        return self._evidence(firing, first, last, str(group.attr("target")), group.label)

    def check_expulsion(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """'usir aja dari Indonesia!', 'kita usir mereka': the group is named elsewhere."""
        hit = firing.hits[0]
        if negated(doc, hit.first, 2):
            return None
        groups = [g for g in scan.hits("group") if not self._country_sense(doc, g)]
        if not groups:
            return None
        before = [g for g in groups if g.last < hit.first]
        group = max(before, key=lambda g: g.last) if before else min(groups, key=lambda g: g.first)
        return self._evidence(firing, hit.first, hit.last, str(group.attr("target")), group.label)

    def check_slur(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        hit = firing.hits[0]
        if negated(doc, hit.first, 2):
            return None
        severity = hit.attr("severity")
        return self._evidence(
            firing,
            hit.first,
            hit.last,
            str(hit.attr("target", "other")),
            hit.label,
            severity=Severity(severity) if severity else None,
        )

    def check_kafir(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """'kafir' as a brand ('dasar kafir', 'pemimpin kafir'), not as a theological term."""
        frame, word = firing.hits
        first, last = min(frame.first, word.first), max(frame.last, word.last)
        if not same_sentence(doc, first, last) or negated(doc, word.first, 1):
            return None  # "dia bukan kafir"
        if near(scan, "study", first, last, 8, 8):
            return None
        return self._evidence(firing, first, last, "religion", None)

    # -- model seam -------------------------------------------------------------------------------
    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        """`EvidenceDetector.detect`, plus the model's routes that need the lexicon's scan.

        A finding the model makes (alone, or with a named group) is dropped where the lexicon has
        already judged the words innocent: the attack word the model blames most is negated
        ("jangan usir warga Tionghoa"), or counter-speech or religious study is nearby.
        """
        scan, evidence = gather_with_scan(self, doc, ctx)
        output = self.model.predict(doc) if self.model is not None and doc.tokens else None
        findings = self.decide(doc, ctx, evidence, output)
        if output is None:
            return findings
        if not findings:
            named = self._named_group(doc, ctx, scan, output)
            if named is not None:
                findings.append(named)
        return [f for f in findings if self._model_may_report(doc, scan, f, output)]

    def _model_may_report(
        self, doc: Document, scan: Scan, finding: Finding, output: ModelOutput
    ) -> bool:
        if finding.rule_id not in self.model_rule_ids:
            return True  # a lexicon finding
        first, last = _token_range(doc, finding.start, finding.end)
        scores = output.token_scores
        if scores and len(scores) == len(doc.tokens) and max(scores) > 0:
            top = max(range(len(scores)), key=scores.__getitem__)
            for hit in scan.hits("attack"):
                if hit.first <= top <= hit.last and negated(doc, hit.first, 2):
                    return False  # the attack word the model blames is negated: "jangan usir"
        return not (
            near(scan, "counter", first, last, 8, 8) or near(scan, "study", first, last, 8, 8)
        )

    def decide(
        self,
        doc: Document,
        ctx: Context,
        evidence: list[Evidence],
        output: ModelOutput | None,
    ) -> list[Finding]:
        """`EvidenceDetector.decide`, except that the model alone reports only SARA targets."""
        findings = super().decide(doc, ctx, evidence, output)
        if output is None:
            return findings
        return [
            f
            for f in findings
            if f.extra.get("evidence") != "model" or f.extra.get("target") in self.model_targets
        ]

    def _named_group(
        self, doc: Document, ctx: Context, scan: Scan, output: ModelOutput
    ) -> Finding | None:
        """A group the lexicon knows is named and the model reads the post as hate speech.

        Catches hostility worded in ways no attack list foresees ("ga usah dilayani bikin KTP",
        "memang begitu semua") while a neutral mention of the same group stays unflagged: the
        model must score P(HS) ≥ `group_above` and name a SARA target, and counter-speech or
        religious study nearby cancels.
        """
        rule = self.group_rule or self.policy.rule
        p = float(output.labels.get("hate:any", 0.0))
        if rule is None or p < self.group_above:
            return None
        if output.best("target", "other") not in self.model_targets:
            return None
        groups = [g for g in scan.hits("group") if not self._country_sense(doc, g)]
        if not groups:
            return None
        first, last = locate(output.token_scores, len(doc.tokens), self.policy.span_fraction)
        group = min(groups, key=lambda g: min(abs(g.first - last), abs(g.last - first)))
        if same_sentence(doc, min(first, group.first), max(last, group.last)):
            first, last = min(first, group.first), max(last, group.last)
        target = str(group.attr("target") or output.best("target", "other"))
        strength = output.best("strength", "weak")
        message = _fill(
            rule.message,
            target=self.targets.get(target, target),
            strength=self.strengths.get(strength, strength),
            group=group.label or self.targets.get(target, target),
        )
        start, end = doc.token_span(first, last)
        extra = {
            "target": target,
            "strength": strength,
            "group": group.label,
            "evidence": "lexicon+model",
            "model_probability": round(p, 4),
        }
        return self.make_finding(
            rule,
            doc,
            start,
            end,
            ctx,
            confidence=p,
            severity=Severity.HIGH if strength == "strong" else Severity.MEDIUM,
            message=message,
            entity=target,
            extra=extra,
        )

    def model_details(
        self, output: ModelOutput, rule: Rule
    ) -> tuple[Severity | None, str | None, dict[str, Any]]:
        target = output.best("target", "other")
        strength = output.best("strength", "weak")
        severity = Severity.HIGH if strength == "strong" else Severity.MEDIUM
        message = _fill(
            rule.message,
            target=self.targets.get(target, target),
            strength=self.strengths.get(strength, strength),
        )
        return severity, message, {"target": target, "strength": strength, "group": None}
