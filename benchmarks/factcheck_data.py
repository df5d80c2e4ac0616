# ruff: noqa: E501  (data: hand-written texts and templates read better unwrapped)
"""Evaluation data for fact-check matching: knowledge base, circulating posts, ordinary posts.

Deterministic (seeded). Two disjoint halves:
- calibration: queries from half of the hoax families, ordinary posts from odd-numbered templates,
  IndoNLU SmSA train texts and half of the dev set's official_humas posts, distractor claims
  drawn with another seed;
- evaluation: queries from the other families, ordinary posts from even-numbered templates, SmSA
  valid texts and the other half of the dev set's official_humas posts
  (`tests/data/devset.jsonl`, written by another engineer; used when present).

The knowledge base holds every family's debunk (a real KB holds all debunks; only the posts are
split) plus thousands of generated distractor claims, many of them near-misses on the same topics
(another city, another vaccine, another agency, another number).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck_families import FAMILIES

ROOT = Path(__file__).resolve().parents[1]
SMSA = Path("/work/shared/data/indonlu-smsa")
DEVSET = ROOT / "tests" / "data" / "devset.jsonl"


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    gold: str | None  # claim id, or None for an ordinary post
    kind: str  # paraphrase | slang | wrapped | partial | ordinary-… (for per-kind numbers)


def family_split(key: str) -> str:
    """Stable split of a family: about 40% calibration, 60% evaluation."""
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return "calibration" if h % 10 < 4 else "evaluation"


def family_claim_id(key: str) -> str:
    return f"fam-{key}"


# ------------------------------------------------------------------------------------ noise
SLANG = {
    "yang": ["yg", "yng"], "tidak": ["gak", "ga", "tdk", "nggak"], "sudah": ["udah", "sdh", "udh"],
    "dengan": ["dgn", "dg"], "untuk": ["utk", "buat"], "karena": ["krn", "karna"],
    "saja": ["aja"], "sekarang": ["skrg", "skrng"], "banyak": ["byk"], "juga": ["jg"],
    "kalau": ["kalo", "klo", "klw"], "bisa": ["bs"], "dari": ["dr"], "akan": ["bakal", "akn"],
    "orang": ["org"], "semua": ["smua"], "segera": ["sgr"], "tolong": ["tlg"],
    "jangan": ["jgn"], "belum": ["blm"], "sama": ["sm"], "hati-hati": ["hati2", "ati2"],
    "lagi": ["lg"], "bilang": ["blg"], "tahun": ["thn", "taun"], "pemerintah": ["pemerintah", "pmrth"],
    "informasi": ["info"], "masyarakat": ["masy", "warga"], "terima kasih": ["makasih", "trims"],
}  # fmt: skip
WRAP_BEFORE = [
    "Info dari grup sebelah:",
    "COPAS DARI GRUP ALUMNI",
    "Forwarded many times",
    "Mohon dicek kebenarannya ya bapak ibu",
    "Assalamualaikum wr wb. Sekedar info utk keluarga",
    "PENTING!!! BACA SAMPAI HABIS",
    "Dapat kiriman dari teman yang kerja di dinas:",
    "Berita terbaru hari ini 👇👇",
    "Waspada!!!",
    "Buat yg belum tau,",
]
WRAP_AFTER = [
    "Sebarkan!!! jangan berhenti di kamu",
    "Tolong viralkan, kasihan yang belum tahu 🙏",
    "Share ke grup keluarga ya",
    "Info A1 bukan hoax!!",
    "Semoga bermanfaat, mohon disebarluaskan",
    "cek sendiri kalo ga percaya",
    "Bagikan sebanyak2nya sebelum dihapus",
    "😱😱😱",
    "#viral #infopenting",
    "Amin ya rabbal alamin",
]
PARTIAL_FRAMES = [
    'Di grup keluarga ada yang kirim begini: "{q}" ... bener gak sih?',
    "Barusan dapet pesan: {q}. Ada yang tau ini valid atau tidak?",
    'Tetangga saya percaya banget sama ini: "{q}". Saya ragu.',
    "Lagi rame di FB, katanya {q}. Gimana menurut kalian?",
    'Ibu saya nanya soal pesan WA "{q}" — ada yang bisa jelasin?',
    "Katanya {q}, serius nih?",
]


def slangify(text: str, rng: random.Random, rate: float = 0.7) -> str:
    out = text
    for word, options in SLANG.items():
        if rng.random() < rate:
            out = re.sub(rf"\b{re.escape(word)}\b", rng.choice(options), out, flags=re.IGNORECASE)
    return out


def typos(text: str, rng: random.Random, rate: float = 0.08) -> str:
    """Character-level slips: swapped, dropped, doubled letters; stretched words."""
    words = text.split()
    out = []
    for w in words:
        if len(w) > 3 and w.isalpha() and rng.random() < rate * 3:
            i = rng.randrange(1, len(w) - 1)
            op = rng.randrange(4)
            if op == 0:
                w = w[: i - 1] + w[i] + w[i - 1] + w[i + 1 :]
            elif op == 1:
                w = w[:i] + w[i + 1 :]
            elif op == 2:
                w = w[:i] + w[i] + w[i:]
            else:
                w = w + w[-1] * rng.randrange(2, 5)
        out.append(w)
    return " ".join(out)


def shout(text: str, rng: random.Random) -> str:
    words = text.split()
    if not words:
        return text
    start = rng.randrange(len(words))
    end = min(len(words), start + rng.randrange(2, 6))
    words[start:end] = [w.upper() for w in words[start:end]]
    return " ".join(words) + rng.choice(["!!!", "!!", "‼️", "?!", ""])


def wrap(text: str, rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.8:
        parts.append(rng.choice(WRAP_BEFORE))
    parts.append(text)
    if rng.random() < 0.9:
        parts.append(rng.choice(WRAP_AFTER))
    return "\n".join(parts)


def partial(text: str, rng: random.Random) -> str:
    """Quote only part of the hoax inside someone's own words.

    People quote the part that carries the claim, so the longest clause is quoted (or, for a
    one-clause text, its first 70%); the frame around it is the asker's own words.
    """
    clauses = [
        c.strip() for c in re.split(r"(?<!\d)[,.]|[,.](?!\d)|[!?;:]+", text) if len(c.split()) >= 4
    ]
    if len(clauses) > 1:
        piece = max(clauses, key=len)
    else:
        words = text.split()
        piece = " ".join(words[: max(5, int(len(words) * 0.7))])
    return rng.choice(PARTIAL_FRAMES).format(q=piece.strip().rstrip("."))


def _variants(split: str) -> Iterator[tuple[str, str, str]]:
    """(query id base, variant text, gold claim id) for every variant of the split's families."""
    for fam in FAMILIES:
        if family_split(fam["key"]) != split:
            continue
        gold = family_claim_id(fam["key"])
        for n, text in enumerate(fam["variants"]):
            yield f"{fam['key']}#{n}", text, gold


