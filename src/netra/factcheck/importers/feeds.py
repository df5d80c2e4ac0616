"""RSS 2.0 and Atom feeds of fact-check sites, parsed without trusting the XML.

A feed is untrusted input: it is parsed only after checking that it declares no DOCTYPE and no
entities (no external entities, no "billion laughs"), the same protection defusedxml gives,
without adding a dependency. Fact-check sites put the verdict in the title ("[HOAKS] …",
"[SALAH] …"); an item without a recognisable verdict is rejected with that reason, so a general
news feed does not fill the knowledge base with unlabelled headlines.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlsplit
from xml.parsers import expat

import httpx

from netra.factcheck.importers.report import ImportFileError, SourceRow
from netra.factcheck.verdicts import normalize_verdict, split_title_verdict

MAX_FEED_BYTES = 20_000_000
FETCH_TIMEOUT = 20.0
_TAG = re.compile(r"<[^>]+>")
_NS_ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(url: str, *, max_bytes: int = MAX_FEED_BYTES, timeout: float = FETCH_TIMEOUT) -> bytes:
    """Download a feed (http/https only), refusing anything larger than `max_bytes`."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImportFileError(f"Alamat bukan http(s) yang valid: {url!r}.", code="bad_url")
    try:
        with (
            httpx.Client(
                timeout=timeout, follow_redirects=True, max_redirects=5, trust_env=False
            ) as client,
            client.stream("GET", url, headers={"User-Agent": "Netra-factcheck/1"}) as r,
        ):
            if r.status_code != 200:
                raise ImportFileError(
                    f"Server menjawab {r.status_code} untuk {url}.", code="http_status"
                )
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ImportFileError(_too_big(max_bytes), code="too_large")
            chunks: list[bytes] = []
            total = 0
            for chunk in r.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise ImportFileError(_too_big(max_bytes), code="too_large")
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise ImportFileError(
            f"Umpan tidak bisa diunduh dari {url}: {type(exc).__name__}.", code="fetch"
        ) from None
    return b"".join(chunks)


def _too_big(limit: int) -> str:
    return f"Umpan lebih besar dari {limit / 1e6:.0f} MB; ditolak."


def _refuse_declarations(data: bytes) -> None:
    """Reject DTDs and entity declarations before the real parse (defusedxml's protection)."""

    def refuse(*_args) -> None:
        raise ImportFileError(
            "Umpan XML memuat DOCTYPE/ENTITY; ditolak demi keamanan (entitas eksternal).",
            code="xml_unsafe",
        )

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ImportFileError(
            f"Umpan bukan XML yang valid (baris {exc.lineno}, kolom {exc.offset}).",
            code="xml_invalid",
        ) from None


def _text(el: ET.Element | None) -> str:
    if el is None:
        return ""
    raw = "".join(el.itertext())
    return " ".join(html.unescape(_TAG.sub(" ", raw)).split())


def parse_feed(data: bytes, feed_url: str = "") -> Iterator[SourceRow]:
    """Items of an RSS 2.0 or Atom feed as rows (claim, verdict, source_url, dates, …)."""
    if len(data) > MAX_FEED_BYTES:
        raise ImportFileError(_too_big(MAX_FEED_BYTES), code="too_large")
    _refuse_declarations(data)
    root = ET.fromstring(data)
    channel = root.find("channel")
    if root.tag == "rss" and channel is not None:
        publisher = _text(channel.find("title")) or None
        items = [(it, _rss_item(it)) for it in channel.findall("item")]
    elif root.tag == f"{_NS_ATOM}feed":
        publisher = _text(root.find(f"{_NS_ATOM}title")) or None
        items = [(it, _atom_entry(it)) for it in root.findall(f"{_NS_ATOM}entry")]
    else:
        raise ImportFileError("Bukan umpan RSS 2.0 atau Atom.", code="not_a_feed")
    for n, (_el, item) in enumerate(items, 1):
        yield _row(n, item, publisher)


def _rss_item(it: ET.Element) -> dict[str, str]:
    categories = [_text(c) for c in it.findall("category")]
    return {
        "title": _text(it.find("title")),
        "link": _text(it.find("link")),
        "guid": _text(it.find("guid")),
        "date": _text(it.find("pubDate")),
        "updated": "",
        "summary": _text(it.find("description")),
        "categories": "|".join(c for c in categories if c),
    }


def _atom_entry(it: ET.Element) -> dict[str, str]:
    link = ""
    for el in it.findall(f"{_NS_ATOM}link"):
        if el.get("rel", "alternate") == "alternate" and el.get("href"):
            link = el.get("href", "")
            break
    categories = [c.get("term", "") for c in it.findall(f"{_NS_ATOM}category")]
    return {
        "title": _text(it.find(f"{_NS_ATOM}title")),
        "link": link,
        "guid": _text(it.find(f"{_NS_ATOM}id")),
        "date": _text(it.find(f"{_NS_ATOM}published")) or _text(it.find(f"{_NS_ATOM}updated")),
        "updated": _text(it.find(f"{_NS_ATOM}updated")),
        "summary": _text(it.find(f"{_NS_ATOM}summary")) or _text(it.find(f"{_NS_ATOM}content")),
        "categories": "|".join(c for c in categories if c),
    }


def _row(n: int, item: dict[str, str], publisher: str | None) -> SourceRow:
    verdict, claim = split_title_verdict(item["title"])
    if verdict is None:  # some sites label by category instead of title
        for cat in item["categories"].split("|"):
            verdict = normalize_verdict(cat)
            if verdict:
                break
    values = {
        "claim": claim,
        "verdict": verdict or "",
        "source_url": item["link"],
        "published_at": item["date"],
        "updated_at_source": item["updated"] if item["updated"] != item["date"] else "",
        "publisher": publisher,
        "explanation": item["summary"][:20_000] or None,
    }
    guid = item["guid"] or item["link"]
    if guid:
        values["claim_id"] = "feed-" + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:20]
    problem = None
    if verdict is None:
        problem = f"verdict tidak ditemukan di judul atau kategori: {item['title'][:60]!r}"
    return SourceRow(n, values, frozenset(values), problem)
