"""The polite HTTP client every HTTP source kind shares.

One :class:`HttpClient` per run holds one ``requests.Session`` (connection
reuse), sends an identifying User-Agent, waits a minimum delay between two
requests to the same host, retries connect errors, timeouts, 429 and 5xx with
exponential backoff (honouring ``Retry-After``), makes conditional requests
(ETag / Last-Modified, so an unchanged page costs a 304), and refuses a body
larger than the size cap without reading it all.
"""

from __future__ import annotations

import codecs
import email.utils
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import requests

from tbtalert.config import Settings
from tbtalert.errors import FetchError, HttpStatusError

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 300.0  # never wait longer than this for one Retry-After
_CHUNK = 64 * 1024
_NETWORK_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


@dataclass
class Response:
    """A fetched response, its body read in full (or ``not_modified`` on 304)."""

    url: str
    status: int
    content: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("Last-Modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    @property
    def charset(self) -> str | None:
        """The charset the server declared, if any."""
        return declared_charset(self.content_type)

    def text(self) -> str:
        """The body decoded: BOM, then declared charset, then in-document declaration."""
        return decode_body(self.content, self.content_type)


_URL = re.compile(r"\b([a-z][a-z0-9+.-]*://)([^\s/?#]*@)?([^\s?#]*)(\?[^\s#]*)?", re.I)
_SECRET_PARAM = re.compile(
    r"([?&](?:[\w.-]*(?:key|token|secret|password|passwd|pwd|sig|signature|auth)[\w.-]*)=)[^&\s#]*",
    re.I,
)


def redact_urls(text: str) -> str:
    """``text`` with the credentials of every URL in it masked.

    ``https://user:pass@host/x?api_key=abc&page=2`` becomes
    ``https://***@host/x?api_key=***&page=2``: what an error line may show.
    """

    def mask(match: re.Match[str]) -> str:
        scheme, userinfo, rest, query = match.groups()
        query = _SECRET_PARAM.sub(r"\1***", query) if query else ""
        return f"{scheme}{'***@' if userinfo else ''}{rest}{query}"

    return _URL.sub(mask, text)


def declared_charset(content_type: str) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if it names a known codec."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def _sniffed_charset(content: bytes) -> str | None:
    head = content[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_body(content: bytes, content_type: str = "") -> str:
    """Decode a body: a BOM wins, then the declared charset, then the document's own, then UTF-8.

    Bodies that are not valid UTF-8 and declare nothing (old Vietnamese sites
    in windows-1258, say) are left to charset detection.
    """
    for bom, name in BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, errors="replace")
    charset = declared_charset(content_type) or _sniffed_charset(content)
    if charset:
        text = content.decode(charset, errors="replace")
        # windows-1258 spells Vietnamese with combining tone marks: compose them
        return unicodedata.normalize("NFC", text) if charset == "cp1258" else text
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(content).best()
        return str(best) if best is not None else content.decode("cp1252", errors="replace")


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class HttpClient:
    """Fetch URLs politely; one instance per run (use it as a context manager)."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.timeout = settings.http_timeout
        self.retries = settings.http_retries
        self.backoff = settings.http_backoff
        self.max_bytes = settings.http_max_bytes
        self.host_delay = settings.http_host_delay
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.http_user_agent()
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        self._last_request: dict[str, float] = {}
        self._sleep = sleep
        self.requests_made = 0

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        sink: BinaryIO | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url``; raise FetchError (naming the URL) when it cannot be had.

        With a ``sink`` the body is written there as it arrives (a large file
        never sits whole in memory) and the response's ``content`` is empty.
        ``max_bytes`` replaces the ``http_max_bytes`` cap for this request.
        """
        sent = dict(headers or {})
        if etag:
            sent["If-None-Match"] = etag
        if last_modified:
            sent["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            wait: float | None
            try:
                response = self._send(url, params, sent, sink, max_bytes or self.max_bytes)
            except _NETWORK_ERRORS as err:
                if attempt >= self.retries or isinstance(
                    err, requests.exceptions.ContentDecodingError
                ):
                    raise _network_error(url, err) from None
                wait = None
            else:
                if response.status not in RETRY_STATUSES or attempt >= self.retries:
                    return _check_status(response)
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            delay = min(wait if wait is not None else self.backoff * 2**attempt, MAX_RETRY_AFTER)
            log.debug("retrying %s in %.1fs (attempt %d)", url, delay, attempt + 1)
            self._sleep(delay)
            attempt += 1

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None and self.host_delay > 0:
            remaining = self.host_delay - (time.monotonic() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = time.monotonic()

    def _send(
        self,
        url: str,
        params: Mapping[str, Any] | None,
        headers: dict[str, str],
        sink: BinaryIO | None,
        max_bytes: int,
    ) -> Response:
        self._wait_for_host(url)
        self.requests_made += 1
        with self.session.get(
            url, params=params, headers=headers, timeout=self.timeout, stream=True
        ) as raw:
            final_url = raw.url
            if raw.status_code == 304:
                return Response(final_url, 304, headers=dict(raw.headers), not_modified=True)
            if raw.status_code >= 400:
                return Response(final_url, raw.status_code, headers=dict(raw.headers))
            content = _read_capped(raw, final_url, max_bytes, sink)
            return Response(final_url, raw.status_code, content, dict(raw.headers))


def _read_capped(raw: requests.Response, url: str, max_bytes: int, sink: BinaryIO | None) -> bytes:
    """The body, or nothing when it went to ``sink`` (emptied first: a retry starts over)."""
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(_too_large(url, int(declared), max_bytes))
    if sink is not None:
        sink.seek(0)
        sink.truncate()
    chunks: list[bytes] = []
    size = 0
    for chunk in raw.iter_content(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_large(url, None, max_bytes))
        if sink is None:
            chunks.append(chunk)
        else:
            sink.write(chunk)
    return b"".join(chunks)


def _too_large(url: str, size: int | None, cap: int) -> str:
    got = f"{size:,} bytes" if size is not None else "more than that"
    return (
        f"{url}: response too large ({got}; the limit is {cap:,} bytes): "
        "check the URL, or raise http_max_bytes"
    )


def _network_error(url: str, err: Exception) -> FetchError:
    if isinstance(err, requests.Timeout):
        return FetchError(
            f"no answer from {url} in time (timed out)",
            hint="check this server's network access, or raise http_timeout",
        )
    text = str(err)
    if isinstance(err, requests.exceptions.ChunkedEncodingError) or "IncompleteRead" in text:
        return FetchError(
            f"{url}: the connection closed before the whole response arrived",
            hint="the server may be overloaded; the next run tries again",
        )
    reasons = {
        "Connection refused": "connection refused",
        "Name or service not known": "host name not found",
        "Failed to resolve": "host name not found",
        "Temporary failure in name resolution": "host name not found (no DNS: offline?)",
        "Network is unreachable": "network unreachable",
    }
    reason = next((v for k, v in reasons.items() if k in text), type(err).__name__)
    return FetchError(
        f"cannot connect to {url} ({reason})",
        hint="check this server's internet access, a proxy or firewall, and the source's url",
    )


def _check_status(response: Response) -> Response:
    if response.status < 400 or response.not_modified:
        return response
    hints = {
        401: "the source may need an API key (options.api_key)",
        403: "the server refused access; check the API key or the URL",
        404: "check the URL",
        429: "the server asks us to slow down; raise interval_minutes or http_host_delay",
    }
    hint = hints.get(response.status, "the server failed; try again later")
    raise HttpStatusError(f"{response.url}: HTTP {response.status}: {hint}", status=response.status)