def _noisy(base: str, text: str, gold: str, rng: random.Random, suffix: str = "",
           kind: str | None = None) -> list[Query]:  # fmt: skip
    """Slang and typos, a chain-message wrapper, a partial quote (in that order of draws)."""
    return [
        Query(f"{base}/slang{suffix}", typos(slangify(text, rng), rng), gold, kind or "slang+typo"),
        Query(f"{base}/wrap{suffix}", wrap(shout(text, rng), rng), gold, kind or "chain-wrapper"),
        Query(f"{base}/part{suffix}", partial(text, rng), gold, kind or "partial-quote"),
    ]


def circulating_queries(split: str, seed: int) -> list[Query]:
    """Every variant of the split's families, as written and in three noisier forms."""
    rng = random.Random(seed)
    out: list[Query] = []
    for base, text, gold in _variants(split):
        out.append(Query(f"{base}/para", text, gold, "paraphrase"))
        out += _noisy(base, text, gold, rng)
    return out


TRAIN_ONLY = "train-only"


def noisy_copies(split: str, seed: int, copies: int) -> list[Query]:
    """More noisy versions (slang and typos, chain wrapper, partial quote) of the split's variants.

    Only the scorer's training pairs use them (more positive pairs to learn from); recall and
    thresholds are never computed on them.
    """
    rng = random.Random(seed * 1000 + 7)
    out: list[Query] = []
    for base, text, gold in _variants(split):
        for c in range(2, 2 + copies):
            out += _noisy(base, text, gold, rng, str(c), TRAIN_ONLY)
    return out


