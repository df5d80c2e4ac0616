"""The demo knowledge base shipped with Netra (paraphrased hoaxes linked to public debunks).

`load_seed(session)` is what the web app's demo start calls: it imports
`netra/factcheck/seed/claims.csv` into the caller's session (the caller commits), idempotently,
with embeddings, and returns the import report. `netra factcheck seed` does the same from the CLI.
"""

from __future__ import annotations

from importlib import resources

from sqlalchemy.orm import Session

from netra.factcheck.importers.report import ImportReport, Progress
from netra.factcheck.importers.run import import_records
from netra.factcheck.importers.tabular import read_csv

SEED_FILE = "claims.csv"
SEED_AUTHOR = "netra-seed"


def seed_path():
    return resources.files("netra.factcheck").joinpath("seed", SEED_FILE)


def load_seed(
    session: Session,
    *,
    by: str = SEED_AUTHOR,
    embed: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the shipped seed claims into `session` (not committed). Safe to call repeatedly."""
    embedder = None
    if embed:
        from netra.factcheck.embed import get_embedder

        embedder = get_embedder()
    with seed_path().open("rb") as raw:
        return import_records(
            session,
            read_csv(raw),
            source="seed Netra (parafrase)",
            by=by,
            embedder=embedder,
            progress=progress,
        )
