"""Importers: CSV, JSONL and RSS/Atom feeds into the claims store, all or nothing.

`import_path` / `import_url` read and validate the whole source first, embed the new and changed
claim texts, then write everything in one transaction and return an `ImportReport` (added,
updated, unchanged, rejected rows with Indonesian reasons). A file that cannot be read raises
`ImportFileError` before anything is written.
"""

from netra.factcheck.importers.report import ImportFileError, ImportReport, Rejection
from netra.factcheck.importers.run import import_path, import_records, import_url

__all__ = [
    "ImportFileError",
    "ImportReport",
    "Rejection",
    "import_path",
    "import_records",
    "import_url",
]
