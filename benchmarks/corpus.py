"""A realistic, seeded corpus of Indonesian posts for speed benchmarks.

Speed depends on what the posts look like: their length, how many numbers and hashtags they
carry, how often a lexicon term fires and drags a rule into evaluation. So the corpus is built
from the dev set's `dev` split (never `holdout`), varied the way real posts vary — new numbers,
slang or formal spelling, emoji and hashtags, stretched letters, threads stitched together,
truncation — and mixed with ordinary everyday posts, which are most of what an agency's accounts
publish. Lengths follow real posts: mostly 50–400 characters, a few long threads.

    from benchmarks.corpus import build_corpus
    posts = build_corpus(10_000, seed=1)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from netra.evaluation.dataset import load_items

DEFAULT_SEED = 20240214
LONG_SHARE = 0.04  # threads and long announcements, 800–3,000 characters

_TO_SLANG = {
    "yang": "yg", "tidak": "gk", "sudah": "udh", "banget": "bgt", "dengan": "dgn",
    "untuk": "utk", "sama": "sm", "dari": "dr", "tapi": "tp", "juga": "jg", "saja": "aja",
    "belum": "blm", "bisa": "bs", "karena": "krn", "kalau": "klo", "terima kasih": "makasih",
    "sekarang": "skrg", "bagaimana": "gmn", "lagi": "lg", "teman": "temen",
}  # fmt: skip
_TO_FORMAL = {v: k for k, v in _TO_SLANG.items()}
_EMOJI = ["🙏", "😂", "🤣", "😭", "🔥", "👍", "❤️", "😊", "🥹", "😤", "🇮🇩", "✅", "📢", "⚠️", "🤲"]
_HASHTAGS = ["#InfoPublik", "#PemkabMelayani", "#ASNBerAKHLAK", "#BanggaMelayaniBangsa",
             "#CekFakta", "#JagaNetralitas", "#InfoLalin", "#SehatBersama", "#wkwk", "#fyp",
             "#Humas", "#KotaKita", "#SobatDukcapil", "#SalamSehat"]  # fmt: skip
_TAILS = ["wkwk", "hehe", "btw", "gaes", "ya", "kan", "sih", "deh", "lho", "dong", "cmiiw"]

# Everyday posts: most of an agency's and an ASN's feed carries no risk at all.
_OPENERS = ["Selamat pagi", "Alhamdulillah", "Info", "Mohon izin berbagi", "Hari ini",
            "Semangat pagi rekan-rekan", "Sekadar mengingatkan", "Kabar gembira", "Assalamualaikum",
            "Halo sobat", "Pagi semuanya", "Yuk"]  # fmt: skip
_ACTIVITIES = [
    "apel pagi bersama seluruh pegawai", "rapat koordinasi lintas OPD", "kerja bakti membersihkan "
    "saluran air", "senam bersama warga", "pelayanan perekaman KTP-el", "monitoring jalan desa",
    "penyaluran bantuan pangan", "pelatihan literasi digital", "posyandu balita dan lansia",
    "sosialisasi pencegahan stunting", "lomba kebersihan antar-RW", "vaksinasi rabies gratis",
    "donor darah rutin", "pengukuran tinggi badan anak sekolah", "bimbingan teknis aplikasi SPBE",
    "pembukaan pasar murah", "penanaman pohon di bantaran sungai", "peninjauan banjir",
    "pengecekan harga bahan pokok", "layanan Samsat keliling", "upacara hari kesadaran nasional",
    "ngopi bareng tim habis lembur", "nyusun laporan akhir tahun", "antar anak ke sekolah",
]  # fmt: skip
_PLACES = ["di aula kantor bupati", "di balai desa", "di alun-alun", "di kantor kecamatan",
           "di GOR", "di puskesmas", "di halaman Setda", "di pasar induk", "di taman kota",
           "di kantor kelurahan", "di rumah", "di MPP", "di lapangan Pancasila"]  # fmt: skip
_TIMES = ["pukul 08.00 WIB", "mulai pukul 07.30", "Senin depan", "hari Sabtu", "besok pagi",
          "sore ini", "tadi pagi", "setiap Jumat", "tanggal 17", "sampai pukul 14.00"]  # fmt: skip
_CLOSERS = ["Terima kasih atas partisipasinya.", "Mari bersama membangun daerah.",
            "Info lengkap di laman resmi kami.", "Semoga bermanfaat.", "Sehat selalu semuanya.",
            "Jangan lupa bawa KTP ya.", "Tetap semangat!", "Sampai jumpa di lokasi.",
            "Ayo datang beramai-ramai.", "Capek tapi seneng.", "Mohon doanya.",
            "Bagikan info resmi ini kepada keluarga."]  # fmt: skip


def load_dev_texts() -> list[str]:
    """Texts of the dev set's `dev` split (the holdout stays unseen, even by benchmarks)."""
    return [item.text for item in load_items(split="dev")]


