"""Detector for `political_neutrality`: an ASN taking sides in an election (rules in YAML).

The YAML rules say which words must co-occur ("coblos" before a ballot number, a party name next
to "kader"). What a co-occurrence rule cannot see is decided here, per firing, from the context
signals found in the same automaton pass (`settings.signals` of the rule file):

- an ambiguous name counts only in an election setting: "banteng" the animal, "beringin" the tree,
  "PBB" the United Nations or the land tax, "AMIN" versus the prayer "amin/aamiin";
- a name after an office title ("Presiden Prabowo meresmikan…") is an office holder at work unless
  a campaign cue is near ("Bupati Hendra dua periode");
- a meN- verb is a call only with a first-person or hortative word before it ("saya memilih…",
  "ayo mendukung…"); "Golkar mendukung Prabowo" is news;
- a post that lists every pair with "siapa pun"/"bebas" is neutral information;
- a post about a violation ("dilarang", "sanksi", "survei", "hoaks") is not itself a violation;
- a zero-padded number next to TPS/RT/RW, a time or a date is not a ballot number.

Campaign hashtags are judged here in code (PN-HASHTAG-01): a hashtag naming a candidate, party
or number together with a year, an office, a slogan or a campaign word, or an unknown name with
an office and a year (`#HendraBupati2024`).

Institutional accounts: every neutrality finding on an institutional account is raised one
severity level and says why. An official account is a state facility (PP 94/2021 Pasal 5 huruf n
angka 4), so even a slogan there is a serious breach, and the office, not only one employee, is
exposed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ahocorasick

from netra.analysis.context import Context
from netra.analysis.detectors.base import Detector, RuleDetector
from netra.analysis.detectors.political_post import (
    DIGITS,
    HONORIFICS,
    NAME_FILLER,
    NEGATION_BEFORE_VERB,
    SUBJECT_FILLER,
    PostView,
    hashtag_spans,
    longest,
    number_value,
    plausible_ballot_number,
)
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, Hit, RuleMatcher, TermIndex
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook

_YEAR = re.compile(r"20\d\d")
_COMMON_WORD = 20  # wordfreq count from which a capitalised word is an everyday word, not a name
# Signals whose words are never the name of an unknown candidate.
_NOT_NAMES = ("title", "office", "subject", "election", "neutral", "meta", "slogan")

# Events that are campaign events whoever holds them.
_CAMPAIGN_EVENTS = frozenset(
    ["kampanye akbar", "konser kampanye", "konsolidasi pemenangan", "apel pemenangan",
     "acara partai", "rapat partai"]
)  # fmt: skip

# A judge returns None (reject), the display name of what the post supports, or that name with
# a corrected word range (first, last).
Verdict = str | tuple[str, int, int] | None
Judge = Callable[[Firing, PostView, Context], Verdict]


_PARTY_WORDS = frozenset(["partai", "parpol"])
_OWN = frozenset(["kita", "kami", "saya", "aku", "gue", "gw"])
# A call for a pair the lexicons do not know ("dukung pasangan Hendra-Wijaya"): the pair is
# evidence enough to run the rules on a post without any other political word.
_PAIRED_CALL = re.compile(
    r"\b(?:[Dd]ukung|[Pp]ilih|[Cc]oblos|[Mm]endukung|[Mm]emilih|suara kepada|suara untuk)"
    r"\s+(?:pasangan|paslon|calon)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[-–&]\s*[A-Z][a-z]+"
)
_CALL_FILLER = NAME_FILLER | {"yang", "si", "pasangan", "paslon", "calon"}
# Offices filled by a public election ("terpilih jadi bupati"), unlike "ketua PKK".
_ELECTED_OFFICES = (
    "bupati", "gubernur", "walikota", "wali kota", "presiden", "wapres", "kades", "kepala desa",
    "kepala daerah", "dprd", "dpr", "anggota dewan", "legislatif",
)  # fmt: skip
# Words that make a following "menang"/"terpilih" a hope or a cheer, not a reported result.
_WISH_WORDS = frozenset([
    "semoga", "moga", "mudah", "insyaallah", "insya", "aamiin", "amin", "pasti", "harus", "wajib",
    "ayo", "yuk", "doakan", "mendoakan",
])  # fmt: skip


def _own_party_after(post: PostView, hit: Hit) -> int | None:
    """Last token of "(dari) partai kita/kami/saya" within three words after `hit`, if any."""
    norms = post.norms
    for j in range(hit.last + 1, min(hit.last + 4, len(norms) - 1)):
        if norms[j] in _PARTY_WORDS and norms[j + 1] in _OWN:
            return j + 1
    return None


class PoliticalNeutralityDetector(RuleDetector):
    name = "political_neutrality"
    category = "political_neutrality"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        # Not RuleDetector.__init__: the matcher is built once, with signals and ordered rules.
        Detector.__init__(self, rulebook, normalizer)
        settings = self.settings
        rules = self.rule_file.rules if self.rule_file else []
        self.matcher = RuleMatcher(
            rules,
            rulebook.lexicons,
            normalizer,
            signals=settings.get("signals") or {},
            ordered=settings.get("ordered") or (),
        )
        self._triggers = TermIndex(normalizer)
        for term in settings.get("triggers") or ():
            if term.startswith("@"):
                self._triggers.add_lexicon("trigger", rulebook.lexicons[term[1:]])
            else:
                self._triggers.add("trigger", term)
        self._triggers.build()
        self._use_triggers = bool(settings.get("triggers"))
        self.messages: dict[str, str] = {
            k: " ".join(str(v).split()) for k, v in (settings.get("messages") or {}).items()
        }
        self._judges: dict[str, Judge] = {
            "PN-VOTE-01": self._vote_entity,
            "PN-VOTE-02": self._vote_number,
            "PN-VOTE-03": self._vote_after,
            "PN-VOTE-04": self._vote_named,
            "PN-VOTE-05": self._promotion,
            "PN-VOTE-06": self._vote_unknown,
            "PN-SHARE-01": self._share,
            "PN-SUPPORT-05": self._incumbent,
            "PN-SUPPORT-03": self._number_cheer,
            "PN-SUPPORT-04": self._vote_promise,
            "PN-SUPPORT-01": self._support,
            "PN-SUPPORT-06": self._wish_named,
            "PN-SUPPORT-02": self._declared_side,
            "PN-OPPOSE-01": self._target_statement,
            "PN-SLOGAN-01": self._slogan,
            "PN-GESTURE-01": self._salute,
            "PN-GESTURE-02": self._target_statement,
            "PN-TEAM-01": self._team,
            "PN-TEAM-02": self._volunteers,
            "PN-MERCH-01": self._merchandise,
            "PN-ATTEND-01": self._attendance,
            "PN-PARTY-01": self._membership,
            "PN-CANDIDACY-01": self._candidacy,
            "PN-MOBILISE-01": self._mobilisation,
            "PN-MOBILISE-02": self._mobilisation,
            "PN-MOBILISE-03": self._mobilisation,
            "PN-MOBILISE-04": self._mobilisation,
            "PN-MOBILISE-05": self._support_collection,
        }
        self._vocabulary = normalizer.vocabulary
        self._squashed_slogans = _SloganIndex(_squashed_slogans(rulebook, normalizer))

    # -- entry point ------------------------------------------------------------------------------
    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        tagged = doc.has_hashtag
        if (
            self._use_triggers
            and not tagged
            and not self._triggered(doc)
            and not _PAIRED_CALL.search(doc.text)
        ):
            return []  # nothing political in the post: skip the rules (see `triggers`)
        scan = self.matcher.scan(doc)
        if not scan.firings and not tagged:
            return []
        post = PostView(doc, scan)
        findings: list[Finding] = []
        for firing in scan.firings:
            if not self.applies(firing.rule, ctx):
                continue
            judge = self._judges.get(firing.rule.id)
            entity = judge(firing, post, ctx) if judge else post.original(firing.first, firing.last)
            if entity is None:
                continue
            first, last = firing.first, firing.last
            if isinstance(entity, tuple):
                entity, first, last = entity
            start, end = doc.token_span(first, last)
            message = None
            if firing.rule.id in ("PN-VOTE-01", "PN-VOTE-02") and self._opposes(firing, post):
                message = self.messages.get("oppose")
            findings.append(self._finding(firing.rule, doc, start, end, ctx, entity, message))
        findings.extend(self._hashtag_findings(post, ctx))
        return findings

    def _triggered(self, doc: Document) -> bool:
        """Whether the post has a political word that is not merely a look-alike.

        Skipped: names that are everyday words ("PBB", "banteng"), slogans that count only in
        hashtags ("perubahan", "amin"), look-alikes ("Garuda Indonesia"), and zero-padded
        numbers that are times, dates or RT/TPS numbers ("jam 08.00", "RT 02").
        """
        hits = self._triggers.find(doc).get("trigger", ())
        for hit in longest(list(hits)):
            if hit.attr("ambiguous") or hit.attr("kind") == "lookalike":
                continue
            if hit.attr("strength") == "hashtag":
                continue
            if hit.attr("form") == "padded" and not plausible_ballot_number(doc, hit):
                continue
            return True
        return False

    def _finding(
        self,
        rule: Rule,
        doc: Document,
        start: int,
        end: int,
        ctx: Context,
        entity: str,
        message: str | None = None,
    ) -> Finding:
        severity = Severity(rule.severity).raised() if ctx.account == "institutional" else None
        finding = self.make_finding(
            rule, doc, start, end, ctx, labels=[entity], message=message, severity=severity
        )
        if ctx.account == "institutional":
            note = self.messages.get("institutional")
            if note:
                finding.message += " " + note
            if "permenpan-83-2012" not in finding.rules:
                finding.rules.append("permenpan-83-2012")
        return finding

    # -- entity and number checks -----------------------------------------------------------------
    def _entity_ok(
        self, hit: Hit, post: PostView, *, strong: bool = False, called: bool = False
    ) -> bool:
        """Whether a party/candidate mention counts here (see the module docstring).

        `strong`: a voting-only word is next to it ("coblos banteng"). `called`: the firing is
        itself a call or a cheer ("pilih AMIN"), which is context enough for "AMIN".
        """
        if hit.attr("needs_context") and not self._amin_ok(hit, post, strong=strong or called):
            return False
        if hit.attr("ambiguous") and not (
            strong
            or post.near("election", hit.first, hit.last, 8)
            or post.near("number", hit.first, hit.last, 4)
        ):
            return False
        # "Presiden Prabowo meresmikan…": an office holder at work, unless a campaign cue is near.
        return strong or not post.titled(hit) or post.campaign_cue(hit.first, hit.last)

    def _amin_ok(self, hit: Hit, post: PostView, *, strong: bool) -> bool:
        """ "AMIN" the pair, not "amin/aamiin/AAMIIN" the prayer or Ma'ruf Amin."""
        letters = re.sub(r"[^A-Za-z]", "", post.original(hit.first, hit.last))
        if not letters.startswith("AMIN") or letters.startswith("AMINN"):
            return False
        if hit.first > 0 and post.norms[hit.first - 1] in ("ma'ruf", "maruf", "kh", "ruf"):
            return False
        if post.is_hashtag(hit):
            return True
        if post.mostly_upper():
            return False
        others = [e for e in post.entities if not e.attr("needs_context")]
        return strong or bool(others or post.has("number") or post.has("slogan"))

    def _display(self, hit: Hit, post: PostView) -> str:
        """How the message names an entity: "Partai Gerindra (nomor urut 2, Pemilu 2024)"."""
        label = hit.label or post.original(hit.first, hit.last)
        number = hit.attr("number")
        if number is None or hit.attr("kind") == "candidate":
            return label
        election = str(hit.attr("election") or "")
        num = f"{int(number):02d}" if election.startswith("Pilpres") else str(number)
        return f"{label} (nomor urut {num}{', ' + election if election else ''})"

    def _number_display(self, value: int, hit: Hit, post: PostView) -> str:
        padded = post.norms[hit.last].startswith("0")
        text = f"nomor urut {value:02d}" if padded else f"nomor urut {value}"
        named = [e for e in post.entities if e.attr("number") == value and self._entity_ok(e, post)]
        if named:
            pairs = [e for e in named if str(e.attr("election") or "").startswith("Pil")]
            best = (pairs if padded and pairs else named)[0]
            text += f" ({best.label})"
        return text

    def _target(
        self, hit: Hit, post: PostView, *, strong: bool = False, called: bool = False
    ) -> str | None:
        """Display name of a firing's party/candidate/number hit, or None if it does not count."""
        entity = post.entity_for(hit)  # covering the hit, or right after it ("caleg PPP")
        if entity is not None:
            ok = self._entity_ok(entity, post, strong=strong, called=called)
            return self._display(entity, post) if ok else None
        value = post.ballot_number(hit) if number_value(post.norms[hit.last]) is not None else None
        if value is not None:
            return self._number_display(value, hit, post)
        return None

    # -- judges: one per rule kind; None rejects the firing ---------------------------------------
    def _vote_entity(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        verb, target = firing.hits[0], firing.hits[1]
        if not self._verb_ok(verb, post) or post.lists_every_choice():
            return None
        if post.about_violation(firing.first, firing.last):
            return None
        if post.sentence_break(verb.last, target.first):
            return None  # "coblos 02 ya! #PrabowoGibran": the call ends before the name
        if not post.direct_object(verb, target):
            return None  # "memilih suami apalagi kader Gerindra": the verb's object is another
        shown = self._target(target, post, strong=bool(verb.attr("strong")), called=True)
        entity = post.entity_for(target)
        last = max(firing.last, entity.last) if entity is not None else firing.last
        return (shown, firing.first, last) if shown else None

    def _vote_number(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        verb, target = firing.hits[0], firing.hits[1]
        if not self._verb_ok(verb, post) or post.lists_every_choice():
            return None
        if post.sentence_break(verb.last, target.first):
            return None
        if post.about_violation(firing.first, firing.last):
            return None
        value = post.ballot_number(target)
        return None if value is None else self._number_display(value, target, post)

    def _verb_ok(self, verb: Hit, post: PostView) -> bool:
        form = verb.attr("form")
        if form not in ("imperative", "declarative"):
            return True  # oppose / possessive forms carry their own stance
        called = [
            h
            for h in post.ends_before("person", verb.first, 5)
            if not post.sentence_break(h.last, verb.first)
        ]  # "mohon arahkan wali murid untuk mendukung…": the call may start a few words back
        if form == "declarative" and not called:
            return False
        if called:
            return True
        # "Warga pilih Pramono", "Golkar resmi mendukung Prabowo": a subject, i.e. news.
        i = verb.first - 1
        while i >= 0 and post.norms[i] in SUBJECT_FILLER:
            i -= 1
        if i < 0 or post.punctuated(i, verb.first):
            return True  # "GERINDRA! coblos nomor 2": an exclamation, not a subject
        return not (
            post.ends_before("subject", i + 1, 1) or any(e.last == i for e in post.entities)
        )

    def _opposes(self, firing: Firing, post: PostView) -> bool:
        verb = firing.hits[0]
        if verb.attr("form") == "oppose":
            return True
        before = post.norms[max(0, verb.first - 2) : verb.first]
        return bool(before) and (before[-1] in NEGATION_BEFORE_VERB or before == ["tidak", "usah"])

    def _target_statement(
        self,
        firing: Firing,
        post: PostView,
        ctx: Context,
        *,
        generic: Hit | None = None,
        called: bool = False,
    ) -> str | None:
        """Support/insult/gesture/relawan/merch next to a party, candidate or number.

        `generic`: a hit that may stand for an unnamed candidate ("poster caleg"). `called`: the
        firing is a call or cheer in itself (see `_entity_ok`).
        """
        if post.about_violation(firing.first, firing.last) or post.lists_every_choice():
            return None
        for hit in firing.hits:
            if post.entity_for(hit) is not None or number_value(post.norms[hit.last]) is not None:
                shown = self._target(hit, post, called=called)
                if shown is not None:
                    return shown
                if hit is generic:
                    return None
        if generic is not None:
            return f"calon/partai (“{post.original(generic.first, generic.last)}”)"
        return None

    def _merchandise(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        return self._target_statement(firing, post, ctx, generic=firing.hits[1])

    def _volunteers(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        if post.negated(firing.first, firing.last):
            return None
        return self._target_statement(firing, post, ctx, generic=firing.hits[2])

    def _vote_named(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        """ "pilih Ibu Risma aja nomer 3": a call for a person not (yet) in the lexicons.

        Counts only in an election setting, and only when a capitalised name follows the
        honorific ("pilih Pak Hendra"), not a common word ("pilih bapak yang jujur").
        """
        verb, honorific = firing.hits
        campaign_verb = verb.attr("strong") or verb.attr("campaign")
        if not (campaign_verb or post.has("election") or post.has("number")):
            return None
        if not self._verb_ok(verb, post):
            return None
        if post.lists_every_choice() or post.about_violation(firing.first, firing.last):
            return None
        if post.entity_for(honorific) is not None:
            return None  # a known candidate: PN-VOTE-01 reports it
        name = post.name_after(honorific)
        if name is None:
            own = _own_party_after(post, honorific)
            if own is None or post.norms[honorific.first] in HONORIFICS:
                return None
            # "pilih caleg dari partai kita": no name, but the speaker's own party.
            return f"calon “{post.original(honorific.first, own)}”", firing.first, own
        return f"calon “{post.original(honorific.first, name)}”", firing.first, name

    def _vote_unknown(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        """ "Menangkan Khofifah-Emil!", "ayo dukung Budi Santoso di pilkada": a name not in the
        lexicons right after a call. A pair written "A-B", or a name in an election setting;
        everyday capitalised words ("Dukung Timnas", "Pilih Sesuai Hati Nurani") do not count.
        """
        verb = firing.hits[0]
        form = verb.attr("form")
        if form not in ("imperative", "oppose", "declarative") or not self._verb_ok(verb, post):
            return None  # a declarative verb passes only as a call ("mari memberikan suara…")
        start = verb.last + 1
        while (
            start < len(post.norms) and start - verb.last <= 2 and post.norms[start] in _CALL_FILLER
        ):
            start += 1
        if start >= len(post.norms) or post.norms[start] in HONORIFICS:
            return None  # honorific + name: PN-VOTE-04
        if any(e.first <= start <= e.last for e in post.entities):
            return None  # a known candidate or party: PN-VOTE-01
        if any(h.first <= start <= h.last for name in _NOT_NAMES for h in post.hits(name)):
            return None  # "dukung Oposisi", "pilih Presiden…": words the lexicons know
        end = post.name_run(start)
        if end is None or self._vocabulary.get(post.norms[start], 0) >= _COMMON_WORD:
            return None
        paired = post.paired(start, end)
        context = post.has("election") or post.has("number")
        campaign = verb.attr("strong") or verb.attr("campaign")
        if not (paired or (context and (campaign or verb.attr("form") == "imperative"))):
            return None
        if post.lists_every_choice() or post.about_violation(firing.first, end):
            return None
        return f"calon “{post.original(start, end)}”", firing.first, end

    def _promotion(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "Doakan suami saya yang maju caleg … nomor urut 4": one candidate and its number."""
        _cue, who, number = firing.hits
        value = post.ballot_number(number)
        written = {v for h in post.hits("number") if (v := post.ballot_number(h)) is not None}
        if value is None or len(written) > 1:
            return None  # a list of numbers is information, not a promotion
        if post.about_violation(firing.first, firing.last):
            return None
        return f"{post.original(who.first, who.last)} {self._number_display(value, number, post)}"

    def _share(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "Tolong like dan share postingan Pak Caleg": spreading campaign content."""
        target = firing.hits[2]
        if post.about_violation(firing.first, firing.last):
            return None
        if post.entity_for(target) is not None or number_value(post.norms[target.last]):
            return self._target(target, post)
        return f"“{post.original(target.first, target.last)}”"

    def _incumbent(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        if post.about_violation(firing.first, firing.last):
            return None
        office = firing.hits[0]
        return f"petahana (“{post.original(office.first, office.last)}”)"

    def _number_cheer(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "Siap menang di Pemilu 2024! Nomor 8!": a ballot number shouted on its own."""
        hit = firing.hits[0]
        value = post.ballot_number(hit)
        if value is None or not post.exclaimed(hit):
            return None
        if not (post.entities or post.has("election")):
            return None
        if post.lists_every_choice() or post.about_violation(hit.first, hit.last):
            return None
        return self._number_display(value, hit, post)

    def _vote_promise(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "insyaallah kami balas di TPS": needs someone to vote for somewhere in the post."""
        if post.about_violation(firing.first, firing.last):
            return None
        for entity in post.entities:
            if self._entity_ok(entity, post):
                return self._display(entity, post)
        for hit in post.hits("number"):
            value = post.ballot_number(hit)
            if value is not None:
                return self._number_display(value, hit, post)
        generic = post.hits("candidate_word")
        if generic:
            return f"calon (“{post.original(generic[0].first, generic[0].last)}”)"
        return None

    def _support(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        """ "02 pasti menang", "Anies presidenku"; a bare cheer word ("menang") only as a cheer."""
        target, word = firing.hits
        left, right = sorted((target, word), key=lambda h: h.first)
        if post.sentence_break(left.last, right.first):
            # "Prabowo-Gibran menang satu putaran!! #02": the matcher paired the cheer with the
            # number across the "!!"; use the name in the same sentence instead, if any.
            same = [
                h
                for h in (*post.entities, *post.hits("number"))
                if (h.last < word.first and word.first - h.last <= 3
                    and not post.sentence_break(h.last, word.first))
                or (h.first > word.last and h.first - word.last <= 3
                    and not post.sentence_break(word.last, h.first))
            ]  # fmt: skip
            if not same:
                return None
            target = min(same, key=lambda h: abs(h.first - word.first))
            first, last = min(target.first, word.first), max(target.last, word.last)
            firing = Firing(firing.rule, [target, word], first, last)
            shown = self._support(firing, post, ctx)
            return (shown, first, last) if isinstance(shown, str) else None
        if word.attr("before_only") and not word.last < target.first:
            return None  # "cuma Ganjar", not "Ganjar: itu cuma teknis"
        if word.attr("needs_exclaim"):
            whole = post.entity_for(target) or target
            cheer = post.exclaimed(word) if target.last < word.first else post.exclaimed(whole)
            if not cheer:  # "Prabowo menang di Jabar" is a result; "Prabowo menang!" a cheer
                return None
        return self._target_statement(firing, post, ctx, called=True)

    def _wish_named(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        """ "semoga Pak Haris menang di pilkada", "calon walikota kita … semoga terpilih": a wish
        that someone wins, the first-person hope (a wish word before the win) in an election
        setting. The person is an honorific with a capitalised name, or a candidate word the
        speaker calls their own ("calon walikota kita"); listed candidates are PN-SUPPORT-01's.
        """
        who, win = firing.hits
        before = set(post.norms[max(0, win.first - 4) : win.first])
        if win.first < who.first or not _WISH_WORDS & before:
            return None
        after = " ".join(post.norms[win.last + 1 : win.last + 4])
        elected_office = any(after.startswith(o) or f" {o}" in after for o in _ELECTED_OFFICES)
        if not (post.has("election") or post.has("number") or elected_office):
            return None  # "terpilih jadi bupati" is an election of its own
        if post.third_person_before(who.first) or post.ends_before("subject", who.first, 3):
            return None  # "Warga berharap Pak Haris menang": someone else's hope, reported
        if post.lists_every_choice() or post.about_violation(firing.first, firing.last):
            return None
        if post.entity_for(who) is not None:
            return None
        if post.norms[who.first] in HONORIFICS:
            name = post.name_after(who)
            if name is None or name >= win.first:
                return None
            return f"calon “{post.original(who.first, name)}”", firing.first, firing.last
        own = who.last + 1
        if own < len(post.norms) and post.norms[own] in _OWN:
            return f"“{post.original(who.first, own)}”", firing.first, firing.last
        return None

    def _vote_after(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "Partai Buruh nomor 6, ayo coblos!": the call follows the name and ends the clause."""
        verb = firing.hits[1]
        if verb.attr("form") not in ("imperative", "oppose") or not post.clause_end(verb.last):
            return None
        if post.lists_every_choice() or post.about_violation(firing.first, firing.last):
            return None
        return self._target_statement(firing, post, ctx, called=True)

    def _declared_side(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "Gw sih 01", "saya tim AMIN", "kami pendukung Prabowo" (not "saya bukan pendukung…")."""
        if post.negated(firing.first, firing.last):
            return None
        return self._target_statement(firing, post, ctx, called=True)

    def _slogan(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        # The longest slogan here: "sat set tas tes" (strong), not the "sat set" (weak) inside it.
        hit = max(
            (s for s in post.hits("slogan") if s.first <= firing.last and firing.first <= s.last),
            key=lambda s: s.last - s.first,
            default=firing.hits[0],
        )
        strength = hit.attr("strength")
        if strength is None or post.is_hashtag(hit):
            return None  # a name, not a slogan; or a hashtag, judged whole in _hashtag_findings
        text = post.original(hit.first, hit.last)
        if strength == "strong":
            ok = not post.about_violation(hit.first, hit.last)
        elif strength in ("weak", "tag"):
            near = post.near("entity", hit.first, hit.last, 6)
            ok = any(self._entity_ok(e, post) for e in longest(near)) or any(
                post.ballot_number(n) is not None
                for n in post.near("number", hit.first, hit.last, 6)
            )
        else:
            ok = False
        return (f"“{text}”, {hit.label}", hit.first, hit.last) if ok else None

    def _salute(self, firing: Firing, post: PostView, ctx: Context) -> Verdict:
        hit = firing.hits[0]
        if hit.last + 1 < len(post.norms) and post.norms[hit.last + 1] == "jari":
            hit = Hit(hit.first, hit.last + 1, hit.label, hit.attrs)  # "salam dua" + "jari"
        words = post.norms[hit.first : hit.last + 1]
        emoji = any(post.doc.tokens[i].kind == "emoji" for i in range(hit.first, hit.last + 1))
        # Two weak signals for the same number count together: "salam dua jari, lanjutkan!".
        shown = next((number_value(w) for w in words if number_value(w) is not None), None)
        slogans = [
            s
            for s in post.hits("slogan")
            if s.attr("strength") in ("strong", "weak") or s.attr("number") == shown
        ]
        named = bool(post.entities or post.has("number") or slogans)
        if "jari" in words and not emoji:
            period = self.rulebook.calendar.period_on(ctx.posted_on) is not None
            ok = named or post.has("election") or period
        elif any(DIGITS.fullmatch(w) for w in words):
            ok = True  # "salam 02"
        else:
            ok = named or post.has("election")
        if not ok or post.about_violation(hit.first, hit.last):
            return None
        return "“" + post.original(hit.first, hit.last) + "”", hit.first, hit.last

    def _team(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        if post.about_violation(firing.first, firing.last):
            return None
        team = firing.hits[1]
        named = post.near("entity", firing.first, firing.last, 6)
        who = [self._display(e, post) for e in longest(named) if self._entity_ok(e, post)]
        text = post.original(team.first, team.last).lower()
        return f"{text} {who[0]}" if who else text

    def _attendance(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """Attending a campaign event: needs a named participant or another election cue."""
        event = firing.hits[1]
        if post.about_violation(firing.first, firing.last):
            return None
        if post.third_person_before(firing.first) or post.ends_before("subject", firing.first, 3):
            return None  # "Ribuan warga ikut kampanye akbar…": news
        words = " ".join(post.norms[event.first : event.last + 1])
        named = longest(post.near("entity", firing.first, firing.last, 8))
        who = [self._display(e, post) for e in named if self._entity_ok(e, post)]
        other_cues = [
            h
            for h in post.near("election", firing.first, firing.last, 8)
            if h.last < event.first or h.first > event.last
        ]
        numbers = [n for n in post.near("number", event.first, event.last, 4)
                   if post.ballot_number(n) is not None]  # fmt: skip
        after = event.last + 1
        if not who and after < len(post.norms) and post.norms[after] in HONORIFICS:
            # "ikut kampanye Pak Budi": the campaign of a person, named or not in the lexicons.
            name = post.name_after(Hit(after, after, "honorific"))
            if name is not None:
                who = [post.original(after, name)]
        if not (who or other_cues or numbers or words in _CAMPAIGN_EVENTS):
            return None
        text = f"kegiatan kampanye ({post.original(event.first, event.last)})"
        return f"{text} {who[0]}" if who else text

    def _membership(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        if post.lookalike_at(firing.hits[2]):
            return None  # "anggota PKI": a banned historical party, not a membership statement
        if post.third_person_before(firing.first) or post.about_violation(
            firing.first, firing.last
        ):
            return None
        party = post.entity_for(firing.hits[2])
        if party is not None and party.attr("kind") == "party":
            return self._display(party, post)
        if party is not None:
            return None  # "kader ... Prabowo": not a party
        return "partai politik"

    def _candidacy(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        if post.third_person_before(firing.first) or post.about_violation(
            firing.first, firing.last
        ):
            return None
        return post.original(firing.hits[1].first, firing.hits[1].last)

    def _mobilisation(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        target = firing.hits[-1]
        personal = firing.rule.id in ("PN-MOBILISE-01", "PN-MOBILISE-04")
        if personal and post.norms[target.first] in HONORIFICS and not post.has("election"):
            return None  # "mendukung Bapak Kadis" outside any election talk
        if firing.rule.id == "PN-MOBILISE-02":
            return post.original(target.first, target.last).lower()
        shown = self._target(target, post, strong=True)
        return shown or f"calon tertentu (“{post.original(target.first, target.last)}”)"

    def _support_collection(self, firing: Firing, post: PostView, ctx: Context) -> str | None:
        """ "Kumpulkan KTP warga … buat dukungan calon independen": whom the support is for."""
        if post.about_violation(firing.first, firing.last):
            return None
        target = firing.hits[1]
        shown = self._target(target, post, strong=True)
        return shown or f"calon (“{post.original(target.first, target.last)}”)"

    # -- hashtags ---------------------------------------------------------------------------------
    def _hashtag_findings(self, post: PostView, ctx: Context) -> list[Finding]:
        rule = self.rules.get("PN-HASHTAG-01")
        if rule is None or not self.applies(rule, ctx):
            return []
        out = []
        for first, last in hashtag_spans(post.doc):
            entity = self._campaign_hashtag(post, first, last)
            if entity is None:
                continue
            start, end = post.doc.token_span(first, last)
            if start > 0 and post.doc.text[start - 1] == "#":
                start -= 1
            out.append(self._finding(rule, post.doc, start, end, ctx, entity))
        return out

    def _campaign_hashtag(self, post: PostView, first: int, last: int) -> str | None:
        """Why the hashtag tokens first..last are a campaign tag (display text), or None."""

        def inside(name: str) -> list[Hit]:
            return post.inside(name, first, last)

        tag = "#" + re.sub(r"\s+", "", post.original(first, last).lstrip("#"))
        squashed = re.sub(r"[^a-z0-9]", "", tag.lower())
        label = self._squashed_slogans.first_in(squashed)  # "#AMINajaDulu" splits badly;
        if label is not None:  # its bare letters do not
            return f"{tag} ({label})"
        slogans = inside("slogan")
        if any(s.attr("strength") in ("strong", "tag") for s in slogans):
            return f"{tag} ({slogans[0].label})"
        if inside("hashtag_event") or (inside("neutral") and not inside("entity")):
            return None
        ents = [e for e in longest(inside("entity")) if self._entity_ok(e, post, strong=True)]
        ents = [e for e in ents if not e.attr("ambiguous")]
        numbers = [n for n in inside("number") if post.ballot_number(n) is not None]
        years = [i for i in range(first, last + 1) if _YEAR.fullmatch(post.norms[i])]
        cues = inside("hashtag_cue")
        offices = inside("office")
        pairs = {e.attr("pair") for e in ents if e.attr("pair")}
        if ents:
            whole_pair = any(e.attr("kind") == "pair" for e in ents) or (
                len(pairs) == 1 and len({e.label for e in ents}) >= 2
            )
            name_then_office = any(o.first > e.last for o in offices for e in ents)
            if whole_pair or years or cues or slogans or numbers or name_then_office:
                return f"{tag} untuk {self._display(ents[0], post)}"
        if numbers and (slogans or cues or years or offices):
            return tag
        if offices:
            used = {i for h in (*offices, *cues) for i in range(h.first, h.last + 1)}
            used.update(years)
            names = [
                i
                for i in range(first, last + 1)
                if i not in used and post.norms[i].isalpha() and len(post.norms[i]) >= 3
            ]
            unknown = [i for i in names if post.norms[i] not in self._vocabulary]
            name_first = any(i < o.first for i in unknown for o in offices)
            if names and (years or (cues and _changes_office(cues, post))):
                return tag
            if name_first:
                return tag
        return None


class _SloganIndex:
    """Which strong slogan (in rulebook order) occurs inside a squashed hashtag: one
    Aho–Corasick pass instead of a substring test per slogan for every hashtag."""

    def __init__(self, slogans: list[tuple[str, str]]) -> None:
        self._labels = [label for _, label in slogans]
        self._automaton: ahocorasick.Automaton | None = None
        first: dict[str, int] = {}
        for order, (letters, _) in enumerate(slogans):
            first.setdefault(letters, order)
        if first:
            self._automaton = ahocorasick.Automaton()
            for letters, order in first.items():
                self._automaton.add_word(letters, order)
            self._automaton.make_automaton()

    def first_in(self, squashed: str) -> str | None:
        if self._automaton is None:
            return None
        orders = [order for _, order in self._automaton.iter(squashed)]
        return self._labels[min(orders)] if orders else None


def _squashed_slogans(rulebook: Rulebook, normalizer: Normalizer) -> list[tuple[str, str]]:
    """Strong slogans as bare letters ("aminajadulu"), to find them in any hashtag spelling."""
    out: list[tuple[str, str]] = []
    for name in ("political_slogans", "political_candidates"):
        lexicon = rulebook.lexicons.get(name)
        if lexicon is None:
            continue
        for entry in lexicon.all_entries():
            if entry.attrs.get("strength") not in ("strong", "tag"):
                continue
            for term in entry.terms:
                for form in (term, normalizer.phrase(term)):
                    letters = re.sub(r"[^a-z0-9]", "", form.lower())
                    if len(letters) >= 6:
                        out.append((letters, entry.label or term))
    return out


def _changes_office(cues: list[Hit], post: PostView) -> bool:
    return any(post.norms[c.first] in ("ganti", "tetap", "lanjut", "lanjutkan") for c in cues)