# ------------------------------------------------------------------------------ distractors
CITIES = [
    "Jakarta", "Bandung", "Surabaya", "Semarang", "Yogyakarta", "Medan", "Padang", "Palembang",
    "Makassar", "Manado", "Denpasar", "Mataram", "Kupang", "Ambon", "Jayapura", "Sorong",
    "Pontianak", "Banjarmasin", "Samarinda", "Balikpapan", "Palu", "Kendari", "Gorontalo",
    "Ternate", "Bengkulu", "Jambi", "Pekanbaru", "Batam", "Bandar Lampung", "Serang", "Cilegon",
    "Bogor", "Depok", "Bekasi", "Tangerang", "Cirebon", "Tasikmalaya", "Garut", "Sukabumi",
    "Cianjur", "Malang", "Kediri", "Jember", "Banyuwangi", "Madiun", "Solo", "Magelang",
    "Purwokerto", "Tegal", "Pekalongan", "Aceh", "Lhokseumawe", "Sibolga", "Bukittinggi",
    "Mamuju", "Majene", "Bima", "Lombok Timur", "Sumbawa", "Nias", "Mentawai", "Pangandaran",
]  # fmt: skip
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
AGENCIES = [
    "Kemensos", "Kemnaker", "Kemendikbudristek", "Kemenkes", "Kemenag", "Kementan",
    "Kemenkop UKM", "Komdigi", "Kominfo", "BPJS Ketenagakerjaan", "BPJS Kesehatan", "Pertamina",
    "PLN", "Bank BRI", "Bank Mandiri", "Bank BNI", "Pegadaian", "Taspen", "Bank Indonesia",
    "OJK", "BKN", "KemenPAN-RB", "Kemendagri", "Ditjen Dukcapil", "Polri", "Korlantas",
    "Ditjen Pajak", "Bea Cukai", "BNPB", "BMKG", "Basarnas", "BPOM", "MUI", "KPU", "Bawaslu",
]  # fmt: skip
PROGRAMS = [
    "bantuan subsidi upah", "BLT UMKM", "Kartu Prakerja gelombang terbaru", "subsidi listrik",
    "bantuan modal usaha", "beasiswa pelajar", "insentif guru honorer", "bantuan pupuk",
    "bantuan renovasi rumah", "bantuan sembako", "bantuan nelayan",
    "bantuan ojek online", "bantuan lansia", "bantuan yatim piatu", "kredit usaha rakyat tanpa bunga",
    "pelatihan kerja ke Jepang", "program rumah subsidi", "bantuan laptop sekolah",
    "tabung gas gratis", "bantuan sepeda motor listrik", "dana hibah masjid",
]  # fmt: skip
GIFTS = [
    "saldo dompet digital Rp500 ribu", "paket sembako", "voucher belanja Rp1 juta",
    "tabung LPG gratis", "uang tunai Rp2,4 juta", "sepeda motor",
    "emas batangan", "ponsel pintar", "tiket mudik gratis", "beras 20 kilogram",
]  # fmt: skip
REMEDIES = [
    "air rebusan daun sirsak", "jus mentimun", "rendaman jahe merah", "madu dicampur kunyit",
    "rebusan daun pepaya", "teh bawang bombay",
    "minyak kayu putih yang diminum", "air seni sapi", "cuka apel", "rebusan sereh",
    "minyak zaitun", "daun kelor mentah", "kapsul vitamin C dosis tinggi",
    "susu beruang", "kulit manggis", "air rendaman beras", "bawang dayak",
    "air hujan pertama", "telur ayam kampung mentah",
]  # fmt: skip
DISEASES = [
    "kanker payudara", "diabetes", "stroke", "hipertensi", "asam urat", "demam berdarah",
    "tuberkulosis", "hepatitis", "gagal ginjal", "COVID-19", "cacar monyet", "flu burung",
    "batu ginjal", "kolesterol tinggi", "asma", "tifus", "malaria", "polio", "campak",
    "kanker serviks", "jantung koroner", "HIV", "rabies", "difteri",
]  # fmt: skip
PRODUCTS = [
    "susu formula", "roti tawar kemasan", "air minum galon", "permen impor",
    "minuman energi", "kecap manis", "saus tomat", "bakso di pasar", "tahu putih",
    "ikan asin", "daging sapi impor", "teh celup", "kerupuk", "es krim", "jajanan sekolah",
    "minyak goreng curah", "gula pasir impor", "garam beryodium", "kosmetik pemutih",
]  # fmt: skip
BAD_STUFF = [
    "formalin", "boraks", "plastik", "minyak babi", "pewarna tekstil", "merkuri", "narkoba",
    "cacing pita", "zat pemicu kanker", "virus berbahaya", "bahan pengawet mayat", "lilin",
]  # fmt: skip
VACCINES = [
    "MR", "BCG", "HPV", "DPT", "influenza", "rubella", "hepatitis B", "rotavirus", "cacar air", "dengue",
]  # fmt: skip
EFFECTS = [
    "autisme", "kemandulan", "kelumpuhan", "kanker", "kematian mendadak", "pembekuan darah",
    "HIV", "gangguan jiwa", "diabetes", "kebutaan", "penurunan kecerdasan", "perubahan DNA",
]  # fmt: skip
ASN_GROUPS = [
    "PNS", "PPPK", "guru honorer", "anggota TNI dan Polri", "pensiunan PNS", "hakim",
    "perangkat desa", "bidan desa", "penyuluh pertanian", "dosen ASN", "tenaga kesehatan ASN",
    "pegawai BUMN", "guru PPPK", "satpol PP",
]  # fmt: skip
ASN_POLICIES = [
    "kehilangan tunjangan kinerja", "dipindahkan ke Ibu Kota Nusantara", "wajib masuk kerja hari Sabtu",
    "dipotong gajinya 10 persen untuk zakat", "diberhentikan jika tidak lulus uji kompetensi",
    "dilarang memakai media sosial", "wajib menyetor Rp5 juta untuk kenaikan pangkat",
    "harus membeli seragam baru seharga Rp3 juta",
    "diwajibkan ikut asuransi swasta", "dipensiunkan dini pada usia 50 tahun",
]  # fmt: skip
SELECTIONS = [
    "CPNS Kemenkumham", "PPPK guru", "sekolah kedinasan STAN", "Akpol", "Bintara Polri",
    "Tamtama TNI AD", "CPNS Kejaksaan", "PPPK tenaga kesehatan", "IPDN", "CPNS Mahkamah Agung",
    "pegawai KPK", "petugas haji", "CPNS Kemenag", "pramugari BUMN",
]  # fmt: skip
DOCS = ["kartu keluarga", "SIM", "STNK", "NPWP", "kartu BPJS Kesehatan",
        "nomor ponsel", "rekening bank", "akun WhatsApp", "paspor", "kartu ATM"]  # fmt: skip
