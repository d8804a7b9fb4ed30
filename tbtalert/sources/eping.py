"""The ``eping`` kind: WTO ePing's JSON search, keyed API or the site's own endpoint.

Both shapes answer ``{"items": [...], "totalCount": N}`` to ``page``,
``pageSize``, ``language=1``, ``domainIds`` (1 TBT, 2 SPS), sorted by
distribution date, newest first. Field names vary between the two and over
time, so every field is read through a list of aliases, lists may hold strings
or objects, and a ``documentSymbol`` naming several symbols (one measure
notified by several members) gives one record per symbol.

Paging stops at the last page by ``totalCount``, and also (for shapes
without it) at a page that brings fewer items than asked or no symbol this
run has not seen yet, so a server that ignores ``page`` is not paged forever.

Options: ``api_key`` (sent as ``Ocp-Apim-Subscription-Key``), ``areas``
(["TBT", "SPS"]), ``members`` (member codes kept, e.g. ["USA", "EU"]),
``page_size`` (default 100), ``max_pages``, ``overlap_days`` (default 14: how
far before the last run's newest record an incremental run keeps paging),
``params`` (extra query parameters), and the request filters real clients
send (:data:`FILTERS`): ``country_ids`` (["C840"]), ``hs_codes``
(["0901"]), ``distribution_date_from`` / ``distribution_date_to``
("2026-01-01"), ``specific_countries_to_be_affected`` (["C704"]: those naming
Viet Nam).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, ParseError, SymbolError
from tbtalert.models import NotificationRecord
from tbtalert.sources.base import (
    FetchContext,
    Page,
    affected_countries,
    as_list,
    check_known_options,
    clean_text,
    date_or_text,
    hs_codes,
    ics_codes,
    one_line,
    option,
    parse_date,
    require_url,
    split_urls,
)
from tbtalert.symbols import Symbol, find_symbols

DOMAIN_IDS = {"TBT": 1, "SPS": 2}
# option -> query parameter of ePing's search
FILTERS = {
    "country_ids": "countryIds",
    "hs_codes": "hsCodes",
    "distribution_date_from": "distributionDateFrom",
    "distribution_date_to": "distributionDateTo",
    "specific_countries_to_be_affected": "specificCountriesToBeAffected",
}
OPTIONS = (
    "api_key",
    "areas",
    "members",
    "page_size",
    "max_pages",
    "overlap_days",
    "params",
    *FILTERS,
)
DOCUMENTS_ONLINE_FILE = "https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/"

ALIASES: dict[str, tuple[str, ...]] = {
    "symbol": ("documentSymbol", "symbol", "notificationSymbol", "documentSymbols"),
    "area": ("area", "domain", "domainName", "domainId"),
    "member": ("notifyingMember", "notifyingMembers", "member", "memberName", "country"),
    "title": ("titlePlain", "title"),
    "description": ("descriptionPlain", "description", "descriptionOfContent"),
    "products": ("productsFreeTextPlain", "productsFreeText", "products"),
    "hs": ("hsCodes", "hsCode", "hs"),
    "hs_text": ("hsCodeText", "hsCodesText"),
    "ics": ("icsCodes", "icsCode", "ics"),
    "ics_text": ("icsCodeText", "icsCodesText"),
    "keywords": ("spsKeywords", "keywords", "keyword"),
    "objectives": ("objectives", "objectivesText", "objective", "objectivesPlain"),
    "objectives_text": ("objectivesFreeText", "objectivesFreeTextPlain"),
    "distributed": ("distributionDate", "dateDistribution", "notificationDate"),
    "deadline": ("commentDeadlineDate", "commentDeadline", "finalDateForComments"),
    "adoption": ("proposedAdoptionDate", "adoptionDate", "proposedAdoptionDateText"),
    "in_force": (
        "proposedEntryIntoForceDate",
        "entryIntoForceDate",
        "entryIntoForce",
        "proposedEntryIntoForceDateText",
    ),
    "countries": ("countriesAffected", "regionsOrCountriesAffected"),
    "link": ("linkToNotification", "notificationLink", "link"),
    "dol": ("dolLink",),
    "documents": (
        "notifiedDocumentLink",
        "notifiedDocumentLinks",
        "fullTextLinks",
        "documentLinks",
    ),
    "agency": ("agencyResponsible", "agency"),
    "language": ("languageCode", "language"),
}


@dataclass
class EpingPage:
    """One parsed page: its records, the envelope's total, and the item count."""

    records: list[NotificationRecord] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    total: int | None = None
    items: int = 0
    oldest: date | None = None
    newest: date | None = None


