"""The rules the table cannot express alone, with the real analysis engine checking every save."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from netra.audit import events_for, verify
from netra.desk import drafts, scheduler, workflow
from netra.desk.errors import Conflict, DeskError, Forbidden, InvalidTransition, ValidationFailed
from netra.desk.notifications import list_notifications, mark_read
from netra.desk.tables import ArchiveEntry, Draft, Variant, Version
from netra.desk.templates import BUILTIN, create_template, get_template, list_templates, render
from netra.storage.db import session_scope
from tests.desk.conftest import ADMIN, ASN, AUTHOR, AUTHOR2, REVIEWER, REVIEWER2, SAFE_TEXT

RISKY = "Ayo coblos nomor 2, menangkan Gerindra! Hubungi NIK 3174014506900003."


def new(ctx, text=SAFE_TEXT, channels=("x", "website"), actor=AUTHOR):
    return drafts.create_draft(ctx, actor, title="Info layanan", text=text, channels=list(channels))


def test_every_save_is_checked_per_channel_and_stored_with_the_version(ctx):
    d = new(ctx, RISKY)
    assert d.version.verdict == "high_risk"
    by_channel = {v.channel: v for v in d.version.variants}
    assert set(by_channel) == {"x", "website"}
    categories = {f["category"] for f in by_channel["x"].report["findings"]}
    assert {"political_neutrality", "personal_data"} <= categories
    fixed = drafts.save_draft(ctx, AUTHOR, d.id, text=SAFE_TEXT, channels=["x", "website"])
    assert fixed.current_version == 2 and fixed.version.verdict == "safe"
    with session_scope(ctx.db) as session:  # the first version is kept, unchanged
        first = session.scalars(
            select(Version).where(Version.draft_id == d.id, Version.number == 1)
        ).one()
        assert first.verdict == "high_risk"
        assert (
            len(session.scalars(select(Variant).where(Variant.version_id == first.id)).all()) == 2
        )
        actions = [e.action for e in events_for(session, "desk_draft", d.id)]
    assert actions == ["desk.draft.create", "desk.check", "desk.draft.edit", "desk.check"]


def test_saving_unchanged_content_adds_no_version(ctx):
    d = new(ctx)
    again = drafts.save_draft(ctx, AUTHOR, d.id, text=SAFE_TEXT, channels=["x", "website"])
    assert again.current_version == 1


def test_per_channel_overrides(ctx):
    d = drafts.create_draft(
        ctx,
        AUTHOR,
        title="Cuaca",
        text="Teks panjang untuk situs web.",
        channels=["x", "website"],
        overrides={"x": "Teks pendek untuk X."},
    )
    texts = {v.channel: v.text for v in d.version.variants}
    assert texts == {"x": "Teks pendek untuk X.", "website": "Teks panjang untuk situs web."}
    with pytest.raises(ValidationFailed, match="tidak dipilih"):
        drafts.create_draft(
            ctx, AUTHOR, title="x", text="a", channels=["x"], overrides={"instagram": "b"}
        )


def test_nobody_approves_their_own_draft_even_with_every_role(ctx):
    everyone = type(AUTHOR)(
        "Serba bisa", frozenset({"author", "reviewer", "admin"}), user_id=9, unit_id=1
    )
    d = new(ctx, actor=everyone)
    submitted = workflow.submit(ctx, everyone, d.id)
    assert "approve" not in submitted.actions and "withdraw" in submitted.actions
    assert "approve" in drafts.get_draft(ctx, REVIEWER, d.id).actions
    for action in ("approve", "return", "reject"):
        with pytest.raises(Forbidden, match="sendiri"):
            workflow.apply(
                ctx,
                everyone,
                d.id,
                action,
                **({} if action == "approve" else {"reason": "alasan saya"}),
            )
    assert workflow.approve(ctx, REVIEWER, d.id).status == "approved"


def test_high_risk_needs_a_written_justification(ctx):
    d = new(ctx, RISKY)
    with pytest.raises(ValidationFailed, match="BERISIKO TINGGI"):
        workflow.submit(ctx, AUTHOR, d.id)
    with pytest.raises(ValidationFailed):
        workflow.submit(ctx, AUTHOR, d.id, justification="singkat")
    why = "Kutipan pernyataan resmi KPU untuk klarifikasi; NIK contoh fiktif dari KPU."
    done = workflow.submit(ctx, AUTHOR, d.id, justification=why)
    assert done.status == "submitted" and done.version.justification == why
    with session_scope(ctx.db) as session:
        submitted = [
            e for e in events_for(session, "desk_draft", d.id) if e.action == "desk.submit"
        ]
    assert why in submitted[0].payload


def test_validation_errors_block_submission_but_not_saving(ctx):
    d = new(ctx, "a" * 300, channels=["x"])
    assert d.version.errors and d.version.errors[0]["code"] == "too_long"
    with pytest.raises(ValidationFailed, match="X") as err:
        workflow.submit(ctx, AUTHOR, d.id)
    assert err.value.details[0]["channel"] == "x"


def test_reviewers_comment_per_line_and_return_with_reasons(ctx):
    d = drafts.create_draft(
        ctx, AUTHOR, title="Jadwal", text="Baris satu\nBaris dua\nBaris tiga", channels=["facebook"]
    )
    workflow.submit(ctx, AUTHOR, d.id)
    with pytest.raises(ValidationFailed, match="Baris 4 tidak ada"):
        workflow.comment(ctx, REVIEWER, d.id, text="?", channel="facebook", line=4)
    with pytest.raises(ValidationFailed, match="Kanal 'x'"):
        workflow.comment(ctx, REVIEWER, d.id, text="?", channel="x", line=1)
    workflow.comment(ctx, REVIEWER, d.id, text="Jam belum ditulis", channel="facebook", line=2)
    back = workflow.return_draft(
        ctx,
        REVIEWER,
        d.id,
        reason="Lengkapi jam layanan",
        comments=[{"text": "Tambah lokasi", "channel": "facebook", "line": 3}],
    )
    assert back.status == "returned"
    assert [(c.line, c.text) for c in back.comments] == [
        (2, "Jam belum ditulis"),
        (3, "Tambah lokasi"),
    ]
    with pytest.raises(ValidationFailed, match="Alasan"):
        workflow.reject(ctx, REVIEWER2, d.id, reason="")
    note = list_notifications(ctx, AUTHOR, unread_only=True)
    assert note and "dikembalikan" in note[0].message and "Lengkapi jam layanan" in note[0].message
    assert mark_read(ctx, AUTHOR, [n.id for n in note]) == len(note)
    assert mark_read(ctx, REVIEWER, [n.id for n in note]) == 0  # not theirs
    resubmitted = drafts.save_draft(
        ctx, AUTHOR, d.id, text="Baris satu\nPukul 08.00 WIB\nAula", channels=["facebook"]
    )
    assert workflow.submit(ctx, AUTHOR, resubmitted.id).status == "submitted"


def test_a_stale_editor_gets_a_conflict_not_an_overwrite(ctx):
    d = new(ctx)
    drafts.save_draft(ctx, AUTHOR, d.id, text=SAFE_TEXT + " A", channels=["x"], expected_version=1)
    with pytest.raises(Conflict, match="muat ulang"):
        drafts.save_draft(
            ctx, AUTHOR, d.id, text=SAFE_TEXT + " B", channels=["x"], expected_version=1
        )


def test_two_reviewers_deciding_at_once_cannot_both_win(ctx):
    d = new(ctx)
    workflow.submit(ctx, AUTHOR, d.id)
    barrier, results = threading.Barrier(2), []

    def decide(actor, action):
        barrier.wait()
        try:
            kwargs = {} if action == "approve" else {"reason": "Tidak sesuai jadwal"}
            results.append(workflow.apply(ctx, actor, d.id, action, **kwargs).status)
        except DeskError as exc:
            results.append(type(exc).__name__)

    threads = [
        threading.Thread(target=decide, args=(REVIEWER, "approve")),
        threading.Thread(target=decide, args=(REVIEWER2, "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r in results if r in ("approved", "rejected")]
    assert len(winners) == 1, results
    assert set(results) - set(winners) <= {"InvalidTransition", "Conflict"}
    with session_scope(ctx.db) as session:
        assert session.get(Draft, d.id).status == winners[0]
    assert verify(ctx.db).ok


def test_emergency_fast_track_publishes_at_once_and_stays_unreviewed_until_reviewed(ctx, fake):
    d = new(
        ctx,
        "Peringatan dini: banjir di bantaran Sungai Ciliwung. Segera mengungsi ke "
        "posko RW 05. Darurat hubungi 112.",
        channels=["x", "telegram"],
    )
    with pytest.raises(Forbidden, match="wewenang jalur darurat"):
        workflow.fast_track(ctx, AUTHOR, d.id, category="bencana", reason="Banjir datang malam ini")
    with pytest.raises(Forbidden):
        workflow.grant_fast_track(ctx, REVIEWER, user_id=AUTHOR.user_id, user_name=AUTHOR.name)
    workflow.grant_fast_track(ctx, ADMIN, user_id=AUTHOR.user_id, user_name=AUTHOR.name)
    with pytest.raises(ValidationFailed, match="Kategori"):
        workflow.fast_track(ctx, AUTHOR, d.id, category="lomba", reason="Banjir datang malam ini")
    out = workflow.fast_track(
        ctx, AUTHOR, d.id, category="bencana", reason="Banjir datang malam ini"
    )
    assert out.status == "published_unreviewed"
    assert out.banner == "TERBIT DARURAT — BELUM DITINJAU"
    assert len(fake.calls) == 2 and all(c.emergency for c in fake.calls)
    with session_scope(ctx.db) as session:
        entries = session.scalars(select(ArchiveEntry).where(ArchiveEntry.draft_id == d.id)).all()
        assert len(entries) == 2 and all(e.emergency and e.approver_name is None for e in entries)
    with pytest.raises(Forbidden, match="peninjau"):
        workflow.review_after(ctx, AUTHOR, d.id)
    reviewed = workflow.review_after(ctx, REVIEWER, d.id, note="Isi sesuai data BPBD")
    assert reviewed.status == "published" and reviewed.banner is None
    assert reviewed.emergency  # the record still says it went out by the emergency path


def test_an_author_who_is_also_a_reviewer_cannot_review_their_own_emergency_post(ctx):
    both = type(AUTHOR)("Kepala Humas", frozenset({"author", "reviewer"}), user_id=8, unit_id=1)
    workflow.grant_fast_track(ctx, ADMIN, user_id=8, user_name=both.name)
    d = new(ctx, actor=both)
    workflow.fast_track(ctx, both, d.id, category="keadaan_darurat", reason="Jalan tol ditutup")
    with pytest.raises(Forbidden, match="sendiri"):
        workflow.review_after(ctx, both, d.id)


def test_revoked_grant_stops_fast_track(ctx):
    workflow.grant_fast_track(ctx, ADMIN, user_id=AUTHOR.user_id, user_name=AUTHOR.name)
    workflow.revoke_fast_track(ctx, ADMIN, user_id=AUTHOR.user_id)
    d = new(ctx)
    with pytest.raises(Forbidden):
        workflow.fast_track(ctx, AUTHOR, d.id, category="keadaan_darurat", reason="Listrik padam")


def test_emergency_high_risk_still_needs_justification(ctx):
    workflow.grant_fast_track(ctx, ADMIN, user_id=AUTHOR.user_id, user_name=AUTHOR.name)
    d = new(ctx, RISKY)
    with pytest.raises(ValidationFailed, match="BERISIKO TINGGI"):
        workflow.fast_track(ctx, AUTHOR, d.id, category="bencana", reason="Gempa bumi baru saja")


def test_schedule_times_are_agency_local_and_checked(ctx, clock):
    d = new(ctx)
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    with pytest.raises(ValidationFailed, match="sudah lewat"):
        workflow.schedule(ctx, AUTHOR, d.id, at="2025-05-12T07:00")  # 07.00 WIB < now (08.00)
    with pytest.raises(ValidationFailed, match="Format waktu"):
        workflow.schedule(ctx, AUTHOR, d.id, at="besok pagi")
    with pytest.raises(ValidationFailed, match="satu tahun"):
        workflow.schedule(ctx, AUTHOR, d.id, at=clock.now + timedelta(days=400))
    out = workflow.schedule(ctx, AUTHOR, d.id, at="2025-05-12T16:30")
    assert out.scheduled_local == "12-05-2025 16.30 WIB"
    assert out.scheduled_at == clock.now + timedelta(hours=8, minutes=30)
    assert all(j.due_at == out.scheduled_at for j in out.jobs)


def test_schedule_rechecks_the_text_as_of_its_publication_time(ctx, clock):
    """A text harmless today can be risky in a campaign period: the engine sees the date."""
    calls = []
    real = ctx.checker

    def election_aware(text, context):
        calls.append(context.get("posted_at"))
        report = real(text, context)
        if str(context.get("posted_at", "")).startswith("2025-06"):
            report = {
                **report,
                "verdict": "high_risk",
                "findings": [
                    {
                        "category": "political_neutrality",
                        "severity": "high",
                        "message": "Masa kampanye",
                        "text": "",
                        "start": 0,
                        "end": 0,
                        "rules": [],
                        "entity": None,
                        "confidence": 1.0,
                        "suggestion": None,
                        "detector": "test",
                    }
                ],
            }
        return report

    ctx.checker = election_aware
    d = new(ctx)
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    with pytest.raises(ValidationFailed, match="Masa kampanye"):
        workflow.schedule(ctx, AUTHOR, d.id, at="2025-06-02T08:00")
    assert workflow.schedule(ctx, AUTHOR, d.id, at="2025-05-20T08:00").status == "scheduled"
    assert "2025-05-20T08:00:00" in calls


def test_unconfigured_channels_cannot_be_scheduled(ctx):
    from netra.desk.publishers import TelegramPublisher

    ctx.publishers = {**ctx.publishers, "telegram": TelegramPublisher(None, None)}
    d = new(ctx, channels=["telegram"])
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    with pytest.raises(DeskError, match="Telegram belum dikonfigurasi"):
        workflow.schedule(ctx, AUTHOR, d.id)


def test_withdraw_cancels_what_has_not_gone_out(ctx, clock, fake):
    d = new(ctx)
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    workflow.schedule(ctx, AUTHOR, d.id, at=clock.now + timedelta(hours=2))
    out = workflow.withdraw(ctx, REVIEWER, d.id, reason="Jadwal layanan berubah")
    assert out.status == "withdrawn" and {j.status for j in out.jobs} == {"cancelled"}
    clock.advance(hours=3)
    assert scheduler.run_due(ctx).claimed == 0 and not fake.calls
    assert "ditarik" in list_notifications(ctx, AUTHOR)[0].message


def test_corrections_are_new_linked_drafts_and_the_original_record_stays(ctx, fake):
    d = new(ctx, channels=["website"])
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    workflow.schedule(ctx, AUTHOR, d.id)
    scheduler.run_due(ctx)
    with session_scope(ctx.db) as session:
        original = session.scalars(select(ArchiveEntry)).one()
        before = (original.text, original.content_sha256, original.published_at)
    fix = workflow.correct(ctx, REVIEWER, d.id, text=SAFE_TEXT.replace("15.00", "14.00"))
    assert fix.corrects_draft_id == d.id and fix.author_id == AUTHOR.user_id
    assert any("koreksi" in n.message for n in list_notifications(ctx, AUTHOR))
    workflow.submit(ctx, AUTHOR, fix.id)
    workflow.approve(ctx, REVIEWER, fix.id)  # the reviewer who asked may approve: not theirs
    workflow.schedule(ctx, AUTHOR, fix.id)
    scheduler.run_due(ctx)
    with session_scope(ctx.db) as session:
        entries = session.scalars(select(ArchiveEntry).order_by(ArchiveEntry.id)).all()
        assert len(entries) == 2
        assert (entries[0].text, entries[0].content_sha256, entries[0].published_at) == before
        assert entries[1].correction_of_id == entries[0].id and "14.00" in entries[1].text
        assert session.get(Draft, d.id).status == "published"


def test_people_outside_the_desk_see_nothing(ctx):
    d = new(ctx)
    with pytest.raises(Forbidden):
        drafts.create_draft(ctx, ASN, title="x", text="y", channels=["x"])
    with pytest.raises(Forbidden):
        drafts.get_draft(ctx, ASN, d.id)
    with pytest.raises(Forbidden):
        drafts.list_drafts(ctx, ASN)
    assert drafts.get_draft(ctx, AUTHOR2, d.id).id == d.id  # a colleague in the unit may read
    assert [s.id for s in drafts.list_drafts(ctx, REVIEWER)] == [d.id]


def test_apply_refuses_unknown_parameters_in_indonesian(ctx):
    d = new(ctx)
    with pytest.raises(ValidationFailed, match="Parameter tidak sesuai"):
        workflow.apply(ctx, AUTHOR, d.id, "submit", hack=True)
    with pytest.raises(InvalidTransition):
        workflow.apply(ctx, AUTHOR, d.id, "approve")


def test_templates_fill_placeholders_and_nothing_else(ctx):
    spec = get_template(ctx, "klarifikasi-hoaks")
    text = render(
        spec,
        {
            "klaim": "vaksin berisi cip",
            "fakta": "Vaksin tidak berisi cip.",
            "sumber": "https://kemkes.go.id",
        },
    )
    assert "Beredar informasi bahwa vaksin berisi cip. Informasi tersebut TIDAK BENAR." in text
    with pytest.raises(ValidationFailed, match="belum diisi: Fakta yang benar"):
        render(spec, {"klaim": "a", "sumber": "b"})
    with pytest.raises(ValidationFailed, match="tidak dikenal"):
        render(spec, {"klaim": "a", "fakta": "b", "sumber": "c", "__class__": "x"})
    odd = render(spec, {"klaim": "{{fakta}} {0.__class__}", "fakta": "f", "sumber": "s"})
    assert "{{fakta}} {0.__class__}" in odd  # values are text, never re-expanded
    assert BUILTIN["peringatan-cuaca"].emergency_category == "bencana"
    with pytest.raises(Forbidden):
        create_template(ctx, AUTHOR, key="rapat", name="Rapat", body="Rapat {{tanggal}}")
    create_template(
        ctx,
        REVIEWER,
        key="rapat-rt",
        name="Rapat RT",
        body="Rapat {{tanggal}}",
        channels=["whatsapp_channel"],
    )
    keys = [t.key for t in list_templates(ctx, unit_id=1)]
    assert keys[:3] == list(BUILTIN) and "rapat-rt" in keys
    assert render(get_template(ctx, "rapat-rt"), {"tanggal": "Senin"}) == "Rapat Senin"
    with pytest.raises(ValidationFailed, match="sudah dipakai"):
        create_template(ctx, REVIEWER, key="rapat-rt", name="Lagi", body="x")