DOC_CONDITIONS = [
    "tidak diperbarui lewat tautan daring sebelum akhir bulan",
    "pemiliknya belum melakukan rekam sidik jari ulang",
    "tidak didaftarkan ulang melalui WhatsApp resmi",
    "belum dihubungkan dengan nomor ponsel baru",
    "pemiliknya tidak membayar biaya pemutakhiran Rp50 ribu",
    "tidak dipakai selama tiga bulan",
]  # fmt: skip
ELECTION_ACTORS = ["petugas KPPS", "anggota PPK", "aparat desa", "tim sukses", "pengawas TPS",
                   "ketua RT", "saksi partai", "petugas PPS"]  # fmt: skip
ELECTION_ACTS = [
    "membakar kotak suara", "mencoblos sisa surat suara", "menukar hasil rekapitulasi",
    "membagikan amplop berisi uang", "menyembunyikan formulir C1", "merobek surat suara",
    "mengarahkan lansia memilih calon tertentu", "menggelembungkan suara partai",
    "membawa kotak suara ke rumah pribadi", "mengusir saksi dari TPS",
]  # fmt: skip
EVENTS = [
    "banjir bandang", "kerusuhan", "tawuran pelajar", "kebakaran pasar", "pesawat jatuh",
    "kapal tenggelam", "tanah longsor", "angin puting beliung", "demo pengemudi ojek",
    "jembatan ambruk", "penangkapan teroris", "kecelakaan bus", "ledakan gudang",
    "gelombang pasang", "hujan abu vulkanik",
]  # fmt: skip
OFFICIALS = [
    "Menteri Kesehatan", "Menteri Keuangan", "Gubernur Jawa Barat", "Gubernur DKI Jakarta",
    "Bupati Bogor", "Wali Kota Surabaya", "Kapolri", "Panglima TNI", "Ketua KPU",
    "Kepala BMKG", "Menteri Sosial", "Menteri Agama", "Kepala BKN", "Menteri PANRB",
    "Menteri Pendidikan", "Ketua DPR", "Kepala BNPB", "Menteri Perhubungan",
]  # fmt: skip
STATEMENTS = [
    "rakyat kecil tidak perlu sekolah tinggi", "bantuan sosial akan dihentikan tahun depan",
    "harga beras akan naik dua kali lipat", "pegawai honorer akan dihapus seluruhnya",
    "masjid wajib membayar pajak", "pemilu sebaiknya ditiadakan", "utang negara akan dibayar dengan tanah rakyat",
    "warga yang menolak vaksin akan dipenjara", "gaji pejabat akan dinaikkan 200 persen",
    "jalan tol akan dijual ke pihak asing", "mudik lebaran dilarang tahun ini",
    "sekolah negeri akan dipungut biaya", "semua warga wajib memasang CCTV di rumah",
]  # fmt: skip
VOLCANOES = ["Semeru", "Sinabung", "Agung", "Kelud", "Anak Krakatau", "Bromo",
             "Lewotobi", "Ruang", "Marapi", "Ibu", "Karangetang", "Dempo", "Slamet"]  # fmt: skip
COASTS = ["pesisir barat Sumatra", "Selat Sunda", "Teluk Palu",
          "pantai utara Bali", "pesisir Aceh", "pantai Mentawai", "Teluk Ambon",
          "pesisir selatan Lombok", "pantai Parangtritis"]  # fmt: skip


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.choice([2023, 2024, 2025])}"


