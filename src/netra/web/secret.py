"""The secret key (signs CSRF tokens for anonymous forms and quiz sheets).

NETRA_SECRET_KEY wins; otherwise a random key is generated once into <data_dir>/secret.key
(mode 0600) so that restarts and several workers share it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from netra.config import Settings


def resolve_secret(settings: Settings) -> bytes:
    if settings.secret_key:
        return settings.secret_key.encode("utf-8")
    path = Path(settings.data_dir) / "secret.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} berisi kunci rahasia yang terlalu pendek; hapus berkasnya.")
    return key.encode("utf-8")
