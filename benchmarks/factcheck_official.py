# ruff: noqa: E501  (data: hand-written templates read better unwrapped)
"""More ordinary official posts for the calibration half only: the hard negatives.

The first calibration run fitted its threshold on 15 templates of official posts; the evaluation
half's other 15 templates (price reports, announcements on a hoax's very topic) scored higher, so
2.9% of ordinary posts got a match where 1% was aimed at. The threshold is a tail quantile: it
needs many *different* ordinary posts, above all official posts on the topics hoaxes are about
(vaccines, social aid, earthquakes, elections, civil-service pay, ID cards, electricity), worded
the way Humas offices write them, including posts that warn against a hoax in general words.

Written for Netra after the evaluation half had been scored once (its figures were read, its
false matches were not); none of these templates is used by the evaluation half, which stays as
it was so its figures remain comparable.
"""

from __future__ import annotations

import random

from factcheck_data import AGENCIES, CITIES, MONTHS, REGIONS, VACCINES, Query

_c = random.Random.choice
VILLAGES = ["Sukamaju", "Mekarsari", "Karangrejo", "Tanjungsari", "Sidomulyo", "Bojong",
            "Cikahuripan", "Margahayu", "Tegalrejo", "Sumbersari"]  # fmt: skip
SCHOOLS = ["SDN 3", "SDN 12", "SMPN 1", "SMPN 4", "SMAN 2", "SMKN 1"]


def _d(r: random.Random) -> str:
    return f"{r.randint(1, 28)} {_c(r, MONTHS)} {r.choice([2024, 2025])}"


