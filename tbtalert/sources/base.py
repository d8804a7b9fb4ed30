"""What every source kind shares: the protocol, the fetch context, and text helpers.

A kind is a class with ``check_options`` (raise ConfigError early) and
``pages`` (yield :class:`Page` objects of normalized records). Parsing lives
in plain functions of each kind's module that take bytes and the URL they came
from and return records: no network, no database.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, Protocol

from bs4 import BeautifulSoup

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, FetchError, ParseError
from tbtalert.http import HttpClient, Response
from tbtalert.models import NotificationRecord
from tbtalert.paths import resolve_location


@dataclass
class SourceState:
    """A source's incremental state, saved after each successful run."""

    cursor: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    """One unit of work: records stored in one transaction, and the items left out, named.

    ``items`` are digests of the source's items (rows of a file) these
    records came from, stored with them: the next run's ``known_items``.
    ``rejected`` names each item that could not be stored ("row 12: ...").
    """

    records: list[NotificationRecord] = field(default_factory=list)
    not_modified: bool = False
    items: dict[str, str] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)


@dataclass
class FetchContext:
    """What a kind needs during one run: its config, the HTTP client, its state.

    ``lookup`` returns stored records by symbol, ``pending`` the symbols a
    run should enrich (newest first), and ``known_items`` the item digests
    stored by earlier runs (key -> digest); all are given by ingest so that
    kinds never open the database themselves.
    """

    config: SourceConfig
    client: HttpClient
    state: SourceState
    lookup: Callable[[list[str]], dict[str, NotificationRecord]] = lambda symbols: {}
    pending: Callable[[int], list[str]] = lambda limit: []
    known_items: Callable[[], dict[str, str]] = dict


class SourceKind(Protocol):
    """A way notifications arrive."""

    kind: ClassVar[str]

    def check_options(self, config: SourceConfig) -> None:
        """Raise ConfigError naming the source and the key when an option is wrong."""

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        """Fetch and parse, yielding pages of records."""
        ...


# ---------------------------------------------------------------- options


def option(
    config: SourceConfig, key: str, kind: type | tuple[type, ...], default: Any = None
) -> Any:
    """A kind-specific option of the right type, or ConfigError naming source and key."""
    value = config.options.get(key, default)
    if value is not None and not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"source {config.name!r}: options.{key} must be a {names}, not {value!r}")
    return value


def check_known_options(config: SourceConfig, known: Iterable[str]) -> None:
    """Reject option keys this kind does not know (a typo would be silently ignored)."""
    allowed = set(known) | {"note"}
    unknown = sorted(set(config.options) - allowed)
    if unknown:
        raise ConfigError(
            f"source {config.name!r}: unknown option(s) {', '.join(unknown)} for kind {config.kind}",
            hint=f"known options: {', '.join(sorted(allowed))}",
        )


def require_url(config: SourceConfig) -> None:
    if not config.url:
        raise ConfigError(f"source {config.name!r}: url is required for kind {config.kind}")


# ---------------------------------------------------------------- reading


def check_jurisdiction(config: SourceConfig) -> None:
    """Options shared by national-update kinds: a required jurisdiction, its name, a language."""
    if not option(config, "jurisdiction", str):
        raise ConfigError(f'source {config.name!r}: options.jurisdiction is required (e.g. "VNM")')
    option(config, "jurisdiction_name", str)
    option(config, "language", str)


def jurisdiction_args(config: SourceConfig) -> dict[str, str]:
    """The keyword arguments every national-update parser takes from its source's options."""
    return {
        "jurisdiction": str(config.options["jurisdiction"]).upper(),
        "source_name": config.name,
        "jurisdiction_name": str(config.options.get("jurisdiction_name", "")),
        "language": str(config.options.get("language", "")),
    }


def read_location(ctx: FetchContext, location: str, *, conditional: bool = True) -> Response:
    """Read an http(s) URL through the client, or a local file (``package:`` too)."""
    location = resolve_location(location)
    if location.startswith(("http://", "https://")):
        state = ctx.state
        return ctx.client.get(
            location,
            etag=state.etag if conditional else None,
            last_modified=state.last_modified if conditional else None,
        )
    path = Path(location.removeprefix("file://"))
    try:
        return Response(str(path), 200, path.read_bytes())
    except OSError as err:
        raise FetchError(
            f"{path}: cannot read the file ({err.strerror})",
            hint="check the source's url: a path on this server, or http(s)://",
        ) from None


def remember_validators(ctx: FetchContext, response: Response) -> None:
    """Keep ETag and Last-Modified for the next run's conditional request."""
    if response.etag:
        ctx.state.etag = response.etag
    if response.last_modified:
        ctx.state.last_modified = response.last_modified


# ---------------------------------------------------------------- text


def parse_html(data: bytes, url: str, charset: str | None = None) -> BeautifulSoup:
    """A page's tree (lxml); ParseError when the bytes cannot be read as HTML at all.

    NUL bytes are dropped first, as browsers do: lxml refuses them, in a
    declared charset name say.
    """
    try:
        return BeautifulSoup(data.replace(b"\0", b""), "lxml", from_encoding=charset)
    except (ValueError, LookupError, TypeError) as err:
        raise ParseError(f"{url}: not readable as HTML ({err})") from None


