"""Routing rules stored in the database and edited by an admin; officers' hand-overs."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netra.inbox import routing, workflow
from netra.inbox.errors import InboxError
from netra.inbox.features import view
from netra.inbox.records import IncomingMessage
from netra.inbox.store import accept, history
from netra.inbox.tables import Message, Notification
from netra.storage.db import session_scope


def decide(session, text: str, topic: str, intent: str = "complaint", channel: str = "facebook"):
    return routing.route(
        session,
        topic=topic,
        intent=intent,
        channel=channel,
        words=view(text).words,
        default_unit="humas",
    )


def test_seeded_rules_send_topics_to_units_and_dangers_to_responders(seeded):
    with session_scope(seeded) as session:
        assert decide(session, "jalan rusak", "infrastruktur").unit_code == "dpupr"
        assert decide(session, "KBAKARAN di pasar!!", "ketertiban").unit_code == "damkar"  # slang
        assert decide(session, "banjir sepinggang", "ketertiban").unit_code == "bpbd"
        assert decide(session, "balap liar tiap malam", "ketertiban").unit_code == "satpolpp"
        unknown = decide(session, "apa kabar", "topik_baru")
        assert unknown.unit_code == "humas" and unknown.rule_id is None


def test_admin_adds_a_rule_with_keyword_and_channel_conditions(seeded):
    with session_scope(seeded) as session:
        routing.save_unit(session, "pdam", "Perumda Air Minum", actor_id=1)
        rule = routing.create_rule(
            session,
            unit_code="pdam",
            topic="infrastruktur",
            keywords="pdam, air mati, keruh*",
            channel="whatsapp",
            priority=5,
            actor_id=1,
            note="Air ke PDAM (WhatsApp)",
        )
        assert (
            decide(session, "air PDAM mati 3 hari", "infrastruktur", channel="whatsapp").unit_code
            == "pdam"
        )
        assert (
            decide(session, "air PDAM mati 3 hari", "infrastruktur", channel="x").unit_code
            == "dpupr"
        )
        assert (
            decide(session, "jalan rusak", "infrastruktur", channel="whatsapp").unit_code == "dpupr"
        )
        routing.update_rule(session, rule.id, channel=None, actor_id=1)
        assert decide(session, "airnya keruh bgt", "infrastruktur", channel="x").unit_code == "pdam"
        routing.update_rule(session, rule.id, active=False, actor_id=1)
        assert decide(session, "air PDAM mati", "infrastruktur").unit_code == "dpupr"
        routing.delete_rule(session, rule.id, actor_id=1)
        assert all(r.id != rule.id for r in routing.list_rules(session))


def test_intent_condition_and_priority(seeded):
    with session_scope(seeded) as session:
        routing.create_rule(session, unit_code="bpbd", intent="emergency", priority=1, actor_id=1)
        assert decide(session, "anak hilang", "ketertiban", intent="emergency").unit_code == "bpbd"
        assert (
            decide(session, "jalan rusak", "infrastruktur", intent="emergency").unit_code == "bpbd"
        )
        assert (
            decide(session, "jalan rusak", "infrastruktur", intent="complaint").unit_code == "dpupr"
        )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"unit_code": "tidak_ada"}, "belum terdaftar"),
        ({"unit_code": "dpupr", "topic": "astrologi"}, "Topik tidak dikenal"),
        ({"unit_code": "dpupr", "intent": "gosip"}, "Jenis pesan tidak dikenal"),
        ({"unit_code": "dpupr", "keywords": "x" * 600}, "terlalu panjang"),
    ],
)
def test_rule_validation_speaks_indonesian(seeded, kwargs, message):
    with session_scope(seeded) as session, pytest.raises(InboxError, match=message):
        routing.create_rule(session, actor_id=1, **kwargs)


def test_handover_needs_a_note_and_history_keeps_every_step(seeded):
    with session_scope(seeded) as session:
        [mid] = accept(session, [IncomingMessage("x", "t1", "KTP saya belum jadi 6 bulan")]).ids
        session.get(Message, mid).status = "open"  # as triage leaves it
        workflow.take(session, mid, 11)
        with pytest.raises(InboxError, match="Catatan wajib"):
            workflow.handover(session, mid, 12, actor_id=11, note="  ")
        workflow.handover(
            session,
            mid,
            12,
            actor_id=11,
            note="Sudah cek SIAK, blangko habis; tolong hubungi Capil",
        )
        workflow.add_note(session, mid, actor_id=12, note="Capil: blangko datang Senin")
        workflow.reroute(session, mid, "disdukcapil", actor_id=12, note="Urusan Capil")
        workflow.take(session, mid, 13)
        workflow.close(session, mid, actor_id=13, note="KTP sudah dicetak")
        with pytest.raises(InboxError, match="tidak bisa diubah"):
            workflow.dismiss(session, mid, actor_id=13, note="salah")
        steps = [(e.kind, e.actor_id, (e.data or {}).get("to")) for e in history(session, mid)]
        assert steps == [
            ("taken", 11, 11),
            ("handover", 11, 12),
            ("note", 12, None),
            ("rerouted", 12, "disdukcapil"),
            ("taken", 13, 13),
            ("closed", 13, None),
        ]
        notes = session.scalars(
            select(Notification.user_id).where(Notification.kind == "handover")
        ).all()
        assert notes == [12]
