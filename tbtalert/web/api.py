"""The public, read-only JSON and CSV API under ``/api`` (OpenAPI at ``/api/docs``).

Handlers are plain ``def``: FastAPI runs them in its thread pool, so the
database work never blocks the event loop.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, StringConstraints
from pydantic_core import to_json

from tbtalert import opendata, spreadsheet
from tbtalert.opendata import Filters, PublicNotification, Record
from tbtalert.web.caching import PUBLIC_HEADERS, cached_response
from tbtalert.web.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/api", tags=["open data"])

MAX_PAGE = 500
DEFAULT_PAGE = 50
NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses NUL in text; say so with a 422, not a 500

Text = Annotated[str, Query(max_length=200, pattern=NO_NUL)]
Code = Annotated[str, StringConstraints(max_length=60, pattern=NO_NUL)]
Codes = Annotated[list[Code], Query(max_length=50)]


class Page(BaseModel):
    """One page of notifications, newest first."""

    items: list[PublicNotification]
    next_cursor: str | None = Field(
        description="Pass as ``cursor`` for the next page; null on the last page."
    )
    next: str | None = Field(description="The URL of the next page; null on the last page.")


class PublicSector(BaseModel):
    """A product sector of the taxonomy, with its open-data addresses."""

    id: str = Field(examples=["coffee"])
    name_vi: str = Field(examples=["Cà phê"])
    name_en: str = Field(examples=["Coffee"])
    notifications: str = Field(description="Its notifications in this API.")
    feed: str = Field(description="Its Atom feed.")
    calendar: str = Field(description="Its iCalendar of comment deadlines and entries into force.")


class Problem(BaseModel):
    """Why a request was refused."""

    detail: str = Field(examples=["cursor is not valid: start again without it"])


def filters(
    settings: SettingsDep,
    sector: Annotated[Codes, Query(description="Sector id (repeat for any of several).")] = [],  # noqa: B006
    member: Annotated[Codes, Query(description="Member code, e.g. EU, USA (repeatable).")] = [],  # noqa: B006
    area: Annotated[list[Literal["TBT", "SPS", "NAT"]], Query(max_length=3)] = [],  # noqa: B006
    open: Annotated[
        bool, Query(description="Only those whose comment deadline is today or later.")
    ] = False,
    distributed_since: Annotated[date | None, Query(description="Distributed on or after.")] = None,
    distributed_until: Annotated[
        date | None, Query(description="Distributed on or before.")
    ] = None,
    q: Annotated[Text, Query(description="Words in symbol, title, description or products.")] = "",
    updated_since: Annotated[
        datetime | None,
        Query(description="Changed at or after this time (ISO 8601; UTC when no offset given)."),
    ] = None,
) -> Filters:
    """The filters shared by the JSON and CSV lists."""
    try:
        since = updated_since.astimezone(UTC) if updated_since and updated_since.tzinfo else None
        since = since or (updated_since.replace(tzinfo=UTC) if updated_since else None)
    except OverflowError:
        raise HTTPException(400, "updated_since is out of range") from None
    return Filters(
        sectors=tuple(sector),
        members=tuple(member),
        areas=tuple(area),
        open_on=opendata.local_today(settings.timezone) if open else None,
        distributed_since=distributed_since,
        distributed_until=distributed_until,
        text=q.strip(),
        updated_since=since,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


def encode_cursor(last_id: int) -> str:
    """An opaque cursor: the next page starts below this id."""
    return base64.urlsafe_b64encode(f"before:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id a cursor names; 400 for anything tbtalert did not make."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    prefix, _, number = text.partition(":")
    if prefix != "before" or not number.isdigit() or len(number) > 18:
        raise HTTPException(400, "cursor is not valid: start again without it")
    return int(number)


def _next_url(request: Request, base_url: str, cursor: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    params.append(("cursor", cursor))
    return f"{base_url.rstrip('/')}{request.url.path}?{urlencode(params)}"


@router.get(
    "/notifications",
    response_model=Page,
    responses={304: {"description": "Not modified (If-None-Match)"}, 400: {"model": Problem}},
)
def list_notifications(
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    where: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")] = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=100, description="From next_cursor.")] = None,
) -> Response:
    """Notifications, newest first, filtered, a page at a time.

    Follow ``next`` (or pass ``next_cursor`` as ``cursor``) until it is null:
    the order is stable, so a pull never repeats or misses an item, whatever
    arrives meanwhile. For incremental pulls, pass the time your last pull
    started as ``updated_since``.
    """
    before = decode_cursor(cursor) if cursor else None
    rows = opendata.select_rows(session, where, before=before, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    items = opendata.public_records(session, rows, settings.base_url)
    next_cursor = encode_cursor(rows[-1].id or 0) if more else None
    next_url = _next_url(request, settings.base_url, next_cursor) if next_cursor else None
    # the records are plain dicts of the Page model's shape: no model is built for them
    body = to_json({"items": items, "next_cursor": next_cursor, "next": next_url})
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return cached_response(request, body, "application/json", headers=headers)


def _csv_lines(records: Iterator[Record]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for r in records:
        writer.writerow(spreadsheet.row(csv_values(r)))
        if out.tell() > 64_000:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


CSV_FIELDS = [
    "symbol",
    "area",
    "doc_type",
    "member",
    "member_name",
    "title",
    "products",
    "hs_codes",
    "ics_codes",
    "distribution_date",
    "comment_deadline",
    "adoption_date",
    "entry_into_force",
    "sectors",
    "base_symbol",
    "follow_ups",
    "notification_url",
    "description",
    "updated_at",
]


def csv_values(r: Record) -> list[object]:
    """A record's values in the order of ``CSV_FIELDS``."""
    return [
        r["symbol"],
        r["area"],
        r["doc_type"],
        r["member"]["code"],
        r["member"]["name"],
        r["title"],
        r["products"],
        r["hs_codes"],
        r["ics_codes"],
        r["distribution_date"],
        r["comment_deadline"],
        r["adoption_date"],
        r["entry_into_force"],
        [s["id"] for s in r["sectors"]],
        r["base_symbol"],
        r["follow_ups"],
        r["links"]["notification"],
        r["description"],
        r["updated_at"],
    ]


