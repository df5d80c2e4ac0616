"""The archive a person downloads from X/Twitter: a zip with `data/tweets.js` (+ account.js)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from netra.oversight.importers.safezip import open_member_text, open_zip
from netra.oversight.jsonstream import iter_json_array
from netra.oversight.records import ArchiveError, ArchivePost, fingerprint

TWEET_MEMBERS = ("data/tweets.js", "data/tweet.js")
ACCOUNT_MEMBER = "data/account.js"


def is_x_archive(zf: zipfile.ZipFile) -> bool:
    names = set(zf.namelist())
    return any(n in names for n in TWEET_MEMBERS) or any(_is_part(n) for n in names)


def _is_part(name: str) -> bool:
    return name.startswith("data/tweets-part") and name.endswith(".js")


def iter_x_archive(path: Path) -> Iterator[ArchivePost]:
    with open_zip(path) as zf:
        names = zf.namelist()
        members = [n for n in TWEET_MEMBERS if n in names] + sorted(n for n in names if _is_part(n))
        if not members:
            raise ArchiveError(f"{path.name}: tidak ada data/tweets.js di arsip X.")
        username = _username(zf, path.name)
        for member in members:
            with open_member_text(zf, member, path.name) as stream:
                for item, raw in iter_json_array(stream, source=f"{path.name}:{member}"):
                    post = _tweet(item, raw, username)
                    if post is not None:
                        yield post


def _username(zf: zipfile.ZipFile, source: str) -> str | None:
    if ACCOUNT_MEMBER not in zf.namelist():
        return None
    with open_member_text(zf, ACCOUNT_MEMBER, source) as stream:
        for item, _ in iter_json_array(stream, source=f"{source}:{ACCOUNT_MEMBER}"):
            account = item.get("account", {}) if isinstance(item, dict) else {}
            return account.get("username")
    return None


def _tweet(item: object, raw: str, username: str | None) -> ArchivePost | None:
    if not isinstance(item, dict):
        return None
    tweet = item.get("tweet", item)
    if not isinstance(tweet, dict):
        return None
    text = tweet.get("full_text") or tweet.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    tweet_id = str(tweet.get("id_str") or tweet.get("id") or "") or None
    url = f"https://x.com/{username or 'i'}/status/{tweet_id}" if tweet_id else None
    return ArchivePost(
        platform="x",
        text=text,
        fingerprint=fingerprint(raw),
        platform_id=tweet_id,
        account=username,
        author=username,
        posted_at=_twitter_time(tweet.get("created_at")),
        url=url,
    )


def _twitter_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    for fmt in ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def tweets_js(tweets: list[dict], variable: str = "window.YTD.tweets.part0") -> str:
    """Render tweets in the archive's own format (used by tests and the synthetic generator)."""
    return f"{variable} = " + json.dumps([{"tweet": t} for t in tweets], ensure_ascii=False)
