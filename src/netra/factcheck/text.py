"""The lexical view of a claim or a post: normalised, canonical, stemmed words.

The engine's normaliser already undoes slang, leetspeak and stretched letters (`yg udh disuntik`
→ `yang sudah disuntik`). On top of it, fact-check matching needs two more things: one spelling
for the same thing (`korona`, `corona`, `covid19` → `covid`; `cip`, `mikrocip` → `chip`;
`e-ktp`, `ktp-el` → `ktp`) and one form per word family (`disuntik`, `suntikan` → `suntik`,
Sastrawi stems, cached per distinct word). Decimal separators are unified so `8,7` and `8.7` meet.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from netra.analysis.document import Document

# Spellings of the same referent that circulate side by side; applied before and after stemming.
CANONICAL: dict[str, str] = {
    "corona": "covid", "korona": "covid", "covid19": "covid", "c0vid": "covid", "kovid": "covid",
    "sars": "covid",
    "cip": "chip", "microchip": "chip", "mikrocip": "chip", "microcip": "chip",
    "mikrochip": "chip", "nanochip": "chip", "chips": "chip",
    "pns": "asn", "pegawai": "pegawai",
    "ektp": "ktp", "ktpel": "ktp", "ekatepe": "ktp",
    "sr": "magnitudo", "magnitude": "magnitudo", "skala": "skala",
    "wa": "whatsapp", "whatsap": "whatsapp", "watsap": "whatsapp", "wasap": "whatsapp",
    "hoax": "hoaks", "hoak": "hoaks",
    "cina": "china", "tiongkok": "china", "tionghoa": "china",
    "rb": "ribu", "jt": "juta", "m": "miliar", "milyar": "miliar",
    "vaksinasi": "vaksin", "divaksin": "vaksin", "imunisasi": "imunisasi",
    "bansos": "bansos", "blt": "blt", "otp": "otp",
    "medsos": "media", "fb": "facebook", "ig": "instagram",
    "rs": "rumah", "puskesmas": "puskesmas",
    "tsunami": "tsunami", "gempabumi": "gempa",
}  # fmt: skip

_DECIMAL = re.compile(r"(\d)[.,](\d)")
_stem_lock = threading.Lock()
_stemmer: Any = None


def _load_stemmer() -> Any:
    global _stemmer
    with _stem_lock:
        if _stemmer is None:
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

            _stemmer = StemmerFactory().create_stemmer()
    return _stemmer


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Sastrawi root of one normalised word; short words and numbers are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return (_stemmer or _load_stemmer()).stem(word) or word


def canonical(word: str) -> str:
    return CANONICAL.get(word, word)


def normalized(text: str) -> str:
    """The engine's normalised word view (lower-case standard words), decimals unified."""
    return Document(_DECIMAL.sub(r"\1\2", text)).norm


def lexical_words(text: str) -> list[str]:
    """Canonical stems of the normalised words, in order."""
    return [canonical(stem(canonical(w))) for w in normalized(text).split()]
