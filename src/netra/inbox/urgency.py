"""Intent and urgency, resolved from the models' probabilities and the cue lexicons.

The cues arrive already read in context (`netra.inbox.features.urgency_cues`): idioms
(`kebakaran jenggot`, `pintu darurat`, `sampai sekarang`) name no danger, a danger after a hedge
(`kalau banjir`, `rawan longsor`, `korban kebakaran`) or any danger after a negation or a
comparison (`tidak ada yang tertimpa`, `kayak kapal tenggelam`) is dropped. Urgency is then
`high` when any of these holds (each adds an Indonesian reason an officer reads):

1. the urgency model's P(high), or the intent model's P(emergency), reaches the threshold
   tuned by cross-validation on the training part (every emergency first, then fewest alarms);
   when the message names no danger from the cue lists the bar is halfway between the
   threshold and 1 (a complaint full of "tolong" is not an emergency), and with a dampener
   (a thank-you, a drill, a proposal, the past, a habit, "untung selamat") it is 0.9;
2. a `strong` cue (trapped, not breathing, waters up to the waist, a child taken or hurt, a
   fire spreading, a farewell with the means at hand) is present and no dampener is;
3. a `danger` cue (kebakaran, longsor, pingsan, …) comes with a `call` cue (tolong, segera,
   sekarang, barusan, masih di dalam, belum dievakuasi …) or with a second, different danger
   (a gas smell and people feeling dizzy; despair and pills), and no dampener;
4. a strong cue despite a dampener, when the message also cries for help (tolong, segera,
   SOS, ambulans …) or the model's P(high) reaches the threshold ("semoga selamat, tolong,
   anak kami terseret arus" must not be lost to the word "semoga");
5. the intent model's most likely intent is `emergency`, with P ≥ 0.5 or a danger named in
   the message (a message the classifier reads as an emergency is not left at normal urgency
   because of a threshold). A closure dampener (it is over, a drill, a hoax, a thank-you, a
   hypothetical, a habit) vetoes this unless both hold; wishes and preparedness words (`semoga`,
   `usul`, `jalur evakuasi`) do not. Below that, "KTP saya hilang, tolong info …" keeps its
   next most likely intent.

Misses cost more than false alarms (an officer dismisses a false alarm in seconds; a missed
emergency can cost a life), so every rule leans towards `high`; docs/benchmarks.md gives the
price in false alarms. Non-urgent messages are `normal` when they need an answer (questions,
complaints) and `low` otherwise (aspirations, appreciation, spam).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from netra.inbox.lexicons import Lexicons

NEEDS_ANSWER = ("question", "complaint")
DAMPENED_BAR = 0.9


@dataclass(frozen=True)
class Resolution:
    intent: str
    intent_confidence: float
    urgency: str
    reasons: tuple[str, ...]


def _ranked(probs: Mapping[str, float]) -> list[str]:
    return sorted(probs, key=lambda k: (-probs[k], k))


def resolve(
    intent_probs: Mapping[str, float],
    p_high: float,
    cues: Mapping[str, list[str]],
    threshold: float,
    lexicons: Lexicons,
) -> Resolution:
    """The intent, its probability, the urgency and the reasons for a `high`."""
    levels = lexicons.levels(dict(cues))
    closed = bool(levels.get("dampener"))  # over, not real, hypothetical, thanks
    dampened = closed or bool(levels.get("soft_dampener"))
    p_emergency = intent_probs.get("emergency", 0.0)
    reasons: list[str] = []
    if dampened:  # a thank-you, a drill, a proposal, the past: the model must be very sure
        bar = max(DAMPENED_BAR, (1 + threshold) / 2)
    elif levels.get("strong") or levels.get("danger"):
        bar = threshold
    else:  # no danger named at all: the model alone needs more
        bar = (1 + threshold) / 2
    if max(p_high, p_emergency) >= bar:
        reasons.append(f"model: peluang darurat {max(p_high, p_emergency):.2f}")
    rule_groups: list[str] = []
    crying = bool(levels.get("call"))
    if levels.get("strong") and (not dampened or crying or p_high >= threshold):
        rule_groups += levels["strong"]
    danger = levels.get("danger", [])
    if danger and (levels.get("call") or len(danger) >= 2) and not dampened:
        rule_groups += danger
    for name in rule_groups:
        group = lexicons.group(name)
        label = group.label if group else name
        reasons.append(f"kata kunci {label}: {', '.join(cues[name][:3])}")
    ranked = _ranked(intent_probs)
    intent = ranked[0]
    if intent == "emergency" and not reasons:
        named = levels.get("strong") or levels.get("danger")
        sure = p_emergency >= 0.5
        # closure words (over, a drill, a habit, thanks) veto an unsure classifier; wishes and
        # preparedness words do not
        ok = ((sure or named) and not closed) or (sure and named)
        if ok:
            reasons.append(f"jenis pesan: darurat ({p_emergency:.2f})")
        elif len(ranked) > 1:  # "KTP saya hilang, tolong …": not sure, and no danger named
            intent = ranked[1]
    if reasons:
        urgency = "high"
    else:
        urgency = "normal" if intent in NEEDS_ANSWER else "low"
    return Resolution(intent, float(intent_probs.get(intent, 0.0)), urgency, tuple(reasons))
