"""A demo oversight archive (`/pengawasan`): thirty posts of two ASN accounts of the demo unit.

The posts are written as the generic CSV archive (author, account, time, text, url, id), made
here in code, then imported by `netra.oversight.store.import_archive` and scanned by
`netra.oversight.scan.run_job` with the local backend (one worker process: thirty posts do not
need more), exactly as an uploaded archive is. One flagged post is confirmed into a case file
and the rest stay in the review queue, so the queue, a case file and the report all have
content.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Engine

from netra.oversight import cases
from netra.oversight.scan import create_job, run_job
from netra.oversight.store import import_archive

ARCHIVE_NAME = "arsip-demo-diskominfo.csv"
WIB = timezone(timedelta(hours=7))
ACCOUNTS = {
    "siti": ("Siti Rahma", "@sitirahma.asn"),
    "dimas": ("Dimas Prakoso", "@dimas_prakoso88"),
}

# One post per entry: account key, posting time (WIB), text (continued on indented lines). The
# violating posts sit among ordinary ones, as they do.
_POSTS = """
siti 2023-11-02T07:15 Selamat pagi! Apel pagi bersama rekan-rekan Diskominfo. Semangat melayani
    💪
siti 2023-11-10T09:30 Selamat Hari Pahlawan. Jasamu abadi, perjuanganmu kami lanjutkan.
dimas 2023-11-14T19:45 Akhirnya kelar juga nonton final, timnas main bagus banget malam ini ⚽
siti 2023-11-21T12:05 Makan siang di warung soto dekat kantor, enak dan murah. Rekomendasi!
dimas 2023-11-28T08:10 Pelatihan literasi digital untuk perangkat desa hari ini di aula
    kecamatan. Terima kasih peserta yang antusias.
siti 2023-12-03T16:20 Hujan deras sore ini, hati-hati di jalan ya teman-teman.
dimas 2023-12-09T10:00 Info dr grup sebelah, katanya gaji PNS bakal naik 20% mulai bulan depan,
    sebarkan sblm dihapus!!
siti 2023-12-15T20:30 Mohon doanya untuk ibu saya yang sedang dirawat di RSUD, semoga lekas
    sembuh 🤲
dimas 2023-12-20T13:40 Rapat koordinasi persiapan Nataru bersama Dishub dan Satpol PP berjalan
    lancar.
siti 2023-12-31T23:55 Selamat tahun baru 2024! Semoga tahun ini penuh berkah untuk kita semua.
dimas 2024-01-06T09:15 Jogging pagi keliling alun-alun, udaranya segar banget.
siti 2024-01-10T19:00 Ayo coblos paslon nomor 2 tanggal 14 Februari, pemimpin yang peduli ASN!
    #2024GantiPemimpin
dimas 2024-01-15T11:20 Tips aman berinternet: jangan bagikan kode OTP kepada siapa pun, termasuk
    yang mengaku petugas bank.
siti 2024-01-19T08:45 Ikut kegiatan donor darah di kantor hari ini. Satu kantong darah, sejuta
    harapan ❤️
dimas 2024-01-24T21:10 Dasar goblok, kerja gak becus semua orang di dinas sebelah, bikin malu
    aja
siti 2024-01-28T15:30 Tolong bantu share, tetangga saya Bapak Rudi NIK 3273015708850002 butuh
    donor darah golongan O di RSUD.
dimas 2024-02-02T10:05 Sosialisasi Pemilu damai di kelurahan bersama KPU dan Bawaslu. Gunakan
    hak pilih Anda dengan bijak.
siti 2024-02-05T18:25 Hadir di kampanye akbar paslon 02 di lapangan kota, rame banget! Kita
    menangkan di putaran pertama 🔥
dimas 2024-02-08T07:50 Cuti bersama Imlek, waktunya kumpul keluarga. Gong Xi Fa Cai bagi yang
    merayakan.
siti 2024-02-14T13:00 Sudah mencoblos di TPS 12. Jangan lupa gunakan hak pilih Anda, pemilu
    damai!
