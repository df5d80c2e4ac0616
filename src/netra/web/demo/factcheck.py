"""The fact-check knowledge base of the demo: the shipped seed (`src/netra/factcheck/seed`).

Migrations create the fact-check tables but load no claims; `netra factcheck seed` or this demo
step does. `ensure_seed` imports the seed's claims through `netra.factcheck.seed.load_seed`
(idempotent) unless they are there already; `embed_claims` then computes their vectors with
`netra.factcheck.index.refresh_embeddings` (what `netra factcheck reindex` runs), so
`netra factcheck search` and the knowledge-base matcher can match the demo hoax post below.

The two steps are apart because embedding forty claims takes the local model several seconds:
`netra serve --demo` imports the claims before serving and embeds them in a background thread
(`embed_in_background`), outside any transaction, so the app answers at once.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine, func, select

from netra.factcheck.importers.report import ImportReport
from netra.factcheck.seed import SEED_AUTHOR, load_seed
from netra.factcheck.tables import Claim
from netra.storage.db import session_scope

log = logging.getLogger("netra.web.demo")

# A chain message repeating a seeded hoax (seed-vaksin-microchip) in other words.
DEMO_HOAX_POST = (
    "Hati2 bapak ibu, vaksin covid yg disuntikkan ke warga ternyata ada microchipnya buat "
    "memantau dan mengendalikan kita semua. Sebarkan ke grup keluarga!!"
)


def seed_loaded(db: Engine) -> bool:
    """Whether the shipped seed's claims are in the knowledge base already."""
    with session_scope(db) as session:
        count = session.scalar(
            select(func.count()).select_from(Claim).where(Claim.created_by == SEED_AUTHOR)
        )
    return bool(count)


def ensure_seed(db: Engine) -> ImportReport | None:
    """Import the seed's claims (without vectors) unless they are loaded; the import report,
    or None when nothing was done."""
    if seed_loaded(db):
        return None
    with session_scope(db) as session:
        return load_seed(session, embed=False)


def embed_claims(db: Engine) -> int:
    """Compute the missing claim vectors; how many were computed."""
    from netra.factcheck.index import refresh_embeddings

    return refresh_embeddings(db)


def embed_in_background(database_url: str) -> threading.Thread:
    """`embed_claims` in a daemon thread with its own database engine. If the process stops
    first, `netra factcheck reindex` computes what is missing."""

    def run() -> None:
        from netra.storage.db import make_engine

        db = make_engine(database_url)
        try:
            embed_claims(db)
        except Exception:  # the demo keeps serving; lexical matching still works
            log.exception("embedding the demo fact-check claims failed")
        finally:
            db.dispose()

    thread = threading.Thread(target=run, name="netra-demo-claim-embeddings", daemon=True)
    thread.start()
    return thread