_TAGS = re.compile(r"<[a-zA-Z/!][^>]*>")
_BLOCK_TAGS = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?h\d)\b[^>]*>", re.I)
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def _plain_already(text: str) -> bool:
    """Whether ``text`` is clean as it is, as most cells of a bulk file are (C-speed checks)."""
    return (
        text.isascii()
        and text.isprintable()
        and "<" not in text
        and "&" not in text
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
    )


def clean_text(value: Any) -> str:
    """Plain text from a field that may hold HTML, entities, or odd spacing."""
    if value is None:
        return ""
    text = str(value)
    if _plain_already(text):
        return text
    if "<" in text:
        # fields hold small fragments (<p>, <br>, <b>): a regex is enough and far
        # faster than a parser; block tags become line breaks, others vanish
        text = _SCRIPTS.sub(" ", text)
        text = _BLOCK_TAGS.sub("\n", text)
        text = _TAGS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def one_line(value: Any) -> str:
    return " ".join(clean_text(value).split())


def as_list(value: Any, keys: tuple[str, ...] = ("name", "code", "text", "value")) -> list[str]:
    """Strings from a list of strings, a list of objects, or one string."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        picked = (
            next((item[k] for k in keys if item.get(k)), "") if isinstance(item, dict) else item
        )
        text = one_line(picked)
        if text and text not in out:
            out.append(text)
    return out


_HS = re.compile(r"(?<![\d.])(\d{2})(?:\.?(\d{2}))?(?:\.?(\d{2}))?(?:\.?(\d{2,4}))?(?![\d])")
_ICS = re.compile(r"(?<![\d.])(\d{2}(?:\.\d{3}(?:\.\d{2})?)?)(?![\d])")


def hs_codes(values: Iterable[str]) -> list[str]:
    """HS codes (digits only, 2 to 10 digits) found in codes or free text."""
    out: list[str] = []
    for value in values:
        for match in _HS.finditer(value):
            code = "".join(part for part in match.groups() if part)
            if code not in out:
                out.append(code)
    return out


def ics_codes(values: Iterable[str]) -> list[str]:
    """ICS codes (``67``, ``67.140``, ``67.140.20``) found in codes or free text."""
    out: list[str] = []
    for value in values:
        for code in _ICS.findall(value):
            if code not in out:
                out.append(code)
    return out


_ALL_PARTNERS = re.compile(r"^(?:all\b|any\b|none\b|not applicable|n/?a$|-$)", re.I)


def affected_countries(value: Any) -> list[str]:
    """Names of the countries a notification names as affected; [] for "All trading partners"."""
    return [name for name in as_list(value) if not _ALL_PARTNERS.match(name)]


def split_urls(value: Any) -> list[str]:
    """URLs from a field holding one or several, separated by commas, spaces or newlines."""
    found: list[str] = []
    for text in as_list(value, ("url", "link", "href", "name")):
        for url in re.findall(r"https?://[^\s,;]+", text):
            if url not in found:
                found.append(url)
    return found


# ---------------------------------------------------------------- dates

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "janvier", "enero", "jan"),
            ("february", "février", "fevrier", "febrero", "feb"),
            ("march", "mars", "marzo", "mar"),
            ("april", "avril", "abril", "apr"),
            ("may", "mai", "mayo"),
            ("june", "juin", "junio", "jun"),
            ("july", "juillet", "julio", "jul"),
            ("august", "août", "aout", "agosto", "aug"),
            ("september", "septembre", "septiembre", "sept", "sep"),
            ("october", "octobre", "octubre", "oct"),
            ("november", "novembre", "noviembre", "nov"),
            ("december", "décembre", "decembre", "diciembre", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_WORDS_DMY = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})"
)
_WORDS_MDY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAYS_AFTER = re.compile(r"(\d{1,3})\s+days?\s+(?:after|from|following)", re.I)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any, *, dayfirst: bool = True) -> date | None:
    """A date from ISO text, ``01/01/2026`` (day first), ``1 January 2026``; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if match := _ISO.search(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.search(text):
        a, b, year = int(match[1]), int(match[2]), int(match[3])
        day, month = (a, b) if dayfirst else (b, a)
        return _safe_date(year, month, day) or _safe_date(year, day, month)
    lowered = text.lower()
    if (match := _WORDS_DMY.search(lowered)) and match[2] in _MONTHS:
        return _safe_date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if (match := _WORDS_MDY.search(lowered)) and match[1] in _MONTHS:
        return _safe_date(int(match[3]), _MONTHS[match[1]], int(match[2]))
    return None


def date_or_text(value: Any, *, reference: date | None = None) -> tuple[date | None, str]:
    """A date when the text holds one (or "N days after ..." with a reference); the text otherwise.

    "To be determined" and "60 days after publication" (no reference) come
    back as ``(None, text)`` so the words are kept.
    """
    text = one_line(value)
    if not text:
        return None, ""
    found = parse_date(text)
    if found is not None:
        return found, ""
    days = _DAYS_AFTER.search(text)
    if days and reference is not None and re.search(r"notification|distribution", text, re.I):
        try:
            return reference + timedelta(days=int(days[1])), text
        except OverflowError:  # a distribution date near the year 9999
            return None, text
    return None, text