def _templates() -> list:
    """Claim templates in a fact-checker's summary voice; each takes an rng and returns text."""
    c = random.Random.choice
    return [
        lambda r: f"{c(r, AGENCIES)} membuka pendaftaran {c(r, PROGRAMS)} melalui tautan yang beredar di WhatsApp hingga {_date(r)}.",
        lambda r: f"{c(r, AGENCIES)} membagikan {c(r, GIFTS)} kepada warga yang mengisi formulir daring.",
        lambda r: f"Pendaftaran {c(r, PROGRAMS)} dari {c(r, AGENCIES)} cukup dengan mengirim foto KTP ke nomor WhatsApp admin.",
        lambda r: f"Gempa magnitudo {r.choice([x / 10 for x in range(60, 96) if x != 87]):.1f} diprediksi mengguncang {c(r, CITIES)} pada {_date(r)}.",
        lambda r: f"BMKG meminta warga {c(r, CITIES)} mengungsi karena gempa besar akan terjadi dalam {r.randint(2, 7)} hari.",
        lambda r: f"Tsunami setinggi {r.randint(5, 40)} meter akan menerjang {c(r, COASTS)} pada {_date(r)}.",
        lambda r: f"Gunung {c(r, VOLCANOES)} akan meletus besar malam ini dan warga dalam radius {r.randint(10, 60)} kilometer harus mengungsi.",
        lambda r: f"Banjir setinggi {r.randint(2, 6)} meter akan merendam {c(r, CITIES[1:])} karena bendungan jebol.",
        lambda r: f"Minum {c(r, REMEDIES)} setiap pagi menyembuhkan {c(r, DISEASES)} tanpa obat dokter.",
        lambda r: f"{c(r, REMEDIES).capitalize()} terbukti membunuh virus penyebab {c(r, DISEASES)} dalam tiga hari.",
        lambda r: f"{c(r, PRODUCTS).capitalize()} yang dijual di {c(r, CITIES)} mengandung {c(r, BAD_STUFF)}.",
        lambda r: f"Mengonsumsi {c(r, PRODUCTS)} setiap hari menyebabkan {c(r, DISEASES)} karena mengandung {c(r, BAD_STUFF)}.",
        lambda r: f"Vaksin {c(r, VACCINES)} menyebabkan {c(r, EFFECTS)} pada anak yang menerimanya.",
        lambda r: f"Imunisasi {c(r, VACCINES)} di sekolah dihentikan karena banyak siswa mengalami {c(r, EFFECTS)}.",
        lambda r: f"Gaji {c(r, ASN_GROUPS)} naik {r.choice([5, 8, 10, 15, 20, 25, 40, 50])} persen mulai {c(r, MONTHS)} {r.choice([2024, 2025])}.",
        lambda r: f"{c(r, ASN_GROUPS).capitalize()} akan {c(r, ASN_POLICIES)} mulai {c(r, MONTHS)}.",
        lambda r: f"Pendaftaran {c(r, SELECTIONS)} dibuka tanpa tes dengan biaya Rp{r.randint(10, 150)} juta.",
        lambda r: f"Kelulusan {c(r, SELECTIONS)} dapat dibeli melalui oknum dengan membayar Rp{r.randint(20, 300)} juta.",
        lambda r: f"{c(r, DOCS)} akan diblokir jika {c(r, DOC_CONDITIONS)}.",
        lambda r: f"{c(r, DOCS)} tidak berlaku lagi mulai {_date(r)} dan harus diganti di kantor {c(r, AGENCIES)}.",
        lambda r: f"Video {c(r, ELECTION_ACTORS)} {c(r, ELECTION_ACTS)} di {c(r, CITIES)} pada pemilu {r.choice([2019, 2024])}.",
        lambda r: f"{c(r, ELECTION_ACTORS).capitalize()} di {c(r, CITIES)} {c(r, ELECTION_ACTS)} untuk memenangkan calon tertentu.",
        lambda r: f"Video {c(r, EVENTS)} yang beredar disebut terjadi di {c(r, CITIES)} pada {_date(r)}.",
        lambda r: f"Foto {c(r, EVENTS)} di {c(r, CITIES)} yang viral ternyata peristiwa baru-baru ini.",
        lambda r: f"{c(r, OFFICIALS)} menyatakan bahwa {c(r, STATEMENTS)}.",
        lambda r: f"Surat edaran {c(r, OFFICIALS)} yang beredar menyebutkan {c(r, STATEMENTS)}.",
        lambda r: f"{c(r, AGENCIES)} menaikkan tarif {r.choice(['listrik', 'air', 'tol', 'parkir', 'BPJS', 'pajak kendaraan', 'transfer antarbank'])} sebesar {r.randint(10, 90)} persen mulai {_date(r)}.",
        lambda r: f"Harga {r.choice(['beras', 'cabai', 'minyak goreng', 'gula', 'telur', 'daging ayam', 'bawang merah', 'LPG 3 kg', 'Pertamax', 'solar'])} akan naik menjadi Rp{r.randint(15, 90)} ribu mulai {c(r, MONTHS)}.",
        lambda r: f"Penculik anak berkeliaran di {c(r, CITIES)} dengan modus {r.choice(['menjual mainan', 'menyamar sebagai pengemis', 'menawarkan permen', 'mengaku petugas PLN', 'mengendarai mobil boks', 'menyamar sebagai orang gila'])}.",
        lambda r: f"Sindikat di {c(r, CITIES)} mencuri {r.choice(['ginjal', 'mata', 'jantung', 'organ tubuh'])} korban yang {r.choice(['pingsan di jalan', 'naik ojek online', 'menginap di hotel', 'berobat ke klinik'])}.",
        lambda r: f"Pesan {c(r, AGENCIES)} berisi berkas {r.choice(['APK', 'PDF', 'ZIP'])} bernama '{r.choice(['Tagihan', 'Resi Paket', 'Bukti Transfer', 'Kartu Ucapan', 'Data Penerima'])}' aman untuk dibuka.",
        lambda r: f"Aplikasi {r.choice(['Facebook', 'Instagram', 'TikTok', 'Telegram', 'Signal'])} akan dikenai biaya Rp{r.randint(5, 99)} ribu per bulan mulai {c(r, MONTHS)}.",
        lambda r: f"Sinyal {r.choice(['4G', '5G', 'WiFi', 'radio'])} di {c(r, CITIES)} menyebabkan {c(r, DISEASES)} pada warga sekitar menara.",
        lambda r: f"Uang kertas pecahan Rp{r.choice([1, 2, 5, 10, 20, 50, 75, 100])}.000 tahun emisi {r.choice([2004, 2009, 2014, 2016, 2022])} tidak berlaku lagi mulai {c(r, MONTHS)}.",
        lambda r: f"Bank Indonesia menerbitkan uang pecahan Rp{r.choice([150, 200, 250, 300, 500, 1000])}.000 bergambar {r.choice(['presiden', 'menteri keuangan', 'tokoh asing', 'hewan langka', 'gedung DPR'])}.",
        lambda r: f"Pemadaman listrik total akan terjadi di {r.choice(['Sumatra', 'Kalimantan', 'Sulawesi', 'Nusa Tenggara', 'Papua'])} selama {r.randint(2, 7)} hari mulai {_date(r)}.",
        lambda r: f"Sekolah di {c(r, CITIES)} diliburkan {r.randint(1, 6)} minggu karena wabah {c(r, DISEASES)}.",
        lambda r: f"Rumah sakit di {c(r, CITIES)} menolak pasien BPJS yang menderita {c(r, DISEASES)}.",
        lambda r: f"{c(r, PRODUCTS).capitalize()} merek tertentu ditarik BPOM karena terbukti mengandung {c(r, BAD_STUFF)}.",
        lambda r: f"Warga {c(r, CITIES)} menemukan {r.choice(['gula', 'garam', 'daging', 'madu', 'kopi bubuk'])} palsu dari {c(r, BAD_STUFF)} di pasar tradisional.",
    ]  # fmt: skip


