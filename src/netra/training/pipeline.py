"""Training one shipped model from its recipe, deterministically, end to end.

Steps: load and clean the data → split (held-out 20%, or the official valid split) → extract
features once → 5-fold cross-validation on the training rows (out-of-fold scores; for stacked
labels, a level-2 regression over the members' out-of-fold scores) → calibrate and
choose thresholds on those out-of-fold scores → fit the final model on all training rows →
score the held-out rows once → write `model.npz`, `meta.json` and `MODEL_CARD.md`.
"""

from __future__ import annotations

import csv
import datetime as dt
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from netra.analysis.finding import ENGINE_VERSION
from netra.models.features import Featurizer, lexicon_from_words
from netra.models.linear import LinearModel
from netra.training import calibration, fit, metrics, splits
from netra.training.data import DATA_DIR, LOADERS, Dataset, file_sha256
from netra.training.recipes import Recipe
from netra.training.vectorize import CountCorpus, Vocabulary

Progress = Callable[[str], None]

#: Posts every artifact is scored on at training time; the tests score them again (see `probe`).
PROBE_TEXTS = (
    "Dasar cina kafir, usir saja dari negeri ini!",
    "Kamu tuh goblok banget sih, b0d0hhh",
    "Jadwal vaksinasi di puskesmas kecamatan dibuka mulai Senin pukul 08.00 WIB.",
    "Terima kasih, pelayanan di kantor kelurahan cepat dan ramah sekali 🙏",
    "Saya kecewa, sudah tiga minggu laporan jalan rusak tidak ada tanggapan.",
    "Takut banget sama berita banjir semalam, semoga keluarga di sana aman",
    "Jual video bokep terbaru, hubungi admin sekarang",
    "Pemerintah harus segera membubarkan kelompok radikal yang ingin mengganti Pancasila",
)
#: Training rows of the quick "probe" model the tests rebuild (fewer where embeddings are needed).
PROBE_LIMIT = 400
PROBE_LIMIT_EMBEDDING = 120


def _quiet(_: str) -> None:
    return None


def load_lexicon(name: str) -> frozenset[str]:
    """Lexicons a recipe can mark as features (bundled into the artifact's metadata)."""
    if name == "abusive":
        with open(DATA_DIR / "ibrohim2019" / "abusive.csv", encoding="utf-8") as fh:
            return lexicon_from_words(row["ABUSIVE"] for row in csv.DictReader(fh))
    if name.startswith("emotion_"):  # `emotion_anger`, …: one label's words of the emotion lexicon
        return lexicon_from_words(w for label, w in emotion_lexicon() if label == name[8:])
    raise KeyError(f"unknown lexicon {name!r}")


EMOTION_LEXICON = DATA_DIR / "netra-emotion-lexicon" / "emotion.tsv"


