"""Atom feeds of the latest notifications: ``/feeds/{sector}.atom`` and ``/feeds/all.atom``.

Each entry's id is the notification's own (``urn:tbtalert:notification:<symbol>``,
as in ``tbtalert export --format atom``), so a feed reader shows a notification
once, and as changed when its ``updated`` time moves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from feedgen.feed import FeedGenerator
from sqlmodel import Session

from tbtalert import opendata
from tbtalert.config import Settings
from tbtalert.opendata import Filters, Record
from tbtalert.web.caching import cached_response
from tbtalert.web.deps import SessionDep, SettingsDep

router = APIRouter(tags=["feeds and calendars"])

FEED_SIZE = 50
NEVER = datetime(1970, 1, 1, tzinfo=UTC)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ATOM = "application/atom+xml; charset=utf-8"


def entry_id(symbol: str) -> str:
    """A notification's stable Atom id."""
    return f"urn:tbtalert:notification:{quote(symbol, safe='')}"


def xml_text(text: str) -> str:
    """``text`` without the control characters XML cannot carry."""
    return NOT_XML.sub("", text)


def _summary(r: Record) -> str:
    lines = [f"{r['member']['name_vi']} / {r['member']['name']} · {r['area']}"]
    if r["comment_deadline"]:
        lines.append(f"Hạn góp ý / Comments until: {r['comment_deadline'].isoformat()}")
    if r["products"]:
        lines.append(f"Sản phẩm / Products: {r['products']}")
    if r["description"]:
        lines.append("")
        lines.append(r["description"])
    return xml_text("\n".join(lines))


def build_feed(settings: Settings, records: Sequence[Record], *, slug: str, title: str) -> bytes:
    """An Atom document of ``records`` (newest first)."""
    base = settings.base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(f"urn:tbtalert:feed:{slug}")
    fg.title(xml_text(title))
    fg.author({"name": xml_text(f"{settings.agency_name} {settings.province_name}")})
    fg.link(href=f"{base}/feeds/{slug}.atom", rel="self", type="application/atom+xml")
    fg.link(href=f"{base}/", rel="alternate", type="text/html")
    fg.language("vi")
    fg.updated(opendata.latest_change(records) or NEVER)
    for r in records:
        fe = fg.add_entry(order="append")
        fe.id(entry_id(r["symbol"]))
        fe.title(xml_text(f"{r['symbol']}: {r['title']}"))
        fe.updated(r["updated_at"])
        fe.published(r["first_seen_at"])
        if r["links"]["notification"]:
            fe.link(href=r["links"]["notification"], rel="alternate")
            fe.link(href=r["links"]["self"], rel="related", type="application/json")
        else:
            fe.link(href=r["links"]["self"], rel="alternate", type="application/json")
        for s in r["sectors"]:
            fe.category(term=s["id"], label=xml_text(f"{s['name_vi']} / {s['name_en']}"))
        fe.summary(_summary(r))
    return bytes(fg.atom_str(pretty=False))


def sector_scope(session: Session, sector: str) -> tuple[Filters, str]:
    """The filter and the title of a sector's feed or calendar (``all``: every sector); 404."""
    if sector == "all":
        return Filters(), "TBT/SPS"
    found = opendata.sector_table(session).get(sector)
    if found is None:
        raise HTTPException(404, f"no sector {sector!r}: see /api/sectors")
    return Filters(sectors=(sector,)), f"TBT/SPS: {found.name_vi} / {found.name_en}"


@router.get(
    "/feeds/{sector}.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}, 404: {}},
)
def sector_feed(
    sector: str, request: Request, settings: SettingsDep, session: SessionDep
) -> Response:
    """The latest 50 notifications of a sector (``all``: of every sector), as Atom."""
    where, title = sector_scope(session, sector)
    rows = opendata.select_rows(session, where, limit=FEED_SIZE)
    records = opendata.public_records(session, rows, settings.base_url)
    if sector == "all":
        title = f"TBT/SPS — {settings.province_name}"
    body = build_feed(settings, records, slug=sector, title=title)
    return cached_response(request, body, ATOM)