def distractor_claims(n: int, seed: int) -> list[tuple[str, str]]:
    """(claim_id, text) pairs, unique texts, in a fact-checker's summary voice."""
    rng = random.Random(seed)
    templates = _templates()
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    while len(out) < n:
        text = rng.choice(templates)(rng)
        text = text[0].upper() + text[1:]
        if text in seen:
            continue
        seen.add(text)
        out.append((f"dis-{seed}-{len(out):06d}", text))
    return out


# -------------------------------------------------------------------------- ordinary posts
REGIONS = ["Kabupaten Bogor", "Kota Bandung", "Kabupaten Sleman", "Kota Surabaya",
           "Kabupaten Gowa", "Kota Padang", "Kabupaten Banyuwangi", "Kota Pontianak",
           "Kabupaten Lombok Barat", "Kota Ambon", "Kabupaten Kutai Kartanegara",
           "Kota Palembang", "Kabupaten Cianjur", "Kota Kupang", "Kabupaten Sidoarjo"]  # fmt: skip
OFFICES = ["Kantor Kecamatan", "Mal Pelayanan Publik", "Disdukcapil", "Puskesmas Kecamatan",
           "Kantor Samsat", "Dinas Sosial", "Kantor Kelurahan", "RSUD"]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]


def _official_templates() -> list:
    c = random.Random.choice
    return [
        lambda r: f"Layanan perekaman KTP elektronik di {c(r, OFFICES)} {c(r, REGIONS)} tetap buka hari {c(r, DAYS)} pukul 08.00–14.00 WIB. Jangan lupa membawa kartu keluarga asli. #PelayananPrima",
        lambda r: f"Penyaluran BLT Dana Desa tahap {r.randint(1, 4)} di Desa {c(r, ['Sukamaju', 'Mekarsari', 'Karangrejo', 'Tanjungsari', 'Sidomulyo', 'Bojong'])} dilaksanakan {c(r, DAYS)}, {_date(r)} di balai desa. Penerima membawa KTP dan KK. Tidak ada pungutan apa pun.",
        lambda r: f"BMKG mencatat gempa magnitudo {r.randint(30, 59) / 10:.1f} di {c(r, CITIES)} pagi ini. Gempa tidak berpotensi tsunami. Tetap tenang dan ikuti informasi resmi dari BMKG dan BPBD.",
        lambda r: f"Puskesmas di {c(r, REGIONS)} menggelar imunisasi {c(r, VACCINES)} gratis untuk anak pada {_date(r)}. Ayo ajak buah hati ke posyandu terdekat!",
        lambda r: f"Bupati {c(r, REGIONS).split(' ', 1)[1]} membuka {r.choice(['festival kuliner', 'pameran UMKM', 'lomba kebersihan kampung', 'turnamen sepak bola antardesa', 'pasar murah', 'bazar buku'])} di alun-alun, diikuti {r.randint(50, 900)} peserta.",
        lambda r: f"Apel pagi ASN {c(r, REGIONS)} hari ini dipimpin Sekretaris Daerah. Disiplin dan pelayanan yang ramah adalah kunci kepercayaan masyarakat.",
        lambda r: f"Pengumuman hasil seleksi administrasi {c(r, ['PPPK guru', 'PPPK tenaga kesehatan', 'CPNS', 'PPPK teknis'])} {r.choice([2024, 2025])} dapat dilihat di portal resmi SSCASN. Sanggahan dibuka {r.randint(1, 3)} hari sejak pengumuman.",
        lambda r: f"KPU {c(r, REGIONS)} menggelar simulasi pemungutan suara di TPS {r.randint(1, 40)} Kelurahan {c(r, ['Sukajadi', 'Cempaka', 'Melati', 'Bantul', 'Kebonsari'])}. Warga diajak melihat langsung tata cara mencoblos.",
        lambda r: "Yuk cek apakah nama Anda sudah terdaftar sebagai pemilih di laman cekdptonline.kpu.go.id. Pemungutan suara dilaksanakan di TPS sesuai undangan yang dibagikan petugas KPPS.",
        lambda r: f"Perbaikan jalan {c(r, ['Jalan Ahmad Yani', 'Jalan Sudirman', 'Jalan Diponegoro', 'Jalan Gatot Subroto', 'Jalan Pahlawan'])} dimulai {c(r, DAYS)} ini. Pengendara diimbau melintasi jalur alternatif. Mohon maaf atas ketidaknyamanannya.",
        lambda r: f"Harga {r.choice(['cabai rawit', 'bawang merah', 'beras medium', 'telur ayam', 'minyak goreng'])} di Pasar {c(r, ['Induk', 'Baru', 'Kota', 'Sentral', 'Tradisional'])} hari ini Rp{r.randint(15, 80)} ribu per kilogram, turun dibanding pekan lalu (Disperindag).",
        lambda r: f"Waspada penipuan mengatasnamakan {c(r, AGENCIES)}. Kami tidak pernah meminta transfer uang atau kode OTP. Laporkan nomor mencurigakan ke layanan pengaduan resmi.",
        lambda r: f"Selamat Hari {r.choice(['Guru Nasional', 'Kesehatan Nasional', 'Pahlawan', 'Ibu', 'Santri Nasional', 'Kebangkitan Nasional', 'Lingkungan Hidup Sedunia'])}! Terima kasih atas pengabdian dan kerja keras untuk {c(r, REGIONS)}.",
        lambda r: f"Pendaftaran PPDB SMP negeri {c(r, REGIONS)} jalur zonasi dibuka {_date(r)} melalui laman resmi dinas pendidikan. Pendaftaran tidak dipungut biaya.",
        lambda r: f"BPBD {c(r, REGIONS)} menyiagakan {r.randint(20, 150)} personel dan perahu karet menghadapi musim hujan. Hubungi nomor darurat 112 bila terjadi banjir atau longsor.",
        lambda r: f"Program makan bergizi gratis di {r.randint(3, 40)} sekolah dasar di {c(r, REGIONS)} mulai berjalan minggu ini. Orang tua dapat menyampaikan masukan melalui komite sekolah.",
        lambda r: f"Kenaikan gaji ASN sesuai Peraturan Pemerintah yang berlaku telah dibayarkan bersama gaji bulan ini. Informasi resmi hanya melalui kanal BKD {c(r, REGIONS)}.",
        lambda r: f"Dinas Kesehatan {c(r, REGIONS)} mengimbau warga melakukan 3M Plus untuk mencegah demam berdarah: menguras, menutup, dan mendaur ulang, serta memakai lotion antinyamuk.",
        lambda r: f"Vaksinasi lanjutan COVID-19 untuk lansia tersedia di {c(r, OFFICES)} setiap {c(r, DAYS)}. Bawa KTP. Layanan gratis.",
        lambda r: f"Ikuti upacara peringatan HUT RI ke-{r.randint(75, 80)} di halaman kantor {c(r, REGIONS)} pukul 07.00 WIB. Peserta mengenakan pakaian adat.",
        lambda r: f"Penerimaan bantuan pangan beras {r.choice([10, 20])} kg untuk keluarga penerima manfaat di {c(r, REGIONS)} berlangsung di kantor pos. Data penerima berasal dari DTKS.",
        lambda r: f"Pemkab {c(r, REGIONS).split(' ', 1)[1]} menerima penghargaan {r.choice(['Adipura', 'WTP dari BPK', 'Kabupaten Layak Anak', 'pelayanan publik terbaik', 'inovasi daerah'])}. Terima kasih atas dukungan seluruh warga.",
        lambda r: f"Jadwal layanan SIM keliling {c(r, REGIONS)} hari {c(r, DAYS)}: pukul 09.00–12.00 di {c(r, ['alun-alun', 'kantor kecamatan', 'pasar induk', 'terminal', 'taman kota'])}. Khusus perpanjangan SIM A dan C.",
        lambda r: f"Status Gunung {c(r, VOLCANOES)} saat ini Level {r.choice(['II (Waspada)', 'III (Siaga)'])}. Masyarakat diminta tidak beraktivitas dalam radius {r.randint(2, 7)} km dari kawah dan mengikuti arahan petugas.",
        lambda r: f"Pelatihan digital marketing gratis bagi {r.randint(30, 200)} pelaku UMKM {c(r, REGIONS)} digelar {_date(r)}. Pendaftaran melalui dinas koperasi setempat.",
        lambda r: f"Rapat koordinasi penanganan stunting {c(r, REGIONS)} menyepakati pendampingan {r.randint(100, 999)} keluarga berisiko. Posyandu menjadi ujung tombak pemantauan gizi.",
        lambda r: f"Car free day di {c(r, ['Jalan Protokol', 'Kawasan Alun-Alun', 'Jalan Merdeka', 'Jalan Slamet Riyadi'])} kembali digelar Minggu pagi pukul 06.00–10.00. Mari berolahraga bersama keluarga.",
        lambda r: f"Pembayaran pajak kendaraan bermotor kini bisa melalui aplikasi resmi Samsat dan gerai bank. Program pemutihan denda berlaku hingga akhir {c(r, MONTHS)}.",
        lambda r: f"Tim gabungan membersihkan saluran air di {r.randint(5, 30)} titik rawan genangan di {c(r, REGIONS)} menjelang musim hujan. Warga diimbau tidak membuang sampah ke selokan.",
        lambda r: f"Pengajian akbar dan doa bersama untuk keselamatan daerah digelar di masjid agung {c(r, REGIONS)} malam ini. Terbuka untuk umum.",
    ]  # fmt: skip