def emotion_lexicon(path: Path = EMOTION_LEXICON) -> list[tuple[str, str]]:
    """(label, normalised word) rows of the project's hand-written emotion lexicon."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, word = line.split("\t")
            rows.append((label.strip(), word.strip()))
    return rows


#: Key of a single-label recipe's stacked members in `fit_rows`' member dict (one set of member
#: models scores all classes, unlike multi-label stacking, which keys them by label).
CLASSES = -1


@dataclass(slots=True)
class Prepared:
    """Everything derived from the data once, shared by the folds and the final fit."""

    recipe: Recipe
    texts: list[str]
    Y: np.ndarray  # multi-label 0/1 matrix, or one-hot for single-label data
    labels: tuple[str, ...]
    multilabel: bool
    train_rows: np.ndarray
    test_rows: np.ndarray
    featurizer: Featurizer
    corpus: CountCorpus
    embeddings: np.ndarray | None
    sources: list[str]
    stack_weights: dict[int, np.ndarray] = field(default_factory=dict)  # set by `out_of_fold`

    @property
    def classes(self) -> np.ndarray:
        return self.Y.argmax(axis=1)


def prepare(
    recipe: Recipe,
    *,
    limit: int | None = None,
    progress: Progress = _quiet,
) -> Prepared:
    """Load, split and featurise. `limit` keeps only the first rows (quick tests)."""
    loader = LOADERS[recipe.dataset]
    progress("data")
    if recipe.evaluation == "official":
        train: Dataset = loader("train")
        valid: Dataset = loader("valid")
        if limit:
            train, valid = (
                train.subset(range(min(limit, len(train)))),
                valid.subset(range(min(limit // 4 or 1, len(valid)))),
            )
        texts = train.texts + valid.texts
        Y = np.vstack([train.y, valid.y])
        train_rows = np.arange(len(train))
        test_rows = np.arange(len(train), len(texts))
        labels, multilabel, sources = train.labels, train.multilabel, train.sources + valid.sources
    else:
        ds = loader()
        if limit:
            ds = ds.subset(range(min(limit, len(ds))))
        train_rows, test_rows = splits.holdout(ds, columns=recipe.strata_columns)
        texts, Y, labels, multilabel, sources = ds.texts, ds.y, ds.labels, ds.multilabel, ds.sources
    lexicons = {name: load_lexicon(name) for name in recipe.lexicons}
    featurizer = Featurizer(recipe.features, lexicons)
    progress("features")
    corpus = CountCorpus.build(featurizer, texts)
    embeddings = None
    if recipe.features.embedding:
        from netra.training.embeddings import corpus_embeddings

        progress("embeddings")
        embeddings = corpus_embeddings(texts)
    return Prepared(
        recipe, texts, Y, labels, multilabel, train_rows, test_rows, featurizer, corpus,
        embeddings, sources,
    )  # fmt: skip


def design(prep: Prepared, vocab: Vocabulary, rows: np.ndarray) -> sp.csr_matrix:
    """The model's input rows: TF-IDF blocks, then the scaled sentence embedding if any."""
    X = vocab.transform(prep.corpus, rows)
    if prep.embeddings is not None:
        dense = sp.csr_matrix(prep.embeddings[rows].astype(np.float64) * prep.recipe.dense_scale)
        X = sp.hstack([X, dense], format="csr")
    return X


def _block_columns(prep: Prepared, vocab: Vocabulary, blocks: tuple[str, ...]) -> np.ndarray | None:
    """Design-matrix columns of these feature blocks (None: all columns)."""
    if not blocks:
        return None
    out, offset = [], 0
    for block in prep.corpus.counts:
        width = len(vocab.columns[block])
        if block in blocks:
            out.append(np.arange(offset, offset + width))
        offset += width
    if "dense" in blocks and prep.embeddings is not None:  # the sentence embedding
        out.append(np.arange(offset, offset + prep.embeddings.shape[1]))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def fit_members(
    prep: Prepared, vocab: Vocabulary, X: sp.csr_matrix, rows: np.ndarray
) -> dict[int, list[tuple[np.ndarray, float]]]:
    """For each stacked label: every member's (coefficients over all columns, intercept)."""
    r = prep.recipe
    out: dict[int, list[tuple[np.ndarray, float]]] = {}
    for label in r.stack:
        k = prep.labels.index(label)
        fits = []
        for member in r.members:
            cols = _block_columns(prep, vocab, member.blocks)
            Xm = X if cols is None else X[:, cols]
            coef, b = fit.fit_binary(Xm, prep.Y[rows, k], C=member.C, nb=member.nb)
            if cols is not None:
                full = np.zeros(X.shape[1])
                full[cols] = coef
                coef = full
            fits.append((coef, b))
        out[k] = fits
    return out


def fit_rows(
    prep: Prepared, rows: np.ndarray
) -> tuple[Vocabulary, fit.LinearFit, dict[int, list[tuple[np.ndarray, float]]]]:
    """Vocabulary, model and (stacked labels) member models from these rows only."""
    r = prep.recipe
    vocab = Vocabulary.fit(
        prep.corpus,
        rows,
        min_df=r.min_df,
        max_features=dict(r.max_features),
        scales=dict(r.scales),
    )
    X = design(prep, vocab, rows)
    members: dict[int, list[tuple[np.ndarray, float]]] = {}
    if prep.multilabel:
        model = fit.fit_multilabel(X, prep.Y[rows], C=r.C, nb=r.nb, skip=_stacked(prep))
        members = fit_members(prep, vocab, X, rows)
    elif r.members:  # stacked: the level-2 weights come from `out_of_fold`, see `collapse`
        members = fit_class_members(prep, vocab, X, rows)
        n = len(prep.labels)
        model = fit.LinearFit(np.zeros((X.shape[1], n)), np.zeros(n))
    else:
        model = fit.fit_multiclass(X, prep.classes[rows], len(prep.labels), C=r.C)
    return vocab, model, members


