"""The claims store keeps every change (who, when, what) and the claim vector, on both backends."""

from __future__ import annotations

import numpy as np
import pytest

from netra.factcheck.records import ClaimValidationError
from netra.factcheck.store import ClaimNotFound, ClaimStore, StoredVector
from netra.storage.db import session_scope

CLAIM = {
    "claim_id": "kb-1",
    "claim": "Vaksin COVID-19 mengandung microchip.",
    "verdict": "HOAX",
    "source_url": "https://turnbackhoax.id/contoh",
    "published_at": "2 Januari 2024",
}


def test_add_edit_retire_restore_each_write_a_revision(fc_engine):
    with session_scope(fc_engine) as s:
        claim = ClaimStore(s).add(CLAIM, by="ana", reason="manual")
        assert claim.verdict == "hoaks" and claim.status == "active"
    with session_scope(fc_engine) as s:
        ClaimStore(s).edit("kb-1", {"verdict": "disinformasi"}, by="budi", reason="banding")
    with session_scope(fc_engine) as s:
        ClaimStore(s).retire("kb-1", by="citra", reason="duplikat")
    with session_scope(fc_engine) as s:
        ClaimStore(s).restore("kb-1", by="dewi")
    with session_scope(fc_engine) as s:
        store = ClaimStore(s)
        revs = store.revisions("kb-1")
        claim = store.require("kb-1")
        assert [(r.revision, r.action, r.changed_by) for r in revs] == [
            (1, "create", "ana"),
            (2, "update", "budi"),
            (3, "retire", "citra"),
            (4, "restore", "dewi"),
        ]
        assert revs[0].changes["verdict"] == [None, "hoaks"]
        assert revs[0].changes["published_at"] == [None, "2024-01-02"]
        assert revs[1].changes == {"verdict": ["hoaks", "disinformasi"]}
        assert revs[1].reason == "banding"
        assert revs[2].changes == {"status": ["active", "retired"]}
        assert all(r.changed_at is not None for r in revs)
        assert claim.revision == 4 and claim.status == "active"
        assert claim.created_by == "ana" and claim.updated_by == "dewi"


def test_an_edit_that_changes_nothing_writes_no_revision(fc_engine):
    with session_scope(fc_engine) as s:
        ClaimStore(s).add(CLAIM, by="ana")
    with session_scope(fc_engine) as s:
        ClaimStore(s).edit("kb-1", {"verdict": "hoaks"}, by="budi")
        ClaimStore(s).retire("kb-1", by="budi")
        ClaimStore(s).retire("kb-1", by="budi")  # already retired: no second revision
    with session_scope(fc_engine) as s:
        assert [r.action for r in ClaimStore(s).revisions("kb-1")] == ["create", "retire"]


def test_duplicate_ids_and_bad_values_are_refused_in_indonesian(fc_engine):
    with session_scope(fc_engine) as s:
        ClaimStore(s).add(CLAIM, by="ana")
    with pytest.raises(ClaimValidationError) as dup, session_scope(fc_engine) as s:
        ClaimStore(s).add(CLAIM, by="ana")
    assert "sudah ada" in dup.value.message
    for changes, word in (
        ({"verdict": "mungkin"}, "verdict tidak dikenal"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"published_at": "kemarin"}, "tanggal"),
        ({"claim": "   "}, "kosong"),
        ({"status": "retired"}, "tidak bisa diubah"),
    ):
        with pytest.raises(ClaimValidationError) as exc, session_scope(fc_engine) as s:
            ClaimStore(s).edit("kb-1", changes, by="x")
        assert word in exc.value.message
    with pytest.raises(ClaimNotFound), session_scope(fc_engine) as s:
        ClaimStore(s).retire("tidak-ada", by="x")
    with session_scope(fc_engine) as s:  # the failed edits changed nothing
        assert [r.action for r in ClaimStore(s).revisions("kb-1")] == ["create"]


def test_text_with_nul_and_control_characters_is_stored_clean(fc_engine):
    """PostgreSQL refuses NUL in text; the store removes control characters before writing."""
    with session_scope(fc_engine) as s:
        ClaimStore(s).add({**CLAIM, "claim": "Klaim\x00 dengan\x07 kontrol"}, by="ana")
    with session_scope(fc_engine) as s:
        assert ClaimStore(s).require("kb-1").claim == "Klaim dengan kontrol"


def test_vectors_are_stored_as_float16_and_read_back(fc_engine):
    vec = np.linspace(-1, 1, 384, dtype=np.float32)
    with session_scope(fc_engine) as s:
        ClaimStore(s).add(CLAIM, by="ana", vector=StoredVector("m/v1", "abc", vec))
    with session_scope(fc_engine) as s:
        row = ClaimStore(s).require("kb-1").embedding
        back = np.frombuffer(row.vector, dtype=np.float16).astype(np.float32)
        assert row.model == "m/v1" and row.dim == 384 and len(row.vector) == 768
        assert np.allclose(back, vec, atol=1e-3)
