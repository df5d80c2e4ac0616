"""Loading and cleaning the labelled data sets in `data/` (repository root).

The files are kept byte-for-byte as published; every repair happens here, in code, so it is
repeatable and visible. The repairs undo artefacts of how each corpus was exported, so that the
texts the models learn from look like the posts Netra sees at run time:

- Ibrohim & Budi 2019: emoji exported as escape text (`\\xf0\\x9f\\x98\\x82`), newlines as literal
  `\\n`, HTML entities, `USER` / `URL` placeholders, `RT` markers and a stray trailing quote.
- Netifier: forum markup (`[QUOTE=…]…[/QUOTE]`, `[img]…[/img]`, `[color=…]`).
- All: duplicate texts are merged (labels by majority, ties towards the positive label), so a
  held-out split can never contain a text the model was trained on.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

#: The repository's data directory (`<repo>/data`), found from this file's location.
DATA_DIR = Path(__file__).resolve().parents[3] / "data"

IBROHIM_LABELS = (
    "HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical",
    "HS_Gender", "HS_Other", "HS_Weak", "HS_Moderate", "HS_Strong",
)  # fmt: skip
NETIFIER_LABELS = ("pornografi", "sara", "radikalisme", "pencemaran_nama_baik")
SMSA_LABELS = ("positive", "neutral", "negative")
EMOT_LABELS = ("anger", "happy", "sadness", "fear", "love")


@dataclass(slots=True)
class Dataset:
    """Texts with a label matrix (multi-label: 0/1 columns; single-label: one-hot columns)."""

    name: str
    texts: list[str]
    y: np.ndarray  # (n, len(labels)) uint8
    labels: tuple[str, ...]
    multilabel: bool
    sources: list[str] = field(default_factory=list)  # files read, for the model card

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, index: Sequence[int] | np.ndarray) -> Dataset:
        idx = np.asarray(index, dtype=int)
        return Dataset(
            self.name,
            [self.texts[i] for i in idx],
            self.y[idx],
            self.labels,
            self.multilabel,
            self.sources,
        )

    def label_ids(self) -> np.ndarray:
        """Class index per row (single-label data sets)."""
        return self.y.argmax(axis=1)


# -- cleaning -----------------------------------------------------------------------------------
_ESCAPED_BYTES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
_ESCAPED_CONTROL = re.compile(r"\\[nrt]|\\x[0-9a-fA-F]?(?![0-9a-fA-F])")  # also a cut-off `\x9`
_IBROHIM_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:USER|URL)(?![A-Za-z]):?|^\s*RT\b:?")
# Emoji and Arabic script that an earlier latin-1 round trip mangled into `ð???`, `Ø§Ù`, `â€¦`.
_MOJIBAKE = re.compile(r"[ðâÂÙØÃï][^\sA-Za-z0-9]*")


def _decode_escaped_bytes(match: re.Match[str]) -> str:
    raw = bytes(int(h, 16) for h in match.group(0).split("\\x")[1:])
    return " " + raw.decode("utf-8", errors="ignore") + " "


def clean_ibrohim(text: str) -> str:
    """Turn an exported tweet back into what its author wrote (as far as the export allows)."""
    text = text.strip()
    if text.endswith("'"):
        text = text[:-1]
    text = _ESCAPED_BYTES.sub(_decode_escaped_bytes, text)
    text = _ESCAPED_CONTROL.sub(" ", text)
    text = html.unescape(text)
    text = _MOJIBAKE.sub(" ", text)

    def placeholder(m: re.Match[str]) -> str:
        word = m.group(0).strip().rstrip(":")
        return " @user " if word == "USER" else " "

    text = _IBROHIM_PLACEHOLDER.sub(placeholder, text)
    return " ".join(text.split())


_BB_QUOTE = re.compile(r"\[quote(?:=[^\]]*)?\].*?\[/quote\]", re.IGNORECASE | re.DOTALL)
_BB_IMG = re.compile(r"\[img\].*?\[/img\]", re.IGNORECASE | re.DOTALL)
_BB_TAG = re.compile(r"\[/?[a-z]+(?:=[^\]]*)?\]", re.IGNORECASE)


def clean_forum(text: str, *, keep_quotes: bool = False) -> str:
    """Remove forum markup. Quoted posts are someone else's words: dropped unless asked."""
    if not keep_quotes:
        text = _BB_QUOTE.sub(" ", text)
    text = _BB_IMG.sub(" ", text)
    text = _BB_TAG.sub(" ", text)
    text = html.unescape(text)
    return " ".join(text.split())


def clean_plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


