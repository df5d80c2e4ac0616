"""The dataset checker rejects the labelling mistakes it promises to catch."""

from __future__ import annotations

import pytest

from netra.evaluation.checks import dataset_problems, item_problems, nik_problem, nip_problem
from netra.evaluation.dataset import DevItem, GoldSpan


def make(text, labels=(), spans=(), tags=(), split="dev", id="x-1"):
    return DevItem(id, text, frozenset(labels), tuple(GoldSpan(*s) for s in spans),
                   frozenset(tags), split)  # fmt: skip


@pytest.mark.parametrize(
    ("value", "ok"),
    [("3374061203870004", True),  # Semarang, 12-03-1987, man
     ("3471055508920002", True),  # woman: day 15 + 40
     ("9974061203870004", False),  # no province 99
     ("3374063202870004", False),  # 32 February
     ("3374061213870004", False),  # month 13
     ("3374061203870000", False),  # serial 0000
     ("337406120387000", False)],  # 15 digits
)  # fmt: skip
def test_nik_structure(value, ok):
    assert (nik_problem(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("198503122010011004", True), ("19870615 201001 1 004", True),
     ("198513122010011004", False),  # month 13 of birth
     ("198503122000011004", False),  # appointed at 14
     ("198503122010013004", False),  # gender digit 3
     ("19850312201001100", False)],
)  # fmt: skip
def test_nip_structure(value, ok):
    assert (nip_problem(value) is None) is ok


def test_a_correct_item_has_no_problems():
    text = "NIK 3374061203870004 hilang"
    assert item_problems(make(text, ["personal_data"], [(4, 20, "nik")])) == []


@pytest.mark.parametrize(
    ("item", "fragment"),
    [(make("NIK 3374061203870004", ["personal_data"], [(4, 19, "nik")]), "memotong kata"),
     (make("NIK 3374061203870004", ["personal_data"], [(4, 40, "nik")]), "di luar teks"),
     (make("NIK 3374061203870004", ["personal_data"], [(3, 20, "nik")]), "spasi"),
     (make("NIK 3374061203870004", [], [(4, 20, "nik")]), "personal_data"),
     (make("telp 0812", ["personal_data"], [(5, 9, "pin")]), "entitas tidak dikenal"),
     (make("halo", ["rumor"]), "label tidak dikenal"),
     (make("halo", ["abusive_language"], tags=["official_humas"]), "tanpa label"),
     (make("coblos", ["political_neutrality"], tags=["neutral_election_info"]),
      "neutral_election_info"),
     (make("halo", split="test"), "split"),
     (make("halo", tags=["Official Humas"]), "tag tidak valid")],
)  # fmt: skip
def test_mistakes_are_caught(item, fragment):
    problems = item_problems(item)
    assert any(fragment in p for p in problems), problems


def test_duplicate_ids_and_texts_are_caught():
    problems = dataset_problems([make("halo", id="a"), make("halo", id="a")])
    assert any("id ganda" in p for p in problems)
    assert any("teks ganda" in p for p in problems)