def fit_class_members(
    prep: Prepared, vocab: Vocabulary, X: sp.csr_matrix, rows: np.ndarray
) -> dict[int, list[tuple[np.ndarray, np.ndarray]]]:
    """Single-label stacking: each member's (coefficients: all columns × classes, intercepts)."""
    n = len(prep.labels)
    fits = []
    for member in prep.recipe.members:
        cols = _block_columns(prep, vocab, member.blocks)
        Xm = X if cols is None else X[:, cols]
        f = fit.fit_class_member(Xm, prep.classes[rows], n, C=member.C, nb=member.nb)
        coef = f.coef
        if cols is not None:
            coef = np.zeros((X.shape[1], n))
            coef[cols] = f.coef
        fits.append((coef, f.intercept))
    return {CLASSES: fits}


def _stacked(prep: Prepared) -> frozenset[int]:
    return frozenset(prep.labels.index(label) for label in prep.recipe.stack)


def out_of_fold(prep: Prepared, progress: Progress = _quiet) -> np.ndarray:
    """Raw scores for every training row from a model that did not see it.

    Stacked labels get their level-2 scores (`stack`), themselves out-of-fold.
    """
    ds_like = Dataset(prep.recipe.dataset, prep.texts, prep.Y, prep.labels, prep.multilabel)
    scores = np.zeros((len(prep.texts), len(prep.labels)))
    member_scores = np.zeros((len(prep.texts), len(prep.labels), len(prep.recipe.members)))
    class_scores = np.zeros((len(prep.texts), len(prep.recipe.members), len(prep.labels)))
    for i, (a, b) in enumerate(
        splits.folds(ds_like, prep.train_rows, columns=prep.recipe.strata_columns)
    ):
        progress(f"fold {i + 1}/{splits.N_FOLDS}")
        vocab, model, members = fit_rows(prep, a)
        Xb = design(prep, vocab, b)
        scores[b] = model.decision(Xb)
        for k, fits in members.items():
            for m, (coef, intercept) in enumerate(fits):
                if k == CLASSES:
                    class_scores[b, m] = np.asarray(Xb @ coef) + intercept
                else:
                    member_scores[b, k, m] = Xb @ coef + intercept
    oof = scores[prep.train_rows]
    if not prep.multilabel and prep.recipe.members:
        Z = class_scores[prep.train_rows].reshape(len(prep.train_rows), -1)
        weights, oof = stack_classes(Z, prep.classes[prep.train_rows], C=prep.recipe.stack_C)
        prep.stack_weights = {CLASSES: weights}
    if prep.recipe.stack:
        prep.stack_weights = {}
        for k in sorted(_stacked(prep)):
            Z = member_scores[prep.train_rows, k, :]
            weights, z = stack(Z, prep.Y[prep.train_rows, k], C=prep.recipe.stack_C)
            prep.stack_weights[k] = weights
            oof[:, k] = z
    return oof


def stack(Z: np.ndarray, y: np.ndarray, *, C: float) -> tuple[np.ndarray, np.ndarray]:
    """Level-2 logistic regression over member scores.

    Returns the weights fitted on all rows (members…, intercept) and out-of-fold level-2 scores
    (an inner 5-fold split of the same rows), which calibration and thresholds are chosen on.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    def level2() -> LogisticRegression:
        return LogisticRegression(C=C, solver="lbfgs", max_iter=2000)

    if y.min() == y.max():  # a label absent from these rows: the members' mean, no level 2
        n = Z.shape[1]
        return np.append(np.full(n, 1.0 / n), 0.0), Z.mean(axis=1)
    z = np.zeros(len(y))
    inner = StratifiedKFold(n_splits=splits.N_FOLDS, shuffle=True, random_state=splits.SEED)
    for a, b in inner.split(Z, y):
        z[b] = level2().fit(Z[a], y[a]).decision_function(Z[b])
    full = level2().fit(Z, y)
    return np.append(full.coef_[0], full.intercept_[0]), z


def stack_classes(Z: np.ndarray, y: np.ndarray, *, C: float) -> tuple[np.ndarray, np.ndarray]:
    """Single-label level 2: a multinomial logistic regression over all members' class scores.

    `Z`: (rows, members × classes). Returns the weights fitted on all rows, shape
    (members × classes + 1, classes), intercepts last, and out-of-fold level-2 logits (an inner
    5-fold split of the same rows), which the temperature is calibrated on.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    def level2() -> LogisticRegression:
        return LogisticRegression(C=C, solver="lbfgs", max_iter=3000, random_state=fit.SEED)

    z = np.zeros((len(y), int(y.max()) + 1))
    inner = StratifiedKFold(n_splits=splits.N_FOLDS, shuffle=True, random_state=splits.SEED)
    for a, b in inner.split(Z, y):
        z[b] = level2().fit(Z[a], y[a]).decision_function(Z[b])
    full = level2().fit(Z, y)
    return np.vstack([full.coef_.T, full.intercept_[None, :]]), z


