"""Attach the fact-check knowledge base to an analysis engine when the database holds claims.

The checker (web page, API, `netra check --cek-fakta`) then shows a post that repeats a debunked
hoax its debunk: misinformation finding MI-100, with the verdict and the source link.

Loading the index embeds any claim still without a vector, which takes the local model seconds,
so the web app does it in the background after it starts; checks before it is ready simply do
without.
A broken or empty knowledge base never stops the checker.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine as SAEngine
from sqlalchemy import func, select

from netra.analysis import Engine

log = logging.getLogger("netra.web.factcheck")


def active_claims(db: SAEngine) -> int:
    from netra.factcheck.tables import STATUS_ACTIVE, Claim

    with db.connect() as conn:
        count = conn.scalar(
            select(func.count()).select_from(Claim).where(Claim.status == STATUS_ACTIVE)
        )
    return int(count or 0)


def attach_knowledge_base(engine: Engine, db: SAEngine) -> bool:
    """Attach the knowledge base of `db` to `engine` if it holds active claims; whether it did."""
    try:
        if active_claims(db) == 0:
            return False
        from netra.factcheck.matcher import KnowledgeBaseMatcher

        engine.use_claim_matcher(KnowledgeBaseMatcher.from_engine(db))
    except Exception:  # a missing table, a broken index: the checker goes on without it
        log.exception("fact-check knowledge base not attached; checks continue without it")
        return False
    log.info("fact-check knowledge base attached to the checker")
    return True
