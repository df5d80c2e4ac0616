"""A small local HTTP server for publisher tests: it runs in a thread on 127.0.0.1, records
every request, and answers through a per-test handler that implements the platform's documented
endpoint (checking auth and payload) or a scripted failure."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        ctype = self.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            return {k: v for k, v in self.multipart().items() if isinstance(v, str)}
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8")).items()}

    def multipart(self) -> dict[str, Any]:
        """name -> str for fields, (filename, content type, bytes) for files."""
        head = f"Content-Type: {self.headers['content-type']}\r\nMIME-Version: 1.0\r\n\r\n"
        message = BytesParser(policy=email_policy).parsebytes(head.encode() + self.body)
        out: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_param("filename", header="content-disposition")
            payload = part.get_payload(decode=True)
            if filename is not None:
                out[name] = (filename, part.get_content_type(), payload)
            else:
                out[name] = payload.decode("utf-8")
        return out


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON, bytes/str → as is
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[["MockServer", Recorded], Reply]


class MockServer:
    """`with MockServer(handler) as server:` — `server.url`, `server.requests`."""

    def __init__(self, handler: Handler, *, delay: float = 0.0) -> None:
        self.handler = handler
        self.requests: list[Recorded] = []
        self.script: list[Reply] = []  # replies to send first, in order, before the handler
        self.state: dict[str, Any] = {}
        self.delay = delay
        self.lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                rec = Recorded(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                with outer.lock:
                    outer.requests.append(rec)
                    scripted = outer.script.pop(0) if outer.script else None
                    reply = scripted or outer.handler(outer, rec)
                if outer.delay:
                    threading.Event().wait(outer.delay)
                data = reply.body
                headers = dict(reply.headers)
                if isinstance(data, (dict, list)):
                    data = json.dumps(data).encode()
                    headers.setdefault("Content-Type", "application/json")
                elif isinstance(data, str):
                    data = data.encode()
                data = data or b""
                self.send_response(reply.status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> MockServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
