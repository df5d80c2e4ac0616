"""Fixtures of the inbox tests: a migrated database on both backends, settings with secrets,
a local HTTP server that records what the adapters send, and builders of platform payloads."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import SecretStr

from netra.config import Settings
from netra.storage.db import make_engine, session_scope
from netra.storage.migrate import upgrade

META_SECRET = "meta-app-secret"
TELEGRAM_SECRET = "tg-secret_token-1"
WEBHOOK_SECRET = "webhook-shared-secret"


@pytest.fixture
def settings() -> Settings:
    return Settings(
        inbox_meta_app_secret=SecretStr(META_SECRET),
        inbox_meta_verify_token=SecretStr("verify-me"),
        inbox_telegram_secret_token=SecretStr(TELEGRAM_SECRET),
        inbox_webhook_secret=SecretStr(WEBHOOK_SECRET),
        inbox_timezone="Asia/Jakarta",
    )


@pytest.fixture
def engine(db_url):
    """A migrated database (SQLite file or a fresh PostgreSQL database); seeds are added by
    the code under test (triage) or by `seeded` below."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def seeded(engine):
    from netra.inbox.seed import ensure_defaults

    with session_scope(engine) as session:
        ensure_defaults(session)
    return engine


# -- payload builders --------------------------------------------------------------------------
def meta_comment(
    comment_id: str,
    text: str,
    *,
    page: str = "PAGE1",
    post: str = "PAGE1_9",
    author: str = "U1",
    name: str = "Budi",
    parent: str | None = None,
) -> dict:
    return {
        "object": "page",
        "entry": [
            {
                "id": page,
                "time": 1_700_000_000,
                "changes": [
                    {
                        "field": "feed",
                        "value": {
                            "item": "comment",
                            "verb": "add",
                            "comment_id": comment_id,
                            "post_id": post,
                            "parent_id": parent or post,
                            "message": text,
                            "from": {"id": author, "name": name},
                            "created_time": 1_700_000_000,
                        },
                    }
                ],
            }
        ],
    }


def telegram_update(
    update_id: int,
    text: str,
    *,
    chat: int = 777,
    message_id: int | None = None,
    reply_to: int | None = None,
) -> dict:
    message: dict[str, Any] = {
        "message_id": message_id or update_id,
        "date": 1_700_000_000,
        "from": {"id": chat, "is_bot": False, "first_name": "Sari"},
        "chat": {"id": chat, "type": "private"},
        "text": text,
    }
    if reply_to:
        message["reply_to_message"] = {
            "message_id": reply_to,
            "chat": {"id": chat},
            "date": 1_699_999_000,
            "text": "pengumuman",
        }
    return {"update_id": update_id, "message": message}


def body_of(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


# -- a local HTTP server -----------------------------------------------------------------------
@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8"))


@dataclass
class LocalServer:
    """Answers by (method, path) with a handler; records every request."""

    url: str
    requests: list[Recorded] = field(default_factory=list)
    routes: dict[tuple[str, str], Callable[[Recorded], tuple[int, Any]]] = field(
        default_factory=dict
    )

    def route(
        self,
        method: str,
        path: str,
        answer: Callable[[Recorded], tuple[int, Any]] | tuple[int, Any],
    ) -> None:
        self.routes[(method, path)] = answer if callable(answer) else (lambda _r, a=answer: a)


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server_state = LocalServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            rec = Recorded(
                self.command,
                parts.path,
                parse_qs(parts.query),
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
            server_state.requests.append(rec)
            answer = server_state.routes.get((self.command, parts.path))
            status, payload = answer(rec) if answer else (404, {"error": "no route"})
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _handle

        def log_message(self, *args) -> None:  # keep test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
