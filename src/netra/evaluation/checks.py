"""Consistency checks for the labelled dataset, run by the test suite.

The dev set is only as good as its labels, so every rule of the labelling guide
(tests/data/README.md) that a machine can check is checked here: known categories and entities,
spans inside the text and not cut through a word, personal-data spans present exactly when the
`personal_data` label is, and identity numbers with a valid structure (a NIK with an impossible
birth date would teach the detectors the wrong thing).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from netra.evaluation.dataset import CATEGORIES, ENTITIES, SPLITS, DevItem

# Province codes in use by Dukcapil (the first two digits of a NIK or KK).
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64,
     65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94}
)  # fmt: skip
# Tags that promise the post must not be flagged (at least not for neutrality).
NO_LABEL_TAGS = frozenset({"official_humas", "lookalike", "personal_post"})
_TAG = re.compile(r"^[a-z][a-z0-9_]*$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def nik_problem(value: str) -> str | None:
    """Why a NIK (or KK, same layout) is structurally impossible, or None."""
    digits = _digits(value)
    if len(digits) != 16:
        return "harus 16 digit"
    if int(digits[:2]) not in PROVINCE_CODES:
        return f"kode provinsi {digits[:2]} tidak ada"
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:  # women: day of birth + 40
        day -= 40
    if not _valid_date(2000 + year, month, day):
        return f"tanggal {digits[6:12]} tidak valid"
    if digits[12:] == "0000":
        return "nomor urut 0000"
    return None


def nip_problem(value: str) -> str | None:
    """Why a NIP (birth date, appointment month, gender digit, serial) is impossible, or None."""
    digits = _digits(value)
    if len(digits) != 18:
        return "harus 18 digit"
    born_y, born_m, born_d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if not _valid_date(born_y, born_m, born_d):
        return "tanggal lahir tidak valid"
    appointed_y, appointed_m = int(digits[8:12]), int(digits[12:14])
    if not 1 <= appointed_m <= 12 or appointed_y < born_y + 18:
        return "TMT pengangkatan tidak masuk akal"
    if digits[14] not in "12":
        return "digit jenis kelamin harus 1 atau 2"
    return None


def item_problems(item: DevItem) -> list[str]:
    """Everything wrong with one item (empty when it follows the labelling guide)."""
    problems: list[str] = []
    unknown = item.labels - set(CATEGORIES)
    if unknown:
        problems.append(f"label tidak dikenal: {sorted(unknown)}")
    if item.split not in SPLITS:
        problems.append(f"split tidak dikenal: {item.split}")
    if not item.text.strip():
        problems.append("teks kosong")
    bad_tags = [t for t in item.tags if not _TAG.match(t)]
    if bad_tags:
        problems.append(f"tag tidak valid: {bad_tags}")
    if item.labels and item.tags & NO_LABEL_TAGS:
        problems.append(f"tag {sorted(item.tags & NO_LABEL_TAGS)} berarti tanpa label")
    if "neutral_election_info" in item.tags and "political_neutrality" in item.labels:
        problems.append("neutral_election_info tidak boleh berlabel political_neutrality")
    if bool(item.spans) != ("personal_data" in item.labels):
        problems.append("label personal_data harus ada tepat bila ada span")
    previous_end = -1
    for span in item.spans:
        problems.extend(_span_problems(item, span.start, span.end, span.entity, previous_end))
        previous_end = max(previous_end, span.end)
    return problems


def _span_problems(item: DevItem, start: int, end: int, entity: str, prev_end: int) -> list[str]:
    text = item.text
    where = f"span {start}-{end} ({entity})"
    if entity not in ENTITIES:
        return [f"{where}: entitas tidak dikenal"]
    if not 0 <= start < end <= len(text):
        return [f"{where}: di luar teks"]
    problems = []
    if start < prev_end:
        problems.append(f"{where}: tumpang tindih dengan span sebelumnya")
    value = text[start:end]
    if value != value.strip():
        problems.append(f"{where}: diawali/diakhiri spasi")
    if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        problems.append(f"{where}: memotong kata '{value}'")
    if entity in ("nik", "kk"):
        why = nik_problem(value)
        if why:
            problems.append(f"{where}: {entity.upper()} '{value}' {why}")
    if entity == "nip":
        why = nip_problem(value)
        if why:
            problems.append(f"{where}: NIP '{value}' {why}")
    if entity == "npwp" and len(_digits(value)) not in (15, 16):
        problems.append(f"{where}: NPWP harus 15 atau 16 digit")
    if entity == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value):
        problems.append(f"{where}: bukan alamat e-mail")
    return problems


def dataset_problems(items: Iterable[DevItem]) -> list[str]:
    """Problems of every item, prefixed by its id, plus duplicate ids and texts."""
    items = list(items)
    problems = [f"{item.id}: {p}" for item in items for p in item_problems(item)]
    for key, what in ((lambda i: i.id, "id"), (lambda i: i.text, "teks")):
        counts = Counter(key(item) for item in items)
        problems.extend(f"{what} ganda: {value[:60]!r}" for value, n in counts.items() if n > 1)
    return problems
