"""The ``wto-document`` kind: enrich stored notifications from their WTO document page.

A notification document (docs.wto.org) lays out the form's items, "1.
Notifying Member" to "11. Texts available from" for TBT and to "13." for SPS.
Items are found by their labels, not their numbers or the page's markup, so
both forms and the Word-to-HTML tables WTO serves parse the same way. The
document fills what the ePing record lacks (agency, products with codes,
objective, relevant documents, dates); fields already stored are kept.

``url`` is a template: ``{symbol}`` (URL-quoted) or ``{filename}``
(``G/TBT/NUSA1436A2``, the Documents Online file name) is replaced per
notification. Options: ``limit`` (documents per run, default 20), ``symbols``
(fetch these instead of the stored notifications still lacking a document).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar
from urllib.parse import quote

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, FetchError, HttpStatusError, ParseError
from tbtalert.models import NotificationRecord
from tbtalert.sources.base import (
    FetchContext,
    Page,
    check_known_options,
    date_or_text,
    hs_codes,
    ics_codes,
    one_line,
    option,
    parse_date,
    split_urls,
)
from tbtalert.symbols import find_symbols, parse_symbol

LABELS = {
    "member": r"Notifying Member|Member to (?:the )?Agreement notifying",
    "agency": r"Agency responsible",
    "article": r"Notified under Article",
    "products": r"Products covered",
    "regions": r"Regions or countries likely to be affected",
    "title": r"Title(?:, number of pages and language\(s\))?(?: of the notified document)?",
    "description": r"Description of content",
    "objective": r"Objective and rationale",
    "standard": r"Is there a relevant international standard",
    "documents": r"(?:Other )?relevant documents",
    "adoption": r"Proposed date of (?:adoption|publication)",
    "in_force": r"Proposed date of entry into force",
    "deadline": r"Final date for comments",
    "texts": r"Texts? available from",
}
_ITEM = re.compile(
    r"^[ \t]*(?:\d{1,2}\.?[ \t]*)?(?:" + "|".join(f"(?P<{k}>{v})" for k, v in LABELS.items()) + ")",
    re.IGNORECASE | re.MULTILINE,
)
_PAGES = re.compile(
    r"(?:\(?\s*\d+\s+page\(?s?\)?|Language\(s\)\s*:|Number of pages\s*:).*$", re.I | re.DOTALL
)
_NEXT_NUMBER = re.compile(r"\n\s*\d{1,2}\.?\s*$")
_HS_AFTER = re.compile(r"\bHS\b[^:\d]{0,20}:?\s*((?:\d{2,4}(?:\.\d{2}){0,3}[\s,;/and]*)+)", re.I)
_ICS_AFTER = re.compile(
    r"\bICS\b[^:\d]{0,20}:?\s*((?:\d{2}(?:\.\d{3}){0,1}(?:\.\d{2})?[\s,;/and]*)+)", re.I
)
_DOTTED_HS = re.compile(r"(?<![\d.])\d{4}\.\d{2}(?:\.\d{2,4})?(?![\d.])")


def document_items(text: str) -> dict[str, str]:
    """The form's items by field name, each the text after its label's colon."""
    matches = list(_ITEM.finditer(text))
    items: dict[str, str] = {}
    for index, match in enumerate(matches):
        name = match.lastgroup or ""
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end]
        colon = body.find(":")
        if 0 <= colon <= 300 and name != "article":  # "Article 2.9.2 [X], ... other:"
            body = body[colon + 1 :]
        if name not in items:
            items[name] = one_line(_NEXT_NUMBER.sub("", body))
    return items


def _product_codes(products: str) -> tuple[list[str], list[str]]:
    hs = hs_codes(m for m in _HS_AFTER.findall(products))
    hs += [c for c in hs_codes(_DOTTED_HS.findall(products)) if c not in hs]
    ics = ics_codes(m for m in _ICS_AFTER.findall(products))
    return hs, ics


def _header_date(text: str) -> date | None:
    for line in text.splitlines()[:40]:
        if _ITEM.match(line):
            break
        found = parse_date(line)
        if found:
            return found
    return None


def parse_document(
    data: bytes, url: str, symbol: str | None = None, *, charset: str | None = None
) -> NotificationRecord:
    """A record from a notification document page; ParseError when no form items are found."""
    if data.lstrip()[:5] == b"%PDF-":
        raise ParseError(
            f"{url}: the answer is a PDF; this kind reads the HTML rendering of the document",
            hint="point the source's url template at an HTML copy of the notification",
        )
    from bs4 import BeautifulSoup  # imported when used: commands without this kind skip it

    soup = BeautifulSoup(data, "lxml", from_encoding=charset)
    for node in soup(["script", "style"]):
        node.decompose()
    text = "\n".join(one_line(line) for line in soup.get_text("\n").splitlines())
    text = re.sub(r"\n{2,}", "\n", text)
    items = document_items(text)
    if "member" not in items or len(items) < 3:
        raise ParseError(
            f"{url}: no notification form items ('1. Notifying Member' ... 'Texts available from') "
            "found: the page layout may have changed or this is not a notification document"
        )
    if symbol is None:
        found = find_symbols(text[:2000])
        if not found:
            raise ParseError(f"{url}: no notification symbol (G/TBT/N/... or G/SPS/N/...) found")
        symbol = found[0].text
    sym = parse_symbol(symbol)
    distributed = _header_date(text)
    hs, ics = _product_codes(items.get("products", ""))
    in_force, in_force_text = date_or_text(items.get("in_force"), reference=distributed)
    member_name = re.split(r"If applicable", items["member"], flags=re.I)[0].strip(" ,.;")
    return NotificationRecord(
        symbol=sym.text,
        base_symbol=sym.base,
        area=sym.area,
        member=sym.member,
        doc_type=sym.doc_type,
        member_name=member_name.title() if member_name.isupper() else member_name,
        agency=items.get("agency", ""),
        title=_PAGES.sub("", items.get("title", "")).strip(" ,;"),
        description=items.get("description", ""),
        products=items.get("products", ""),
        objectives=items.get("objective", ""),
        hs_codes=hs,
        ics_codes=ics,
        distribution_date=distributed,
        comment_deadline=date_or_text(items.get("deadline"), reference=distributed)[0],
        adoption_date=date_or_text(items.get("adoption"), reference=distributed)[0],
        entry_into_force=in_force,
        entry_into_force_text=in_force_text,
        notification_url=url,
        document_urls=split_urls(items.get("texts", "")),
        raw={"wto_document": {"url": url, "items": items}},
    )


def document_filename(symbol: str) -> str:
    """Documents Online file name: G/TBT/N/USA/1436/Rev.1/Add.2 -> G/TBT/NUSA1436R1A2."""
    sym = parse_symbol(symbol)
    letters = {"Add": "A", "Corr": "C", "Rev": "R", "Suppl": "S"}
    tail = "".join(f"{letters[name]}{n}" for name, n in sym.suffixes)
    return f"G/{sym.area}/N{sym.member}{sym.number}{tail}"


def merge_document(
    stored: NotificationRecord | None, doc: NotificationRecord
) -> NotificationRecord:
    """The stored record with its empty fields filled from the document."""
    if stored is None:
        return doc
    filled: dict[str, Any] = {}
    for item in dataclasses.fields(doc):
        if item.name in ("raw", "source_name", "symbol"):
            continue
        if getattr(stored, item.name) in (None, "", []) and getattr(doc, item.name) not in (
            None,
            "",
            [],
        ):
            filled[item.name] = getattr(doc, item.name)
    filled["raw"] = {**stored.raw, **doc.raw}
    return dataclasses.replace(stored, **filled)


class WtoDocumentKind:
    """Fetches the document page of notifications that lack one, and fills their gaps."""

    kind: ClassVar[str] = "wto-document"

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, ("limit", "symbols"))
        if "{symbol}" not in config.url and "{filename}" not in config.url:
            raise ConfigError(
                f"source {config.name!r}: url must hold {{symbol}} or {{filename}}",
                hint="e.g. https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/{filename}.pdf",
            )
        option(config, "limit", int)
        for symbol in option(config, "symbols", list, []):
            parse_symbol(str(symbol))

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        config = ctx.config
        limit = int(config.options.get("limit", 20))
        missing: dict[str, int] = dict(ctx.state.extra.get("missing", {}))
        wanted = [parse_symbol(str(s)).text for s in config.options.get("symbols", [])]
        targets = (
            wanted
            or [s for s in ctx.pending(limit + len(missing)) if missing.get(s, 0) < 3][:limit]
        )
        failures: list[FetchError | ParseError] = []
        for symbol in targets:
            url = config.url.replace("{symbol}", quote(symbol, safe="")).replace(
                "{filename}", document_filename(symbol)
            )
            try:
                response = ctx.client.get(url)
                doc = parse_document(
                    response.content, response.url, symbol, charset=response.charset
                )
            except (FetchError, ParseError) as err:
                # one missing or odd document is skipped (and retried on two more runs)
                missing[symbol] = missing.get(symbol, 0) + 1
                failures.append(err)
                continue
            doc.source_name = config.name
            stored = ctx.lookup([symbol]).get(symbol)
            missing.pop(symbol, None)
            yield Page([merge_document(stored, doc)])
        ctx.state.extra["missing"] = missing
        done = int(ctx.state.extra.get("enriched", 0)) + len(targets) - len(failures)
        ctx.state.extra["enriched"] = done
        not_yet_published = all(
            isinstance(e, HttpStatusError) and e.status == 404 for e in failures
        )
        if failures and len(failures) == len(targets) and not (done and not_yet_published):
            # every document failed: a wrong url template, or the site changed
            raise failures[-1]
