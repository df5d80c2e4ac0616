"""The fixed verdict vocabulary and the spellings fact-checkers actually use for it.

Archives label the same judgement many ways (`HOAX`, `Hoaks`, `[SALAH]`, `Disinformasi`, `Keliru`,
`false`); the knowledge base stores one canonical Indonesian value so that the engine can decide
severity from it and analysts can filter by it.
"""

from __future__ import annotations

import re

# Canonical values, in the order people see them.
VERDICTS: tuple[str, ...] = (
    "hoaks",
    "disinformasi",
    "misinformasi",
    "menyesatkan",
    "konteks keliru",
    "konten dimanipulasi",
    "konten tiruan",
    "penipuan",
    "satire",
    "sebagian benar",
    "belum terbukti",
    "benar",
    "klarifikasi",
)

# Verdicts that mean "do not spread this as true": a confident match is a high-severity finding.
FALSE_VERDICTS: frozenset[str] = frozenset(
    {
        "hoaks",
        "disinformasi",
        "misinformasi",
        "menyesatkan",
        "konteks keliru",
        "konten dimanipulasi",
        "konten tiruan",
        "penipuan",
    }
)

_ALIASES: dict[str, str] = {
    # hoaks
    "hoaks": "hoaks", "hoax": "hoaks", "hoaxs": "hoaks", "hoak": "hoaks", "hoaxes": "hoaks",
    "salah": "hoaks", "palsu": "hoaks", "bohong": "hoaks", "fake": "hoaks", "false": "hoaks",
    "fake news": "hoaks", "berita bohong": "hoaks", "berita palsu": "hoaks", "fitnah": "hoaks",
    "konten palsu": "hoaks", "fabricated content": "hoaks", "fabricated": "hoaks",
    "pants on fire": "hoaks",
    # disinformasi
    "disinformasi": "disinformasi", "disinformation": "disinformasi", "disinfo": "disinformasi",
    # misinformasi
    "misinformasi": "misinformasi", "misinformation": "misinformasi", "misinfo": "misinformasi",
    "keliru": "misinformasi", "salah kaprah": "misinformasi", "mostly false": "misinformasi",
    # menyesatkan
    "menyesatkan": "menyesatkan", "misleading": "menyesatkan", "sesat": "menyesatkan",
    "konten menyesatkan": "menyesatkan", "misleading content": "menyesatkan",
    # konteks keliru
    "konteks keliru": "konteks keliru", "konteks yang keliru": "konteks keliru",
    "konteks salah": "konteks keliru", "konteks yang salah": "konteks keliru",
    "false context": "konteks keliru", "missing context": "konteks keliru",
    "kurang konteks": "konteks keliru", "tanpa konteks": "konteks keliru",
    # konten dimanipulasi
    "konten dimanipulasi": "konten dimanipulasi", "konten yang dimanipulasi": "konten dimanipulasi",
    "dimanipulasi": "konten dimanipulasi", "manipulasi": "konten dimanipulasi",
    "manipulated content": "konten dimanipulasi", "manipulated": "konten dimanipulasi",
    "altered": "konten dimanipulasi", "editan": "konten dimanipulasi",
    # konten tiruan
    "konten tiruan": "konten tiruan", "tiruan": "konten tiruan", "impostor": "konten tiruan",
    "impostor content": "konten tiruan", "imposter content": "konten tiruan",
    "akun palsu": "konten tiruan", "catut": "konten tiruan", "mencatut": "konten tiruan",
    # penipuan
    "penipuan": "penipuan", "scam": "penipuan", "phishing": "penipuan", "tipuan": "penipuan",
    # satire
    "satire": "satire", "satir": "satire", "parodi": "satire", "satire parodi": "satire",
    "satire atau parodi": "satire", "konten satire": "satire", "satire/parodi": "satire",
    "parody": "satire", "satire / parodi": "satire",
    # sebagian benar
    "sebagian benar": "sebagian benar", "setengah benar": "sebagian benar",
    "partly true": "sebagian benar", "half true": "sebagian benar", "mixture": "sebagian benar",
    "partly false": "sebagian benar", "sebagian salah": "sebagian benar",
    # belum terbukti
    "belum terbukti": "belum terbukti", "tidak terbukti": "belum terbukti",
    "unproven": "belum terbukti", "unverified": "belum terbukti",
    "belum terverifikasi": "belum terbukti",
    # benar
    "benar": "benar", "fakta": "benar", "true": "benar", "valid": "benar", "correct": "benar",
    "sahih": "benar", "akurat": "benar",
    # klarifikasi
    "klarifikasi": "klarifikasi", "clarification": "klarifikasi", "penjelasan": "klarifikasi",
}  # fmt: skip

_PUNCT = re.compile(r"[\[\]\(\)\{\}\"'“”‘’:;!.,*_#]+")
_SPACE = re.compile(r"\s+")
# A leading label in a title: "[HOAKS] …", "(SALAH) …", "HOAKS: …", "[SALAH] [PENIPUAN] …".
_TITLE_TAG = re.compile(r"^\s*(?:\[([^\]]{1,40})\]|\(([^)]{1,40})\)|([^:\[\]()]{1,30}):)\s*")


def normalize_verdict(raw: str | None) -> str | None:
    """The canonical verdict for a spelling, or None when it is not one we know."""
    if raw is None:
        return None
    key = _SPACE.sub(" ", _PUNCT.sub(" ", raw.replace("-", " ").lower())).strip()
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    # "satire/parodi", "Hoaks - Penipuan": first known part wins.
    for part in re.split(r"\s*/\s*|\s+atau\s+|\s+dan\s+", key):
        if part in _ALIASES:
            return _ALIASES[part]
    return None


def split_title_verdict(title: str) -> tuple[str | None, str]:
    """Split "[HOAKS] Vaksin mengandung chip" into ("hoaks", "Vaksin mengandung chip").

    Feeds of fact-check sites put the verdict in the title. Several leading tags are removed; the
    first one that is a known verdict wins. A title without a known tag comes back unchanged.
    """
    verdict: str | None = None
    rest = title
    for _ in range(4):
        m = _TITLE_TAG.match(rest)
        if not m:
            break
        tag = next(g for g in m.groups() if g is not None)
        found = normalize_verdict(tag)
        if found is None:
            # "Cek Fakta: …" is a section name, not a verdict; any other unknown tag stays put.
            if tag.strip().lower() not in {"cek fakta", "cekfakta", "fact check", "faktanya"}:
                break
        elif verdict is None:
            verdict = found
        rest = rest[m.end() :]
    if verdict is None:
        return None, title.strip()
    return verdict, rest.strip()


def is_false(verdict: str) -> bool:
    """Whether the verdict says the claim should not be spread as true."""
    return verdict in FALSE_VERDICTS


def verdict_choices_text() -> str:
    return ", ".join(VERDICTS)