@router.get(
    "/notifications.csv",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/csv": {}}, "description": "CSV, one row per item."},
        400: {"model": Problem},
    },
)
def notifications_csv(
    request: Request, settings: SettingsDep, where: FiltersDep
) -> StreamingResponse:
    """Every notification matching the filters as CSV (UTF-8), streamed, newest first.

    Cells that a spreadsheet would run as a formula start with an apostrophe.
    """
    records = opendata.iter_records(request.app.state.engine, where, settings.base_url)
    lines = _csv_lines(records)
    return StreamingResponse(
        lines,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="notifications.csv"',
            **PUBLIC_HEADERS,
        },
    )


@router.get(
    "/notifications/{symbol:path}",
    response_model=PublicNotification,
    responses={304: {"description": "Not modified (If-None-Match)"}, 404: {"model": Problem}},
)
def one_notification(
    request: Request,
    symbol: Annotated[str, Path(max_length=500, pattern=NO_NUL)],
    settings: SettingsDep,
    session: SessionDep,
) -> Response:
    """One notification by its symbol, e.g. ``/api/notifications/G/TBT/N/EU/9101``."""
    found = opendata.find(session, symbol, settings.base_url)
    if found is None:
        raise HTTPException(404, f"no notification {symbol}")
    return cached_response(request, to_json(found), "application/json")


def sector_links(base_url: str, sector_id: str) -> dict[str, str]:
    """A sector's open-data addresses."""
    base = base_url.rstrip("/")
    return {
        "notifications": f"{base}/api/notifications?{urlencode({'sector': sector_id})}",
        "feed": f"{base}/feeds/{sector_id}.atom",
        "calendar": f"{base}/calendar/{sector_id}.ics",
    }


@router.get("/sectors", response_model=list[PublicSector])
def list_sectors(request: Request, settings: SettingsDep, session: SessionDep) -> Response:
    """The product sectors, in the taxonomy's order."""
    sectors = [
        PublicSector(
            id=s.id, name_vi=s.name_vi, name_en=s.name_en, **sector_links(settings.base_url, s.id)
        )
        for s in opendata.sector_table(session).values()
    ]
    body = b"[" + b",".join(s.model_dump_json().encode() for s in sectors) + b"]"
    return cached_response(request, body, "application/json")
