"""The demo's people: one user per role with known (public) passwords in one work unit, and a
few checks in the ASN user's history (opted in), through the accounts service and the history
module like any other user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from netra.accounts import service
from netra.analysis import AnalysisError, Engine
from netra.web import history
from netra.web.demo.factcheck import DEMO_HOAX_POST


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    full_name: str
    role: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("asn", "demo-asn-2024", "Siti Rahma (ASN, demo)", "asn"),
    DemoUser("penulis", "demo-penulis-2024", "Budi Santoso (Penulis Humas, demo)", "author"),
    DemoUser("peninjau", "demo-peninjau-2024", "Dewi Lestari (Peninjau Humas, demo)", "reviewer"),
    DemoUser("pengawas", "demo-pengawas-2024", "Agus Wibowo (Inspektorat, demo)", "oversight"),
    DemoUser("admin", "demo-admin-2024", "Admin Netra (demo)", "admin"),
)

DEMO_POSTS: tuple[tuple[str, str, str], ...] = (
    (
        "Selamat pagi! Pelayanan KTP elektronik di kantor kecamatan buka pukul 08.00–15.00 WIB "
        "hari ini. Bawa fotokopi KK.",
        "institutional",
        "instagram",
    ),
    ("Ayo coblos paslon nomor 2, pemimpin yang peduli ASN! #2024GantiPemimpin", "personal", "x"),
    (
        "Mohon doanya untuk tetangga saya Bapak Rudi, NIK 3174012345670003, yang dirawat karena "
        "demam berdarah. Hubungi keluarganya di 0812-3456-7890.",
        "personal",
        "facebook",
    ),
    (
        "Info resmi: jadwal vaksinasi di puskesmas dapat dilihat di situs dinas kesehatan.",
        "institutional",
        "whatsapp",
    ),
    (DEMO_HOAX_POST, "personal", "whatsapp"),
)


def create_demo_data(session: Session, engine: Engine) -> list[DemoUser]:
    """Create the demo users, a unit and a few history entries. Caller commits."""
    unit = service.create_unit(session, "DISKOMINFO", "Dinas Komunikasi dan Informatika (demo)")
    for demo in DEMO_USERS:
        service.create_user(
            session,
            demo.username,
            demo.full_name,
            demo.password,
            [demo.role],
            unit_id=unit.id,
            keep_history=demo.role == "asn",
        )
    asn = service.get_user_by_username(session, "asn")
    assert asn is not None
    for text, account, channel in DEMO_POSTS:
        try:
            report = engine.analyze(text, {"account": account, "channel": channel})
        except AnalysisError:
            continue
        history.save_check(session, asn.id, text, report, account=account, channel=channel)
    return list(DEMO_USERS)