def _templates() -> list:
    c = _c
    return [
        # health
        lambda r: f"Vaksin {c(r, VACCINES)} yang diberikan di posyandu telah mendapat izin edar BPOM dan sertifikat halal. Jadwal pelayanan {c(r, REGIONS)} dapat dilihat di puskesmas terdekat.",
        lambda r: f"Dinkes {c(r, REGIONS)} mencatat {r.randint(20, 400)} kasus demam berdarah sejak awal tahun. Fogging dilakukan di {r.randint(3, 15)} kelurahan; warga tetap diminta menjalankan PSN.",
        lambda r: f"Bulan Imunisasi Anak Sekolah di {c(r, SCHOOLS)} {c(r, REGIONS)} berlangsung {_d(r)}. Orang tua yang anaknya sedang sakit dapat menjadwalkan ulang melalui guru UKS.",
        lambda r: "Peserta BPJS Kesehatan cukup menunjukkan KTP atau KIS digital saat berobat ke faskes tingkat pertama. Tidak ada biaya tambahan untuk layanan yang dijamin.",
        lambda r: f"Pemeriksaan kesehatan gratis bagi lansia digelar di balai Desa {c(r, VILLAGES)} hari {r.choice(['Sabtu', 'Minggu'])} pagi: cek tensi, gula darah, dan kolesterol.",
        lambda r: f"RSUD {c(r, REGIONS).split(' ', 1)[1]} membuka layanan cuci darah tambahan mulai {_d(r)}. Pasien rujukan dapat mendaftar melalui aplikasi antrean online.",
        lambda r: f"Hari ini {r.randint(40, 300)} tenaga kesehatan {c(r, REGIONS)} mengikuti pelatihan penanganan kegawatdaruratan ibu dan bayi baru lahir.",
        lambda r: "Obat yang beredar di apotek resmi telah melalui pengawasan BPOM. Cek nomor izin edar di aplikasi BPOM Mobile sebelum membeli obat secara daring.",
        # social aid
        lambda r: f"Pencairan PKH tahap {r.randint(1, 4)} untuk {r.randint(1000, 9000)} keluarga di {c(r, REGIONS)} dilakukan melalui bank Himbara. Cek status penerima di laman resmi Kemensos dengan NIK.",
        lambda r: f"Bantuan sosial tidak pernah dipungut biaya dan tidak disalurkan melalui tautan di WhatsApp. Pengaduan penyaluran bansos {c(r, REGIONS)} dapat disampaikan ke Dinas Sosial.",
        lambda r: f"Musyawarah desa {c(r, VILLAGES)} memutakhirkan data keluarga miskin untuk DTKS. Warga yang merasa layak namun belum terdata dapat mengusulkan diri melalui operator desa.",
        lambda r: f"Penyaluran Program Indonesia Pintar untuk siswa {c(r, SCHOOLS)} {c(r, REGIONS)} dapat dicairkan di bank penyalur dengan membawa kartu pelajar dan surat keterangan sekolah.",
        lambda r: f"Subsidi pupuk untuk petani terdaftar di {c(r, REGIONS)} tersedia di kios resmi. Petani cukup membawa KTP; harga sesuai HET pemerintah.",
        # disasters, weather
        lambda r: f"Simulasi evakuasi tsunami digelar di pesisir {c(r, CITIES)} pada {_d(r)}. Sirene akan dibunyikan pukul 10.00 WIB; warga tidak perlu panik.",
        lambda r: f"BMKG memprakirakan hujan lebat disertai angin kencang di {c(r, CITIES)} hingga {r.randint(2, 4)} hari ke depan. Hindari berteduh di bawah pohon dan papan reklame.",
        lambda r: f"Gempa bermagnitudo {r.randint(40, 62) / 10:.1f} yang terjadi tadi malam dirasakan di {c(r, CITIES)}. Hingga pagi ini belum ada laporan kerusakan. BPBD terus memantau.",
        lambda r: "Informasi gempa dan peringatan dini tsunami hanya dikeluarkan BMKG. Gempa belum dapat diprediksi waktu dan tempatnya; abaikan pesan berantai yang menyebut tanggal gempa.",
        lambda r: f"Posko pengungsian banjir di {c(r, REGIONS)} menampung {r.randint(50, 800)} warga. Bantuan logistik disalurkan melalui posko induk agar tepat sasaran.",
        # elections
        lambda r: f"Petugas pantarlih {c(r, REGIONS)} mulai mencocokkan dan meneliti data pemilih dari rumah ke rumah pada {_d(r)}. Mohon siapkan KTP elektronik dan kartu keluarga.",
        lambda r: f"Bawaslu {c(r, REGIONS)} mengingatkan ASN untuk menjaga netralitas selama tahapan pemilu. Laporan pelanggaran dapat disampaikan ke posko pengaduan.",
        lambda r: f"KPU {c(r, REGIONS)} menetapkan daftar pemilih tetap sebanyak {r.randint(100, 990)} ribu pemilih. Rekapitulasi dilakukan terbuka dan disaksikan peserta pemilu.",
        lambda r: "Surat suara yang rusak atau salah coblos dapat ditukar satu kali di TPS. Tanyakan kepada petugas KPPS sebelum memasukkan surat suara ke kotak.",
        # civil service
        lambda r: f"THR dan gaji ketiga belas ASN {c(r, REGIONS)} dibayarkan sesuai jadwal dari Kementerian Keuangan. Tidak ada pemotongan di luar ketentuan.",
        lambda r: f"Pendaftaran seleksi CPNS dan PPPK hanya melalui portal resmi SSCASN. Kelulusan tidak dapat dibantu dengan membayar; laporkan calo ke BKD {c(r, REGIONS)}.",
        lambda r: f"Cuti bersama ASN tahun {r.choice([2024, 2025])} mengikuti Keputusan Presiden. Pelayanan publik yang bersifat darurat tetap buka dengan jadwal piket.",
        lambda r: f"Sebanyak {r.randint(30, 400)} PPPK {c(r, REGIONS)} menerima surat keputusan pengangkatan hari ini. Selamat bertugas melayani masyarakat.",
        # population admin
        lambda r: f"Disdukcapil {c(r, REGIONS)} membuka layanan aktivasi Identitas Kependudukan Digital di {c(r, ['mal pelayanan publik', 'kantor kecamatan', 'car free day', 'kampus'])}. Bawa KTP-el dan ponsel pintar.",
        lambda r: f"Blangko KTP elektronik di {c(r, REGIONS)} tersedia cukup. Pencetakan selesai di hari yang sama bagi pemohon yang datanya sudah terekam.",
        lambda r: "Data kependudukan Anda rahasia. Petugas Dukcapil tidak pernah meminta foto KTP atau kode OTP melalui telepon maupun pesan singkat.",
        # utilities, transport
        lambda r: f"PLN UP3 {c(r, CITIES)} melakukan pemeliharaan jaringan pada {_d(r)} pukul 09.00–15.00. Listrik di sebagian wilayah padam sementara. Mohon maaf atas ketidaknyamanannya.",
        lambda r: f"Distribusi air PDAM ke wilayah {c(r, REGIONS)} terganggu karena perbaikan pipa. Mobil tangki air bersih disiagakan di {r.randint(3, 12)} titik.",
        lambda r: f"Selama arus mudik, jalur {c(r, ['Pantura', 'selatan', 'tol Trans Jawa', 'lintas Sumatra'])} diberlakukan rekayasa lalu lintas. Pantau informasi resmi kepolisian sebelum berangkat.",
        lambda r: "Tilang elektronik hanya dikirim ke alamat pemilik kendaraan dan dapat dicek di laman resmi kepolisian. Jangan membuka berkas APK yang mengaku surat tilang.",
        lambda r: f"Harga BBM bersubsidi tidak berubah bulan ini. Informasi resmi harga BBM hanya disampaikan pemerintah dan {c(r, ['Pertamina', 'Kementerian ESDM'])}.",
        # economy, prices
        lambda r: f"Operasi pasar beras SPHP di {c(r, REGIONS)} menjual beras medium Rp{r.randint(10, 13)}.{r.choice(['000', '500'])} per kilogram. Pembelian maksimal dua karung per orang.",
        lambda r: f"Inflasi {c(r, REGIONS)} bulan {c(r, MONTHS)} tercatat {r.randint(1, 35) / 10:.1f} persen (BPS). Stok bahan pokok menjelang hari raya dipastikan aman.",
        lambda r: f"Waspada investasi bodong yang menjanjikan keuntungan tetap setiap bulan. Cek legalitas di OJK sebelum menyetor dana; laporkan ke {c(r, AGENCIES)}.",
        # religion, community, environment, digital literacy
        lambda r: f"Sidang isbat penetapan awal {c(r, ['Ramadan', 'Syawal', 'Zulhijah'])} digelar Kementerian Agama dan disiarkan langsung. Masyarakat diimbau menunggu pengumuman resmi.",
        lambda r: f"Penyaluran zakat melalui Baznas {c(r, REGIONS)} menjangkau {r.randint(200, 3000)} mustahik tahun ini. Laporan keuangan dapat diunduh di laman resmi.",
        lambda r: f"Gerakan tanam {r.randint(500, 9000)} pohon di daerah aliran sungai {c(r, REGIONS)} melibatkan pelajar, ASN, dan komunitas pecinta alam.",
        lambda r: "Sebelum membagikan informasi, cek dulu kebenarannya di kanal resmi dan situs cek fakta. Saring sebelum sharing!",
        lambda r: f"Diskominfo {c(r, REGIONS)} mengadakan kelas literasi digital untuk {r.randint(40, 300)} pelajar tentang cara mengenali hoaks dan menjaga data pribadi.",
        lambda r: f"Klarifikasi: beredar pesan berantai yang mengatasnamakan Pemkab {c(r, REGIONS).split(' ', 1)[1]}. Informasi resmi hanya disampaikan melalui akun terverifikasi dan situs pemerintah daerah.",
        lambda r: f"Pemadaman bergilir tidak ada di {c(r, CITIES)}. Gangguan listrik kemarin sore disebabkan pohon tumbang dan sudah dipulihkan dalam dua jam.",
    ]  # fmt: skip


def extra_official_posts(n: int, seed: int) -> list[Query]:
    """`n` distinct posts from the calibration-only templates, evenly over the templates."""
    rng = random.Random(seed)
    templates = _templates()
    seen: set[str] = set()
    out: list[Query] = []
    for i in range(n * 20):
        if len(out) >= n:
            break
        text = templates[i % len(templates)](rng)
        if text in seen:
            continue
        seen.add(text)
        out.append(Query(f"humas-extra-{len(out):04d}", text, None, "ordinary-official"))
    return out
