"""Character-level cleaning that keeps a map back to the original text.

People evading a filter hide zero-width characters inside words (`an\u200bjing`), swap Latin
letters for Cyrillic or Greek look-alikes (`р` for `p`), or write in fullwidth or "bold" Unicode
letters (`ｇｏｂｌｏｋ`, `𝐠𝐨𝐛𝐥𝐨𝐤`). The clean view undoes all of that character by character,
keeping case, and remembers for every clean character which original character it came from, so a
match on the clean view maps back to the exact original characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters with no visible width, used to split words invisibly (and bidi controls).
_INVISIBLE = {
    0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
    0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
    0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069,
    0x3164, 0xFE0E, 0xFE0F, 0xFEFF, 0xFFA0,
}  # fmt: skip

# Look-alikes that Unicode normalisation does not fold (Cyrillic and Greek letters shaped like
# Latin ones). Only letters commonly abused in Indonesian slang evasion are listed.
_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ɡ": "g", "ո": "n", "ս": "u", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "η": "n", "ω": "w",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
    "‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-", "‒": "-",
    "–": "-", "—": "-", "―": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ",
}  # fmt: skip


@lru_cache(maxsize=8192)
def clean_char(ch: str) -> str:
    """The clean form of one non-ASCII character ('' for invisible ones)."""
    code = ord(ch)
    if code in _INVISIBLE:
        return ""
    mapped = _CONFUSABLES.get(ch)
    if mapped is not None:
        return mapped
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "
    if category in ("Zs", "Zl", "Zp"):
        return " "
    if category == "Mn":  # a combining mark, e.g. Zalgo text: drop it
        return ""
    decomposed = unicodedata.normalize("NFKD", ch)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Keep characters whose compatibility form is plain letters or digits (fullwidth, bold,
    # circled, accented); keep everything else (emoji, CJK) as it is.
    if folded and folded != ch and all(c.isascii() for c in folded):
        return folded
    return ch


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_control(ch: str) -> bool:
    return ch < " " and ch not in "\n\t\r"


def clean_text(text: str) -> tuple[str, list[int] | None]:
    """Return the clean view and, unless it is identical in length, a clean→original index map.

    The map has one entry per clean character plus a sentinel `len(text)` at the end. `None`
    means the clean view has exactly the original offsets (the common case: plain text, emoji).
    This runs on every post, so the common cases are decided by C-speed regex scans.
    """
    if _CONTROL.search(text) is not None:
        text_for_view = _CONTROL.sub(" ", text)
    else:
        text_for_view = text
    if text.isascii():
        return text_for_view, None
    changes: dict[str, str] = {}
    positions: list[int] = []  # where a character changes (control characters are ASCII, so
    for m in _NON_ASCII.finditer(text):  # these positions hold in text_for_view as well)
        ch = m.group(0)
        out = changes.get(ch)
        if out is None:
            out = changes[ch] = clean_char(ch)
        if out != ch:
            positions.append(m.start())
    if not positions:
        return text_for_view, None
    changed = {c: v for c, v in changes.items() if v != c}
    if all(len(v) == 1 for v in changed.values()):
        return text_for_view.translate(str.maketrans(changed)), None
    # Lengths change (a zero-width character dropped, a ligature split): copy the unchanged
    # stretches whole and map them with ranges, so the cost follows the changed characters,
    # not the length of the post.
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for i in positions:
        if i > pos:
            parts.append(text_for_view[pos:i])
            index.extend(range(pos, i))
        out = changed[text_for_view[i]]
        parts.append(out)
        index.extend([i] * len(out))
        pos = i + 1
    parts.append(text_for_view[pos:])
    index.extend(range(pos, len(text_for_view)))
    index.append(len(text))
    return "".join(parts), index
