"""Import regional election (Pilkada) candidates from a CSV file into a lexicon the engine loads.

Regional candidates change every election and differ per agency, so they are admin data: an
admin exports the KPU list of pairs for their region to CSV and runs

    netra rules import-candidates pasangan.csv --election "Pilkada 2024"

which writes `<data dir>/rules/lexicons/political_candidates_<election>.yaml`. The engine reads
it on its next start (or after `netra.analysis.reset_engine()`); the neutrality detector then
knows the names, nicknames, numbers and hashtags of these pairs. Re-importing the same election
replaces that file, so the import is idempotent. The web app calls `import_candidates` directly.

CSV header (UTF-8, comma-separated; Indonesian column names in brackets are accepted too):

  region (wilayah)              required  e.g. "Kabupaten Bogor", "DKI Jakarta"
  position (jabatan)            required  gubernur | bupati | walikota
  number (nomor_urut)           required  ballot number, 1–20
  candidate (calon)             required  full name of the regional-head candidate
  running_mate (wakil)          optional  full name of the deputy candidate
  nicknames (panggilan)         optional  names of the pair, separated by ";" ("RIDO;Pram-Doel")
  candidate_nicknames (panggilan_calon)        optional  ";"-separated
  running_mate_nicknames (panggilan_wakil)     optional  ";"-separated
  hashtags (tagar)              optional  campaign hashtags, ";"-separated, "#" optional
  slogans (slogan)              optional  campaign slogans, ";"-separated
  parties (partai)              optional  supporting parties, ";"-separated (kept as information)

Names that are also everyday words would flag innocent posts, so: a nickname of at most three
letters, or written entirely in capitals ("RK", "RIDO", "KDM"), is matched only when a post
writes it in capitals; a one-word name or nickname that is a common Indonesian word ("Dharma",
"Hendi" is not one) is marked ambiguous and counts only in an election setting. The import
reports these as warnings.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

LEXICON_NAME = "political_candidates"
MAX_ROWS = 5_000
MAX_NUMBER = 20
_COMMON_WORD_COUNT = 20  # wordfreq count above which a one-word name is an everyday word

_COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region", "wilayah", "daerah"),
    "position": ("position", "jabatan", "posisi"),
    "number": ("number", "nomor_urut", "nomor", "no_urut"),
    "candidate": ("candidate", "calon", "nama_calon"),
    "running_mate": ("running_mate", "wakil", "nama_wakil", "calon_wakil"),
    "nicknames": ("nicknames", "panggilan", "panggilan_pasangan"),
    "candidate_nicknames": ("candidate_nicknames", "panggilan_calon"),
    "running_mate_nicknames": ("running_mate_nicknames", "panggilan_wakil"),
    "hashtags": ("hashtags", "tagar", "hashtag"),
    "slogans": ("slogans", "slogan"),
    "parties": ("parties", "partai", "partai_pengusung"),
}
_REQUIRED = ("region", "position", "number", "candidate")

_POSITIONS = {
    "gubernur": "gubernur",
    "cagub": "gubernur",
    "calon gubernur": "gubernur",
    "pilgub": "gubernur",
    "bupati": "bupati",
    "cabup": "bupati",
    "calon bupati": "bupati",
    "pilbup": "bupati",
    "walikota": "walikota",
    "wali kota": "walikota",
    "cawalkot": "walikota",
    "calon walikota": "walikota",
    "calon wali kota": "walikota",
    "pilwalkot": "walikota",
}
_POSITION_TITLE = {"gubernur": "gubernur", "bupati": "bupati", "walikota": "wali kota"}
_NAME = re.compile(r"^[^\W\d_][\w .,'’\-]*$")


class CandidateImportError(ValueError):
    """The file cannot be imported; `problems` lists every reason (Indonesian, one per line)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class CandidateRow:
    """One validated pair from the CSV."""

    line: int
    region: str
    position: str
    number: int
    candidate: str
    running_mate: str | None
    nicknames: list[str] = field(default_factory=list)
    candidate_nicknames: list[str] = field(default_factory=list)
    running_mate_nicknames: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did: the file written, the pairs imported, rows rejected, warnings."""

    path: Path | None
    election: str
    imported: list[CandidateRow]
    rejected: list[str]
    warnings: list[str]


# -- parsing --------------------------------------------------------------------------------------
def read_rows(source: str | bytes | Path) -> tuple[list[CandidateRow], list[str]]:
    """Validated rows and one Indonesian message per rejected row ("Baris 4: …").

    Raises CandidateImportError when the file as a whole is unusable (unreadable, not UTF-8, no
    header, missing required columns, too many rows).
    """
    text = _read_text(source)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise CandidateImportError(["Berkas kosong: tidak ada baris judul kolom."]) from None
    except csv.Error as exc:
        raise CandidateImportError([f"Berkas CSV rusak: {exc}."]) from None
    columns = _map_header(header)
    rows: list[CandidateRow] = []
    problems: list[str] = []
    seen_numbers: dict[tuple[str, str, int], int] = {}
    seen_names: dict[tuple[str, str, str], int] = {}
    try:
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(rows) + len(problems) >= MAX_ROWS:
                raise CandidateImportError(
                    [f"Berkas terlalu besar: lebih dari {MAX_ROWS} baris pasangan calon."]
                )
            try:
                row = _parse_row(line, values, columns)
            except ValueError as exc:
                problems.append(f"Baris {line}: {exc}")
                continue
            key = (row.region.casefold(), row.position, row.number)
            if key in seen_numbers:
                problems.append(
                    f"Baris {line}: nomor urut {row.number} untuk {row.position} {row.region} "
                    f"sudah dipakai di baris {seen_numbers[key]}."
                )
                continue
            name_key = (row.region.casefold(), row.position, row.candidate.casefold())
            if name_key in seen_names:
                earlier = seen_names[name_key]
                problems.append(
                    f"Baris {line}: {row.candidate} sudah tercantum di baris {earlier}."
                )
                continue
            seen_numbers[key] = line
            seen_names[name_key] = line
            rows.append(row)
    except csv.Error as exc:
        raise CandidateImportError([f"Berkas CSV rusak: {exc}."]) from None
    if not rows and not problems:
        raise CandidateImportError(["Berkas tidak berisi satu pun pasangan calon."])
    return rows, problems


def _read_text(source: str | bytes | Path) -> str:
    if isinstance(source, Path):
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            raise CandidateImportError([f"Berkas {source} tidak ditemukan."]) from None
        except IsADirectoryError:
            raise CandidateImportError([f"{source} adalah folder, bukan berkas CSV."]) from None
        except OSError:
            raise CandidateImportError(
                [f"Berkas {source} tidak bisa dibaca (hak akses atau kerusakan berkas)."]
            ) from None
    elif isinstance(source, bytes):
        data = source
    else:
        return source.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CandidateImportError(
            [
                "Berkas bukan teks UTF-8. Simpan ulang sebagai 'CSV UTF-8' dari aplikasi "
                "lembar kerja."
            ]
        ) from None


def _map_header(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower().replace(" ", "_") for h in header]
    columns: dict[str, int] = {}
    for field_name, aliases in _COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases:
                columns[field_name] = i
                break
    missing = [f for f in _REQUIRED if f not in columns]
    if missing:
        wanted = ", ".join(f"{f} ({_COLUMNS[f][1]})" for f in missing)
        raise CandidateImportError(
            [
                f"Kolom wajib tidak ada: {wanted}. Baris pertama harus judul kolom, mis. "
                "region,position,number,candidate,running_mate,nicknames,hashtags,slogans,parties."
            ]
        )
    return columns


def _parse_row(line: int, values: list[str], columns: dict[str, int]) -> CandidateRow:
    def get(name: str) -> str:
        i = columns.get(name)
        return values[i].strip() if i is not None and i < len(values) else ""

    region = get("region")
    if not region:
        raise ValueError("kolom region (wilayah) kosong.")
    if len(region) > 80:
        raise ValueError("nama wilayah terlalu panjang (maks. 80 karakter).")
    raw_position = " ".join(get("position").lower().split())
    position = _POSITIONS.get(raw_position)
    if position is None:
        shown = raw_position or "(kosong)"
        raise ValueError(f"jabatan '{shown}' tidak dikenal; isi gubernur, bupati, atau walikota.")
    raw_number = get("number")
    if not raw_number.isdigit() or not 1 <= int(raw_number) <= MAX_NUMBER:
        raise ValueError(
            f"nomor urut harus angka 1–{MAX_NUMBER}, bukan '{raw_number or '(kosong)'}'."
        )
    candidate = _name(get("candidate"), "calon")
    if candidate is None:
        raise ValueError("nama calon (candidate) kosong.")
    running_mate = _name(get("running_mate"), "wakil")
    return CandidateRow(
        line=line,
        region=region,
        position=position,
        number=int(raw_number),
        candidate=candidate,
        running_mate=running_mate,
        nicknames=_names(get("nicknames"), "panggilan pasangan"),
        candidate_nicknames=_names(get("candidate_nicknames"), "panggilan calon"),
        running_mate_nicknames=_names(get("running_mate_nicknames"), "panggilan wakil"),
        hashtags=_hashtags(get("hashtags")),
        slogans=_names(get("slogans"), "slogan", allow_digits=True),
        parties=[p.strip() for p in get("parties").split(";") if p.strip()],
    )


def _name(value: str, what: str, *, allow_digits: bool = False) -> str | None:
    value = " ".join(value.split())
    if not value:
        return None
    if len(value) > 80:
        raise ValueError(f"{what} '{value[:30]}…' terlalu panjang (maks. 80 karakter).")
    if not allow_digits and not _NAME.match(value):
        raise ValueError(f"{what} '{value}' berisi karakter yang tidak lazim untuk nama.")
    if not any(c.isalpha() for c in value):
        raise ValueError(f"{what} '{value}' tidak berisi huruf.")
    return value


def _names(value: str, what: str, *, allow_digits: bool = False) -> list[str]:
    out = []
    for part in value.split(";"):
        name = _name(part, what, allow_digits=allow_digits)
        if name is None:
            continue
        if len(re.sub(r"[^A-Za-z]", "", name)) < 2:
            raise ValueError(f"{what} '{name}' terlalu pendek (minimal 2 huruf).")
        out.append(name)
    return out


def _hashtags(value: str) -> list[str]:
    out = []
    for part in value.split(";"):
        tag = part.strip().lstrip("#")
        if not tag:
            continue
        if not re.fullmatch(r"[^\W_]\w*", tag):
            raise ValueError(f"tagar '#{tag}' tidak valid (hanya huruf, angka, dan garis bawah).")
        out.append(tag)
    return out


# -- building the lexicon -------------------------------------------------------------------------
def slugify(election: str) -> str:
    """`Pilkada Kab. Bogor 2024` → `pilkada_kab_bogor_2024` (for the file name)."""
    slug = re.sub(r"[^a-z0-9]+", "_", election.lower()).strip("_")
    return slug[:60] or "pilkada"


def build_lexicon(
    rows: list[CandidateRow], election: str, source: str, vocabulary: dict[str, int] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The lexicon document (a dict ready for YAML) and warnings about risky names."""
    vocabulary = vocabulary if vocabulary is not None else _vocabulary()
    entries: list[dict[str, Any]] = []
    warnings: list[str] = []
    for row in rows:
        title = _POSITION_TITLE[row.position]
        base = {
            "number": row.number,
            "election": election,
            "region": row.region,
            "position": row.position,
            "pair": f"{slugify(election)}:{slugify(row.region)}:{row.position}:{row.number}",
        }
        if row.parties:
            base["parties"] = row.parties
        where = f"{row.region}"
        pair_names = list(row.nicknames)
        if row.running_mate:
            pair_names[:0] = [
                f"{row.candidate}-{row.running_mate}",
                f"{row.candidate} dan {row.running_mate}",
            ]
            pair_label = (
                f"pasangan {row.candidate}–{row.running_mate}, "
                f"calon {title} dan wakil {title} {where}"
            )
        else:
            pair_label = f"{row.candidate}, calon {title} {where}"
        entries += _entries(
            pair_label, {**base, "kind": "pair"}, pair_names, row, vocabulary, warnings
        )
        people = [(row.candidate, row.candidate_nicknames, f"calon {title}")]
        if row.running_mate:
            people.append((row.running_mate, row.running_mate_nicknames, f"calon wakil {title}"))
        for name, nicks, role in people:
            label = f"{name} ({role} {where} nomor urut {row.number})"
            names = [name, *nicks]
            entries += _entries(
                label, {**base, "kind": "candidate"}, names, row, vocabulary, warnings
            )
        if row.hashtags:
            entries.append(
                {
                    "label": f"tagar kampanye {pair_label}",
                    "attrs": {**base, "kind": "slogan", "strength": "tag"},
                    "terms": [_split_camel(t) for t in row.hashtags],
                }
            )
        if row.slogans:
            entries.append(
                {
                    "label": f"slogan {pair_label}",
                    "attrs": {**base, "kind": "slogan", "strength": "weak"},
                    "terms": list(row.slogans),
                }
            )
    document = {
        "name": LEXICON_NAME,
        "description": f"Pasangan calon {election} (diimpor dari {source}).",
        "source": f"{source}, diimpor {date.today():%Y-%m-%d}",
        "entries": entries,
    }
    return document, warnings


