"""Open data: every stored notification as JSON lines, CSV or Atom, streamed.

Rows are read in keyset-paged chunks of 1,000 (the raw payload left in the
database), each chunk with its active sectors and its follow-ups, and written
as they come: memory stays flat however many notifications there are.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any, TextIO
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import Session, and_, col, select

from tbtalert import spreadsheet
from tbtalert.errors import ConfigError
from tbtalert.models import Notification, Tag, utcnow

FORMATS = ("jsonl", "csv", "atom")
CHUNK = 1000
FIELDS = [
    "symbol",
    "base_symbol",
    "area",
    "doc_type",
    "member",
    "member_name",
    "agency",
    "title",
    "description",
    "products",
    "objectives",
    "hs_codes",
    "ics_codes",
    "keywords",
    "language",
    "distribution_date",
    "comment_deadline",
    "adoption_date",
    "entry_into_force",
    "entry_into_force_text",
    "notification_url",
    "document_urls",
    "sectors",
    "follow_ups",
    "source_name",
    "first_seen_at",
    "updated_at",
]

STORED_FIELDS = [f for f in FIELDS if f not in ("sectors", "follow_ups")]
ATOM_NS = "urn:tbtalert:atom"


def _query(sector: str | None, since: date | None, after: int) -> Any:
    query = (
        select(Notification)
        .options(defer(Notification.raw))  # type: ignore[arg-type]
        .where(col(Notification.id) > after)
        .order_by(col(Notification.id))
        .limit(CHUNK)
    )
    if sector:
        tagged = select(Tag.notification_id).where(Tag.sector_id == sector, Tag.status == "active")
        query = query.where(col(Notification.id).in_(tagged))
    if since:
        query = query.where(
            or_(
                col(Notification.distribution_date) >= since,
                and_(
                    col(Notification.distribution_date).is_(None),
                    col(Notification.first_seen_at)
                    >= datetime.combine(since, time.min, tzinfo=UTC),
                ),
            )
        )
    return query


def iter_notifications(
    engine: Engine, *, sector: str | None = None, since: date | None = None
) -> Iterator[dict[str, Any]]:
    """Each notification as a dict of FIELDS, oldest first, in chunks."""
    after = 0
    while True:
        with Session(engine) as session:
            rows = list(session.exec(_query(sector, since, after)).all())
            if not rows:
                return
            ids = [r.id for r in rows]
            sectors: dict[int, list[str]] = defaultdict(list)
            for nid, sid in session.exec(
                select(Tag.notification_id, Tag.sector_id)
                .where(col(Tag.notification_id).in_(ids), Tag.status == "active")
                .order_by(col(Tag.sector_id))
            ):
                sectors[nid].append(sid)
            follow_ups: dict[int, list[str]] = defaultdict(list)
            for base_id, symbol in session.exec(
                select(Notification.base_id, Notification.symbol)
                .where(col(Notification.base_id).in_(ids))
                .order_by(col(Notification.symbol))
            ):
                if base_id is not None:
                    follow_ups[base_id].append(symbol)
            for row in rows:
                item = {name: getattr(row, name) for name in STORED_FIELDS}
                item["sectors"] = sectors.get(row.id or 0, [])
                item["follow_ups"] = follow_ups.get(row.id or 0, [])
                yield item
            after = rows[-1].id or after


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _write_jsonl(items: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for item in items:
        out.write(json.dumps({k: _plain(v) for k, v in item.items()}, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def _write_csv(items: Iterator[dict[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    count = 0
    for item in items:
        writer.writerow(spreadsheet.row([item[f] for f in FIELDS]))
        count += 1
    return count


def _atom_entry(item: dict[str, Any]) -> str:
    updated = item["updated_at"].isoformat()
    link = item["notification_url"]
    parts = [
        "<entry>",
        f"<id>urn:tbtalert:notification:{escape(quote(item['symbol'], safe=''))}</id>",
        f"<title>{escape(item['symbol'] + ': ' + item['title'])}</title>",
        f"<updated>{updated}</updated>",
    ]
    if link:
        parts.append(f'<link rel="alternate" href={quoteattr(link)}/>')
    parts += [f"<category term={quoteattr(s)}/>" for s in item["sectors"]]
    parts += [f"<tbt:followUp>{escape(s)}</tbt:followUp>" for s in item["follow_ups"]]
    summary = item["description"] or item["products"]
    if summary:
        parts.append(f"<summary>{escape(summary)}</summary>")
    parts.append("</entry>\n")
    return "".join(parts)


def _write_atom(items: Iterator[dict[str, Any]], out: TextIO, title: str) -> int:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')
    out.write(f' xmlns:tbt="{ATOM_NS}">\n')
    out.write(f"<id>urn:tbtalert:notifications</id><title>{escape(title)}</title>")
    out.write(f"<author><name>{escape(title)}</name></author>")
    out.write(f"<updated>{utcnow().isoformat()}</updated>\n")
    count = 0
    for item in items:
        out.write(_atom_entry(item))
        count += 1
    out.write("</feed>\n")
    return count


def export_notifications(
    engine: Engine,
    out: TextIO,
    fmt: str,
    *,
    sector: str | None = None,
    since: date | None = None,
    title: str = "TBT/SPS notifications",
) -> int:
    """Write notifications to ``out`` in ``fmt``; return how many were written.

    ``since`` keeps notifications distributed on or after that date (or first
    seen then, when the distribution date is unknown).
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    items = iter_notifications(engine, sector=sector, since=since)
    if fmt == "jsonl":
        return _write_jsonl(items, out)
    if fmt == "csv":
        return _write_csv(items, out)
    return _write_atom(items, out, title)
