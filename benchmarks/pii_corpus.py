"""Seeded generator of realistic Indonesian posts with known personal-data spans.

Used by `pii_vs_presidio.py`. Each sample is a post as a civil servant or a citizen would write
it (slang, abbreviations, emoji, typos in spacing), with the exact character spans of every piece
of personal data in it, and many look-alikes that are NOT personal data: letter and regulation
numbers, money, statistics, dates, call centres, official e-mails and office addresses, public
health campaigns. Identifiers are generated valid by construction (real province codes, dates,
check digits) and written in the many ways people write them, including evasions (spaces inside
numbers, fullwidth digits, zero-width characters).

    python benchmarks/pii_corpus.py --n 5 --seed 7     # print a few samples
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field

PROVINCES = [
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    21,
    31,
    32,
    33,
    34,
    35,
    36,
    51,
    52,
    53,
    61,
    62,
    63,
    64,
    65,
    71,
    72,
    73,
    74,
    75,
    76,
    81,
    82,
    91,
    94,
]
FIRST = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rina",
    "Joko",
    "Andi",
    "Sri",
    "Wahyu",
    "Nur",
    "Eko",
    "Putri",
    "Dimas",
    "Fitri",
    "Rahmat",
    "Yuli",
    "Hendra",
    "Lestari",
    "Ahmad",
    "Indah",
    "Bayu",
    "Ratna",
    "Fajar",
    "Wulan",
    "Dedi",
    "Maya",
    "Sutrisno",
    "Aminah",
    "Teguh",
    "Nia",
]
LAST = [
    "Santoso",
    "Wijaya",
    "Lestari",
    "Saputra",
    "Hidayat",
    "Kurniawan",
    "Rahayu",
    "Pratama",
    "Nugroho",
    "Siregar",
    "Harahap",
    "Simanjuntak",
    "Setiawan",
    "Susanto",
    "Fauzi",
    "Hasibuan",
    "Utami",
    "Permana",
    "Gunawan",
    "Purnomo",
]
HON = ["Pak", "Bu", "Bapak", "Ibu", "Mas", "Mbak", "Bang", "Kak", "pak", "bu", "Sdr.", "Tn."]
STREETS = [
    "Melati",
    "Mawar",
    "Kenanga",
    "Anggrek",
    "Cempaka Putih",
    "Sudirman",
    "Diponegoro",
    "Ahmad Yani",
    "Gatot Subroto",
    "Pahlawan",
    "Merdeka",
    "Raya Bogor",
    "K.H. Hasyim Asyari",
    "Veteran",
    "Flamboyan",
    "Kartini",
    "Pemuda",
    "Siliwangi",
    "Ir. H. Juanda",
    "Kebon Jeruk",
    "Cendrawasih",
    "Nusa Indah",
    "Raya Kalimalang",
    "Teratai",
]
VILLAGES = [
    "Sukamaju",
    "Sukajadi",
    "Cibubur",
    "Margahayu",
    "Tegalrejo",
    "Sidomulyo",
    "Karanganyar",
    "Pondok Labu",
    "Kebonsari",
    "Sumbersari",
    "Tanjung Rejo",
    "Pasirjati",
]
DISTRICTS = [
    "Cibinong",
    "Sleman",
    "Depok",
    "Kebayoran Lama",
    "Coblong",
    "Lowokwaru",
    "Medan Baru",
    "Banjarsari",
    "Ungaran Barat",
    "Mataram",
]
CITIES = ["Kota Bogor", "Kab. Sleman", "Kota Bandung", "Kab. Bekasi", "Kota Malang", "Kota Medan"]
ESTATES = ["Griya Asri", "Bumi Indah", "Taman Sari", "Villa Mutiara", "Pesona Alam"]
MOBILE = [
    "0811",
    "0812",
    "0813",
    "0821",
    "0822",
    "0823",
    "0852",
    "0853",
    "0814",
    "0815",
    "0816",
    "0855",
    "0856",
    "0857",
    "0858",
    "0817",
    "0818",
    "0819",
    "0859",
    "0877",
    "0878",
    "0831",
    "0832",
    "0838",
    "0895",
    "0896",
    "0897",
    "0898",
    "0899",
    "0881",
    "0882",
    "0887",
]
AREA = ["021", "022", "024", "031", "0274", "0361", "0341", "061", "0711", "0411", "0251"]
MAIL = [
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.com",
    "yahoo.co.id",
    "ymail.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
]
PLATE = ["B", "D", "F", "AB", "AD", "H", "L", "N", "DK", "BK", "BM", "KT", "DD", "AG", "E", "Z"]
BANKS = ["BRI", "BCA", "Mandiri", "BNI", "BSI", "bca", "bri", "mandiri", "BTN"]
CONDITIONS = [
    "HIV",
    "TBC",
    "kanker payudara",
    "hepatitis B",
    "DBD",
    "covid",
    "stroke",
    "gagal ginjal",
    "skizofrenia",
    "depresi",
    "diabetes",
    "kusta",
    "sifilis",
]
VERBS = ["positif", "kena", "mengidap", "menderita", "didiagnosis", "terkena", "divonis"]
EMOJI = ["", "", "", " 🙏", " 😭", " 😡", " 🤣", " 👍", " 🙏🙏", " 😢"]
ZW = "\u200b"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Sample:
    id: str
    text: str
    entities: list[dict] = field(default_factory=list)  # {"entity", "start", "end"}


# -- values -------------------------------------------------------------------------------------
def _date(rng: random.Random, y0: int, y1: int) -> tuple[int, int, int]:
    month = rng.randint(1, 12)
    day = rng.randint(1, 28 if month == 2 else 30)
    return rng.randint(y0, y1), month, day


def _region(rng: random.Random) -> str:
    regency = rng.choice([rng.randint(1, 30), rng.randint(71, 78)])
    return f"{rng.choice(PROVINCES):02d}{regency:02d}{rng.randint(1, 40):02d}"


def nik_digits(rng: random.Random) -> str:
    y, m, d = _date(rng, 1950, 2006)
    if rng.random() < 0.5:
        d += 40
    return f"{_region(rng)}{d:02d}{m:02d}{y % 100:02d}{rng.randint(1, 600):04d}"


def kk_digits(rng: random.Random) -> str:
    y, m, d = _date(rng, 2005, 2024)
    return f"{_region(rng)}{d:02d}{m:02d}{y % 100:02d}{rng.randint(1, 900):04d}"


def nip_digits(rng: random.Random) -> str:
    by, bm, bd = _date(rng, 1962, 1999)
    ay = rng.randint(by + 20, min(by + 35, 2024))
    return f"{by}{bm:02d}{bd:02d}{ay}{rng.randint(1, 12):02d}{rng.choice('12')}{rng.randint(1, 40):03d}"  # noqa: E501


def _luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def npwp_digits(rng: random.Random) -> str:
    head = f"{rng.choice(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])}{rng.randint(0, 9)}"
    payload = head + f"{rng.randint(1, 999999):06d}"
    return (
        payload
        + _luhn_digit(payload)
        + f"{rng.randint(1, 999):03d}"
        + rng.choice(["000", "000", "001"])
    )


def fmt_id16(rng: random.Random, d: str) -> str:
    style = rng.random()
    if style < 0.55:
        return d
    if style < 0.75:
        return " ".join(d[i : i + 4] for i in range(0, 16, 4))
    if style < 0.85:
        return f"{d[:4]}-{d[4:6]}-{d[6:12]}-{d[12:]}"
    if style < 0.93:
        return f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}"
    return f"{d[:6]} {d[6:12]} {d[12:]}"


def evade(rng: random.Random, value: str) -> str:
    """Sometimes hide the value from naive filters, as people do."""
    r = rng.random()
    if r < 0.04:
        i = rng.randint(1, len(value) - 1)
        return value[:i] + ZW + value[i:]
    if r < 0.07:
        return value.translate(FULLWIDTH)
    return value


def nik(rng):
    return evade(rng, fmt_id16(rng, nik_digits(rng)))


def kk(rng):
    return evade(rng, fmt_id16(rng, kk_digits(rng)))


def nip(rng):
    d = nip_digits(rng)
    style = rng.random()
    if style < 0.5:
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"
    if style < 0.8:
        return d
    return f"{d[:8]}.{d[8:14]}.{d[14]}.{d[15:]}"


def npwp(rng):
    d = npwp_digits(rng)
    if rng.random() < 0.75:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    return d


def mobile_digits(rng: random.Random) -> str:
    return rng.choice(MOBILE) + "".join(
        rng.choice("0123456789") for _ in range(rng.choice([7, 8, 8, 8, 9]))
    )


def phone(rng):
    d = mobile_digits(rng)
    rest = d[1:]
    style = rng.random()
    if style < 0.35:
        out = d
    elif style < 0.55:
        out = f"{d[:4]}-{d[4:8]}-{d[8:]}"
    elif style < 0.65:
        out = f"{d[:4]} {d[4:8]} {d[8:]}"
    elif style < 0.72:
        out = f"{d[:4]}.{d[4:8]}.{d[8:]}"
    elif style < 0.82:
        out = f"+62 {rest[:3]} {rest[3:7]} {rest[7:]}"
    elif style < 0.88:
        out = f"+62{rest}"
    elif style < 0.93:
        out = f"62{rest}"
    elif style < 0.97:
        out = f"+62-{rest[:3]}-{rest[3:7]}-{rest[7:]}"
    else:
        out = f"({d[:4]}) {d[4:8]} {d[8:]}"
    return evade(rng, out)


def landline(rng):
    area = rng.choice(AREA)
    local = str(rng.randint(2, 8)) + "".join(
        rng.choice("0123456789") for _ in range(6 if len(area) == 3 else 5)
    )
    style = rng.random()
    if style < 0.5:
        return f"({area}) {local[:3]} {local[3:]}"
    if style < 0.8:
        return f"{area}-{local}"
    return f"{area} {local}"


def email(rng):
    first, last = rng.choice(FIRST).lower(), rng.choice(LAST).lower()
    local = rng.choice(
        [
            f"{first}.{last}",
            f"{first}{last}{rng.randint(1, 99)}",
            f"{first}_{last[:4]}",
            f"{first}{rng.randint(80, 2005)}",
            f"{last}.{first}{rng.randint(1, 9)}",
        ]
    )
    return f"{local}@{rng.choice(MAIL)}"


def bank_number(rng, bank: str) -> str:
    b = bank.upper()
    if b == "BRI":
        d = "".join(rng.choice("0123456789") for _ in range(15))
        return f"{d[:4]}-{d[4:6]}-{d[6:12]}-{d[12:14]}-{d[14]}" if rng.random() < 0.6 else d
    if b == "MANDIRI":
        d = "1" + "".join(rng.choice("0123456789") for _ in range(12))
        return f"{d[:3]}-{d[3:5]}-{d[5:12]}-{d[12]}" if rng.random() < 0.4 else d
    d = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(9))
    return f"{d[:3]} {d[3:6]} {d[6:]}" if rng.random() < 0.3 else d


def passport(rng):
    letter = rng.choice("ABCXE")
    digits = f"{rng.randint(0, 9999999):07d}"
    return f"{letter}{digits}" if rng.random() < 0.7 else f"{letter} {digits}"


def plate(rng):
    prefix = rng.choice(PLATE)
    suffix = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.choice([1, 2, 2, 3])))
    return f"{prefix} {rng.randint(1, 9999)} {suffix}"


def name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.6 else rng.choice(FIRST)


def hon_name(rng):
    return f"{rng.choice(HON)} {rng.choice(FIRST)}"


def address(rng):
    rt, rw = rng.randint(1, 15), rng.randint(1, 12)
    rtrw = rng.choice(
        [
            f"RT {rt:02d}/RW {rw:02d}",
            f"RT.{rt:03d}/RW.{rw:03d}",
            f"RT {rt} RW {rw}",
            f"Rt {rt:02d} Rw {rw:02d}",
            f"RT {rt:02d}/{rw:02d}",
        ]
    )
    num = f"{rng.randint(1, 150)}{rng.choice(['', '', '', 'A', 'B'])}"
    street = rng.choice(STREETS)
    kind = rng.random()
    if kind < 0.55:
        head = f"{rng.choice(['Jl.', 'Jl', 'Jln.', 'Jalan', 'jl.', 'JL.'])} {street} {rng.choice(['No.', 'No', 'no', 'Nomor'])} {num}"  # noqa: E501
    elif kind < 0.75:
        head = f"{rng.choice(['Perum', 'Perumahan', 'Komp.'])} {rng.choice(ESTATES)} Blok {rng.choice('ABCDEFG')}{rng.randint(1, 12)} No. {num}"  # noqa: E501
    elif kind < 0.9:
        head = f"Jl. {street} Gg. {rng.choice(['Mawar', 'Kelinci', 'Masjid', 'Buntu', 'Haji Ali'])} No. {num}"  # noqa: E501
    else:
        head = f"jln {street.lower()} no {num}"
    tail = []
    if rng.random() < 0.7:
        tail.append(rtrw if not head.startswith("jln") else rtrw.lower())
    if rng.random() < 0.5:
        tail.append(f"Kel. {rng.choice(VILLAGES)}")
    if rng.random() < 0.35:
        tail.append(f"Kec. {rng.choice(DISTRICTS)}")
    sep = rng.choice([", ", " "])
    return sep.join([head, *tail])


def health(rng):
    return f"{rng.choice(VERBS)} {rng.choice(CONDITIONS)}"


GEN = {
    "nik": nik,
    "kk": kk,
    "nip": nip,
    "npwp": npwp,
    "phone": phone,
    "landline": landline,
    "email": email,
    "passport": passport,
    "license_plate": plate,
    "address": address,
    "health": health,
}


# -- look-alikes that are not personal data ----------------------------------------------------
def money(rng):
    v = rng.choice(
        [
            rng.randint(10, 999) * 1000,
            rng.randint(1, 999) * 1_000_000,
            rng.randint(1, 999) * 1_000_000_000,
            rng.randint(1, 99) * 1_000_000_000_000,
        ]
    )
    s = f"{v:,}".replace(",", ".")
    return rng.choice([f"Rp {s}", f"Rp{s}", f"Rp. {s},-", f"IDR {s}", f"Rp {s},00"])


def letter_no(rng):
    y = rng.randint(2019, 2025)
    return rng.choice(
        [
            f"Nomor {rng.randint(100, 999)}/{rng.randint(1, 9999)}/BKPSDM/{y}",
            f"No. {rng.randint(400, 900)}.{rng.randint(1, 9)}/{rng.randint(1000, 9999)}/Dinkes/{y}",
            f"PP {rng.randint(1, 99)}/{y}",
            f"Perbup Nomor {rng.randint(1, 60)} Tahun {y}",
            f"SE Nomor B-{rng.randint(100, 9999)}/M.SM.01.00/{y}",
            f"Nomor: {rng.randint(800, 899)}.1.{rng.randint(1, 15)}/{rng.randint(100, 9999)}/{y}",
            f"UU Nomor {rng.randint(1, 40)} Tahun {y - rng.randint(0, 20)}",
        ]
    )


def statistic(rng):
    return rng.choice(
        [
            f"{rng.randint(1, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)} jiwa",
            f"{rng.randint(1, 99)},{rng.randint(1, 9)}%",
            f"{rng.randint(1, 99)}.{rng.randint(100, 999)} UMKM",
            f"{rng.randint(100, 9999)} KK",
            f"{rng.randint(1000, 99999)} pemilih",
            f"{rng.randint(10, 500)} TPS",
            f"{rng.randint(2, 40)} kecamatan",
        ]
    )


def date_time(rng):
    y, m, d = _date(rng, 2023, 2025)
    return rng.choice(
        [
            f"{d:02d}-{m:02d}-{y}",
            f"{d:02d}/{m:02d}/{y}",
            f"{d}.{m:02d}.{y} 08.00",
            f"pukul {rng.randint(7, 15):02d}.00–{rng.randint(16, 21)}.00 WIB",
            f"{y}-{m:02d}-{d:02d}",
            f"{d:02d}{m:02d}{y}",
        ]
    )


def callcenter(rng):
    return rng.choice(
        [
            "Call Center 112",
            "hubungi 112 (gratis)",
            "Halo Kemnaker 1500 630",
            "Call Center BPJS 165",
            "kontak PLN 123",
            "Hotline Kemenkes 119 ext 9",
            "Call Center Dukcapil 1500 537",
            "layanan 14045",
            "pengaduan via 1500-272",
            "Call center Pajak 1500 200",
            "Darurat 110",
            f"hotline {rng.choice(['Dinsos', 'BPBD', 'Dinkes', 'Pemkot'])} {phone_plain(rng)}",
            f"Layanan pengaduan WA resmi {phone_plain(rng)}",
            f"Pusat layanan informasi {rng.choice(['Samsat', 'Disdukcapil'])}: {phone_plain(rng)}",
            f"Call Center Posko Bencana {phone_plain(rng)}",
        ]
    )


def phone_plain(rng):
    d = mobile_digits(rng)
    return f"{d[:4]}-{d[4:8]}-{d[8:]}" if rng.random() < 0.5 else d


def office_address(rng):
    street, num = rng.choice(STREETS), rng.randint(1, 120)
    office = rng.choice(
        [
            "Kantor Dinas Kesehatan",
            "Gedung Sate",
            "Kantor Kecamatan Cibinong",
            "Puskesmas Sukamaju",
            "Sekretariat DPRD",
            "Balai Desa Sidomulyo",
            "Aula Kantor Bupati",
            "GOR Pemuda",
            "Mal Pelayanan Publik",
            "Kantor BKPSDM",
            "RSUD Kota",
            "SDN 3 Margahayu",
        ]
    )
    rtrw = rng.choice(["", "", f", RT 02/RW 0{rng.randint(1, 9)}"])
    return f"{office}, Jl. {street} No. {num}{rtrw}"


def official_email(rng):
    return rng.choice(
        [
            "humas@jakarta.go.id",
            "ppid@kemenkeu.go.id",
            "dinkes@bogorkab.go.id",
            "info@sukamaju.desa.id",
            "pengaduan@bkn.go.id",
            "humas.polres@polri.go.id",
            "sekretariat@ugm.ac.id",
            "dinsos.kabsleman@gmail.com",
            "puskesmas.sukamaju@gmail.com",
            "redaksi@kompas.com",
        ]
    )


def fake_long_number(rng):
    """16–18-digit numbers that are not NIK/NIP: e-money cards, order ids, tracking numbers."""
    return rng.choice(
        [
            "6032 " + " ".join(f"{rng.randint(0, 9999):04d}" for _ in range(3)),
            f"INV/{rng.randint(2023, 2025)}/{rng.randint(1, 12):02d}/{rng.randint(1, 9999):04d}",
            "".join(rng.choice("0123456789") for _ in range(18)),
            f"JP{rng.randint(10**9, 10**10 - 1)}",
            f"978-602-{rng.randint(1000, 9999)}-{rng.randint(10, 99)}-{rng.randint(0, 9)}",
            "9" + "".join(rng.choice("0123456789") for _ in range(15)),
        ]
    )


NEG = {
    "money": money,
    "letter": letter_no,
    "stat": statistic,
    "date": date_time,
    "callcenter": callcenter,
    "office": office_address,
    "offmail": official_email,
    "longnum": fake_long_number,
}


# -- templates ----------------------------------------------------------------------------------
# Slots: {nik} etc. are personal data (gold spans); {n:money} etc. are look-alikes (no span);
# {name} {hon} {bank} are plain fillers.
POSITIVE = {
    "nik": [
        "Tolong bantu cek bansos a.n. {name} NIK {nik} blm cair2 dr bulan lalu{emo}",
        "nik gw {nik} kok ga kedaftar di dtks ya min??",
        "Data pemohon: {name}, KTP {nik}, mohon diproses segera",
        "ini NIK pelaku penipuan {nik} sebarkan biar ga ada korban lagi{emo}",
        "Yth admin, NIK saya {nik} tp nama di aplikasi salah, gmn solusinya",
        "{hon} minta tolong daftarin vaksin ya, nik nya {nik}",
        "Min, nik ibu saya {nik} gabisa login pedulilindungi",
        "Dear admin, e-KTP istri saya no {nik} belum jadi2 sudah 3 bulan",
        "{nik} ini nik siapa ya kok dipake daftar pinjol atas nama saya{emo}",
    ],
    "kk": [
        "No. KK {kk} atas nama kepala keluarga {hon}, mohon dicek min",
        "kartu keluarga: {kk} udh aku kirim ke grup RT ya",
        "Mohon bantuannya, nomor KK kami {kk} belum masuk data PKH",
        "KK {kk} a.n. {name} hilang, yg nemu tolong kabari",
    ],
    "nip": [
        "Selamat purna tugas {title} {name}, NIP {nip}, terima kasih atas pengabdiannya",
        "nip aku {nip} kok ga muncul di siasn ya, ada yg sama?",
        "Pegawai a.n. {name} (NIP. {nip}) dipindahkan ke Dinas Sosial per 1 Juli",
        "Bapak/Ibu, data sy: {name} / NIP {nip} / Gol III-b, mohon koreksi SKP",
    ],
    "npwp": [
        "NPWP saya {npwp} tapi di e-Bupot kok namanya beda ya",
        "Mohon dicek npwp {npwp} a.n. {name}, status non efektif katanya",
        "buat yg nanya, npwp kantor suami: {npwp} hehe",
    ],
    "phone": [
        "Yg nemu dompet coklat a.n. {name} tolong hub {phone} ya, ada KTP penting di dlm{emo}",
        "ini nomer si penagih pinjol {phone} tolong dispam aja wkwk",
        "Info lengkap japri {hon} WA {phone}",
        "cp: {phone} ({name})",
        "Dijual motor bekas mulus, minat hub {phone} (nego)",
        "{title} {name} ini nomornya {phone}, katanya mau jual tanah",
        "Hati2 penipuan mengatasnamakan kepala dinas, nomornya {phone}, jgn ditanggapi{emo}",
        "Kalau ada apa2 telp aja ke {phone} ya bun",
        "grup arisan: {phone} (Bu Tejo) sama {phone2} (Bu Sri)",
    ],
    "landline": [
        "tlp rumah {hon} {landline}, bilang aja dari kantor",
        "Rumah kami telp {landline}, silakan hubungi kalau ada perlu",
        "nomor rumah {title} {name}: {landline}",
    ],
    "email": [
        "kirim aja berkasnya ke {email} ntar aku teruskan",
        "Kontak panitia: {name} ({email})",
        "email org yg nipu: {email} awas ya{emo}",
        "Yg mau daftar kirim CV ke {email} paling lambat Jumat",
    ],
    "bank": [
        "Yg mau bantu biaya berobat {hon} bisa tf ke {bank} {bankno} a.n. {name}{emo}",
        "rek {bank} {bankno} an. {name}, konfirmasi japri yaa",
        "Nomor rekening {bank} {bankno} atas nama {name}, tolong jgn disebar",
        "transfer ke {bank} {bankno} ya kak, nanti barang langsung dikirim",
        "no rek {bank}: {bankno} ({name})",
    ],
    "passport": [
        "Paspor a.n. {name} nomor {passport} tertinggal di bandara, mohon info",
        "no paspor jamaah: {passport} ({hon}), tolong cek visanya min",
    ],
    "license_plate": [
        "Mobil {plate} parkir sembarangan depan rumah, tolong ditegur",
        "motor plat {plate} nabrak lari di perempatan, yg liat tolong info{emo}",
        "Avanza hitam {plate} ugal2an di bypass tadi pagi",
        "Mobil pribadi {plate} dipakai parkir di bahu jalan tiap hari",
    ],
    "address": [
        "rumahnya di {address}, samperin aja kalo berani{emo}",
        "Alamat: {address}. Bisa COD",
        "{title} {name}, {address}, udah 3 bulan ga bayar arisan",
        "Dia tinggal di {address} deket masjid",
        "Tolong kirim paket ke alamat saya {address} ya kak",
        "Kediaman almarhum di {address}, dimakamkan ba'da zuhur",
    ],
    "health": [
        "Kasian {hon} tetangga sebelah {health}, keluarganya blm tau{emo}",
        "anak {hon} (RT 02) {health}, jgn main ke sana dulu ya",
        "Pasien atas nama {name} {health}, dirawat di ruang melati",
        "Innalillahi, {title} {name} {health} sejak tahun lalu, mohon doanya",
        "denger2 {hon} {health} ya? pantes jarang ngantor",
    ],
}
NEGATIVE = [
    "Sesuai {n:letter}, ASN dilarang berpolitik praktis. Sosialisasi {n:date}.",
    "Realisasi anggaran {n:money} atau {n:stat} dari target. #APBD",
    "Darurat? {n:callcenter}. Simpan nomor ini ya warga{emo}",
    "Pelayanan KTP-el dibuka di {n:office}, {n:date}.",
    "Info lebih lanjut: {n:offmail} atau {n:callcenter}",
    "Cegah DBD dengan 3M Plus! Tercatat {n:stat} terjangkit bulan ini.",
    "Sebanyak 12 warga positif DBD, Puskesmas lakukan fogging {n:date}",
    "Jumlah penduduk {n:stat}, DPT {n:stat}. Data per {n:date}.",
    "Nomor kartu e-money {n:longnum} saldo {n:money}",
    "Pesanan {n:longnum} sudah dikirim, estimasi tiba {n:date}",
    "Bantuan {n:money} disalurkan ke {n:stat} berdasarkan {n:letter}",
    "Vaksinasi massal bertempat di {n:office} mulai {n:date}",
    "Pembayaran PBB bisa lewat {bank} mulai {n:date}, denda {n:money}",
    "Donasi bencana disalurkan ke rekening resmi BAZNAS {bank} 0123-01-000123-30-1 "
    "a.n. BAZNAS Kab. Garut",
    "Syarat: fotokopi KTP, KK, NPWP. Berkas dikirim ke {n:offmail}. {n:callcenter}",
    "Kode pos Kecamatan Cibinong 16911, kode wilayah 32.01.01",
    "Macet parah di Jl. Sudirman arah Semanggi {n:date}, hindari ya",
    "Kerja bakti warga RT 03/RW 05 Minggu pagi, kumpul di pos ronda",
    "dr. {name} menjelaskan gejala kanker serviks pada ibu-ibu PKK",
    "Pemeriksaan ibu hamil gratis setiap Selasa di Posyandu Melati",
    "Sesuai PP 94 Tahun 2021 pasal 5 huruf n. BB 12 KG, TB 85 CM.",
    "NIK diisi 16 digit sesuai KTP, NIP 18 digit, jangan salah ketik ya",
    "Antrean nomor A-012, loket 3. Estimasi {n:date}",
    "ISBN {n:longnum}, cetakan ke-2, harga {n:money}",
    "Skor akhir 3-1, penonton {n:stat}. Tiket {n:money}",
    "saya lagi positif covid, izin wfh dulu ya teman2{emo}",
    "Hari AIDS Sedunia: stop stigma pada ODHA, tes HIV gratis di {n:office}",
    "Kunjungan kerja Pak Bupati ke {n:office} {n:date} bersama {n:stat}",
    "Alamat redaksi: Gedung Pers, Jl. Kebon Sirih No. 32-34, Jakarta",
    "Lomba 17-an tingkat RT 05 RW 02: balap karung, panjat pinang. Hadiah {n:money}",
]
MIXED = [
    "Data lengkap: {name}, NIK {nik}, HP {phone}, alamat {address}",
    "{title} {name} ({phone}) rumahnya di {address} katanya {health}",
    "Tolong transfer ke {bank} {bankno} a.n. {name}, bukti kirim ke WA {phone}",
    "Pendaftar: {name} / NIK {nik} / KK {kk} / email {email}",
    "Pelaku pakai mobil {plate}, nomornya {phone}, tinggal di {address}",
]
# A second set of templates, written after the detector was tuned on the first, and not used to
# tune it: the benchmark reports both (`--style holdout`), so the figures do not only measure how
# well the detector fits the phrasing it was developed on.
HOLDOUT_POSITIVE = {
    "nik": [
        "Min mau tanya, kenapa NIK {nik} tidak terdaftar sbg peserta PBI?",
        "KTP saya hilang, nomornya {nik}, apa bisa dicetak ulang tanpa surat kehilangan?",
        "Pemenang undian jalan sehat: {name} (NIK {nik}). Selamat!",
        "tlg bantu ya, ktp a.n. {name} no. {nik} dipake org buat pinjol{emo}",
        "atas nama {name} nik: {nik} belum dapet BLT padahal udh didata",
    ],
    "kk": [
        "mohon cek no kk {kk} sdh dipecah blm ya min",
        "Kartu Keluarga nomor {kk} sudah terbit, bisa diambil {title} {name} di loket 2",
    ],
    "nip": [
        "Yang bersangkutan: {name}, NIP: {nip}, pangkat Penata Muda (III/a)",
        "Daftar hadir apel: 1. {name} {nip} 2. dst",
    ],
    "npwp": [
        "Faktur atas nama {name}, NPWP {npwp}, tolong dibetulkan alamatnya",
    ],
    "phone": [
        "Barang ketinggalan di angkot jurusan Kampung Rambutan, yg nemu tolong WA ke {phone}{emo}",
        "Yg mau ikut jalan sehat daftar ke {title} {name} {phone}",
        "Nomor hp anak saya {phone} sudah 2 hari tidak aktif, mohon bantuan{emo}",
        "Nmr tukang servis AC langganan: {phone}, orangnya jujur",
        "kontak person: {name} {phone}",
    ],
    "landline": [
        "Kalau HP mati hubungi telp rumah {title} {name} {landline}",
    ],
    "email": [
        "Bisa kirim ke email pribadi sy {email}",
        "Akun {email} saya dibajak, jangan percaya pesan dari akun itu{emo}",
    ],
    "bank": [
        "Infaq bisa melalui rek {bank} {bankno} a/n {name}",
        "Sy sdh transfer ke rekening {bank} no {bankno} tp blm dikonfirmasi{emo}",
    ],
    "passport": [
        "Passport number {passport} atas nama {name} hilang di Jeddah, tolong dibantu",
    ],
    "license_plate": [
        "Truk {plate} nyerempet motor saya lalu kabur{emo}",
        "Tolong yg kenal pemilik mobil {plate}, lampunya nyala dari tadi",
    ],
    "address": [
        "Kos-kosan saya di {address}, masih ada kamar kosong",
        "Alamat rumah: {address}",
        "Kirim undangan ke kediaman kami, {address}",
        "{title} {name} yang tinggal di {address} hilang sejak kemarin",
    ],
    "health": [
        "Doakan {title} {name} yang sedang {health}{emo}",
        "Kabarnya {title} {name} {health} dan dirawat di RS",
        "Istri {title} {name} {health}, mohon doanya bapak ibu",
    ],
}
HOLDOUT_NEGATIVE = [
    "Pelayanan Dukcapil pada {n:date} tetap buka. Info: {n:callcenter}",
    "Pemkab menyalurkan {n:money} kepada {n:stat} penerima. Dasar: {n:letter}.",
    "Posko pengaduan THR: {n:callcenter}",
    "Kirim laporan kegiatan ke {n:offmail} paling lambat {n:date}",
    "Hasil tes 32 pegawai negatif semua, 1 orang positif covid dan sedang isoman",
    "Peringatan Hari Kanker Sedunia: deteksi dini kanker payudara dengan SADARI",
    "Bu Camat membuka kegiatan skrining TBC di Puskesmas Sukamaju",
    "Jadwal SIM keliling: {n:office}, {n:date}",
    "Tarif parkir naik jadi Rp 5.000 untuk mobil, Rp 2.000 untuk motor",
    "Rekapitulasi suara TPS 012: paslon 01 = 120, 02 = 230, 03 = 98",
    "Nomor pengaduan ASN tidak netral (Bawaslu): 0811-1234-5678",
    "Antrean nomor B-027 silakan ke loket 2",
    "Sesuai SK Bupati Nomor 188.45/123/2024, pelantikan pada {n:date}",
    "Plat nomor kendaraan dinas akan diganti warna merah sesuai aturan baru",
    "Pembangunan jalan di Kec. Cibinong sepanjang 12 km selesai {n:date}",
    "{n:longnum} adalah nomor resi paket Anda, cek di aplikasi",
    "Rapat koordinasi di {n:office} pukul 09.00, peserta {n:stat}",
    "Wabup meninjau warga terdampak banjir di RT 04 RW 02 Kel. Sukamaju",
]


FILLERS = {"name": name, "hon": hon_name, "title": lambda rng: rng.choice(HON)}


def _render(rng: random.Random, template: str) -> Sample:
    text_parts: list[str] = []
    entities: list[dict] = []
    pos = 0
    for m in re.finditer(r"\{([a-z0-9_:]+)\}", template):
        lit = template[pos : m.start()]
        text_parts.append(lit)
        pos = m.end()
        slot = m.group(1)
        offset = sum(len(p) for p in text_parts)
        value, entity = _slot(rng, slot)
        text_parts.append(value)
        if entity:
            entities.append({"entity": entity, "start": offset, "end": offset + len(value)})
    text_parts.append(template[pos:])
    return Sample("", "".join(text_parts), entities)


_bank_of_post: list[str] = []


def _slot(rng: random.Random, slot: str) -> tuple[str, str | None]:
    if slot.startswith("n:"):
        return NEG[slot[2:]](rng), None
    if slot == "emo":
        return rng.choice(EMOJI), None
    if slot in FILLERS:
        return FILLERS[slot](rng), None
    if slot == "bank":
        bank = rng.choice(BANKS)
        _bank_of_post[:] = [bank]
        return bank, None
    if slot == "bankno":
        bank = _bank_of_post[0] if _bank_of_post else "BCA"
        return bank_number(rng, bank), "bank_account"
    if slot == "phone2":
        return phone(rng), "phone"
    if slot == "landline":
        return landline(rng), "phone"
    if slot == "plate":
        return plate(rng), "license_plate"
    return GEN[slot](rng), slot


def generate(n: int, seed: int, positive_share: float = 0.6, style: str = "dev") -> list[Sample]:
    """`n` posts; about `positive_share` of them contain personal data. `style` is `dev` (the
    templates the detector was developed on) or `holdout` (templates never used to tune it)."""
    rng = random.Random(seed)
    positive, negative = (
        (HOLDOUT_POSITIVE, HOLDOUT_NEGATIVE) if style == "holdout" else (POSITIVE, NEGATIVE)
    )
    entity_keys = list(positive)
    samples: list[Sample] = []
    for i in range(n):
        r = rng.random()
        if r < positive_share * 0.85:
            template = rng.choice(positive[rng.choice(entity_keys)])
        elif r < positive_share:
            template = rng.choice(MIXED)
        else:
            template = rng.choice(negative)
        if rng.random() < 0.2 and r < positive_share:  # a look-alike in the same post
            joint = rng.choices(["\n", ". ", " "], weights=[6, 3, 1])[0]
            template += joint + rng.choice(negative)
        sample = _render(rng, template)
        sample.id = f"{style}{seed}-{i}"
        samples.append(sample)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--style", choices=["dev", "holdout"], default="dev")
    args = parser.parse_args()
    for s in generate(args.n, args.seed, style=args.style):
        print(
            json.dumps(
                {
                    "id": s.id,
                    "text": s.text,
                    "entities": [{**e, "value": s.text[e["start"] : e["end"]]} for e in s.entities],
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
