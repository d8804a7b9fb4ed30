"""Views: a notification as one reader sees it, and items grouped for reading.

Items are grouped by sector (taxonomy order) then market; inside a market,
items open for comment come first (soonest final date first), then the rest
(newest first). Follow-ups (addenda, corrigenda, revisions) are marked as
updates to their base notification. A view is what the templates get as
``item``: a new thing to show in every mail is a new field here, filled in
:func:`make_item`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tbtalert.members import member_name, names_member
from tbtalert.models import Notification
from tbtalert.symbols import notification_link


@dataclass
class SectorReason:
    """One of the reader's sectors on an item, and why it matched."""

    sector_id: str
    name: str
    reason: str


@dataclass
class ItemView:
    """One notification as a reader sees it."""

    symbol: str
    area: str
    member: str
    member_display: str
    title: str
    products: str
    description: str
    sectors: list[SectorReason]
    distribution_date: date | None
    comment_deadline: date | None
    days_left: int | None
    entry_into_force: date | None
    entry_into_force_text: str
    notification_url: str
    document_urls: list[str]
    is_update: bool
    doc_type: str
    base_symbol: str
    names_country: bool = False  # names settings.affected_country as specifically affected

    @property
    def is_open(self) -> bool:
        return self.days_left is not None and self.days_left >= 0


@dataclass
class MarketGroup:
    member: str
    name: str
    items: list[ItemView] = field(default_factory=list)


@dataclass
class SectorGroup:
    sector_id: str
    name: str
    markets: list[MarketGroup] = field(default_factory=list)


def _is_web(url: str) -> bool:
    """Only http(s) links go into mail: a scraped ``javascript:`` URL never does."""
    return url.lower().startswith(("http://", "https://"))


def make_item(
    note: Notification,
    reasons: list[SectorReason],
    *,
    language: str,
    today: date,
    country: str = "",
) -> ItemView:
    """The reader's view of a notification; ``reasons`` are the reader's matching sectors.

    ``country`` is the member code of the readers' own country (affected_country).
    """
    days_left = (note.comment_deadline - today).days if note.comment_deadline else None
    return ItemView(
        symbol=note.symbol,
        area=note.area,
        member=note.member,
        member_display=member_name(note.member, language, note.member_name),
        title=note.title,
        products=note.products,
        description=note.description,
        sectors=reasons,
        distribution_date=note.distribution_date,
        comment_deadline=note.comment_deadline,
        days_left=days_left,
        entry_into_force=note.entry_into_force,
        entry_into_force_text=note.entry_into_force_text,
        notification_url=notification_link(note.symbol, note.notification_url),
        document_urls=[u for u in note.document_urls if _is_web(u)],
        is_update=note.doc_type not in ("regular", "national"),
        doc_type=note.doc_type,
        base_symbol=note.base_symbol if note.base_symbol != note.symbol else "",
        names_country=names_member(note.countries_affected or [], country),
    )


def _item_order(item: ItemView) -> tuple[int, int, str]:
    if item.is_open and item.days_left is not None:
        return (0, item.days_left, item.symbol)
    distributed = item.distribution_date.toordinal() if item.distribution_date else 0
    return (1, -distributed, item.symbol)


def _country_first_order(item: ItemView) -> tuple[int, int, int, str]:
    return (0 if item.names_country else 1, *_item_order(item))


def group_items(
    items: list[ItemView], sector_order: list[str], *, affected_first: bool = False
) -> list[SectorGroup]:
    """Group by the item's first sector (taxonomy order), then market, ordered for reading.

    With ``affected_first`` the items that name the reader's country come
    first in their market, and such markets first in their sector.
    """
    order: Callable[[ItemView], tuple[Any, ...]] = (
        _country_first_order if affected_first else _item_order
    )
    rank = {sid: i for i, sid in enumerate(sector_order)}
    groups: dict[str, SectorGroup] = {}
    for item in items:
        first = min(item.sectors, key=lambda s: rank.get(s.sector_id, len(rank)))
        group = groups.setdefault(first.sector_id, SectorGroup(first.sector_id, first.name))
        market = next((m for m in group.markets if m.member == item.member), None)
        if market is None:
            market = MarketGroup(item.member, item.member_display)
            group.markets.append(market)
        market.items.append(item)
    ordered = sorted(groups.values(), key=lambda g: rank.get(g.sector_id, len(rank)))
    for group in ordered:
        for market in group.markets:
            market.items.sort(key=order)
        group.markets.sort(key=lambda m: (min(order(i) for i in m.items), m.name))
    return ordered
