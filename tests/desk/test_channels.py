"""Channel limits and the live validator: counted the way each platform counts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from netra.desk.channels import CHANNELS, count_for, find_urls, validate_variant


@dataclass
class Att:
    media_type: str
    size: int = 1000
    width: int | None = 1080
    height: int | None = 1080


def codes(check) -> set[str]:
    return {i.code for i in check.issues}


def test_x_counts_every_link_as_23_whatever_its_length():
    long_link = "https://www.kominfo.go.id/" + "a" * 200
    assert count_for("x", "Info " + long_link) == 5 + 23
    assert count_for("x", "Cek kominfo.go.id ya") == len("Cek  ya") + 23
    assert count_for("x", "Surel humas@kominfo.go.id") == len("Surel humas@kominfo.go.id")


def test_x_weights_cjk_and_emoji_double_and_joins_emoji_sequences():
    assert count_for("x", "abc") == 3
    assert count_for("x", "日本") == 4
    assert count_for("x", "👍") == 2
    assert count_for("x", "👍🏽") == 2  # skin tone modifier joins the emoji
    assert count_for("x", "👨‍👩‍👧") == 2  # a ZWJ family is one emoji
    assert count_for("x", "🇮🇩") == 2  # a flag is one emoji


def test_x_limit_is_280_weighted():
    assert validate_variant("x", "a" * 280).ok
    over = validate_variant("x", "a" * 281)
    assert not over.ok and "too_long" in codes(over)
    assert "kelebihan 1" in over.issues[0].message
    assert not validate_variant("x", "日" * 141).ok  # 282 weighted


def test_telegram_counts_utf16_and_limits_captions_with_media():
    assert count_for("telegram", "😀") == 2
    assert validate_variant("telegram", "a" * 4096).ok
    assert not validate_variant("telegram", "a" * 4097).ok
    assert not validate_variant("telegram", "a" * 1025, [Att("image/jpeg")]).ok
    assert validate_variant("telegram", "a" * 1024, [Att("image/jpeg")]).ok


def test_instagram_needs_one_jpeg_within_aspect_and_limits_hashtags_and_mentions():
    text = "Info " + " ".join(f"#tagar{i}" for i in range(31))
    check = validate_variant("instagram", text, [Att("image/jpeg")])
    assert "too_many_hashtags" in codes(check)
    assert validate_variant("instagram", "Info #a #b", [Att("image/jpeg")]).ok
    mentions = " ".join(f"@akun{i}" for i in range(21))
    assert "too_many_mentions" in codes(
        validate_variant("instagram", mentions, [Att("image/jpeg")])
    )
    assert "image_required" in codes(validate_variant("instagram", "Tanpa foto"))
    assert "image_type" in codes(validate_variant("instagram", "PNG", [Att("image/png")]))
    tall = Att("image/jpeg", width=1080, height=1920)  # 9:16 is outside 4:5..1.91:1
    assert "aspect_ratio" in codes(validate_variant("instagram", "Tinggi", [tall]))
    assert validate_variant("instagram", "4:5", [Att("image/jpeg", width=1080, height=1350)]).ok


def test_instagram_links_are_flagged_as_not_clickable_but_allowed():
    check = validate_variant("instagram", "Daftar di https://layanan.go.id", [Att("image/jpeg")])
    assert check.ok and "link_not_clickable" in codes(check)


def test_pdf_only_where_the_channel_takes_documents():
    pdf = Att("application/pdf", width=None, height=None)
    assert validate_variant("telegram", "Surat edaran", [pdf]).ok
    assert validate_variant("website", "Surat edaran", [pdf]).ok
    for channel in ("x", "facebook", "whatsapp_channel", "mastodon"):
        assert "pdf_not_supported" in codes(validate_variant(channel, "Surat edaran", [pdf]))


def test_x_takes_four_images_of_at_most_5_mb():
    four = [Att("image/png")] * 4
    assert validate_variant("x", "Foto", four).ok
    assert "too_many_attachments" in codes(validate_variant("x", "Foto", [*four, Att("image/png")]))
    assert "image_too_large" in codes(validate_variant("x", "Foto", [Att("image/png", 6_000_000)]))


def test_whatsapp_channel_warns_long_updates_and_caps_at_the_message_limit():
    long = validate_variant("whatsapp_channel", "a" * 1200)
    assert long.ok and "long" in codes(long)
    assert not validate_variant("whatsapp_channel", "a" * 70_000, max_text_chars=100_000).ok


def test_every_channel_is_capped_by_what_netra_can_check():
    check = validate_variant("website", "a" * 50_001)
    assert not check.ok and check.limit == 50_000


def test_mastodon_limit_follows_the_server():
    assert validate_variant("mastodon", "a" * 500).ok
    assert not validate_variant("mastodon", "a" * 501).ok
    assert validate_variant("mastodon", "a" * 900, max_chars_override=1000).ok


def test_hidden_characters_and_cut_hashtags():
    assert "control_char" in codes(validate_variant("facebook", "Halo\x00dunia"))
    assert "bidi_control" in codes(validate_variant("facebook", "Halo \u202edunia"))
    cut = validate_variant("facebook", "Banjir di #Jawa-Barat hari ini")
    issue = next(i for i in cut.issues if i.code == "hashtag_cut")
    assert "#Jawa-Barat" in issue.message and "#Jawa;" in issue.message
    assert "insecure_link" in codes(validate_variant("facebook", "Lihat http://contoh.go.id"))


def test_empty_text_and_unknown_channel():
    assert "empty" in codes(validate_variant("x", "   "))
    with pytest.raises(ValueError, match="tidak dikenal"):
        validate_variant("myspace", "halo")


def test_urls_exclude_trailing_punctuation():
    text = "Lihat (https://bmkg.go.id/cuaca)."
    ((start, end),) = find_urls(text)
    assert text[start:end] == "https://bmkg.go.id/cuaca"


def test_every_channel_has_an_indonesian_note_and_sane_limits():
    for spec in CHANNELS.values():
        assert spec.note and spec.max_chars > 0 and spec.max_attachments >= 1