def _field(item: dict[str, Any], name: str) -> Any:
    """The first non-empty value among the aliases of ``name`` (``item`` has lowercased keys)."""
    for alias in ALIASES[name]:
        value = item.get(alias.lower())
        if value not in (None, "", []):
            return value
    return None


def _envelope(data: Any, url: str) -> tuple[list[Any], int | None]:
    if isinstance(data, list):
        return data, None
    if not isinstance(data, dict):
        raise ParseError(f"{url}: expected a JSON object with 'items', got {type(data).__name__}")
    lowered = {k.lower(): v for k, v in data.items()}
    for key in ("items", "results", "value", "data", "notifications"):
        items = lowered.get(key)
        if isinstance(items, list):
            total = lowered.get("totalcount", lowered.get("total", lowered.get("count")))
            return items, int(total) if isinstance(total, int | float | str) and str(
                total
            ).isdigit() else None
    raise ParseError(
        f"{url}: no 'items' list in the JSON answer (keys: {', '.join(list(data)[:8])})"
    )


def _area(item: dict[str, Any], symbol: Symbol) -> str:
    value = _field(item, "area")
    if value in (1, "1"):
        return "TBT"
    if value in (2, "2"):
        return "SPS"
    text = one_line(value).upper()
    return text if text in DOMAIN_IDS else symbol.area


def _member_name(value: Any) -> str:
    return ", ".join(as_list(value, ("name", "memberName", "text", "code")))


def dol_url(value: Any) -> str:
    """A Documents Online address from a ``dolLink``: a URL as it is, else a file path.

    Real answers hold a path with backslashes (``G\\TBT\\N\\USA1436.pdf``),
    which Documents Online serves through its ``directdoc`` page.
    """
    text = one_line(value)
    if not text or text.lower().startswith(("http://", "https://")):
        return text
    path = re.sub(r"^[a-z]:", "", text.replace("\\", "/"), flags=re.I).lstrip("/")
    return DOCUMENTS_ONLINE_FILE + path if path else ""


def _objectives(item: dict[str, Any]) -> str:
    names = as_list(_field(item, "objectives"))
    names += [t for t in as_list(_field(item, "objectives_text")) if t not in names]
    return "; ".join(names)


def _countries(item: dict[str, Any]) -> list[str]:
    if item.get("alltradingpartners") in (True, "true", "True", 1):
        return []
    return affected_countries(_field(item, "countries"))


def parse_item(item: dict[str, Any], source_name: str = "") -> list[NotificationRecord]:
    """Records from one ePing item: one per symbol it names (none when it names none)."""
    raw = item
    item = {str(k).lower(): v for k, v in item.items()}
    raw_symbol = _field(item, "symbol")
    symbols = find_symbols(" , ".join(as_list(raw_symbol, ("symbol", "name", "text"))))
    if not symbols:
        return []
    distributed = parse_date(_field(item, "distributed"))
    in_force, in_force_text = date_or_text(_field(item, "in_force"), reference=distributed)
    deadline, _ = date_or_text(_field(item, "deadline"), reference=distributed)
    hs = hs_codes(
        as_list(_field(item, "hs"), ("code", "id", "name")) + as_list(_field(item, "hs_text"))
    )
    ics = ics_codes(
        as_list(_field(item, "ics"), ("code", "id", "name")) + as_list(_field(item, "ics_text"))
    )
    link = split_urls(_field(item, "link")) or [dol_url(_field(item, "dol"))]
    common: dict[str, Any] = {
        "member_name": _member_name(_field(item, "member")),
        "title": clean_text(_field(item, "title")),
        "description": clean_text(_field(item, "description")),
        "products": clean_text(_field(item, "products")),
        "objectives": _objectives(item),
        "keywords": as_list(_field(item, "keywords")),
        "agency": clean_text(_field(item, "agency")),
        "hs_codes": hs,
        "ics_codes": ics,
        "distribution_date": distributed,
        "comment_deadline": deadline,
        "adoption_date": date_or_text(_field(item, "adoption"), reference=distributed)[0],
        "entry_into_force": in_force,
        "entry_into_force_text": in_force_text,
        "notification_url": link[0] if link else "",
        "document_urls": split_urls(_field(item, "documents")),
        "countries_affected": _countries(item),
    }
    language = one_line(_field(item, "language")).lower()
    return [
        NotificationRecord(
            symbol=sym.text,
            base_symbol=sym.base,
            area=_area(item, sym),
            member=sym.member,
            doc_type=sym.doc_type,
            source_name=source_name,
            language=language if language in ("en", "fr", "es") else "en",
            raw=raw,
            **common,
        )
        for sym in symbols
    ]


