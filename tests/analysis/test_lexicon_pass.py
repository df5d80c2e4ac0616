"""The engine's shared lexicon pass: one walk per post, the same hits as separate automata."""

from __future__ import annotations

import pickle

from netra.analysis.document import Document
from netra.analysis.lexicon_pass import lexicon_pass_for
from netra.analysis.matcher import TermIndex
from netra.analysis.normalize import Normalizer, load_emoji, load_slang, load_vocabulary

POST = "Ayo coblos no 2 ya gaes, yg bodoh jgn ikut2an. Kata orang dalam: sebarkan sebelum dihapus!"


def _normalizer() -> Normalizer:
    return Normalizer(load_slang(), load_vocabulary(), load_emoji())


def _index(normalizer: Normalizer, group: str, terms: list[str]) -> TermIndex:
    index = TermIndex(normalizer)
    for term in terms:
        index.add(group, term)
    index.build()
    return index


def _spans(hits: dict) -> dict[str, list[tuple[int, int, str | None]]]:
    return {g: [(h.first, h.last, h.label) for h in found] for g, found in hits.items()}


def test_indexes_on_one_normaliser_share_one_walk_and_find_what_they_would_alone():
    shared = _normalizer()
    vote = _index(shared, "vote", ["coblos", "re:no [0-9]+"])
    hoax = _index(shared, "hoax", ["orang dalam", "sebarkan", "sebelum dihapus", "bodoh"])
    abuse = _index(shared, "abuse", ["yang bodoh", "bodoh"])  # shares the key " bodoh "
    doc = Document(POST, shared)
    together = [_spans(i.find(doc)) for i in (vote, hoax, abuse)]
    walked = doc.__dict__["_lexicon_pass"]
    for index in (vote, hoax, abuse):
        index.find(doc)
        assert doc.__dict__["_lexicon_pass"] is walked  # the post was walked once

    alone = []
    for group, terms in (
        ("vote", ["coblos", "re:no [0-9]+"]),
        ("hoax", ["orang dalam", "sebarkan", "sebelum dihapus", "bodoh"]),
        ("abuse", ["yang bodoh", "bodoh"]),
    ):
        own = _normalizer()  # a normaliser of its own: an automaton of its own
        alone.append(_spans(_index(own, group, terms).find(Document(POST, own))))
    assert together == alone
    assert together[0]["vote"] and together[1]["hoax"] and together[2]["abuse"]
    assert lexicon_pass_for(shared) is not lexicon_pass_for(_normalizer())


def test_an_index_registered_after_a_walk_is_not_served_a_stale_walk():
    normalizer = _normalizer()
    first = _index(normalizer, "a", ["coblos"])
    doc = Document(POST, normalizer)
    assert first.find(doc)["a"]
    later = _index(normalizer, "b", ["sebarkan"])  # rebuilds the shared automaton
    found = later.find(doc)["b"]
    assert [doc.norms[h.first] for h in found] == ["sebarkan"]
    assert [doc.norms[h.first] for h in first.find(doc)["a"]] == ["coblos"]


def test_an_engine_index_survives_pickling_with_its_pass():
    normalizer = _normalizer()
    index = _index(normalizer, "hoax", ["sebarkan", "re:sebelum (dihapus|hilang)"])
    copy = pickle.loads(pickle.dumps(index))
    assert _spans(copy.find(Document(POST, copy._normalizer))) == _spans(
        index.find(Document(POST, normalizer))
    )