# -- duplicates ---------------------------------------------------------------------------------
def merge_duplicates(texts: list[str], y: np.ndarray) -> tuple[list[str], np.ndarray]:
    """One row per distinct text (case- and space-insensitive), labels by majority vote.

    The first occurrence's text is kept and order is preserved, so the result is deterministic.
    """
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        groups.setdefault(" ".join(t.lower().split()), []).append(i)
    keep_texts: list[str] = []
    rows: list[np.ndarray] = []
    for members in groups.values():
        keep_texts.append(texts[members[0]])
        votes = y[members].astype(float).mean(axis=0)
        rows.append((votes >= 0.5).astype(np.uint8))
    return keep_texts, np.vstack(rows) if rows else y[:0]


def merge_duplicates_single(
    texts: list[str], classes: list[int], n: int
) -> tuple[list[str], list[int]]:
    """Single-label version: the most frequent class per distinct text (lowest index on ties)."""
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        groups.setdefault(" ".join(t.lower().split()), []).append(i)
    out_t: list[str] = []
    out_c: list[int] = []
    for members in groups.values():
        counts = np.bincount([classes[i] for i in members], minlength=n)
        out_t.append(texts[members[0]])
        out_c.append(int(counts.argmax()))
    return out_t, out_c


# -- loaders ------------------------------------------------------------------------------------
def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_ibrohim(path: Path | None = None, *, dedupe: bool = True) -> Dataset:
    """Ibrohim & Budi 2019 tweets: 12 binary labels."""
    path = path or DATA_DIR / "ibrohim2019" / "train.csv"
    rows = _read_csv(path)
    texts = [clean_ibrohim(r["Tweet"]) for r in rows]
    y = np.array([[int(r[k]) for k in IBROHIM_LABELS] for r in rows], dtype=np.uint8)
    if dedupe:
        texts, y = merge_duplicates(texts, y)
    return Dataset("ibrohim", texts, y, IBROHIM_LABELS, True, [str(path)])


def load_netifier(
    path: Path | None = None, *, dedupe: bool = True, keep_quotes: bool = False
) -> Dataset:
    """Netifier posts: 4 binary labels."""
    path = path or DATA_DIR / "netifier" / "train.csv"
    rows = _read_csv(path)
    texts = [clean_forum(r["original_text"], keep_quotes=keep_quotes) for r in rows]
    y = np.array([[int(r[k]) for k in NETIFIER_LABELS] for r in rows], dtype=np.uint8)
    keep = [i for i, t in enumerate(texts) if t.strip()]
    texts, y = [texts[i] for i in keep], y[keep]
    if dedupe:
        texts, y = merge_duplicates(texts, y)
    return Dataset("netifier", texts, y, NETIFIER_LABELS, True, [str(path)])


def _single_label(
    name: str,
    pairs: list[tuple[str, str]],
    labels: tuple[str, ...],
    path: Path,
    dedupe: bool,
) -> Dataset:
    index = {lab: i for i, lab in enumerate(labels)}
    texts = [clean_plain(t) for t, _ in pairs]
    classes = [index[lab.strip()] for _, lab in pairs]
    if dedupe:
        texts, classes = merge_duplicates_single(texts, classes, len(labels))
    y = np.zeros((len(texts), len(labels)), dtype=np.uint8)
    y[np.arange(len(texts)), classes] = 1
    return Dataset(name, texts, y, labels, False, [str(path)])


def load_smsa(
    split: str = "train", *, path: Path | None = None, dedupe: bool | None = None
) -> Dataset:
    """IndoNLU SmSA (tab-separated `text<TAB>label`, no header).

    Duplicates are merged in `train` only: `valid` is kept exactly as published so our figure is
    comparable with other reports on it.
    """
    path = path or DATA_DIR / "indonlu-smsa" / f"{split}.tsv"
    with open(path, encoding="utf-8") as fh:
        pairs = [tuple(line.rstrip("\n").rsplit("\t", 1)) for line in fh if line.strip()]
    dedupe = split == "train" if dedupe is None else dedupe
    return _single_label("smsa", pairs, SMSA_LABELS, path, dedupe)  # type: ignore[arg-type]


def load_emot(
    split: str = "train", *, path: Path | None = None, dedupe: bool | None = None
) -> Dataset:
    """IndoNLU EmoT (`label,tweet` CSV with header); `[USERNAME]` marks a mention."""
    path = path or DATA_DIR / "indonlu-emot" / f"{split}.csv"
    rows = _read_csv(path)
    pairs = [
        (r["tweet"].replace("[USERNAME]", "@user").replace("[URL]", " "), r["label"]) for r in rows
    ]
    dedupe = split == "train" if dedupe is None else dedupe
    return _single_label("emot", pairs, EMOT_LABELS, path, dedupe)


LOADERS: dict[str, Callable[..., Dataset]] = {
    "ibrohim": load_ibrohim,
    "netifier": load_netifier,
    "smsa": load_smsa,
    "emot": load_emot,
}


def file_sha256(path: str | Path) -> str:
    """Fingerprint of a data file, recorded in each model's metadata."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
