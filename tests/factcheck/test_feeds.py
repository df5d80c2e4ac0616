"""RSS/Atom import against feeds served by a real HTTP server on 127.0.0.1 (on both backends)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from netra.factcheck.importers import ImportFileError, import_url
from netra.factcheck.store import ClaimStore
from netra.factcheck.tables import Claim
from netra.storage.db import session_scope

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Cek Fakta Contoh</title><link>https://contoh.id</link>
<item><title>[HOAKS] Vaksin COVID-19 berisi microchip pelacak</title>
  <link>https://contoh.id/hoaks-vaksin-chip</link><guid>https://contoh.id/?p=1</guid>
  <pubDate>Tue, 02 Jan 2024 10:00:00 +0700</pubDate>
  <description>&lt;p&gt;Penjelasan &amp;amp; bukti.&lt;/p&gt;</description></item>
<item><title>[SALAH] Gempa 8,7 akan mengguncang Jakarta besok</title>
  <link>https://contoh.id/salah-gempa</link><guid>https://contoh.id/?p=2</guid>
  <pubDate>Wed, 03 Jan 2024 09:00:00 +0700</pubDate></item>
<item><title>[DISINFORMASI] KPU tidak membagikan undangan</title>
  <link>https://contoh.id/disinfo-kpu</link><guid>https://contoh.id/?p=3</guid>
  <pubDate>Thu, 04 Jan 2024 09:00:00 +0700</pubDate></item>
<item><title>Tips memilih sumber berita</title><link>https://contoh.id/tips</link>
  <guid>https://contoh.id/?p=4</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Klarifikasi Hoaks</title>
<entry><title>[HOAKS] Link pendaftaran BLT Rp600 ribu</title>
  <link rel="alternate" href="https://contoh.go.id/blt"/><id>tag:contoh.go.id,2024:1</id>
  <published>2024-01-02T08:00:00+07:00</published><updated>2024-01-05T08:00:00+07:00</updated>
  <summary>Kemensos tidak pernah membuat tautan pendaftaran.</summary></entry>
<entry><title>Pensiun PNS dibayar sekaligus</title><category term="Hoaks"/>
  <link href="https://contoh.go.id/pensiun"/><id>tag:contoh.go.id,2024:2</id>
  <updated>2024-02-01T08:00:00Z</updated></entry>
</feed>"""

EVIL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>[HOAKS] &xxe;</title><link>https://x.id/1</link></item></channel></rss>"""

PAGES = {
    "/rss.xml": RSS,
    "/rss2.xml": RSS.replace("[HOAKS] Vaksin", "[DISINFORMASI] Vaksin"),
    "/atom.xml": ATOM,
    "/evil.xml": EVIL,
    "/html": "<html><body>bukan umpan</body></html>",
    "/broken.xml": "<rss><channel><item><title>[HOAKS] x</title></channel>",
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGES.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def n_claims(engine) -> int:
    with engine.connect() as c:
        return c.execute(select(func.count()).select_from(Claim)).scalar()


def test_rss_items_become_claims_with_verdicts_from_titles(fc_engine, embedder, server):
    report = import_url(fc_engine, server + "/rss.xml", by="feed", embedder=embedder)
    assert (report.added, len(report.rejected)) == (3, 1)
    assert "verdict tidak ditemukan" in report.rejected[0].reason
    with session_scope(fc_engine) as s:
        claims = {c.source_url: c for c in s.scalars(select(Claim))}
    chip = claims["https://contoh.id/hoaks-vaksin-chip"]
    assert chip.claim == "Vaksin COVID-19 berisi microchip pelacak"
    assert chip.verdict == "hoaks" and chip.publisher == "Cek Fakta Contoh"
    assert chip.published_at.isoformat() == "2024-01-02"
    assert chip.explanation == "Penjelasan & bukti."
    assert claims["https://contoh.id/salah-gempa"].verdict == "hoaks"
    assert claims["https://contoh.id/disinfo-kpu"].verdict == "disinformasi"


def test_reimporting_a_feed_is_idempotent_and_picks_up_changed_verdicts(
    fc_engine, embedder, server
):
    import_url(fc_engine, server + "/rss.xml", by="feed", embedder=embedder)
    again = import_url(fc_engine, server + "/rss.xml", by="feed", embedder=embedder)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    changed = import_url(fc_engine, server + "/rss2.xml", by="feed", embedder=embedder)
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 2)
    with session_scope(fc_engine) as s:
        claim = s.scalars(select(Claim).where(Claim.source_url.like("%vaksin-chip"))).one()
        assert claim.verdict == "disinformasi"
        assert ClaimStore(s).revisions(claim.claim_id)[-1].changes["verdict"] == [
            "hoaks",
            "disinformasi",
        ]


def test_atom_entries_with_verdict_in_title_or_category(fc_engine, embedder, server):
    report = import_url(fc_engine, server + "/atom.xml", by="feed", embedder=embedder)
    assert report.added == 2 and not report.rejected
    with session_scope(fc_engine) as s:
        claims = {c.source_url: c for c in s.scalars(select(Claim))}
    blt = claims["https://contoh.go.id/blt"]
    assert blt.claim == "Link pendaftaran BLT Rp600 ribu" and blt.verdict == "hoaks"
    assert blt.updated_at_source.isoformat() == "2024-01-05"
    assert claims["https://contoh.go.id/pensiun"].verdict == "hoaks"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/evil.xml", "xml_unsafe"),
        ("/html", "not_a_feed"),
        ("/broken.xml", "xml_invalid"),
        ("/missing.xml", "http_status"),
    ],
)
def test_unsafe_or_invalid_feeds_are_refused_and_change_nothing(
    fc_engine, embedder, server, path, code
):
    import_url(fc_engine, server + "/atom.xml", by="feed", embedder=embedder)
    with pytest.raises(ImportFileError) as exc:
        import_url(fc_engine, server + path, by="feed", embedder=embedder)
    assert exc.value.code == code
    assert n_claims(fc_engine) == 2


def test_only_http_urls_are_fetched(fc_engine, embedder):
    with pytest.raises(ImportFileError) as exc:
        import_url(fc_engine, "file:///etc/passwd", by="feed", embedder=embedder)
    assert exc.value.code == "bad_url"
