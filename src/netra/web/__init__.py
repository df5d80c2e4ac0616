"""The web application: FastAPI app factory, routers per area, templates, static files, security.

`create_app(settings)` (netra.web.app) builds the app; `netra serve` runs it under uvicorn. Areas
add a router module to `netra.web.routers.AREAS` (and, if they like, a template directory and nav
items). Imported lazily so that `netra.storage.models` can load the history table cheaply.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from netra.web.app import create_app

        return create_app
    raise AttributeError(name)


__all__ = ["create_app"]
