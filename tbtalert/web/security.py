"""What every response and every form carries: security headers, a body cap, origin checks.

:class:`SecurityHeaders` is an ASGI middleware. On every response it sets a
Content-Security-Policy without inline script or style (the pages use
``/static/style.css`` only), ``frame-ancestors 'none'``, ``nosniff`` and a
referrer policy; pages whose URL carries a token (``/unsubscribe/…``,
``/preferences/…``, ``/confirm/…``) get ``Referrer-Policy: no-referrer`` and
``Cache-Control: no-store``, so the token leaks neither to a linked site nor
to a shared cache. A route that sets its own Content-Security-Policy keeps
it. Request bodies larger than ``MAX_BODY`` are refused with 413 before
they are read, except under the officials' workspace (``/officials/``),
where files are uploaded: there the cap is ``import_max_bytes``.

The sign-up form carries a signed form token (:func:`form_token`) and is
refused when the browser says it was posted from another site
(:func:`same_origin`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from itsdangerous import BadSignature, TimestampSigner

from tbtalert.config import Settings
from tbtalert.errors import BodyTooLarge

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 64 * 1024
"""Largest request body accepted (the forms are a few hundred bytes)."""

FORM_MAX_AGE = 24 * 3600
"""Seconds a sign-up form stays usable after it was served."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}
TOKEN_PAGES = ("/unsubscribe/", "/preferences/", "/confirm/")
TOKEN_HEADERS = {"referrer-policy": "no-referrer", "cache-control": "no-store"}


_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def inline_script_policy(html: bytes) -> str:
    """The site's policy, allowing exactly the inline scripts of ``html`` (by their hash).

    For a page whose inline script tbtalert does not write itself (the
    Swagger UI of ``/api/docs``): any other inline script stays refused.
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return CSP.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())


def _header_list(path: str) -> dict[str, str]:
    headers = dict(HEADERS)
    if path.startswith(TOKEN_PAGES):
        headers.update(TOKEN_HEADERS)
    return headers


UPLOAD_PATHS = ("/officials/",)


class SecurityHeaders:
    """ASGI middleware: security headers on every response, a cap on request bodies."""

    def __init__(self, app: ASGIApp, upload_cap: int = MAX_BODY) -> None:
        self.app = app
        self.upload_cap = upload_cap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        cap = self.upload_cap if path.startswith(UPLOAD_PATHS) else MAX_BODY
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            await _refuse_body(scope, send, cap)
            return
        wanted = _header_list(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers") or [])
                present = {name.lower() for name, _ in raw}
                raw += [
                    (name.encode(), value.encode())
                    for name, value in wanted.items()
                    if name.encode() not in present
                ]
                message["headers"] = raw
            await send(message)

        await self.app(scope, _capped(receive, cap), send_with_headers)


def _capped(receive: Receive, cap: int) -> Receive:
    """``receive`` that stops a body sent without Content-Length once it passes ``cap``."""
    size = 0

    async def wrapped() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > cap:
                raise BodyTooLarge(f"request body over {cap} bytes")
        return message

    return wrapped


async def _refuse_body(scope: Scope, send: Send, cap: int) -> None:
    body = f"request body too large (at most {cap} bytes)\n".encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers += [(k.encode(), v.encode()) for k, v in _header_list(scope.get("path", "")).items()]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def same_origin(request: Request, settings: Settings) -> bool:
    """False when the browser says the form was posted from another site.

    The ``Origin`` header (else ``Referer``) must name this site: the public
    ``base_url`` or the host the request was sent to. A request with neither
    (no browser sends that for a form) is left to the form token.
    """
    claimed = request.headers.get("origin") or _origin_of(request.headers.get("referer", ""))
    if not claimed:
        return True
    claimed = claimed.lower()
    host = request.headers.get("host", "")
    allowed = {_origin_of(settings.base_url), f"{request.url.scheme}://{host}".lower()}
    return claimed in allowed


def _form_signer(settings: Settings) -> TimestampSigner:
    return TimestampSigner(settings.secret_key.get_secret_value(), salt="tbtalert-form")


def form_token(settings: Settings) -> str:
    """A signed, timestamped token for the sign-up form's hidden field."""
    return _form_signer(settings).sign(b"signup").decode("ascii")


def form_token_ok(settings: Settings, token: str) -> bool:
    """Whether ``token`` is a form token this site made less than FORM_MAX_AGE ago."""
    try:
        _form_signer(settings).unsign(token, max_age=FORM_MAX_AGE)
    except BadSignature:
        return False
    return True