def filler_post(rng: random.Random) -> str:
    """An ordinary post assembled from everyday phrases."""
    parts = [f"{rng.choice(_OPENERS)},", rng.choice(_ACTIVITIES), rng.choice(_PLACES)]
    if rng.random() < 0.7:
        parts.append(rng.choice(_TIMES))
    text = " ".join(parts) + ". " + rng.choice(_CLOSERS)
    if rng.random() < 0.5:
        text += " " + rng.choice(_EMOJI)
    if rng.random() < 0.4:
        text += " " + " ".join(rng.sample(_HASHTAGS, rng.randint(1, 3)))
    return text


def _new_digits(text: str, rng: random.Random) -> str:
    """Same shape, different numbers: NIKs, phones and prices stay realistic but new."""
    return re.sub(r"\d{2,}", lambda m: "".join(rng.choice("0123456789") for _ in m.group()), text)


def _swap_words(text: str, table: dict[str, str], rng: random.Random) -> str:
    for word, other in table.items():
        if rng.random() < 0.7:
            text = re.sub(rf"\b{re.escape(word)}\b", other, text)
    return text


def _stretch(text: str, rng: random.Random) -> str:
    words = [m for m in re.finditer(r"[a-zA-Z]{4,}", text)]
    if not words:
        return text
    m = rng.choice(words)
    i = m.end() - 1
    return text[: i + 1] + text[i] * rng.randint(2, 5) + text[i + 1 :]


def _decorate(text: str, rng: random.Random) -> str:
    extra = []
    if rng.random() < 0.6:
        extra.append("".join(rng.choices(_EMOJI, k=rng.randint(1, 3))))
    if rng.random() < 0.4:
        extra.append(" ".join(rng.sample(_HASHTAGS, rng.randint(1, 2))))
    if rng.random() < 0.3:
        extra.append(rng.choice(_TAILS))
    return text + (" " + " ".join(extra) if extra else "")


def _truncate(text: str, rng: random.Random) -> str:
    limit = rng.randint(50, 400)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 30 else limit]


_VARIATIONS: list[Callable[[str, random.Random], str]] = [
    _new_digits,
    lambda t, r: _swap_words(t, _TO_SLANG, r),
    lambda t, r: _swap_words(t, _TO_FORMAL, r),
    _stretch,
    _decorate,
]


def varied_post(texts: Sequence[str], rng: random.Random) -> str:
    """A dev-set post with zero to three variations applied."""
    text = rng.choice(texts)
    for vary in rng.sample(_VARIATIONS, rng.randint(0, 3)):
        text = vary(text, rng)
    if len(text) > 400 and rng.random() < 0.5:
        text = _truncate(text, rng)
    return text


def long_post(texts: Sequence[str], rng: random.Random) -> str:
    """A thread or long announcement: several posts stitched together, 800–3,000 characters."""
    target = rng.randint(800, 3000)
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < target:
        parts.append(varied_post(texts, rng) if rng.random() < 0.6 else filler_post(rng))
    numbered = rng.random() < 0.5
    return "\n\n".join(f"{n}/ {p}" if numbered else p for n, p in enumerate(parts, 1))


def build_corpus(
    n: int = 10_000,
    seed: int = DEFAULT_SEED,
    texts: Sequence[str] | None = None,
    *,
    dev_share: float = 0.55,
) -> list[str]:
    """`n` posts: about `dev_share` varied dev-set posts, the rest everyday filler, a few long."""
    rng = random.Random(seed)
    texts = list(texts) if texts is not None else load_dev_texts()
    posts = []
    for _ in range(n):
        roll = rng.random()
        if roll < LONG_SHARE:
            posts.append(long_post(texts, rng))
        elif roll < LONG_SHARE + dev_share:
            posts.append(varied_post(texts, rng))
        else:
            posts.append(filler_post(rng))
    return posts


def describe(posts: Sequence[str]) -> dict[str, float]:
    """Length statistics, to check and report that the corpus looks like real posts."""
    lengths = sorted(len(p) for p in posts)
    n = len(lengths)
    return {
        "posts": n,
        "mean_chars": sum(lengths) / n,
        "p50_chars": lengths[n // 2],
        "p95_chars": lengths[min(n - 1, int(0.95 * n))],
        "max_chars": lengths[-1],
        "share_50_400": sum(50 <= x <= 400 for x in lengths) / n,
        "share_over_800": sum(x > 800 for x in lengths) / n,
    }
