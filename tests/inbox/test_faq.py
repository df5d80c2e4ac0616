"""Suggested replies from the FAQ knowledge base, official pages and answered questions."""

from __future__ import annotations

from netra.inbox import faq, replies
from netra.inbox.records import IncomingMessage
from netra.inbox.store import accept
from netra.inbox.tables import Message
from netra.storage.db import session_scope

PAGE = """Persyaratan pembuatan KTP-el baru: fotokopi Kartu Keluarga dan surat pengantar RT/RW.
Perekaman dilakukan di kantor kecamatan setiap hari kerja pukul 08.00–15.00.

Pencetakan KTP-el yang rusak atau hilang tidak dipungut biaya. Untuk KTP yang hilang, lampirkan
surat keterangan kehilangan dari kepolisian."""


def test_slang_question_finds_the_right_answer(engine):
    with session_scope(engine) as session:
        faq.add_faq(
            session,
            "Bagaimana cara membuat Kartu Identitas Anak (KIA)?",
            "KIA dibuat di Disdukcapil dengan membawa akta kelahiran dan KK.",
            topic="kependudukan",
        )
        faq.add_faq(
            session,
            "Kapan jadwal pengangkutan sampah?",
            "Sampah rumah tangga diangkut Senin, Rabu, Jumat pagi.",
            topic="lingkungan",
        )
        faq.add_page(
            session,
            "Layanan KTP-el",
            "https://disdukcapil.example.go.id/ktp",
            PAGE,
            topic="kependudukan",
        )
        top = faq.suggest(session, "min gmn cara bkin KIA buat anak sy?")[0]
        assert top.question.startswith("Bagaimana cara membuat Kartu Identitas Anak")
        ktp = faq.suggest(session, "ktp sy ilang, bikin lagi bayar gak?")[0]
        assert ktp.kind == "page" and "tidak dipungut biaya" in ktp.answer
        assert ktp.reply_text.endswith("Sumber: https://disdukcapil.example.go.id/ktp")
        assert faq.suggest(session, "slot gacor maxwin") == []


def test_answered_question_becomes_a_redacted_faq_entry(engine):
    with session_scope(engine) as session:
        [mid] = accept(
            session, [IncomingMessage("x", "1", "Syarat akta kelahiran apa? HP saya 081234567890")]
        ).ids
        message = session.get(Message, mid)
        message.status, message.redacted_text = (
            "open",
            "Syarat akta kelahiran apa? HP saya 0812****7890",
        )
        reply = replies.draft_reply(
            session, mid, "Bawa surat keterangan lahir dan KK ke Disdukcapil.", author_id=3
        )
        reply.status = "sent"
        entry = faq.record_answered(session, reply.id, actor_id=3)
        assert "081234567890" not in entry.question
        assert faq.suggest(session, "syarat bikin akte lahir")[0].entry_id == entry.id


def test_index_follows_edits(engine):
    with session_scope(engine) as session:
        entry = faq.add_faq(session, "Jam buka perpustakaan daerah?", "Senin–Sabtu 08.00–20.00.")
        assert faq.suggest(session, "perpustakaan buka jam brp")[0].entry_id == entry.id
        faq.update_faq(session, entry.id, active=False)
        assert faq.suggest(session, "perpustakaan buka jam brp") == []


def test_passages_split_long_pages():
    parts = faq.passages("Kalimat satu. " * 200)
    assert all(len(p) <= faq.MAX_PASSAGE_CHARS for p in parts) and len(parts) > 2