def collapse(
    model: fit.LinearFit,
    members: dict[int, list[tuple[np.ndarray, float]]],
    weights: dict[int, np.ndarray],
) -> fit.LinearFit:
    """Fold each stacked label's members and level-2 weights into one coefficient column."""
    coef, intercept = model.coef.copy(), model.intercept.copy()
    for k, fits in members.items():
        w = weights[k]
        if k == CLASSES:  # w: (members × classes + 1, classes)
            n = coef.shape[1]
            coef = sum(c @ w[m * n : (m + 1) * n] for m, (c, _) in enumerate(fits))
            intercept = sum(b @ w[m * n : (m + 1) * n] for m, (_, b) in enumerate(fits)) + w[-1]
            continue
        coef[:, k] = sum(w[m] * c for m, (c, _) in enumerate(fits))
        intercept[k] = sum(w[m] * b for m, (_, b) in enumerate(fits)) + w[-1]
    return fit.LinearFit(coef, intercept)


def calibrate(prep: Prepared, oof: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Calibration parameters and per-label operating points from out-of-fold scores."""
    Ytr = prep.Y[prep.train_rows]
    if prep.multilabel:
        ab = [calibration.platt(oof[:, k], Ytr[:, k]) for k in range(len(prep.labels))]
        a = np.array([x for x, _ in ab])
        b = np.array([x for _, x in ab])
        probs = 1.0 / (1.0 + np.exp(-(a * oof + b)))
        thresholds: dict[str, Any] = {}
        for k, label in enumerate(prep.labels):
            point = calibration.operating_point(Ytr[:, k], probs[:, k])
            if label not in prep.recipe.tuned:
                fixed = calibration.precision_recall_f1(Ytr[:, k], (probs[:, k] >= 0.5).astype(int))
                point.update(
                    threshold=0.5,
                    precision=round(fixed[0], 4),
                    recall=round(fixed[1], 4),
                    f1=round(fixed[2], 4),
                )
            thresholds[label] = point
        return a, b, thresholds
    t = calibration.temperature(oof, prep.classes[prep.train_rows])
    return np.array([t]), np.zeros(1), {}


def train(recipe: Recipe, out_dir: Path | None = None, *, limit: int | None = None,
          progress: Progress = _quiet) -> LinearModel:  # fmt: skip
    """Train one model; save it (and its card) when `out_dir` is given."""
    prep = prepare(recipe, limit=limit, progress=progress)
    oof = out_of_fold(prep, progress)
    progress("calibration")
    a, b, thresholds = calibrate(prep, oof)
    progress("final fit")
    vocab, final, members = fit_rows(prep, prep.train_rows)
    final = collapse(final, members, prep.stack_weights)
    blocks = vocab.blocks(prep.corpus)
    dense_offset = vocab.size if prep.embeddings is not None else -1
    model = LinearModel(
        name=recipe.name,
        labels=prep.labels,
        multilabel=prep.multilabel,
        featurizer=prep.featurizer,
        blocks=blocks,
        coef=final.coef.astype(np.float32),
        intercept=final.intercept,
        calib_a=a,
        calib_b=b,
        dense_offset=dense_offset,
        dense_scale=recipe.dense_scale if prep.embeddings is not None else 1.0,
    )
    progress("held-out evaluation")
    X_test = design(prep, vocab, prep.test_rows)
    # Score with the float32 coefficients that ship, exactly as the runtime does.
    P_test = model.calibrate(np.asarray(X_test @ model.coef.astype(np.float64)) + model.intercept)
    model.meta = _metadata(prep, model, thresholds, P_test, oof, a, b, limit)
    model.meta["reference"] = {"texts": list(PROBE_TEXTS), "probabilities": probe_scores(model)}
    if limit is None:
        progress("probe")
        small = train(recipe, limit=probe_limit(recipe))
        model.meta["probe"] = {
            "limit": probe_limit(recipe),
            "texts": list(PROBE_TEXTS),
            "probabilities": probe_scores(small),
        }
    if out_dir is not None:
        progress("save")
        model.save(out_dir)
        from netra.training.card import write_card

        write_card(model, recipe, out_dir / "MODEL_CARD.md")
    return model


def probe_limit(recipe: Recipe) -> int:
    return PROBE_LIMIT_EMBEDDING if recipe.features.embedding else PROBE_LIMIT


def probe_scores(model: LinearModel) -> list[list[float]]:
    """The model's probabilities on `PROBE_TEXTS`, through the runtime path."""
    from netra.analysis.document import Document
    from netra.analysis.normalize import default_normalizer

    normalizer = default_normalizer()
    return [model.score_document(Document(t, normalizer))[1].tolist() for t in PROBE_TEXTS]


def _metadata(
    prep: Prepared,
    model: LinearModel,
    thresholds: dict[str, Any],
    P_test: np.ndarray,
    oof: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    limit: int | None,
) -> dict[str, Any]:
    r = prep.recipe
    Y_test = prep.Y[prep.test_rows]
    if prep.multilabel:
        chosen = {k: v["threshold"] for k, v in thresholds.items()}
        report = metrics.multilabel_report(Y_test, P_test, prep.labels, chosen)
        P_oof = 1.0 / (1.0 + np.exp(-(a * oof + b)))
        cv = metrics.multilabel_report(prep.Y[prep.train_rows], P_oof, prep.labels, chosen)
        extra: dict[str, Any] = {}
        if r.dataset == "ibrohim":
            pred = report["_pred"]
            extra["example_accuracy_hs_abusive"] = metrics.example_accuracy(
                Y_test[:, :2], pred[:, :2]
            )
            extra["example_accuracy_all_labels"] = metrics.example_accuracy(Y_test, pred)
        test = {**metrics.public(report), **extra}
        cv = metrics.public(cv)
    else:
        test = metrics.multiclass_report(prep.classes[prep.test_rows], P_test, prep.labels)
        P_oof = model.calibrate(oof)
        cv = metrics.multiclass_report(prep.classes[prep.train_rows], P_oof, prep.labels)
    return {
        "title": r.title,
        "purpose": r.purpose,
        "recipe": r.name,
        "recipe_fingerprint": r.fingerprint(),
        "learner": {
            "C": r.C,
            "nb": r.nb,
            "min_df": r.min_df,
            "dense_scale": r.dense_scale,
            **(
                {
                    "stack": list(r.stack),
                    "stack_C": r.stack_C,
                    "members": [
                        {"nb": m.nb, "C": m.C, "blocks": list(m.blocks)} for m in r.members
                    ],
                    "stack_weights": {
                        (prep.labels[k] if k != CLASSES else "classes"): (
                            [round(float(x), 6) for x in w]
                            if k != CLASSES
                            else [[round(float(x), 6) for x in row] for row in w]
                        )
                        for k, w in sorted(prep.stack_weights.items())
                    },
                }
                if r.stack or r.members
                else {}
            ),
        },
        "dataset": r.dataset,
        "data_files": {
            Path(p).relative_to(DATA_DIR.parent).as_posix(): file_sha256(p) for p in prep.sources
        },
        "rows": {"train": len(prep.train_rows), "test": len(prep.test_rows)},
        "evaluation": r.evaluation,
        "split_seed": splits.SEED,
        "limit": limit,
        "thresholds": thresholds,
        "metrics": {"test": test, "cross_validation": cv},
        "licence": r.licence,
        "citation": r.citation,
        "trained_on": dt.date.today().isoformat(),
        "engine_version": ENGINE_VERSION,
        "python": platform.python_version(),
        "vocabulary_size": {blk.name: len(blk.vocab) for blk in model.blocks},
    }
