"""A real HTTP server on 127.0.0.1 for tests: serves files and scripted faults.

Routes map a path (without query string) to a list of responses served in
turn (the last one repeats), so "500 then 200" is ``[Reply(500), Reply(body=...)]``.
Every request is recorded with its headers and query string.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (timeouts)
    truncate_to: int | None = None  # send only this many bytes of the body, then close

    @classmethod
    def file(
        cls, path: Path, content_type: str = "application/octet-stream", **kw: object
    ) -> Reply:
        return cls(body=path.read_bytes(), headers={"Content-Type": content_type}, **kw)  # type: ignore[arg-type]


@dataclass
class Seen:
    """One request as received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


Handler = Callable[[Seen], Reply]


class LocalHTTPServer:
    """Serve scripted replies on a free port until closed."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply] | Handler] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer._serve(self)

            def do_HEAD(self) -> None:
                outer._serve(self)

            def do_POST(self) -> None:
                outer._serve(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, *replies: Reply | Handler) -> None:
        """Answer ``path`` with these replies in turn (or a handler function)."""
        if len(replies) == 1 and callable(replies[0]) and not isinstance(replies[0], Reply):
            self.routes[path] = replies[0]
        else:
            self.routes[path] = list(replies)  # type: ignore[arg-type]

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _next_reply(self, seen: Seen) -> Reply:
        target = self.routes.get(seen.path)
        if target is None:
            return Reply(404, b"not found")
        if callable(target):
            return target(seen)
        with self._lock:
            return target.pop(0) if len(target) > 1 else target[0]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            handler.rfile.read(length)
        seen = Seen(handler.command, parts.path, parse_qs(parts.query), dict(handler.headers))
        with self._lock:
            self.requests.append(seen)
        reply = self._next_reply(seen)
        if reply.delay:
            time.sleep(reply.delay)
        body = reply.body
        try:
            handler.send_response(reply.status)
            for key, value in reply.headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            if reply.truncate_to is not None:
                handler.send_header("Connection", "close")
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(
                    body if reply.truncate_to is None else body[: reply.truncate_to]
                )
            if reply.truncate_to is not None:
                handler.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