dimas 2024-02-16T22:40 Mau gacor? Main slot di situs ini, deposit 10rb bisa maxwin, link di bio
siti 2024-02-20T09:10 Kunjungan kerja ke Puskesmas Sukamaju untuk peninjauan layanan aduan
    warga.
dimas 2024-02-25T17:35 Weekend beres-beres rumah sama anak-anak. Capek tapi seneng.
siti 2024-03-01T10:30 Alhamdulillah, layanan pengaduan online kini bisa diakses 24 jam melalui
    situs resmi pemkot.
dimas 2024-03-05T14:15 Bocoran nilai seleksi PPPK sebelum pengumuman resmi, lihat lampiran
    dokumen RAHASIA ini ya
siti 2024-03-11T19:50 Marhaban ya Ramadan. Mohon maaf lahir dan batin.
dimas 2024-03-15T16:00 Ngabuburit di taman kota, WiFi publiknya kenceng juga ternyata.
siti 2024-03-20T08:20 Rapat evaluasi program Smart City triwulan I bersama Bappeda.
dimas 2024-03-26T20:45 Vaksin itu isinya microchip buat ngelacak kita, jangan mau disuntik!!
siti 2024-03-29T11:00 Selamat memperingati Wafat Isa Almasih bagi umat Kristiani.
"""


def _parse(table: str) -> tuple[tuple[str, str, str], ...]:
    entries: list[list[str]] = []
    for line in table.strip("\n").splitlines():
        if line.startswith(" "):
            entries[-1][2] += " " + line.strip()
        else:
            key, posted_at, text = line.split(" ", 2)
            entries.append([key, posted_at, text])
    return tuple((k, t, x) for k, t, x in entries)


POSTS = _parse(_POSTS)


CASE_POST = "Hadir di kampanye akbar"  # the post the demo confirms into a case file


@dataclass
class OversightDemo:
    import_id: int
    job_id: int
    added: int
    case_id: int | None = None


def _utc(local: str) -> str:
    """A WIB wall time as UTC ISO text ("Z"), the way platform exports write times."""
    moment = datetime.fromisoformat(local).replace(tzinfo=WIB).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def archive_csv() -> str:
    """The demo archive in the generic CSV layout the oversight importer reads."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "author", "account", "time", "text", "url"])
    writer.writeheader()
    for number, (key, posted_at, text) in enumerate(POSTS, 1):
        author, account = ACCOUNTS[key]
        writer.writerow(
            {
                "id": f"demo-{number:03d}",
                "author": author,
                "account": account,
                "time": _utc(posted_at),
                "text": text,
                "url": f"https://x.com/{account.lstrip('@')}/status/{1_700_000_000 + number}",
            }
        )
    return out.getvalue()


def create_oversight_demo(db: Engine, *, unit_id: int, officer: cases.Officer) -> OversightDemo:
    """Import and scan the demo archive for the officer's unit and confirm the campaign post
    into a case file, leaving the other flagged posts in the review queue."""
    with tempfile.TemporaryDirectory(prefix="netra-demo-") as tmp:
        path = Path(tmp) / ARCHIVE_NAME
        path.write_text(archive_csv(), encoding="utf-8")
        report = import_archive(db, path, fmt="csv", unit_id=unit_id, created_by=officer.name)
    if report.error:
        raise RuntimeError(f"demo archive import failed: {report.error}")
    job_id = create_job(db, import_ids=[report.import_id], unit_id=unit_id, created_by=officer.name)
    run_job(db, job_id, workers=1)
    out = OversightDemo(report.import_id, job_id, report.added)
    queue = cases.review_queue(db, officer, job_id=job_id)
    campaign = [q for q in queue if q.text.startswith(CASE_POST)]
    if campaign:
        out.case_id = cases.confirm(
            db,
            officer,
            campaign[0].result_id,
            note="Unggahan masih tayang saat dicek; akun dikonfirmasi milik ASN unit ini.",
            subject_name=ACCOUNTS["siti"][0],
        )
    return out
