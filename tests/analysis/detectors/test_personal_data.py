"""The personal_data detector on realistic posts: what it must find, what it must leave alone,
evasions, spans and redaction."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.analysis.pii import PiiAnalyzer, PiiConfig
from netra.analysis.pii.regions import PROVINCES


def pd(engine, text, context=None):
    """Personal-data findings of a post, as (entity, text) pairs."""
    report = engine.analyze(text, context)
    return [(f.entity, f.text) for f in report.findings if f.category == "personal_data"]


# -- what must be found ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Tolong cek bansos a.n. Siti NIK 3174054708850003 blm cair2", "nik", "3174054708850003"),
        ("nik gw 3201 0112 0389 0005 kok ga kedaftar dtks", "nik", "3201 0112 0389 0005"),
        ("KTP: 35.78.02.150390.0012 tlg diproses", "nik", "35.78.02.150390.0012"),
        ("No. KK 3174051203150002 a.n. Pak Rahmat", "kk", "3174051203150002"),
        ("kartu keluarga: 3201-01-120318-0007 udh dikirim", "kk", "3201-01-120318-0007"),
        ("NPWP baru aku 3174054708850003 sdh dipadankan", "npwp", "3174054708850003"),
        ("NPWP saya 09.254.294.3-407.000 namanya beda", "npwp", "09.254.294.3-407.000"),
        ("npwp 016090524017000 a.n. Budi non efektif", "npwp", "016090524017000"),
        ("Purna tugas Drs. Hendra, NIP 19620315 198503 1 004", "nip", "19620315 198503 1 004"),
        ("nip aku 199001122019032008 ga muncul di siasn", "nip", "199001122019032008"),
        ("yg nemu dompet hub 0812-3456-7890 ya", "phone", "0812-3456-7890"),
        ("nomer penagih pinjol +62 857 1234 5678 spam aja", "phone", "+62 857 1234 5678"),
        ("japri Mbak Rina WA 62813.1122.3344", "phone", "62813.1122.3344"),
        ("cp: 085612345678 (Andi)", "phone", "085612345678"),
        ("chat aja wa.me/6281234567890 kak", "phone", "6281234567890"),
        ("Hub (0812) 3456 7890 sore ya", "phone", "(0812) 3456 7890"),
        ("tlp rumah Pak Hadi (021) 734 5678, bilang dr kantor", "phone", "(021) 734 5678"),
        ("kirim ke budi.santoso88@gmail.com ntar aku terusin", "email", "budi.santoso88@gmail.com"),
        ("email penipu: rina_cantik99 [at] yahoo [dot] co [dot] id", "email",
         "rina_cantik99 [at] yahoo [dot] co [dot] id"),
        ("tf ke BRI 0123-01-012345-50-9 a.n. Sumiati", "bank_account", "0123-01-012345-50-9"),
        ("rek bca 1234567890 an. Joko, konfirmasi japri", "bank_account", "1234567890"),
        ("Paspor a.n. Ahmad nomor X1234567 tertinggal", "passport", "X1234567"),
        ("Mobil B 1234 XYZ parkir sembarangan", "license_plate", "B 1234 XYZ"),
        ("motor plat ad 4567 kl nabrak lari", "license_plate", "ad 4567 kl"),
        ("rumahnya di Jl. Melati No. 12 RT 03/RW 05 Kel. Sukamaju, samperin", "address",
         "Jl. Melati No. 12 RT 03/RW 05 Kel. Sukamaju"),
        ("Alamat: Perum Griya Asri Blok C2 No. 7, Kec. Cibinong. Bisa COD", "address",
         "Perum Griya Asri Blok C2 No. 7, Kec. Cibinong"),
        ("Dia tinggal di jln mawar no 21 rt 2 rw 4 deket masjid", "address",
         "jln mawar no 21 rt 2 rw 4"),
        ("Pak Darto, Jl. Kenanga Gg. Mawar No. 5, udah 3 bulan ga bayar arisan", "address",
         "Jl. Kenanga Gg. Mawar No. 5"),
        ("Kasian Pak Budi tetangga sebelah positif HIV, istrinya blm tau", "health", "positif HIV"),
        ("anak Bu Sri (RT 02) kena TBC, jgn main ke sana dulu", "health", "kena TBC"),
        ("Pasien atas nama Andi Wijaya dirawat karena DBD", "health", "dirawat karena DBD"),
        ("td liat @rina_putri ke poli kandungan, ternyata hamil", "health", "hamil"),
        ("Bu Rina hamil 3 bulan, selamat ya", "health", "hamil"),
        ("pak budi divonis kanker paru, mohon doanya", "health", "divonis kanker paru"),
    ],
)  # fmt: skip
def test_finds_personal_data(engine, text, entity, value):
    assert (entity, value) in pd(engine, text)


def test_severity_and_verdict_follow_the_entity(engine):
    high = engine.analyze("NIK 3174054708850003")
    medium = engine.analyze("hub 0812-3456-7890 ya")
    low = engine.analyze("Mobil B 1234 XYZ parkir sembarangan")
    assert (high.findings[0].severity, high.verdict) == ("high", "high_risk")
    assert (medium.findings[0].severity, medium.verdict) == ("medium", "review")
    assert (low.findings[0].severity, low.verdict) == ("low", "safe")


def test_finding_cites_pdp_and_adminduk_and_explains(engine):
    nik = engine.analyze("NIK saya 3174054708850003").findings[0].to_dict()
    phone = engine.analyze("hub 0812-3456-7890 ya").findings[0].to_dict()
    assert nik["rules"] == ["uu-pdp-2022", "uu-adminduk-p79"]
    assert phone["rules"] == ["uu-pdp-2022"]
    assert "NIK" in nik["message"] and "27/2022" in nik["message"]
    assert "Dikenali dari" in nik["message"]
    assert "3174054708850003" not in nik["message"]  # the message never repeats the value
    assert nik["suggestion"] and nik["detector"] == "personal_data"


def test_several_entities_in_one_post(engine):
    text = (
        "Data lengkap: Maya, NIK 2125150401850223, HP 089892493194, email maya.s@gmail.com, "
        "alamat Jl. Veteran Gg. Mawar No. 122A RT 7 RW 10 Kec. Medan Baru"
    )
    found = dict(pd(engine, text))
    assert found == {
        "nik": "2125150401850223",
        "phone": "089892493194",
        "email": "maya.s@gmail.com",
        "address": "Jl. Veteran Gg. Mawar No. 122A RT 7 RW 10 Kec. Medan Baru",
    }


# -- what must be left alone ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # letter and regulation numbers
        "Surat Edaran Nomor 470/1234/Dukcapil/2024 tentang pemutakhiran data penduduk",
        "Sesuai PP 94/2021 dan Perbup Nomor 12 Tahun 2024 pasal 5 huruf n",
        "Nomor: 800.1.11.1/3174054708/BKPSDM/2024 perihal kenaikan pangkat",
        "Berdasarkan Perbup Nomor 0812/2024 pasal 3, pendaftaran dibuka 08.00-16.00 WIB",
        # money, statistics, dates
        "Total anggaran Rp 3.174.054.708.850 sudah terserap 87% per Oktober",
        "BRI salurkan KUR Rp 150.000.000.000 untuk 12.345 UMKM sepanjang 2024",
        "Pembayaran PBB bisa lewat Bank Jateng mulai 12.03.2024 08.00 WIB",
        "Transfer ke BCA paling lambat 25082025 ya, nominal Rp 1.500.000",
        "Jumlah penduduk 1.234.567 jiwa, DPT 987.654 pemilih di 2.345 TPS",
        # call centres and official contacts
        "Darurat? Hubungi 112 (gratis, 24 jam). Ambulans 119, pemadam 113, polisi 110.",
        "Call Center BPJS Kesehatan 165 dan Halo Kemnaker 1500 630, pajak 1500 200, 14045",
        "Layanan pengaduan Dinas Kependudukan via WhatsApp resmi 0811-1234-5678 (jam kerja)",
        "Hotline COVID-19 Pemkot: 0813-9999-1111",
        "Informasi lebih lanjut hubungi Sekretariat Dinas Kominfo telp (0274) 512345",
        "Pengaduan dapat dikirim ke humas@jakarta.go.id atau ppid@kemenkeu.go.id",
        "Surel resmi Puskesmas: puskesmas.sukamaju@gmail.com, desa: info@sukamaju.desa.id",
        # office and public addresses, places
        "Kantor Dinas Kesehatan Kab. Sleman, Jl. Magelang KM 10 No. 5, buka Senin–Jumat",
        "Vaksinasi massal bertempat di GOR Sukamaju, Jl. Pemuda No. 1 RT 01/RW 02",
        "Kunjungan Pak Bupati ke Balai Desa Sidomulyo, Jl. Diponegoro No. 86, RT 02/RW 08",
        "Macet parah di Jl. Sudirman arah Semanggi, hindari ya",
        "Kerja bakti warga RT 03/RW 05 Minggu pagi, kumpul di pos ronda",
        "Kode pos Kecamatan Cibinong 16911, kode wilayah 32.01.01",
        "jalan kaki 5 km tiap pagi bikin sehat",
        # product, parcel and queue numbers
        "Nomor kartu e-money 6032 9812 3456 7890 saldo Rp 50.000",
        "ISBN 978-602-8519-93-9, cetakan ke-2",
        "Pesanan INV/2024/03/0001 dan resi JP1234567890 sudah dikirim",
        "Antrean nomor A-012 silakan ke loket 3",
        "Nomor tiket antrean online Anda: 9999123456789012, simpan ya",
        # public health, not a person's
        "Cegah DBD dengan 3M Plus: menguras, menutup, mendaur ulang",
        "Sebanyak 12 warga positif DBD, Puskesmas lakukan fogging",
        "dr. Andi menjelaskan gejala kanker serviks pada ibu-ibu PKK",
        "Pemeriksaan ibu hamil gratis setiap Selasa di Posyandu Melati",
        "Bu Camat membuka kegiatan skrining TBC di Puskesmas Sukamaju",
        "saya lagi positif covid, izin wfh dulu ya teman2",
        # look-alikes of plates and passports
        "Berat bayi BB 12 KG dan tinggi 85 CM, sehat",
        "Pembuatan paspor kini lewat aplikasi M-Paspor, biaya Rp 350.000",
        # institutional bank account
        "Donasi ke rekening resmi BPBD BRI 0123-01-000123-30-1 a.n. BPBD Kab. Garut",
        # a form explaining the fields
        "NIK diisi 16 digit sesuai KTP, NIP 18 digit, jangan salah ketik ya",
    ],
)
def test_leaves_look_alikes_alone(engine, text):
    assert pd(engine, text) == []


def test_kk_and_nik_are_told_apart_by_the_nearest_label(engine):
    text = "NIK 3174054708850003, No KK 3174 0512 0315 0002, tolong bantu update"
    assert pd(engine, text) == [("nik", "3174054708850003"), ("kk", "3174 0512 0315 0002")]


def test_a_womans_nik_after_the_word_kk_stays_a_nik(engine):
    # day 47 = 7 + 40: impossible as a KK issue date
    assert pd(engine, "KK: 3174054708850003") == [("nik", "3174054708850003")]


def test_landline_only_when_tied_to_a_person(engine):
    assert pd(engine, "Info pendaftaran: (021) 734 5678") == []
    assert pd(engine, "telp rumah Bu Sri (021) 734 5678") == [("phone", "(021) 734 5678")]


def test_a_person_named_inside_a_hotline_framing_is_still_personal(engine):
    text = "Layanan pengaduan: hubungi Pak Joko 0812-3456-7890"
    assert pd(engine, text) == [("phone", "0812-3456-7890")]


# -- evasion and exact spans ----------------------------------------------------------------------
def test_zero_width_characters_inside_a_nik(engine):
    text = "NIK saya 3174\u200b0547\u200b0885\u20600003 ya"
    report = engine.analyze(text)
    [f] = [f for f in report.findings if f.category == "personal_data"]
    assert f.entity == "nik"
    assert (f.start, f.end) == (9, 28)
    assert text[f.start : f.end] == f.text == "3174\u200b0547\u200b0885\u20600003"
    assert report.redacted_text == "NIK saya 3174********0003 ya"


def test_fullwidth_digits(engine):
    text = "nik: ３１７４０５４７０８８５０００３ tolong dicek"
    [(entity, value)] = pd(engine, text)
    assert entity == "nik" and value == "３１７４０５４７０８８５０００３"


def test_spaced_out_digits(engine):
    text = "no hp 0 8 1 2 3 4 5 6 7 8 9 0 wa aja"
    assert pd(engine, text) == [("phone", "0 8 1 2 3 4 5 6 7 8 9 0")]


def test_invisible_character_between_number_and_text_is_not_in_the_span(engine):
    text = "hub \u200b081234567890\u200b ya"
    [f] = engine.analyze(text).findings
    assert f.text == "081234567890"


# -- redaction ------------------------------------------------------------------------------------
def test_redacted_text_masks_each_kind(engine):
    text = (
        "Pak Budi positif HIV, NIK 3174054708850003, hp 0812-3456-7890, "
        "email budi.s@gmail.com, rumahnya di Jl. Melati No. 12 RT 03/RW 05"
    )
    redacted = engine.analyze(text).redacted_text
    assert redacted == (
        "Pak Budi [data kesehatan disamarkan], NIK 3174********0003, hp 0812-****-7890, "
        "email b***@gmail.com, rumahnya di [alamat disamarkan]"
    )


# -- data, not code -------------------------------------------------------------------------------
def test_settings_are_read_from_data():
    shipped = PiiConfig.shipped()
    assert shipped.terms["bank"] and shipped.terms["condition"]
    relaxed = PiiConfig(**{**shipped.__dict__, "landline_needs_personal_context": False})
    text = "Info pendaftaran: (021) 734 5678"
    assert PiiAnalyzer(shipped).analyze(text) == []
    assert [m.entity for m in PiiAnalyzer(relaxed).analyze(text)] == ["phone"]


def test_an_agency_word_list_extends_the_context():
    base = PiiConfig.shipped()
    text = "no anggota koperasi 1234567890"
    assert PiiAnalyzer(base).analyze(text) == []
    terms = {**base.terms, "bank_strong": [*base.terms["bank_strong"], "no anggota"]}
    extended = PiiConfig(**{**base.__dict__, "terms": terms})
    assert [m.entity for m in PiiAnalyzer(extended).analyze(text)] == ["bank_account"]


# -- properties -----------------------------------------------------------------------------------
_ANALYZER = PiiAnalyzer()


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_never_crashes_and_spans_are_inside(text):
    results = _ANALYZER.analyze(text)
    last_end = 0
    for r in results:
        assert 0 <= r.start < r.end <= len(text)
        assert r.start >= last_end  # sorted, never overlapping
        last_end = r.end


_digits_text = st.text(alphabet="0123456789 .-+()/@abcKTPNIKrekBRI\u200b", max_size=120)


@given(_digits_text)
@settings(max_examples=300)
def test_number_heavy_text_never_crashes(text):
    for r in _ANALYZER.analyze(text):
        assert 0 <= r.start < r.end <= len(text)


@st.composite
def written_niks(draw):
    """A valid NIK written the way people write it, inside a sentence."""
    province = draw(st.sampled_from(sorted(PROVINCES)))
    regency = draw(st.integers(1, 30))
    district = draw(st.integers(1, 40))
    day = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 40]))
    digits = (
        f"{province:02d}{regency:02d}{district:02d}{day:02d}{draw(st.integers(1, 12)):02d}"
        f"{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 9999)):04d}"
    )
    sep = draw(st.sampled_from(["", " ", "-", "."]))
    written = sep.join(digits[i : i + 4] for i in range(0, 16, 4))
    prefix = draw(st.sampled_from(["NIK ", "nik: ", "KTP ", "nik gw ", "data: "]))
    return prefix, written


@given(written_niks())
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_valid_nik_is_found_with_its_exact_span(engine, case):
    prefix, written = case
    text = f"{prefix}{written} mohon dicek"
    report = engine.analyze(text)
    found = [f for f in report.findings if f.category == "personal_data"]
    assert [(f.entity, f.start, f.end) for f in found] == [
        ("nik", len(prefix), len(prefix) + len(written))
    ]
