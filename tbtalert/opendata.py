"""Open data: the public record of stored notifications, filtered and paged.

This module decides what anyone on the internet may read about a
notification: what was notified, its sectors with the reasons, its
follow-ups. Nothing about subscribers or officials leaves it: a tag an
official chose gives a fixed reason instead of the official's words or name,
an inherited tag names the notification it came from, e-mail addresses in
notified text are masked and only http(s) links are given.

Pages are keyset-paged on the notification id, newest first: a page never
repeats or skips an item however many notifications arrive during a pull.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, Text, cast, func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tbtalert.members import member_name
from tbtalert.models import Notification, Sector, Tag

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_MASK = "[e-mail]"
OFFICIAL_REASON = "chosen by the enquiry point / do cán bộ điểm hỏi đáp chọn"
CHUNK = 1000


def local_today(timezone: str) -> date:
    """Today's date where the enquiry point is (``settings.timezone``)."""
    return datetime.now(ZoneInfo(timezone)).date()


def mask(text: str) -> str:
    """``text`` with every e-mail address replaced by ``[e-mail]``."""
    return EMAIL.sub(EMAIL_MASK, text) if "@" in text else text


def public_link(url: str) -> bool:
    """Only plain http(s) links are published (no ``javascript:``, ``data:`` or user@host)."""
    return url.lower().startswith(("http://", "https://")) and "@" not in url


def api_path(symbol: str) -> str:
    """The path of one notification in the API; slashes in the symbol stay slashes."""
    return "/api/notifications/" + quote(symbol, safe="/:")


class Member(BaseModel):
    """The WTO member (or jurisdiction) that notified."""

    code: str = Field(examples=["EU"])
    name: str = Field(description="English name.", examples=["European Union"])
    name_vi: str = Field(description="Vietnamese name.", examples=["Liên minh châu Âu"])


class SectorTag(BaseModel):
    """A product sector the notification touches, and why."""

    id: str = Field(examples=["coffee"])
    name_vi: str = Field(examples=["Cà phê"])
    name_en: str = Field(examples=["Coffee"])
    origin: str = Field(
        description="auto (the rules), inherited (from the base notification) or official.",
        examples=["auto"],
    )
    reason: str = Field(examples=["HS 090111 under 0901"])


class Links(BaseModel):
    """Where to read more."""

    self: str = Field(description="This item in the API.")
    notification: str | None = Field(
        description="The notification on the WTO or national site, when known."
    )
    documents: list[str] = Field(description="Full texts, when known.")