def ordinary_posts(split: str, n: int, seed: int) -> list[Query]:
    """Official posts from the split's templates (odd = calibration, even = evaluation)."""
    rng = random.Random(seed)
    templates = [t for i, t in enumerate(_official_templates())
                 if (i % 2 == 1) == (split == "calibration")]  # fmt: skip
    seen: set[str] = set()
    out: list[Query] = []
    while len(out) < n:
        text = rng.choice(templates)(rng)
        if text in seen:
            continue
        seen.add(text)
        out.append(Query(f"humas-{split}-{len(out):04d}", text, None, "ordinary-official"))
    return out


def devset_official_posts(split: str) -> list[Query]:
    """Posts tagged official_humas (no labels) in the project's dev set, half per split by id."""
    if not DEVSET.exists():
        return []
    out = []
    for n, line in enumerate(DEVSET.read_text(encoding="utf-8").splitlines()):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(item, dict) or not item.get("text"):
            continue
        item_id = str(item.get("id", n))
        half = "calibration" if hashlib.sha256(item_id.encode()).digest()[0] % 2 else "evaluation"
        if half != split:
            continue
        if "official_humas" in (item.get("tags") or []) and not item.get("labels"):
            out.append(Query(f"devset-{item.get('id', n)}", item["text"], None, "ordinary-devset"))
    return out