def _entries(
    label: str,
    attrs: dict[str, Any],
    names: list[str],
    row: CandidateRow,
    vocabulary: dict[str, int],
    warnings: list[str],
) -> list[dict[str, Any]]:
    """Split names into plain, capitals-only and ambiguous entries (see the module docstring)."""
    plain: list[str] = []
    upper: list[str] = []
    ambiguous: list[str] = []
    for name in dict.fromkeys(names):
        letters = re.sub(r"[^A-Za-z]", "", name)
        if len(letters) <= 3 or (name.upper() == name and len(letters) <= 6):
            upper.append(name.upper())
            if name.upper() != name:
                warnings.append(
                    f"Baris {row.line}: panggilan '{name}' pendek; hanya dikenali bila ditulis "
                    f"kapital ({name.upper()})."
                )
        elif (
            " " not in name.strip()
            and "-" not in name
            and vocabulary.get(name.lower(), 0) >= (_COMMON_WORD_COUNT)
        ):
            ambiguous.append(name)
            warnings.append(
                f"Baris {row.line}: '{name}' juga kata sehari-hari; hanya dihitung dalam konteks "
                "pemilihan."
            )
        else:
            plain.append(name)
    out = []
    if plain:
        out.append({"label": label, "attrs": dict(attrs), "terms": plain})
    if upper:
        out.append({"label": label, "attrs": dict(attrs), "case": "upper", "terms": upper})
    if ambiguous:
        out.append({"label": label, "attrs": {**attrs, "ambiguous": True}, "terms": ambiguous})
    return out


