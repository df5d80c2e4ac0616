"""The checker and the knowledge base, with the real embedding model: once attached, a post that
repeats a seeded hoax gets a misinformation finding citing the debunk; without a knowledge base
(or with the look-up switched off) the checker works as before."""

from __future__ import annotations

import pytest

from netra.analysis import Engine
from netra.factcheck.attach import attach_knowledge_base
from netra.factcheck.seed import load_seed
from netra.storage.db import session_scope

HOAX = (
    "Hati2 bapak ibu, vaksin covid yg disuntikkan ke warga ternyata ada microchipnya buat "
    "memantau dan mengendalikan kita semua. Sebarkan ke grup keluarga!!"
)
OFFICIAL = "Pelayanan KTP elektronik di kantor kecamatan buka Senin sampai Jumat pukul 08.00 WIB."


@pytest.fixture(scope="module")
def analysis() -> Engine:
    return Engine()


def claim_findings(report) -> list:
    return [f for f in report.findings if f.rule_id == "MI-100"]


def test_an_empty_knowledge_base_is_not_attached(analysis, fc_engine):
    assert attach_knowledge_base(analysis, fc_engine) is False
    assert not analysis.has_claim_matcher
    assert claim_findings(analysis.analyze(HOAX)) == []


@pytest.mark.slow
def test_a_seeded_knowledge_base_cites_the_debunk(analysis, fc_engine):
    with session_scope(fc_engine) as session:
        load_seed(session)
    try:
        assert attach_knowledge_base(analysis, fc_engine) is True
        found = claim_findings(analysis.analyze(HOAX))
        assert found, "the hoax post should be matched to its seeded debunk"
        assert found[0].category == "misinformation"
        assert any("http" in (f.message + (f.suggestion or "")) for f in found)
        assert claim_findings(analysis.analyze(HOAX, check_claims=False)) == []
        official = analysis.analyze(OFFICIAL)
        # An official post on a topic a hoax distorts may resemble it: a note at most, never
        # a changed verdict.
        assert official.verdict == "safe"
        assert all(f.severity == "low" for f in claim_findings(official))
    finally:
        analysis.use_claim_matcher(None)
    assert not analysis.has_claim_matcher
