"""Review and case files: evidence frozen from the post, strict unit/role access, feedback."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from netra.oversight.cases import (
    AccessDenied,
    CaseError,
    Officer,
    add_note,
    confirm,
    dismiss,
    feedback,
    get_case,
    list_cases,
    review_queue,
    set_status,
    suggest_sanction,
)
from netra.oversight.scan import create_job
from netra.oversight.store import import_archive
from netra.oversight.tables import ArchivedPost, ScanResult
from netra.storage.db import make_engine
from netra.storage.migrate import upgrade
from tests.oversight.conftest import make_tweets, write_x_archive

VOTE_CALL = {
    "category": "political_neutrality", "severity": "high", "rules": ["pp-94-2021-p5n"],
    "rule_id": "PN-TEST-VOTE", "text": "coblos nomor 2", "start": 0, "end": 14,
}  # fmt: skip
LIKE_SHARE = {
    "category": "political_neutrality", "severity": "medium",
    "rules": ["skb-netralitas-2022"], "rule_id": "PN-TEST-SLOGAN", "text": "#Lanjutkan",
}  # fmt: skip

OFFICER_A = Officer("Rina (Inspektorat A)", "oversight", unit_id=1, user_id=10)
OFFICER_B = Officer("Joko (Inspektorat B)", "oversight", unit_id=2, user_id=20)
ADMIN_A = Officer("Admin", "admin", unit_id=1, user_id=1)


@pytest.fixture
def flagged(tmp_path, db_url):
    """Unit 1 imports an archive; three of its posts were flagged by a scan."""
    engine = make_engine(db_url)
    upgrade(engine)
    report = import_archive(engine, write_x_archive(tmp_path / "a.zip", make_tweets(6)), unit_id=1)
    job_id = create_job(engine, import_ids=[report.import_id])
    with engine.begin() as conn:
        posts = conn.execute(select(ArchivedPost.id).order_by(ArchivedPost.id)).scalars().all()
        rows = []
        for i, post_id in enumerate(posts):
            findings = [VOTE_CALL] if i < 2 else ([LIKE_SHARE] if i == 2 else None)
            verdict = "high_risk" if i < 2 else ("review" if i == 2 else "safe")
            rows.append({"job_id": job_id, "post_id": post_id, "verdict": verdict,
                         "risk_score": 90 - i, "findings": findings, "engine_version": "t",
                         "categories": "political_neutrality" if findings else None})  # fmt: skip
        conn.execute(insert(ScanResult), rows)
    yield engine
    engine.dispose()


def test_queue_holds_only_flagged_posts_of_my_unit(flagged):
    queue = review_queue(flagged, OFFICER_A)
    assert [q.verdict for q in queue] == ["high_risk", "high_risk", "review"]
    assert review_queue(flagged, OFFICER_B) == []


def test_confirm_builds_a_case_with_frozen_evidence(flagged):
    first, second, third = review_queue(flagged, OFFICER_A)
    case_id = confirm(flagged, OFFICER_A, first.result_id, note="Ajakan memilih jelas.")
    assert confirm(flagged, OFFICER_A, second.result_id) == case_id  # same account, same case
    dismiss(flagged, OFFICER_A, third.result_id, note="Hanya slogan umum.")
    case_file = get_case(flagged, OFFICER_A, case_id)
    assert case_file.case.subject_account == "budi_asn"
    assert case_file.case.sanction_category == "discipline"
    assert len(case_file.evidence) == 2
    ev = case_file.evidence[0]
    assert ev.fingerprint and len(ev.fingerprint) == 64
    assert ev.url.startswith("https://x.com/budi_asn/status/")
    assert ev.regulations == "pp-94-2021-p5n" and ev.rule_ids == "PN-TEST-VOTE"
    assert ev.engine_version == "t"
    assert [n.text for n in case_file.notes] == ["Ajakan memilih jelas."]
    assert review_queue(flagged, OFFICER_A) == []
    with pytest.raises(CaseError, match="sudah ditinjau"):
        dismiss(flagged, OFFICER_A, first.result_id)


def test_other_units_and_other_roles_are_refused(flagged):
    item = review_queue(flagged, OFFICER_A)[0]
    with pytest.raises(AccessDenied):
        confirm(flagged, OFFICER_B, item.result_id)
    case_id = confirm(flagged, OFFICER_A, item.result_id)
    for outsider in (OFFICER_B, ADMIN_A):
        with pytest.raises(AccessDenied):
            get_case(flagged, outsider, case_id)
        with pytest.raises(AccessDenied):
            add_note(flagged, outsider, case_id, "x")
    assert list_cases(flagged, OFFICER_B) == []
    with pytest.raises(AccessDenied):
        review_queue(flagged, ADMIN_A)


def test_case_status_and_notes(flagged):
    item = review_queue(flagged, OFFICER_A)[0]
    case_id = confirm(flagged, OFFICER_A, item.result_id)
    add_note(flagged, OFFICER_A, case_id, "Dipanggil untuk klarifikasi <b>Senin</b>.")
    set_status(flagged, OFFICER_A, case_id, "closed", outcome="Sanksi moral tertutup.")
    case_file = get_case(flagged, OFFICER_A, case_id)
    assert case_file.case.status == "closed"
    assert case_file.notes[-1].text == "Dipanggil untuk klarifikasi <b>Senin</b>."
    with pytest.raises(CaseError):
        set_status(flagged, OFFICER_A, case_id, "dihapus")
    with pytest.raises(CaseError):
        add_note(flagged, OFFICER_A, case_id, "   ")


def test_dismissals_teach_which_rules_cry_wolf(flagged):
    items = review_queue(flagged, OFFICER_A)
    confirm(flagged, OFFICER_A, items[0].result_id)
    dismiss(flagged, OFFICER_A, items[1].result_id)
    dismiss(flagged, OFFICER_A, items[2].result_id)
    stats = {f.rule_id: f for f in feedback(flagged, unit_id=1)}
    assert (stats["PN-TEST-VOTE"].confirmed, stats["PN-TEST-VOTE"].dismissed) == (1, 1)
    assert stats["PN-TEST-SLOGAN"].precision == 0.0
    assert feedback(flagged, unit_id=2) == []


def test_sanction_suggestion_follows_the_regulations():
    assert suggest_sanction([VOTE_CALL]) == "discipline"
    assert suggest_sanction([LIKE_SHARE]) == "ethics"
    assert suggest_sanction([{"category": "personal_data", "rules": ["uu-pdp-2022"]}]) is None
