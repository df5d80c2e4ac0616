"""Every Indonesian string the web layer shows that is not inside a template."""

from __future__ import annotations

from netra.accounts.roles import ROLE_LABELS
from netra.learn.labels import CATEGORY_LABELS, SEVERITY_LABELS

VERDICT_LABELS = {"safe": "Aman", "review": "Perlu ditinjau", "high_risk": "Risiko tinggi"}
VERDICT_HINTS = {
    "safe": "Tidak ada temuan. Tetap baca ulang sebelum mengunggah.",
    "review": "Ada bagian yang perlu ditinjau sebelum diunggah.",
    "high_risk": "Jangan unggah dalam bentuk ini: ada pelanggaran yang serius.",
}
ACCOUNT_LABELS = {"personal": "Akun pribadi", "institutional": "Akun instansi"}
ENTITY_LABELS = {
    "nik": "NIK",
    "nip": "NIP",
    "kk": "nomor KK",
    "npwp": "NPWP",
    "phone": "nomor telepon",
    "email": "alamat surel",
    "bank_account": "nomor rekening",
    "passport": "nomor paspor",
    "license_plate": "pelat nomor",
    "address": "alamat",
    "health": "kondisi kesehatan",
    "birth_date": "tanggal lahir",
    "mother_name": "nama ibu kandung",
}

# Error messages by code (JSON errors and HTML error pages share them).
ERRORS = {
    "unauthorized": "Silakan masuk terlebih dahulu.",
    "invalid_token": "Token API tidak valid atau sudah dicabut.",
    "forbidden": "Anda tidak memiliki akses ke halaman ini.",
    "csrf_failed": (
        "Formulir kedaluwarsa atau tidak sah (token CSRF tidak cocok). Muat ulang halaman lalu "
        "coba lagi."
    ),
    "not_found": "Halaman atau data tidak ditemukan.",
    "method_not_allowed": "Metode HTTP ini tidak didukung untuk alamat ini.",
    "request_too_large": "Permintaan terlalu besar.",
    "rate_limited": "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.",
    "invalid_json": "Badan permintaan bukan JSON yang valid.",
    "invalid_request": "Permintaan tidak valid.",
    "password_change_required": "Ganti kata sandi sementara Anda terlebih dahulu.",
    "internal_error": "Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi admin.",
}

__all__ = [
    "ACCOUNT_LABELS",
    "CATEGORY_LABELS",
    "ENTITY_LABELS",
    "ERRORS",
    "ROLE_LABELS",
    "SEVERITY_LABELS",
    "VERDICT_HINTS",
    "VERDICT_LABELS",
]
