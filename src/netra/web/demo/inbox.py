"""Demo citizen messages for the inbox (`/kotak-masuk`): a week of an office's inbox, through
the real intake path.

Each message is a row of an export file, parsed by the importer (`netra.inbox.importers.
to_message`) and stored by `netra.inbox.store.accept` — what `import_file` and the webhooks do —
with its arrival time a few minutes to six days ago, then triaged by
`netra.inbox.triage.triage_pending` (intent, topic, urgency, personal data, routing,
service-level deadlines from the arrival time). Officers then take, answer (replies checked by
`netra.inbox.replies.send_reply`), close and note messages through `netra.inbox.workflow`, each
step an inbox event and an audit event, at the times a real office would have. A few FAQ
entries go into the knowledge base (`netra.inbox.faq.add_faq`), so message pages show
suggested answers, and the dashboard has a week of counts and response times.

Replies go through `LocalSender`, which reaches no platform: the demo records them as sent (as
an officer who answered in the platform's own app would).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, select

from netra.config import Settings
from netra.inbox import faq, replies, store, workflow
from netra.inbox.importers import PLATFORMS, to_message
from netra.inbox.senders import ReplyThread
from netra.inbox.tables import Message
from netra.inbox.triage import triage_pending
from netra.storage.base import utcnow
from netra.storage.db import session_scope

DEMO_PHONE = "0812-3456-7890"

# (id, platform, author, minutes before the demo start it arrived, text)
MESSAGES: tuple[tuple[str, str, str, int, str], ...] = (
    (
        "demo-ig-ktp",
        "instagram",
        "rina.kurnia",
        25,
        "min, bikin KTP-el skrg bisa online gak? trs syaratnya apa aja ya? makasih 🙏",
    ),
    (
        "demo-fb-pju",
        "facebook",
        "Hendra Saputra",
        95,
        "Udah 3 minggu lampu PJU di Jl. Melati RT 04 mati total, gelap bgt kalo malem, rawan "
        "begal. Tolong dong diperbaiki, udah lapor ke kelurahan gak ada respon!!",
    ),
    (
        "demo-x-wifi",
        "x",
        "@ardiansyah_rz",
        7500,
        "wifi publik di taman kota lemot parah, dari kemarin ga bisa konek sama sekali. percuma "
        "dipasang kalo gini 😤",
    ),
    (
        "demo-wa-kebakaran",
        "whatsapp",
        "Pak Slamet",
        6,
        "TOLONG!! ada kebakaran di gang mawar dekat pasar lama, api udah gede, ada warga "
        "kejebak di lantai 2!!",
    ),
    (
        "demo-fb-banjir",
        "facebook",
        "Yuli Astuti",
        18,
        "Banjir setinggi dada di Perumahan Griya Asri blok C, ada lansia yg belum bisa "
        "dievakuasi, mohon kirim perahu karet segera",
    ),
    (
        "demo-ig-mpp",
        "instagram",
        "dinda.prameswari",
        4440,
        "Mantap pelayanan di MPP kemarin cepet bgt, 15 menit udah beres urus akta lahir anak. "
        "Terima kasih petugasnya ramah2 👍",
    ),
    (
        "demo-x-infografis",
        "x",
        "@wahyu_adi",
        6160,
        "Makasih Diskominfo, infografis jadwal vaksin kemarin jelas banget, ortu jd ngerti",
    ),
    (
        "demo-ig-slot",
        "instagram",
        "gacor.maxwin88",
        50,
        "Promo slot gacor maxwin hari ini!! deposit 10rb bonus 100%, klik link di bio 🔥🔥",
    ),
    (
        "demo-fb-followers",
        "facebook",
        "Jual Followers Murah",
        2040,
        "Dijual followers IG murah, 1000 followers cuma 15rb, WA aja kak",
    ),
    (
        "demo-wa-jalan",
        "whatsapp",
        "Bambang Wijaya",
        75,
        "Selamat siang, saya mau tanya status pengaduan saya soal jalan rusak di Jl. Kenanga, "
        f"sudah 2 minggu belum ada kabar. Bisa hubungi saya di {DEMO_PHONE}. Terima kasih",
    ),
    (
        "demo-tg-sabtu",
        "telegram",
        "Fajar",
        7400,
        "usul min, gimana kalo jam layanan Disdukcapil ditambah hari Sabtu, soalnya kami yg "
        "kerja susah izin",
    ),
    (
        "demo-x-puskesmas",
        "x",
        "@nurul_hdyt",
        6000,
        "pelayanan puskesmas kec. timur lama bgt, antri dr jam 7 baru dipanggil jam 12, "
        "petugasnya jutek pula",
    ),
    (
        "demo-wa-beasiswa",
        "whatsapp",
        "Ibu Sri",
        8740,
        "Permisi, pendaftaran beasiswa daerah 2026 kapan dibuka ya? Syaratnya apa aja?",
    ),
)


# The office's knowledge base (entered by an admin), so message pages show suggested answers.
FAQ: tuple[tuple[str, str], ...] = (
    (
        "Bagaimana syarat membuat KTP elektronik (KTP-el)? Bisakah online?",
        "Perekaman KTP-el dilakukan langsung di Disdukcapil atau Mal Pelayanan Publik (MPP), "
        "Senin–Jumat 08.00–15.00 WIB. Bawa fotokopi Kartu Keluarga dan surat pengantar RT/RW. "
        "Pendaftaran antrean dapat dilakukan online melalui situs resmi Disdukcapil.",
    ),
    (
        "Kapan pendaftaran beasiswa daerah dibuka dan apa syaratnya?",
        "Pendaftaran beasiswa daerah dibuka setiap bulan Juni melalui situs resmi pemerintah "
        "kota. Syarat: warga ber-KTP kota, surat keterangan aktif kuliah, transkrip nilai dan "
        "surat keterangan tidak mampu bagi jalur afirmasi.",
    ),
    (
        "Bagaimana cara menanyakan status pengaduan jalan rusak atau lampu jalan mati?",
        "Sebutkan nomor pengaduan Anda; petugas akan mengecek statusnya di Dinas PUPR. "
        "Perbaikan jalan dan penerangan jalan umum dijadwalkan paling lambat 14 hari kerja "
        "setelah pengaduan diverifikasi.",
    ),
    (
        "Jam layanan Mal Pelayanan Publik (MPP) dan Disdukcapil hari Sabtu?",
        "MPP buka Senin–Jumat 08.00–15.00 WIB dan Sabtu 08.00–12.00 WIB untuk perekaman KTP-el, "
        "akta kelahiran dan kartu identitas anak. Disdukcapil tutup pada hari Sabtu.",
    ),
)
PJU_NOTE = "Sudah diteruskan ke Dinas PUPR bidang penerangan jalan; menunggu jadwal petugas."
# (message, reply, minutes after arrival it was sent, closed an hour later)
ANSWERS: tuple[tuple[str, str, int, bool], ...] = (
    (
        "demo-wa-beasiswa",
        "Selamat siang Ibu, pendaftaran beasiswa daerah dibuka setiap bulan Juni melalui situs "
        "resmi pemerintah kota. Syaratnya: KTP kota, surat keterangan aktif kuliah dan transkrip "
        "nilai. Terima kasih.",
        45,
        True,
    ),
    (
        "demo-tg-sabtu",
        "Terima kasih atas usulannya, Kak. Saat ini MPP sudah buka hari Sabtu 08.00–12.00 WIB "
        "untuk perekaman KTP-el dan akta; usulan Anda kami teruskan ke Disdukcapil.",
        150,
        False,
    ),
    (
        "demo-x-infografis",
        "Terima kasih, Kak! Senang infografisnya bermanfaat. Pantau terus kanal resmi kami ya.",
        30,
        True,
    ),
    (
        "demo-ig-mpp",
        "Terima kasih atas apresiasinya, Kak! Masukan Anda kami teruskan ke pengelola MPP.",
        25,
        True,
    ),
    (
        "demo-x-puskesmas",
        "Mohon maaf atas ketidaknyamanannya, Kak. Keluhan antrean dan sikap petugas sudah kami "
        "teruskan ke Dinas Kesehatan untuk ditindaklanjuti.",
        1_500,  # a day later, after its deadline: the service standard was missed
        False,
    ),
)
LATE = "demo-x-puskesmas"
KTP_REPLY = (
    "Halo Kak, pembuatan KTP-el tetap perlu perekaman langsung di Disdukcapil atau MPP. Bawa "
    "fotokopi KK dan surat pengantar RT/RW. Terima kasih 🙏"
)


@dataclass
class InboxDemo:
    """What the inbox demo stored and did."""

    imported: int = 0
    triaged: int = 0
    replies_sent: int = 0
    message_ids: dict[str, int] = field(default_factory=dict)


class LocalSender:
    """A reply sender that reaches no platform: the reply is recorded as sent by hand."""

    def send_reply(self, channel: str | None, thread: ReplyThread, text: str) -> str:
        return f"demo-{uuid.uuid4().hex[:12]}"


def export_rows(now: datetime) -> list[dict[str, str]]:
    """The demo messages as rows of an export file (times relative to `now`)."""
    return [
        {
            "id": ident,
            "platform": platform,
            "author": author,
            "created_at": (now - timedelta(minutes=minutes)).isoformat(),
            "text": text,
        }
        for ident, platform, author, minutes, text in MESSAGES
    ]


def _intake(db: Engine, settings: Settings, out: InboxDemo, now: datetime) -> None:
    """Store and triage each message at its own arrival time, oldest first."""
    rows = sorted(export_rows(now), key=lambda r: r["created_at"])
    for row in rows:
        arrived = datetime.fromisoformat(row["created_at"])
        message = to_message(row, "import", None)
        with session_scope(db) as session:
            accepted = store.accept(
                session, [message], max_chars=settings.inbox_max_message_chars, now=arrived
            )
        out.imported += len(accepted.ids)
        run = triage_pending(db, settings=settings, now=arrived + timedelta(minutes=1))
        out.triaged += len(run.done)
    with session_scope(db) as session:
        found = session.execute(select(Message.platform_message_id, Message.id)).all()
        out.message_ids = {str(key): int(mid) for key, mid in found}


def _answer(
    db: Engine, out: InboxDemo, message_id: int, text: str, *, by: int, at: datetime
) -> None:
    """Draft, check and send a reply the way the reply editor does."""
    with session_scope(db) as session:
        reply = replies.draft_reply(session, message_id, text, author_id=by, now=at)
        reply_id = reply.id
    outcome = replies.send_reply(
        db, reply_id, actor_id=by, senders=dict.fromkeys(PLATFORMS, LocalSender()), now=at
    )
    out.replies_sent += outcome.status == "sent"


def create_inbox_demo(
    db: Engine, settings: Settings, *, author_id: int, reviewer_id: int, admin_id: int
) -> InboxDemo:
    """Add the demo FAQ, take in a week of citizen messages, and work on them."""
    out = InboxDemo()
    now = utcnow()
    for question, answer in FAQ:
        with session_scope(db) as session:
            faq.add_faq(session, question, answer, actor_id=admin_id)
    _intake(db, settings, out, now)
    ids = out.message_ids

    def at(key: str, minutes_after: int) -> datetime:
        minutes = next(m for ident, _, _, m, _ in MESSAGES if ident == key)
        return now - timedelta(minutes=minutes) + timedelta(minutes=minutes_after)

    # Older messages: answered (one of them late), some closed.
    for key, text, after, close in ANSWERS:
        when = at(key, after)
        if key == LATE:  # past its deadline, which depends on the weekday (working days)
            with session_scope(db) as session:
                due = session.get(Message, ids[key]).first_response_due
            if due is not None:
                when = min(max(when, due + timedelta(hours=2)), now - timedelta(minutes=10))
        _answer(db, out, ids[key], text, by=author_id, at=when)
        if close:
            with session_scope(db) as session:
                workflow.close(session, ids[key], actor_id=reviewer_id, now=at(key, after + 60))
    # Today: one taken with a note, the fire taken at once, a reply drafted from the FAQ.
    pju, fire = ids["demo-fb-pju"], ids["demo-wa-kebakaran"]
    with session_scope(db) as session:  # one transaction per action, as the pages do
        workflow.take(session, pju, author_id, now=at("demo-fb-pju", 20))
    with session_scope(db) as session:
        workflow.add_note(
            session, pju, actor_id=author_id, note=PJU_NOTE, now=at("demo-fb-pju", 30)
        )
    with session_scope(db) as session:
        workflow.take(session, fire, reviewer_id, now=at("demo-wa-kebakaran", 2))
    with session_scope(db) as session:
        workflow.take(session, ids["demo-x-wifi"], author_id, now=at("demo-x-wifi", 90))
    with session_scope(db) as session:
        replies.draft_reply(
            session, ids["demo-ig-ktp"], KTP_REPLY, author_id=author_id, source="faq"
        )
    return out