def parse_page(data: bytes, url: str, source_name: str = "") -> EpingPage:
    """Parse one JSON page of the ePing search; ParseError names the URL when it is not one."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ParseError(f"{url}: the answer is not complete JSON ({err})") from None
    except RecursionError:
        raise ParseError(f"{url}: the JSON answer is nested too deeply") from None
    items, total = _envelope(payload, url)
    page = EpingPage(total=total, items=len(items))
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            page.rejected.append(f"item {number}: not an object")
            continue
        try:
            records = parse_item(item, source_name)
        except SymbolError:
            records = []
        if not records:
            page.rejected.append(f"item {number} (id {str(item.get('id'))[:40]}): no WTO symbol")
        page.records.extend(records)
    if items and not page.records:
        raise ParseError(f"{url}: no item on the page has a notification symbol (documentSymbol)")
    dates = [r.distribution_date for r in page.records if r.distribution_date]
    page.oldest = min(dates, default=None)
    page.newest = max(dates, default=None)
    return page


class EpingKind:
    """Pages through the ePing search, incrementally after the first run."""

    kind: ClassVar[str] = "eping"

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, OPTIONS)
        require_url(config)
        option(config, "api_key", str)
        for area in option(config, "areas", list, []):
            if str(area).upper() not in DOMAIN_IDS:
                raise ConfigError(
                    f"source {config.name!r}: options.areas holds {area!r}; use TBT and/or SPS"
                )
        option(config, "members", list)
        size = option(config, "page_size", int, 100)
        if not 1 <= size <= 500:
            raise ConfigError(f"source {config.name!r}: options.page_size must be 1 to 500")
        option(config, "max_pages", int)
        option(config, "overlap_days", int)
        option(config, "params", dict)
        for key in ("country_ids", "hs_codes", "specific_countries_to_be_affected"):
            option(config, key, (list, str))
        for key in ("distribution_date_from", "distribution_date_to"):
            value = option(config, key, str)
            if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ConfigError(
                    f"source {config.name!r}: options.{key} must be a date like 2026-01-31"
                )

    def _request(self, config: SourceConfig) -> tuple[dict[str, Any], dict[str, str]]:
        params: dict[str, Any] = {
            "language": 1,
            "sortBy": "distributionDate",
            "sortDirection": "desc",
        }
        areas = [str(a).upper() for a in config.options.get("areas", [])]
        if areas:
            params["domainIds"] = [DOMAIN_IDS[a] for a in areas]
        for key, name in FILTERS.items():
            if config.options.get(key):
                params[name] = config.options[key]
        params.update(config.options.get("params", {}))
        headers = {"Accept": "application/json"}
        if config.options.get("api_key"):
            headers["Ocp-Apim-Subscription-Key"] = config.options["api_key"]
        return params, headers

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        config = ctx.config
        params, headers = self._request(config)
        size = int(config.options.get("page_size", 100))
        max_pages = config.options.get("max_pages")
        members = {str(m).upper() for m in config.options.get("members", [])}
        overlap = timedelta(days=int(config.options.get("overlap_days", 14)))
        cursor = parse_date(ctx.state.cursor)
        stop_before = cursor - overlap if cursor else None
        newest = cursor
        seen: set[str] = set()
        number = 1
        while True:
            first = number == 1
            response = ctx.client.get(
                config.url,
                params={**params, "page": number, "pageSize": size},
                headers=headers,
                etag=ctx.state.etag if first else None,
                last_modified=ctx.state.last_modified if first else None,
            )
            if response.not_modified:
                yield Page(not_modified=True)
                return
            if first:
                ctx.state.etag = response.etag
                ctx.state.last_modified = response.last_modified
            page = parse_page(response.content, response.url, config.name)
            records = [r for r in page.records if not members or r.member in members]
            yield Page(records, rejected=page.rejected)
            if page.newest and (newest is None or page.newest > newest):
                newest = page.newest
                ctx.state.cursor = newest.isoformat()
            fresh = {r.symbol for r in page.records} - seen
            seen |= fresh
            if page.items < size or not fresh:
                return  # the last page, or a server that answers every page alike
            if page.total is not None and number * size >= page.total:
                return
            if stop_before and page.oldest and page.oldest < stop_before:
                return
            if max_pages and number >= max_pages:
                return
            number += 1
