"""The ``wto-document`` kind: enrich stored notifications from their WTO document page.

A notification document (docs.wto.org) lays out the form's items, "1.
Notifying Member" to "11. Texts available from" for TBT and to "13." for SPS.
Items are found by their labels, not their numbers or the page's markup, so
both forms and the Word-to-HTML tables WTO serves parse the same way. The
document fills what the ePing record lacks (agency, products with codes,
objective, relevant documents, dates); fields already stored are kept.

The WTO serves documents as Word files (.docx, read with python-docx) or
PDF (refused with a message saying so); an HTML rendering reads too. An
addendum has no numbered form but a "Reason for Addendum" checklist
(:mod:`tbtalert.sources.addendum`): its ticked reasons, dates and addresses
are read, and an addendum that says nothing readable is skipped without
failing the run.

``url`` is a template: ``{symbol}`` (URL-quoted) or ``{filename}`` (the
Documents Online file name: ``G/TBTN26/IDN188`` for a TBT notification
distributed in 2026, whose names carry the year; ``G/SPS/NVNM186`` for SPS)
is replaced per notification. Options: ``limit`` (documents per run, default
20), ``symbols`` (fetch these instead of the stored notifications not yet
read).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar
from urllib.parse import quote

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, FetchError, HttpStatusError, ParseError
from tbtalert.models import NotificationRecord
from tbtalert.sources.addendum import Addendum, parse_addendum
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
    parse_html,
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


def _docx_text(data: bytes, url: str) -> str:
    """The text of a Word document: paragraphs and table cells in reading order."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several kinds for a damaged file
        raise ParseError(f"{url}: not a readable Word document ({err})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(c.text for c in row.cells))  # merged cells repeat
                lines.extend(cells)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _html_text(data: bytes, url: str, charset: str | None) -> str:
    soup = parse_html(data, url, charset)
    for node in soup(["script", "style"]):
        node.decompose()
    return soup.get_text("\n")


def document_text(data: bytes, url: str, *, charset: str | None = None) -> str:
    """The text of a document as the WTO serves it: .docx or HTML; ParseError for a PDF."""
    if data.lstrip()[:5] == b"%PDF-":
        raise ParseError(
            f"{url}: the answer is a PDF; this kind reads the Word (.docx) or HTML document",
            hint="point the source's url template at the .docx (e.g. ...{filename}.docx)",
        )
    raw = _docx_text(data, url) if data[:4] == b"PK\x03\x04" else _html_text(data, url, charset)
    text = "\n".join(one_line(line) for line in raw.splitlines())
    return re.sub(r"\n{2,}", "\n", text)


def _identity(symbol: str) -> dict[str, Any]:
    """A record's symbol fields: the symbol, its base, area, member and document type."""
    sym = parse_symbol(symbol)
    return {
        "symbol": sym.text,
        "base_symbol": sym.base,
        "area": sym.area,
        "member": sym.member,
        "doc_type": sym.doc_type,
    }


def _symbol_in(text: str, url: str, symbol: str | None) -> str:
    if symbol is not None:
        return symbol
    found = find_symbols(text[:2000])
    if not found:
        raise ParseError(f"{url}: no notification symbol (G/TBT/N/... or G/SPS/N/...) found")
    return found[0].text


def parse_document(
    data: bytes, url: str, symbol: str | None = None, *, charset: str | None = None
) -> NotificationRecord:
    """A record from a notification document; ParseError when neither form nor checklist is found."""
    text = document_text(data, url, charset=charset)
    items = document_items(text)
    if "member" not in items or len(items) < 3:
        addendum = parse_addendum(text)
        if addendum is not None:
            return addendum_record(addendum, text, url, _symbol_in(text, url, symbol))
        raise ParseError(
            f"{url}: no notification form items ('1. Notifying Member' ... 'Texts available from') "
            "found: the page layout may have changed or this is not a notification document"
        )
    distributed = _header_date(text)
    hs, ics = _product_codes(items.get("products", ""))
    in_force, in_force_text = date_or_text(items.get("in_force"), reference=distributed)
    member_name = re.split(r"If applicable", items["member"], flags=re.I)[0].strip(" ,.;")
    return NotificationRecord(
        **_identity(_symbol_in(text, url, symbol)),
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


def addendum_record(addendum: Addendum, text: str, url: str, symbol: str) -> NotificationRecord:
    """A record from an addendum's checklist: its dates, addresses and reasons."""
    return NotificationRecord(
        **_identity(symbol),
        title=addendum.title,
        description=addendum.description or addendum.summary(),
        distribution_date=_header_date(text),
        comment_deadline=addendum.dates.get("deadline"),
        adoption_date=addendum.dates.get("adoption"),
        entry_into_force=addendum.dates.get("in_force"),
        document_urls=addendum.urls,
        raw={"wto_document": {"url": url, "addendum_reasons": addendum.reasons}},
    )


def document_filename(symbol: str, distributed: date | None = None) -> str:
    """Documents Online file name: G/TBT/N/IDN/188 of 2026 -> G/TBTN26/IDN188.

    TBT names carry the two-digit year of distribution (``G/TBTN26/KOR1345A1``
    for G/TBT/N/KOR/1345/Add.1), so a TBT symbol needs its distribution date;
    SPS names do not (``G/SPS/NVNM186``). Suffixes become letters: Add.2 ->
    A2, Corr.1 -> C1, Rev.1 -> R1.
    """
    sym = parse_symbol(symbol)
    letters = {"Add": "A", "Corr": "C", "Rev": "R", "Suppl": "S"}
    tail = "".join(f"{letters[name]}{n}" for name, n in sym.suffixes)
    if sym.area == "SPS":
        return f"G/SPS/N{sym.member}{sym.number}{tail}"
    if distributed is None:
        raise ParseError(
            f"{sym.text}: its document name needs the year of distribution, which is not known",
            hint="the notification's distribution date comes from ePing or an export file",
        )
    return f"G/TBTN{distributed.year % 100:02d}/{sym.member}{sym.number}{tail}"


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
    """Fetches the document of notifications not read yet, and fills their gaps."""

    kind: ClassVar[str] = "wto-document"

    @staticmethod
    def _url(template: str, symbol: str, stored: NotificationRecord | None) -> str:
        url = template.replace("{symbol}", quote(symbol, safe=""))
        if "{filename}" in url:
            distributed = stored.distribution_date if stored is not None else None
            url = url.replace("{filename}", document_filename(symbol, distributed))
        return url

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, ("limit", "symbols"))
        if "{symbol}" not in config.url and "{filename}" not in config.url:
            raise ConfigError(
                f"source {config.name!r}: url must hold {{symbol}} or {{filename}}",
                hint="e.g. https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/T/{filename}.docx",
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
        skipped = 0
        stored = ctx.lookup(targets)
        for symbol in targets:
            known = stored.get(symbol)
            try:
                response = ctx.client.get(self._url(config.url, symbol, known))
                doc = parse_document(
                    response.content, response.url, symbol, charset=response.charset
                )
            except ParseError as err:
                if parse_symbol(symbol).is_follow_up and "no notification form" in err.message:
                    # an addendum without a readable checklist: nothing to add, not a failure
                    missing.pop(symbol, None)
                    skipped += 1
                    yield Page(items={symbol: "unreadable"})
                    continue
                missing[symbol] = missing.get(symbol, 0) + 1
                failures.append(err)
                continue
            except FetchError as err:
                # one missing or odd document is skipped (and retried on two more runs)
                missing[symbol] = missing.get(symbol, 0) + 1
                failures.append(err)
                continue
            doc.source_name = config.name
            missing.pop(symbol, None)
            yield Page([merge_document(known, doc)], items={symbol: doc.content_hash()[:16]})
        ctx.state.extra["missing"] = missing
        done = int(ctx.state.extra.get("enriched", 0)) + len(targets) - len(failures)
        ctx.state.extra["enriched"] = done
        not_yet_published = all(
            isinstance(e, HttpStatusError) and e.status == 404 for e in failures
        )
        tried = len(targets) - skipped
        if failures and len(failures) == tried and not (done and not_yet_published):
            # every document failed: a wrong url template, or the site changed
            raise failures[-1]