class PublicNotification(BaseModel):
    """A notification (WTO TBT/SPS) or national standard update, as published."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "symbol": "G/TBT/N/EU/9101",
                    "area": "TBT",
                    "doc_type": "regular",
                    "member": {
                        "code": "EU",
                        "name": "European Union",
                        "name_vi": "Liên minh châu Âu",
                    },
                    "title": "Draft Commission Regulation on deforestation-free supply chains",
                    "description": "The draft lays down the due diligence statement...",
                    "products": "Coffee, not roasted; natural rubber",
                    "objectives": "Protection of the environment",
                    "hs_codes": ["090111", "400121"],
                    "ics_codes": [],
                    "keywords": [],
                    "language": "en",
                    "distribution_date": "2026-11-17",
                    "comment_deadline": "2027-01-16",
                    "adoption_date": None,
                    "entry_into_force": None,
                    "entry_into_force_text": "",
                    "base_symbol": None,
                    "follow_ups": ["G/TBT/N/EU/9101/Add.1"],
                    "sectors": [
                        {
                            "id": "coffee",
                            "name_vi": "Cà phê",
                            "name_en": "Coffee",
                            "origin": "auto",
                            "reason": "HS 090111 under 0901",
                        }
                    ],
                    "links": {
                        "self": "https://tbt.example.gov.vn/api/notifications/G/TBT/N/EU/9101",
                        "notification": "https://eping.wto.org/en/Search?viewData=G/TBT/N/EU/9101",
                        "documents": [],
                    },
                    "first_seen_at": "2026-11-18T02:00:00Z",
                    "updated_at": "2026-11-18T02:00:00Z",
                }
            ]
        }
    )

    symbol: str = Field(description="WTO symbol, or <jurisdiction>:<id> for a national update.")
    area: str = Field(description="TBT, SPS or NAT (national standard update).")
    doc_type: str = Field(
        description="regular, addendum, corrigendum, revision or national.",
    )
    member: Member
    title: str
    description: str
    products: str
    objectives: str
    hs_codes: list[str]
    ics_codes: list[str]
    keywords: list[str]
    language: str = Field(description="Language of the notified text (en, fr, es, vi).")
    distribution_date: date | None
    comment_deadline: date | None = Field(description="Last day for comments.")
    adoption_date: date | None
    entry_into_force: date | None
    entry_into_force_text: str = Field(description="Entry into force as notified, in words.")
    base_symbol: str | None = Field(description="For a follow-up: the notification it follows.")
    follow_ups: list[str] = Field(description="Addenda, corrigenda and revisions of this one.")
    sectors: list[SectorTag]
    links: Links
    first_seen_at: datetime = Field(description="When tbtalert first stored it (UTC).")
    updated_at: datetime = Field(description="When what was notified last changed (UTC).")


Record = dict[str, Any]  # a published notification: PublicNotification's fields, as plain data


@dataclass(frozen=True)
class Filters:
    """Which notifications to publish; empty fields do not filter."""

    sectors: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    open_on: date | None = None  # comment deadline on or after this day
    distributed_since: date | None = None
    distributed_until: date | None = None
    text: str = ""
    updated_since: datetime | None = None
    dated_from: date | None = None  # comment deadline or entry into force on or after


FEW = 2000  # rows: a filter matching at most this many is read through its index


def _narrowing(session: Session, ids: Select[Any]) -> ColumnElement[bool]:
    """``notification.id`` among ``ids`` (a SELECT of notification ids), written for speed.

    A filter that keeps few rows is best read through its own index (IN); one
    that keeps many, by walking the newest ids and checking each (EXISTS),
    which stops after a page. PostgreSQL weighs this from its statistics,
    SQLite does not; so a count bounded at FEW rows chooses, on both.
    """
    few = session.exec(select(func.count()).select_from(ids.limit(FEW + 1).subquery())).one()
    if few <= FEW:
        return col(Notification.id).in_(ids)
    probe = ids.where(ids.selected_columns[0] == Notification.id)
    return probe.exists()


def _conditions(session: Session, f: Filters) -> list[ColumnElement[bool]]:
    n = Notification
    where: list[ColumnElement[bool]] = []
    if f.sectors:
        tagged = select(Tag.notification_id).where(
            col(Tag.sector_id).in_(f.sectors), Tag.status == "active"
        )
        where.append(_narrowing(session, tagged))
    if f.updated_since:
        changed = select(n.id).where(col(n.updated_at) >= f.updated_since)
        where.append(_narrowing(session, changed))
    if f.members:
        where.append(col(n.member).in_([m.upper() for m in f.members]))
    if f.areas:
        where.append(col(n.area).in_([a.upper() for a in f.areas]))
    if f.open_on:
        where.append(col(n.comment_deadline) >= f.open_on)
    if f.distributed_since:
        where.append(col(n.distribution_date) >= f.distributed_since)
    if f.distributed_until:
        where.append(col(n.distribution_date) <= f.distributed_until)
    if f.text:
        fields = (n.symbol, n.title, n.description, n.products)
        where.append(or_(*(col(c).icontains(f.text, autoescape=True) for c in fields)))
    if f.dated_from:
        where.append(
            or_(col(n.comment_deadline) >= f.dated_from, col(n.entry_into_force) >= f.dated_from)
        )
    return where


PUBLISHED = (
    "id",
    "symbol",
    "base_symbol",
    "area",
    "doc_type",
    "member",
    "member_name",
    "title",
    "description",
    "products",
    "objectives",
    "language",
    "distribution_date",
    "comment_deadline",
    "adoption_date",
    "entry_into_force",
    "entry_into_force_text",
    "notification_url",
    "first_seen_at",
    "updated_at",
)
LISTS = ("hs_codes", "ics_codes", "keywords", "document_urls")  # JSON lists, read as text
Row = Any  # a result row with the PUBLISHED and LISTS columns as attributes


def _published() -> Any:
    table: Any = Notification.__table__  # type: ignore[attr-defined]
    lists = (cast(table.c[name], Text).label(name) for name in LISTS)
    return select(*(table.c[name] for name in PUBLISHED), *lists)


def _lists(rows: Sequence[Row]) -> list[dict[str, list[str]]]:
    """Each row's JSON list columns, decoded in one ``json.loads`` for the whole page.

    Decoded one by one, four small texts a row, they cost more than the
    queries did (py-spy, a page of 500).
    """
    texts = [getattr(r, name) or "[]" for r in rows for name in LISTS]
    decoded = json.loads("[" + ",".join(texts) + "]")
    k = len(LISTS)
    return [
        {name: decoded[i * k + j] or [] for j, name in enumerate(LISTS)} for i in range(len(rows))
    ]


def select_rows(
    session: Session, filters: Filters, *, before: int | None = None, limit: int = 50
) -> list[Row]:
    """Up to ``limit`` matching notifications, newest (highest id) first, below id ``before``.

    Rows of the published columns, not ORM objects: a page is read, never changed.
    """
    conditions = _conditions(session, filters)
    if before is not None:
        conditions.append(col(Notification.id) < before)
    query = _published().where(*conditions).order_by(col(Notification.id).desc()).limit(limit)
    return list(session.exec(query).all())


def sector_table(session: Session) -> dict[str, Sector]:
    """Every sector by id, in the taxonomy's order."""
    return {s.id: s for s in session.exec(select(Sector).order_by(col(Sector.position))).all()}