def _split_camel(tag: str) -> str:
    """`JakartaBaru2024` → `Jakarta Baru 2024`, as the normaliser splits hashtags."""
    parts = re.findall(r"[A-Z]{2,}(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|[A-Z]+|\d+", tag)
    return " ".join(parts) if parts else tag


def _vocabulary() -> dict[str, int]:
    from netra.analysis.normalize import load_vocabulary

    return load_vocabulary()


# -- writing --------------------------------------------------------------------------------------
class _PlainDumper(yaml.SafeDumper):
    """No `&id001` anchors: admins read these files."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def lexicon_path(directory: Path, election: str) -> Path:
    return directory / "lexicons" / f"{LEXICON_NAME}_{slugify(election)}.yaml"


def write_lexicon(document: dict[str, Any], path: Path, header: str) -> Path:
    """Write atomically: a temporary file in the same directory, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = header + yaml.dump(
        document, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def import_candidates(
    csv_path: Path,
    election: str | None = None,
    *,
    rules_dir: Path | None = None,
    skip_invalid: bool = False,
) -> ImportReport:
    """Validate a candidates CSV and write its lexicon into the agency rules directory.

    With any rejected row nothing is written (CandidateImportError lists every problem) unless
    `skip_invalid` is set, in which case the valid rows are imported and the rejected ones
    reported. Re-importing the same `election` replaces the earlier file.
    """
    csv_path = Path(csv_path)
    election = " ".join((election or csv_path.stem.replace("_", " ")).split())
    if not election or len(election) > 80:
        raise CandidateImportError(["Nama pemilihan (--election) harus 1–80 karakter."])
    rows, problems = read_rows(csv_path)
    if problems and not skip_invalid:
        raise CandidateImportError(
            [*problems, "Tidak ada yang disimpan. Perbaiki baris di atas lalu impor ulang."]
        )
    if not rows:
        raise CandidateImportError(
            [*problems, "Tidak ada baris yang valid; tidak ada yang disimpan."]
        )
    if rules_dir is None:
        from netra.config import get_settings

        rules_dir = get_settings().agency_rules_dir
    document, warnings = build_lexicon(rows, election, csv_path.name)
    header = (
        f"# Dibuat oleh `netra rules import-candidates` dari {csv_path.name} "
        f"({date.today():%Y-%m-%d}).\n"
        "# Jangan diubah manual: perbaiki CSV lalu impor ulang (berkas ini akan diganti).\n"
    )
    path = write_lexicon(document, lexicon_path(Path(rules_dir), election), header)
    return ImportReport(path, election, rows, problems, warnings)
