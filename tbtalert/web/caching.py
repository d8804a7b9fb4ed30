"""Answers for open data that clients may cache: a strong ETag, and 304 when it still holds."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response

PUBLIC_HEADERS = {"Access-Control-Allow-Origin": "*"}


def etag_of(body: bytes) -> str:
    """A strong entity tag: the body's digest."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, as for GET)."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


def cached_response(
    request: Request,
    body: bytes,
    media_type: str,
    *,
    max_age: int = 300,
    headers: dict[str, str] | None = None,
) -> Response:
    """``body`` with its ETag, or an empty 304 when the client already has it."""
    etag = etag_of(body)
    common = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={max_age}",
        **PUBLIC_HEADERS,
        **(headers or {}),
    }
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=common)
    return Response(body, media_type=media_type, headers=common)
