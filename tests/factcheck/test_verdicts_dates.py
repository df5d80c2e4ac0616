"""Verdict spellings and fact-checkers' date formats map to one canonical value each."""

from __future__ import annotations

from datetime import date

import pytest

from netra.factcheck.dates import DateError, parse_date
from netra.factcheck.verdicts import is_false, normalize_verdict, split_title_verdict


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HOAX", "hoaks"),
        ("Hoaks", "hoaks"),
        ("[SALAH]", "hoaks"),
        ("Disinformasi", "disinformasi"),
        ("  misinformasi ", "misinformasi"),
        ("Keliru", "misinformasi"),
        ("Konteks yang Salah", "konteks keliru"),
        ("Satire/Parodi", "satire"),
        ("Sebagian Benar", "sebagian benar"),
        ("BENAR", "benar"),
        ("penipuan", "penipuan"),
    ],
)
def test_verdict_spellings_are_normalised(raw, expected):
    assert normalize_verdict(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "mungkin", "???", None])
def test_unknown_verdicts_are_not_guessed(raw):
    assert normalize_verdict(raw) is None


def test_false_and_true_verdicts_are_told_apart():
    assert is_false("hoaks") and is_false("penipuan")
    assert not is_false("benar") and not is_false("satire")


@pytest.mark.parametrize(
    ("title", "verdict", "claim"),
    [
        ("[HOAKS] Vaksin mengandung chip", "hoaks", "Vaksin mengandung chip"),
        ("[SALAH] [PENIPUAN] Link BLT Rp600 ribu", "hoaks", "Link BLT Rp600 ribu"),
        ("[DISINFORMASI] Gempa 8,7 besok", "disinformasi", "Gempa 8,7 besok"),
        ("Cek Fakta: [HOAKS] Uang baru", "hoaks", "Uang baru"),
        ("HOAX: KTP diblokir", "hoaks", "KTP diblokir"),
        ("Menteri: vaksin aman", None, "Menteri: vaksin aman"),
    ],
)
def test_feed_titles_carry_the_verdict(title, verdict, claim):
    assert split_title_verdict(title) == (verdict, claim)


@pytest.mark.parametrize(
    "raw",
    [
        "2 Jan 2024",
        "2 Januari 2024",
        "2024-01-02",
        "02/01/2024",
        "Selasa, 2 Januari 2024",
        "Selasa, 2 Januari 2024 10:15 WIB",
        "Tue, 02 Jan 2024 10:00:00 +0700",
        "2024-01-02T23:30:00+07:00",
        "02-01-2024",
    ],
)
def test_fact_checker_date_formats(raw):
    assert parse_date(raw) == date(2024, 1, 2)


def test_numeric_dates_are_day_first():
    assert parse_date("12/01/2024") == date(2024, 1, 12)


@pytest.mark.parametrize("raw", ["31/02/2024", "kemarin", "13/13/2024", "2 Foo 2024", "1801-01-01"])
def test_unreadable_dates_are_rejected_not_guessed(raw):
    with pytest.raises(DateError) as exc:
        parse_date(raw)
    assert "tanggal" in str(exc.value)


def test_empty_date_is_none():
    assert parse_date("") is None and parse_date(None) is None