def public_reason(origin: str, reason: str, base_symbol: str) -> str:
    """A tag's reason as published: never an official's words or name."""
    if origin == "official":
        return OFFICIAL_REASON
    if origin == "inherited":
        return f"inherited from {base_symbol}"
    return mask(reason)


def _tags(session: Session, ids: Sequence[int]) -> dict[int, list[tuple[str, str, str]]]:
    found: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    query = select(Tag.notification_id, Tag.sector_id, Tag.origin, Tag.reason).where(
        col(Tag.notification_id).in_(ids), Tag.status == "active"
    )
    for nid, sector_id, origin, reason in sorted(session.exec(query), key=lambda r: r[:2]):
        found[nid].append((sector_id, origin, reason))
    return found


def _follow_ups(session: Session, symbols: Sequence[str]) -> dict[str, list[str]]:
    """Follow-ups by their base's symbol.

    Looked up by ``base_symbol``, unique per original, and not ``base_id``:
    nearly every row has no base, and with such statistics SQLite scans the
    table rather than use the ``base_id`` index. Sorted here, since an ORDER
    BY symbol would let SQLite walk the whole symbol index instead.
    """
    found: dict[str, list[str]] = defaultdict(list)
    query = select(Notification.base_symbol, Notification.symbol).where(
        col(Notification.base_symbol).in_(symbols), Notification.symbol != Notification.base_symbol
    )
    for base_symbol, symbol in sorted(session.exec(query), key=lambda row: row[1]):
        found[base_symbol].append(symbol)
    return found


def _record(
    n: Row,
    lists: dict[str, list[str]],
    tags: list[tuple[str, str, str]],
    follow_ups: list[str],
    sectors: dict[str, Sector],
    base_url: str,
) -> Record:
    base = n.base_symbol if n.base_symbol and n.base_symbol != n.symbol else None
    return dict(
        symbol=n.symbol,
        area=n.area,
        doc_type=n.doc_type,
        member=dict(
            code=n.member,
            name=member_name(n.member, "en", n.member_name),
            name_vi=member_name(n.member, "vi", n.member_name),
        ),
        title=mask(n.title),
        description=mask(n.description),
        products=mask(n.products),
        objectives=mask(n.objectives),
        hs_codes=lists["hs_codes"],
        ics_codes=lists["ics_codes"],
        keywords=[mask(k) for k in lists["keywords"]],
        language=n.language,
        distribution_date=n.distribution_date,
        comment_deadline=n.comment_deadline,
        adoption_date=n.adoption_date,
        entry_into_force=n.entry_into_force,
        entry_into_force_text=mask(n.entry_into_force_text),
        base_symbol=base,
        follow_ups=follow_ups,
        sectors=[
            dict(
                id=sid,
                name_vi=sectors[sid].name_vi if sid in sectors else sid,
                name_en=sectors[sid].name_en if sid in sectors else sid,
                origin=origin,
                reason=public_reason(origin, reason, base or ""),
            )
            for sid, origin, reason in tags
        ],
        links=dict(
            self=base_url.rstrip("/") + api_path(n.symbol),
            notification=n.notification_url if public_link(n.notification_url) else None,
            documents=[u for u in lists["document_urls"] if public_link(u)],
        ),
        first_seen_at=n.first_seen_at,
        updated_at=n.updated_at,
    )


def public_records(session: Session, rows: Sequence[Row], base_url: str) -> list[Record]:
    """The published form of ``rows``, with their sectors and follow-ups (two queries)."""
    ids = [r.id for r in rows if r.id is not None]
    if not ids:
        return []
    tags, sectors = _tags(session, ids), sector_table(session)
    follow_ups = _follow_ups(session, [r.symbol for r in rows])
    return [
        _record(r, lists, tags.get(r.id or 0, []), follow_ups.get(r.symbol, []), sectors, base_url)
        for r, lists in zip(rows, _lists(rows), strict=True)
    ]


def find(session: Session, symbol: str, base_url: str) -> Record | None:
    """One notification by its symbol, or None."""
    row = session.exec(_published().where(col(Notification.symbol) == symbol)).first()
    return public_records(session, [row], base_url)[0] if row else None


def iter_records(engine: Engine, filters: Filters, base_url: str) -> Iterator[Record]:
    """Every matching notification, newest first, read in chunks of ``CHUNK``."""
    before: int | None = None
    while True:
        with Session(engine) as session:
            rows = select_rows(session, filters, before=before, limit=CHUNK)
            if not rows:
                return
            yield from public_records(session, rows, base_url)
        before = rows[-1].id


def latest_change(records: Sequence[Record]) -> datetime | None:
    """The newest ``updated_at`` among ``records`` (a feed's own updated time)."""
    return max((r["updated_at"] for r in records), default=None)
