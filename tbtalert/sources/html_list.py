"""The ``html-list`` kind: a "newly published standards" page scraped with CSS selectors.

Officials configure, per site, where each field is; nothing is coded per site::

    [sources.options.selectors]
    item = "table.list tr.row"      # one match per standard or regulation (required)
    title = "td.name a"             # inside the item (required)
    link = "td.name a"              # its href is the identity (default: the title selector)
    date = "td.date"                # optional
    summary = "td.summary"          # optional
    code = "td.code"                # optional: TCVN/QCVN number: the identity, joined to the title

When ``item`` matches nothing the page layout has changed: the run fails with
a message naming the selector and URL, and stored records stay as they were.

Options: ``selectors`` (above), ``jurisdiction`` (required), ``jurisdiction_name``,
``language``, ``dayfirst`` (default true).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, ParseError, reason
from tbtalert.models import NotificationRecord
from tbtalert.sources.base import (
    FetchContext,
    Page,
    check_jurisdiction,
    check_known_options,
    clean_text,
    jurisdiction_args,
    one_line,
    option,
    parse_date,
    parse_html,
    read_location,
    remember_validators,
    require_url,
)
from tbtalert.sources.feed import default_language, national_symbol

if TYPE_CHECKING:
    from bs4.element import Tag

OPTIONS = ("selectors", "jurisdiction", "jurisdiction_name", "language", "dayfirst")
SELECTORS = ("item", "title", "link", "date", "summary", "code")


def _select_text(item: Tag, selector: str | None) -> str:
    if not selector:
        return ""
    found = item.select_one(selector)
    return one_line(found.get_text(" ")) if found is not None else ""


def parse_list(
    data: bytes,
    url: str,
    selectors: dict[str, str],
    *,
    jurisdiction: str,
    source_name: str = "",
    jurisdiction_name: str = "",
    language: str = "",
    charset: str | None = None,
    dayfirst: bool = True,
) -> list[NotificationRecord]:
    """Records from a list page; ParseError when the item or title selector finds nothing."""
    soup = parse_html(data, url, charset)
    items = soup.select(selectors["item"])
    if not items:
        raise ParseError(
            f"{url}: selector item = {selectors['item']!r} matched nothing; "
            "the page layout may have changed: check options.selectors"
        )
    records: list[NotificationRecord] = []
    for item in items:
        title = _select_text(item, selectors["title"])
        if not title:
            continue
        code = _select_text(item, selectors.get("code"))
        anchor = item.select_one(selectors.get("link") or selectors["title"])
        href = anchor.get("href") if anchor is not None else None
        link = urljoin(url, str(href)) if href else ""
        summary_node = item.select_one(selectors["summary"]) if selectors.get("summary") else None
        # the standard's number is its identity when there is one: a page URL
        # can change with a redesign, and one page may list several standards
        identity = " ".join(code.split()) or link or title
        records.append(
            NotificationRecord(
                symbol=national_symbol(jurisdiction, identity),
                area="NAT",
                member=jurisdiction,
                member_name=jurisdiction_name,
                doc_type="national",
                source_name=source_name,
                title=f"{code} {title}" if code and code not in title else title,
                description=clean_text(str(summary_node)) if summary_node is not None else "",
                language=language or default_language(jurisdiction),
                distribution_date=parse_date(
                    _select_text(item, selectors.get("date")), dayfirst=dayfirst
                ),
                notification_url=link,
                raw={"html": str(item)[:4000]},
            )
        )
    if not records:
        raise ParseError(
            f"{url}: selector title = {selectors['title']!r} matched nothing inside the "
            f"{len(items)} items; the page layout may have changed: check options.selectors"
        )
    return records


class HtmlListKind:
    """Scrapes a list page with configured CSS selectors."""

    kind: ClassVar[str] = "html-list"

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, OPTIONS)
        require_url(config)
        selectors: dict[str, Any] = option(config, "selectors", dict, {})
        for key in ("item", "title"):
            if not selectors.get(key):
                raise ConfigError(f"source {config.name!r}: options.selectors.{key} is required")
        for key, value in selectors.items():
            if key not in SELECTORS:
                raise ConfigError(
                    f"source {config.name!r}: options.selectors.{key} is not known",
                    hint=f"selectors: {', '.join(SELECTORS)}",
                )
            if not isinstance(value, str):
                raise ConfigError(f"source {config.name!r}: options.selectors.{key} must be text")
            try:
                from bs4 import BeautifulSoup

                BeautifulSoup("<p></p>", "html.parser").select(value)
            except Exception as err:  # soupsieve raises SelectorSyntaxError
                raise ConfigError(
                    f"source {config.name!r}: options.selectors.{key} = {value!r} is not a CSS selector ({reason(err)})"
                ) from None
        check_jurisdiction(config)
        option(config, "dayfirst", bool)

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        config = ctx.config
        response = read_location(ctx, config.url)
        if response.not_modified:
            yield Page(not_modified=True)
            return
        records = parse_list(
            response.content,
            response.url,
            dict(config.options["selectors"]),
            **jurisdiction_args(config),
            charset=response.charset,
            dayfirst=bool(config.options.get("dayfirst", True)),
        )
        remember_validators(ctx, response)
        yield Page(records)
