"""Builders for small archives in the platforms' real export formats."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from netra.oversight.importers.x_archive import tweets_js

TEXTS = [
    "Selamat pagi warga, layanan KTP buka pukul 08.00 WIB.",
    "Ayo coblos nomor 2 di TPS, menangkan Gerindra!",
    "Jadwal vaksinasi anak di Puskesmas Sukamaju hari Kamis.",
    "NIK saya 3174014506900003 tolong dicek ya",
    "Info banjir: warga bantaran sungai harap waspada.",
]


def make_tweets(n: int, start: int = 1) -> list[dict]:
    return [
        {
            "id_str": str(1_700_000_000_000 + i),
            "full_text": f"{TEXTS[i % len(TEXTS)]} #{i}",
            "created_at": "Wed Feb 07 03:12:45 +0000 2024",
        }
        for i in range(start, start + n)
    ]


def write_x_archive(path: Path, tweets: list[dict], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", tweets_js(tweets))
        zf.writestr(
            "data/account.js",
            'window.YTD.account.part0 = [{"account": {"username": "budi_asn"}}]',
        )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def x_archive(tmp_path) -> Path:
    return write_x_archive(tmp_path / "twitter-2024.zip", make_tweets(25))


def meta_mojibake(text: str) -> str:
    """How Meta writes non-ASCII text in its exports."""
    return text.encode("utf-8").decode("latin-1")


@pytest.fixture
def facebook_json(tmp_path) -> Path:
    posts = [
        {
            "timestamp": 1707300000 + i,
            "data": [{"post": meta_mojibake(f"Kegiatan {i} – sukses 🙏")}],
            "title": "Budi memperbarui statusnya.",
        }
        for i in range(10)
    ]
    path = tmp_path / "your_posts_1.json"
    path.write_text(json.dumps(posts), encoding="utf-8")
    return path


@pytest.fixture
def instagram_zip(tmp_path) -> Path:
    posts = [
        {"media": [{"uri": f"media/{i}.jpg", "creation_timestamp": 1707300000 + i,
                    "title": meta_mojibake(f"Foto kegiatan {i} ✨")}]}
        for i in range(7)
    ]  # fmt: skip
    path = tmp_path / "instagram-budi.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("your_instagram_activity/content/posts_1.json", json.dumps(posts))
    return path
