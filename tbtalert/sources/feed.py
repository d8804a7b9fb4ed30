"""The ``feed`` kind: RSS or Atom feeds of national standard updates (feedparser).

Each entry becomes a national-area record of the configured jurisdiction; its
identity is ``<jurisdiction>:<entry id, else link>``, so an updated entry
updates the stored record instead of adding another.

Options: ``jurisdiction`` (required: member code such as VNM, USA, GBR),
``jurisdiction_name``, ``language`` (default vi for VNM, en otherwise),
``lenient`` (accept a feed that is not well-formed XML; default false, so a
broken feed fails the run instead of losing entries silently).
"""

from __future__ import annotations

import hashlib
import xml.sax
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

import feedparser

from tbtalert.config import SourceConfig
from tbtalert.errors import ParseError
from tbtalert.models import NotificationRecord
from tbtalert.sources.base import (
    FetchContext,
    Page,
    check_jurisdiction,
    check_known_options,
    clean_text,
    ics_codes,
    jurisdiction_args,
    one_line,
    option,
    parse_date,
    read_location,
    remember_validators,
    require_url,
)

_ENTITY_MARKS = tuple("<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))
OPTIONS = ("jurisdiction", "jurisdiction_name", "language", "lenient")


def national_symbol(jurisdiction: str, identity: str) -> str:
    """The stored identity of a national update: short enough for the symbol column."""
    identity = identity.strip()
    if len(identity) > 400:
        identity = "sha256:" + hashlib.sha256(identity.encode("utf-8")).hexdigest()
    return f"{jurisdiction}:{identity}"


def default_language(jurisdiction: str) -> str:
    return "vi" if jurisdiction.upper() in ("VN", "VNM") else "en"


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return parse_date(entry.get("published") or entry.get("updated"))


def parse_feed(
    data: bytes,
    url: str,
    *,
    jurisdiction: str,
    source_name: str = "",
    jurisdiction_name: str = "",
    language: str = "",
    content_type: str = "",
    lenient: bool = False,
) -> list[NotificationRecord]:
    """Records from an RSS/Atom document; ParseError when it is not a readable feed.

    A feed that declares XML entities is refused: expanding them is how a
    kilobyte of XML becomes a title of megabytes ("billion laughs").
    """
    if any(mark in data for mark in _ENTITY_MARKS):
        raise ParseError(
            f"{url}: the feed declares XML entities (<!ENTITY>); refused, "
            "as entity expansion can make a small feed huge",
            hint="ask the site for a plain RSS or Atom feed",
        )
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(problem, xml.sax.SAXException) and not lenient:
        raise ParseError(f"{url}: the feed is not well-formed XML ({problem})")
    if not parsed.get("version") and not parsed.entries:
        raise ParseError(f"{url}: not an RSS or Atom feed")
    records = []
    for entry in parsed.entries:
        identity = entry.get("id") or entry.get("link") or entry.get("title")
        if not identity:
            continue
        summary = entry.get("summary") or ""
        if entry.get("content"):
            summary = entry["content"][0].get("value") or summary
        tags = [one_line(t.get("term")) for t in entry.get("tags", []) if t.get("term")]
        records.append(
            NotificationRecord(
                symbol=national_symbol(jurisdiction, str(identity)),
                area="NAT",
                member=jurisdiction,
                member_name=jurisdiction_name,
                doc_type="national",
                source_name=source_name,
                title=one_line(entry.get("title")),
                description=clean_text(summary),
                keywords=tags,
                ics_codes=ics_codes(tags),
                language=language or default_language(jurisdiction),
                distribution_date=_entry_date(entry),
                notification_url=str(entry.get("link") or ""),
                raw={k: str(v) for k, v in entry.items() if isinstance(v, str)},
            )
        )
    return records


class FeedKind:
    """Reads an RSS or Atom feed, conditionally (ETag / Last-Modified)."""

    kind: ClassVar[str] = "feed"

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, OPTIONS)
        require_url(config)
        check_jurisdiction(config)
        option(config, "lenient", bool)

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        config = ctx.config
        response = read_location(ctx, config.url)
        if response.not_modified:
            yield Page(not_modified=True)
            return
        records = parse_feed(
            response.content,
            response.url,
            **jurisdiction_args(config),
            content_type=response.content_type,
            lenient=bool(config.options.get("lenient", False)),
        )
        remember_validators(ctx, response)
        yield Page(records)
