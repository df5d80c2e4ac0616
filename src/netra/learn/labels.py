"""Indonesian names and one-line explanations of the finding categories (for people)."""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "political_neutrality": "Netralitas politik",
    "misinformation": "Misinformasi dan hoaks",
    "personal_data": "Data pribadi",
    "confidential_information": "Informasi rahasia negara",
    "hate_speech": "Ujaran kebencian",
    "abusive_language": "Bahasa kasar",
    "prohibited_content": "Konten terlarang",
}

CATEGORY_INTRO: dict[str, str] = {
    "political_neutrality": (
        "ASN tidak boleh berpihak: tidak mengajak memilih, tidak berkampanye, tidak memakai "
        "atribut partai atau calon, termasuk lewat 'like', komentar, dan bagikan."
    ),
    "misinformation": (
        "Sebarkan hanya informasi yang sudah diverifikasi dari sumber resmi; jangan meneruskan "
        "kabar yang belum jelas kebenarannya."
    ),
    "personal_data": (
        "Jangan mengunggah data pribadi orang lain (NIK, nomor KK, nomor telepon, alamat, "
        "kondisi kesehatan) tanpa dasar hukum; samarkan bila perlu."
    ),
    "confidential_information": (
        "Dokumen berklasifikasi dan informasi yang dikecualikan UU KIP tidak untuk media sosial."
    ),
    "hate_speech": (
        "Jangan menyebarkan kebencian atau permusuhan terhadap kelompok berdasarkan suku, agama, "
        "ras, atau golongan."
    ),
    "abusive_language": (
        "Tetap santun saat dikritik: hindari makian, hinaan, dan kata kasar, juga di kolom "
        "komentar."
    ),
    "prohibited_content": (
        "Jangan mempromosikan judi online, pornografi, atau konten terlarang lainnya."
    ),
}

SEVERITY_LABELS = {"low": "rendah", "medium": "sedang", "high": "tinggi"}


def category_label(name: str) -> str:
    return CATEGORY_LABELS.get(name, name.replace("_", " ").capitalize())