def smsa_posts(split: str, n: int, seed: int) -> list[Query]:
    """Ordinary Indonesian texts (reviews, comments) from IndoNLU SmSA (Apache-2.0)."""
    path = SMSA / ("train.tsv" if split == "calibration" else "valid.tsv")
    if not path.exists():
        return []
    rows = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(seed)
    rng.shuffle(rows)
    return [
        Query(f"smsa-{split}-{i:04d}", t, None, "ordinary-general") for i, t in enumerate(rows[:n])
    ]


@dataclass
class Dataset:
    claims: list[tuple[str, str]]  # (claim_id, text): the knowledge base
    queries: list[Query]


SPLIT_SEEDS = {"calibration": 11, "evaluation": 29}  # every random draw of a split starts here
EXTRA_OFFICIAL = 600  # calibration only: hard negatives on hoax topics (factcheck_official.py)


def build(split: str, n_distractors: int = 5000) -> Dataset:
    """The knowledge base and the posts for one split."""
    seed = SPLIT_SEEDS[split]
    claims = [(family_claim_id(f["key"]), f["claim"]) for f in FAMILIES]
    claims += distractor_claims(n_distractors, seed)
    queries = circulating_queries(split, seed)
    queries += ordinary_posts(split, 300, seed)
    queries += smsa_posts(split, 300, seed)
    queries += devset_official_posts(split)
    if split == "calibration":
        from factcheck_official import extra_official_posts  # imports this module

        queries += extra_official_posts(EXTRA_OFFICIAL, seed)
    return Dataset(claims, queries)


def iter_kinds(queries: list[Query]) -> Iterator[str]:
    return iter(sorted({q.kind for q in queries}))


# ------------------------------------------------------------------------- embedding cache
CACHE_DIR = ROOT / "var" / "cache" / "factcheck-bench"


def embed_cached(texts: list[str], role: str, progress=None):
    """Embeddings (role "claim" or "post"), computed once per text, cached under var/cache."""
    import numpy as np

    from netra.factcheck.embed import get_embedder, text_sha256

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"e5-{role}.npz"
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as data:
            cache = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    keys = [text_sha256(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    if missing:
        embedder = get_embedder()
        batch = [t for _, t in missing]
        if role == "claim":
            vectors = embedder.embed_many(batch, progress=progress)
        else:
            vectors = embedder.embed_posts(batch)
        for (k, _), v in zip(missing, vectors, strict=True):
            cache[k] = v.astype(np.float16)
        np.savez(path, keys=np.array(list(cache)), vectors=np.stack(list(cache.values())))
    return np.stack([cache[k] for k in keys]).astype(np.float32)
