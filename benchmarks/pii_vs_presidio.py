"""Personal data: Netra's detector against presidio-analyzer on the same generated posts.

    .venv/bin/python benchmarks/pii_vs_presidio.py [--n 3000] [--seeds 1 2 3]

Both sides get the same texts (benchmarks/pii_corpus.py, seeded), in two template sets: `dev`
(the phrasing the detector was developed on) and `holdout` (written afterwards, never tuned on).
`netra` is the personal-data detector alone: Document (clean view), recognizers, findings with
original spans and masks; `netra-engine` is `Engine.analyze` with only that detector (adds the
Report, risk score and redacted text). Speed ratios are against `netra`.
Presidio runs offline in two set-ups, both with Netra's patterns as PatternRecognizers (the same
regular expressions and the same structure validators: NIK/KK region and date, NIP, NPWP check
digit, phone length, plate prefix) plus presidio's own PhoneRecognizer (python-phonenumbers,
region ID); its EmailRecognizer is left out because it calls tldextract, which fetches the
public-suffix list over the network:
  * `presidio-noop`: NoOpNlpEngine. No tokens, so context words cannot be used.
  * `presidio-spacy`: a blank spaCy `id` pipeline (tokenizer only, no model download) with a
    component that sets each token's lemma to its lower-case text, so presidio's
    LemmaContextAwareEnhancer can use the context words (`NIK`, `rek`, `paspor` …).
Printed: span precision / recall / F1 per entity and overall (exact span and same entity; and
"overlap": same entity and overlapping span), true entities found, and throughput on one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
import warnings
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pii_corpus import Sample, generate

from netra.analysis import Engine
from netra.analysis.context import Context
from netra.analysis.document import Document
from netra.analysis.pii import PiiConfig
from netra.analysis.pii.regions import PLATE_PREFIXES
from netra.analysis.pii.validators import (
    kk_info,
    national_phone,
    nik_info,
    nip_info,
    npwp_ok,
    phone_kind,
)

ENTITIES = (
    "nik",
    "kk",
    "nip",
    "npwp",
    "phone",
    "email",
    "bank_account",
    "passport",
    "license_plate",
    "address",
    "health",
)


# -- Netra ----------------------------------------------------------------------------------------
def netra_runner(whole_engine: bool = False):
    """Netra's personal-data detector on a Document (clean view, recognizers, findings with
    original spans, masks); with `whole_engine`, the full `Engine.analyze` restricted to this
    detector (adds input checks, the Report, risk score and redacted text)."""
    engine = Engine(detectors=["personal_data"])
    if whole_engine:

        def run_engine(text: str) -> list[tuple[str, int, int]]:
            return [(f.entity, f.start, f.end) for f in engine.analyze(text).findings]

        return run_engine
    detector = engine.detectors[0]
    ctx = Context()

    def run(text: str) -> list[tuple[str, int, int]]:
        doc = Document(text, engine.normalizer)
        return [(f.entity, f.start, f.end) for f in detector.detect(doc, ctx)]

    return run


# -- Presidio -------------------------------------------------------------------------------------
SEP = r"(?:[ \t]?[.\-][ \t]?|[ \t])?"
ID16 = rf"(?<![0-9])[0-9](?:{SEP}[0-9]){{15}}(?![0-9])"
NIP18 = rf"(?<![0-9])[0-9](?:{SEP}[0-9]){{17}}(?![0-9])"
NPWP_PRINTED = r"(?<![0-9])[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}(?![0-9])"
NPWP_PLAIN = r"(?<![0-9])[0-9]{15}(?![0-9])"
MOBILE = r"(?<![\w+])(?:\+62[ \-]?|62|\(0|0)8[1-9][0-9]?\)?(?:[ .\-]?[0-9]){6,10}(?![0-9])"
LANDLINE = r"(?<![\w+])(?:\(0[2-79][0-9]{1,2}\)|0[2-79][0-9]{1,2})[ .\-]?[0-9]{3,4}[ .\-]?[0-9]{3,4}(?![0-9])"  # noqa: E501
EMAIL = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])"  # noqa: E501
BANK = r"(?<![0-9])[0-9](?:[ .\-]?[0-9]){7,15}(?![0-9])"
PASSPORT = r"(?<![A-Za-z0-9])[A-Z][ ]?[0-9]{7}(?![0-9])"
PLATE = (
    r"(?<![A-Za-z0-9/.\-])(?:"
    + "|".join(sorted(PLATE_PREFIXES, key=len, reverse=True))
    + r") ?[1-9][0-9]{0,3} ?[A-Z]{1,3}(?![A-Za-z0-9])"
)
ADDRESS = (
    r"(?:\b(?:Jl|Jln|JL|jl|jln|Jalan|Gg|Perum|Perumahan|Komp)\.?\s+[A-Za-z.' ]{2,40}?"
    r"(?:\s+Blok\s+[A-Z][0-9]{0,2})?\s*(?:Gg\.\s*[A-Za-z ]{2,20}?\s*)?"
    r"(?:No\.?|Nomor|no)\s*[0-9]{1,4}[A-Za-z]?"
    r"|\bRT\.?\s*0*[0-9]{1,3}\s*/?\s*RW\.?\s*0*[0-9]{1,3})"
    r"(?:[ ,]+(?:R[Tt]\.?\s*0*[0-9]{1,3}\s*[/ ]\s*(?:R[Ww]\.?\s*)?0*[0-9]{1,3}"
    r"|(?:Kel|Kec)\.\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?))*"
)


def _digits(s: str) -> str:
    return re.sub(r"[^0-9]", "", s)


def presidio_runner(mode: str):
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    cfg = PiiConfig.shipped()
    words = cfg.words

    class Validated(PatternRecognizer):
        """A PatternRecognizer whose `check` is a structure validator: an invalid match is
        dropped, a valid one keeps its pattern score (so context can still raise it)."""

        def __init__(self, entity, patterns, context, check=None, flags=None):
            kwargs = {"global_regex_flags": flags} if flags is not None else {}
            super().__init__(
                supported_entity=entity,
                patterns=patterns,
                context=context,
                supported_language="id",
                **kwargs,
            )
            self._check = check

        def validate_result(self, pattern_text):
            if self._check is None:
                return None
            return None if self._check(pattern_text) else False

    health_words = "|".join(re.escape(w) for w in words("health_verb"))
    conditions = "|".join(
        re.escape(w) for w in sorted(words("condition", "condition_state"), key=len, reverse=True)
    )
    health_re = rf"\b(?:{health_words})\s+(?:{conditions})\b"
    mobile_ok = lambda t: phone_kind(national_phone(_digits(t))) == "mobile"  # noqa: E731
    landline_ok = lambda t: phone_kind(national_phone(_digits(t))) == "landline"  # noqa: E731
    flags = re.DOTALL | re.MULTILINE
    recognizers = [
        Validated("NIK", [Pattern("nik", ID16, 0.5)], words("nik"), lambda t: nik_info(_digits(t))),
        Validated("KK", [Pattern("kk", ID16, 0.45)], words("kk"), lambda t: kk_info(_digits(t))),
        Validated(
            "NIP", [Pattern("nip", NIP18, 0.5)], words("nip"), lambda t: nip_info(_digits(t))
        ),
        Validated(
            "NPWP",
            [Pattern("npwp", NPWP_PRINTED, 0.6), Pattern("npwp15", NPWP_PLAIN, 0.1)],
            words("npwp"),
            lambda t: npwp_ok(_digits(t)),
        ),
        Validated("PHONE_NUMBER", [Pattern("mobile", MOBILE, 0.5)], words("phone_cue"), mobile_ok),
        Validated(
            "PHONE_NUMBER",
            [Pattern("landline", LANDLINE, 0.1)],
            words("phone_cue", "personal_place"),
            landline_ok,
        ),
        Validated(
            "EMAIL_ADDRESS",
            [Pattern("email", EMAIL, 0.5)],
            ["email", "e-mail", "surel"],
            lambda t: not t.lower().endswith((".go.id", ".mil.id", ".desa.id")),
        ),
        Validated("BANK_ACCOUNT", [Pattern("bank", BANK, 0.1)], words("bank", "bank_strong")),
        Validated("PASSPORT", [Pattern("passport", PASSPORT, 0.1)], words("passport")),
        Validated(
            "LICENSE_PLATE",
            [Pattern("plate", PLATE, 0.5)],
            words("plate_cue"),
            lambda t: t.split()[-1] not in cfg.plate_suffix_stoplist,
            flags=flags,
        ),
        Validated("ADDRESS", [Pattern("address", ADDRESS, 0.5)], words("personal_place")),
        Validated("HEALTH", [Pattern("health", health_re, 0.5)], words("honorific")),
        PhoneRecognizer(
            supported_regions=("ID",), supported_language="id", context=words("phone_cue")
        ),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["id"])
    if mode == "noop":
        from presidio_analyzer.nlp_engine import NoOpNlpEngine

        nlp_engine = NoOpNlpEngine(models=[{"lang_code": "id", "model_name": "noop"}])
        enhancer = None
    else:
        nlp_engine = _blank_spacy_engine()
        enhancer = LemmaContextAwareEnhancer(context_matching_mode="whole_word")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=nlp_engine,
            supported_languages=["id"],
            default_score_threshold=0.3,
            context_aware_enhancer=enhancer,
        )
    names = {
        "NIK": "nik",
        "KK": "kk",
        "NIP": "nip",
        "NPWP": "npwp",
        "PHONE_NUMBER": "phone",
        "EMAIL_ADDRESS": "email",
        "BANK_ACCOUNT": "bank_account",
        "PASSPORT": "passport",
        "LICENSE_PLATE": "license_plate",
        "ADDRESS": "address",
        "HEALTH": "health",
    }

    def run(text: str) -> list[tuple[str, int, int]]:
        results = analyzer.analyze(text=text, language="id")
        # presidio returns overlapping results of different entities: keep the best per span
        results = sorted(results, key=lambda r: (-r.score, -(r.end - r.start)))
        kept = []
        for r in results:
            if all(r.end <= k.start or r.start >= k.end for k in kept):
                kept.append(r)
        return [(names[r.entity_type], r.start, r.end) for r in kept]

    return run


def _blank_spacy_engine():
    import spacy
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from spacy.language import Language

    if "netra_lower_lemma" not in Language.factories:

        @Language.component("netra_lower_lemma")
        def lower_lemma(doc):
            for token in doc:
                token.lemma_ = token.lower_
            return doc

    class BlankIndonesian(SpacyNlpEngine):
        def load(self) -> None:
            nlp = spacy.blank("id")
            nlp.add_pipe("netra_lower_lemma")
            self.nlp = {"id": nlp}

    return BlankIndonesian(models=[{"lang_code": "id", "model_name": "blank:id"}])


# -- scoring --------------------------------------------------------------------------------------
def score(samples: list[Sample], predictions: list[list[tuple[str, int, int]]]) -> dict:
    exact = {e: Counter() for e in ENTITIES}
    for sample, pred in zip(samples, predictions, strict=True):
        gold = [(g["entity"], g["start"], g["end"]) for g in sample.entities]
        gold_set, pred_set = set(gold), set(pred)
        for ent, s, e in pred_set:
            c = exact.setdefault(ent, Counter())
            c["pred"] += 1
            c["tp"] += (ent, s, e) in gold_set
            c["tp_overlap_pred"] += any(g[0] == ent and g[1] < e and s < g[2] for g in gold)
        for ent, s, e in gold_set:
            c = exact[ent]
            c["gold"] += 1
            c["found_overlap"] += any(p[0] == ent and p[1] < e and s < p[2] for p in pred_set)
    return exact


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(name: str, counts: dict, seconds: float, n: int) -> dict:
    print(f"\n== {name}: {n / seconds:,.0f} texts/s ({seconds * 1000 / n:.3f} ms/text)")
    print(f"{'entity':<14}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'P~':>7}{'R~':>7}")
    total = Counter()
    for ent in ENTITIES:
        c = counts.get(ent, Counter())
        total.update(c)
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        po, ro, _ = prf(c["tp_overlap_pred"], c["pred"], c["gold"])
        ro = c["found_overlap"] / c["gold"] if c["gold"] else 1.0
        print(
            f"{ent:<14}{c['gold']:>6}{c['pred']:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}{po:>7.3f}{ro:>7.3f}"
        )
    p, r, f = prf(total["tp"], total["pred"], total["gold"])
    po, _, _ = prf(total["tp_overlap_pred"], total["pred"], total["gold"])
    ro = total["found_overlap"] / total["gold"] if total["gold"] else 1.0
    print(
        f"{'ALL':<14}{total['gold']:>6}{total['pred']:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}{po:>7.3f}{ro:>7.3f}"
    )
    print(f"true entities found (exact): {total['tp']} of {total['gold']}")
    return {"p": p, "r": r, "f": f, "found": total["tp"], "gold": total["gold"], "tps": n / seconds}


def timed_rounds(runners: dict, texts: list[str], repeats: int) -> tuple[dict, dict]:
    """Predictions of every runner, and each runner's best wall time over `repeats` rounds.

    The machine is shared (2 cores, other jobs): runners take turns within each round, in a
    rotating order, and the fastest pass of each is kept, so a burst of load elsewhere does not
    favour whichever side happened to run at a quiet moment.
    """
    names = list(runners)
    preds = {}
    for name in names:
        for t in texts[:50]:  # warm caches
            runners[name](t)
        preds[name] = [runners[name](t) for t in texts]
    best = dict.fromkeys(names, float("inf"))
    for round_no in range(repeats):
        order = names[round_no % len(names) :] + names[: round_no % len(names)]
        for name in order:
            run = runners[name]
            t0 = time.perf_counter()
            for t in texts:
                run(t)
            best[name] = min(best[name], time.perf_counter() - t0)
    return preds, best


def main() -> None:
    parser = argparse.ArgumentParser(description="Netra vs Presidio on personal data")
    parser.add_argument("--n", type=int, default=3000, help="posts per seed")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy set-up")
    parser.add_argument("--errors", type=int, default=0, help="print Netra's first N errors")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument(
        "--style",
        choices=["dev", "holdout", "both"],
        default="both",
        help="template set: dev (tuned on), holdout (never tuned on), or both",
    )
    args = parser.parse_args()
    print(
        f"date {date.today()} | python {platform.python_version()} | {platform.machine()} | "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} | one process | "
        f"{args.n} posts x seeds {args.seeds}"
    )
    runners = {
        "netra": netra_runner(),
        "netra-engine": netra_runner(whole_engine=True),
        "presidio-noop": presidio_runner("noop"),
    }
    if not args.no_spacy:
        runners["presidio-spacy"] = presidio_runner("spacy")
    summary: dict[tuple[str, str], list[dict]] = {}
    styles = ["dev", "holdout"] if args.style == "both" else [args.style]
    for style, seed in [(st, sd) for st in styles for sd in args.seeds]:
        samples = generate(args.n, seed, style=style)
        texts = [s.text for s in samples]
        print(
            f"\n######## {style} templates, seed {seed}: {len(samples)} posts, "
            f"{sum(len(s.entities) for s in samples)} personal-data spans"
        )
        all_preds, times = timed_rounds(runners, texts, args.repeats)
        for name in runners:
            preds = all_preds[name]
            row = report(
                f"{name} ({style}, seed {seed})", score(samples, preds), times[name], len(texts)
            )
            summary.setdefault((style, name), []).append(row)
            if name == "netra" and args.errors:
                show_errors(samples, preds, args.errors)
    print("\n######## summary (mean over seeds)")
    for style in styles:
        base = _mean(summary[(style, "netra")], "tps")
        for name in runners:
            rows = summary[(style, name)]
            tps = _mean(rows, "tps")
            found = sum(r["found"] for r in rows)
            gold = sum(r["gold"] for r in rows)
            speed = "" if name.startswith("netra") else f"  (Netra {base / tps:.1f}x faster)"
            print(
                f"{style:<8} {name:<15} P {_mean(rows, 'p'):.3f}  R {_mean(rows, 'r'):.3f}  "
                f"F1 {_mean(rows, 'f'):.3f}  found {found}/{gold}  {tps:,.0f} texts/s{speed}"
            )


def _mean(rows: list[dict], key: str) -> float:
    return sum(r[key] for r in rows) / len(rows)


def show_errors(samples: list[Sample], preds: list, limit: int) -> None:
    shown = 0
    for s, pred in zip(samples, preds, strict=True):
        gold = {(g["entity"], g["start"], g["end"]) for g in s.entities}
        if gold != set(pred):
            fn = [(e, s.text[a:b]) for e, a, b in gold - set(pred)]
            fp = [(e, s.text[a:b]) for e, a, b in set(pred) - gold]
            print(f"  ! {s.text!r}\n      missed {fn}\n      wrong  {fp}")
            shown += 1
            if shown >= limit:
                return


if __name__ == "__main__":
    main()
