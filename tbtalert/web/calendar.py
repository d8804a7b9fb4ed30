"""iCalendar files of comment deadlines and entries into force.

``/calendar/{sector}.ics`` covers a sector; ``/calendar/my/<token>.ics`` a
subscriber's sectors, markets and areas (a signed link offered on the
preferences page and in every digest). One all-day event per comment
deadline still open and per entry into force still to come, dated as
notified; "still open" is decided on today's date in ``settings.timezone``.
UIDs are built from the symbol, so a calendar application updates an event
when a corrigendum moves its date instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Request, Response
from icalendar import Calendar, Event
from sqlmodel import Session, select

from tbtalert import opendata
from tbtalert.config import Settings
from tbtalert.models import Subscriber, SubscriberSector
from tbtalert.opendata import Filters, Record
from tbtalert.tokens import TokenError, email_digest, read_token
from tbtalert.web.caching import cached_response
from tbtalert.web.deps import SessionDep, SettingsDep
from tbtalert.web.feeds import sector_scope

router = APIRouter(tags=["feeds and calendars"])

ICS = "text/calendar; charset=utf-8"
KINDS = {
    "comment-deadline": ("Hạn góp ý", "Comment deadline"),
    "entry-into-force": ("Có hiệu lực", "Entry into force"),
}


def _event(settings: Settings, r: Record, kind: str, day: date, updated: datetime) -> Event:
    vi, en = KINDS[kind]
    host = urlsplit(settings.base_url).hostname or "tbtalert"
    event = Event()
    # not symbol@host: a UID shaped like an e-mail address would look like one to scanners
    event.add("uid", f"urn:tbtalert:{host}:{kind}:{quote(r['symbol'], safe='')}")
    event.add("summary", f"{vi} / {en}: {r['symbol']} ({r['member']['code']}) {r['title']}"[:250])
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", updated)
    event.add("last-modified", updated)
    event.add("transp", "TRANSPARENT")
    event.add("url", r["links"]["notification"] or r["links"]["self"])
    if r["sectors"]:
        event.add("categories", [s["id"] for s in r["sectors"]])
    details = [
        r["title"],
        f"{r['member']['name_vi']} / {r['member']['name']}",
        r["products"],
        r["links"]["self"],
    ]
    event.add("description", "\n".join(d for d in details if d))
    return event


def build_calendar(
    settings: Settings, records: Iterable[Record], *, name: str, today: date
) -> bytes:
    """An iCalendar document: the events of ``records`` dated today or later."""
    cal = Calendar()
    cal.add("prodid", "-//tbtalert//open data//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.timezone)
    for r in records:
        dates = (
            ("comment-deadline", r["comment_deadline"]),
            ("entry-into-force", r["entry_into_force"]),
        )
        for kind, day in dates:
            if day is not None and day >= today:
                cal.add_component(_event(settings, r, kind, day, r["updated_at"]))
    return bytes(cal.to_ical())


def _answer(request: Request, settings: Settings, where: Filters, name: str) -> Response:
    today = opendata.local_today(settings.timezone)
    where = Filters(**{**where.__dict__, "dated_from": today})
    records = opendata.iter_records(request.app.state.engine, where, settings.base_url)
    body = build_calendar(settings, records, name=name, today=today)
    return cached_response(request, body, ICS)


def subscriber_filters(session: Session, settings: Settings, token: str) -> Filters:
    """The sectors, markets and areas of the subscriber a calendar token names."""
    sid, digest = read_token(settings, "calendar", token)
    sub = session.get(Subscriber, sid)
    if sub is None or email_digest(sub.email) != digest or sub.status == "unsubscribed":
        raise TokenError("this calendar link is no longer valid")
    sectors = session.exec(
        select(SubscriberSector.sector_id).where(SubscriberSector.subscriber_id == sid)
    ).all()
    return Filters(
        sectors=tuple(sorted(sectors)) or ("-",),  # no sector: nothing, as in mail
        members=tuple(sub.markets),
        areas=tuple(sub.areas),
    )


@router.get(
    "/calendar/{sector}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: {}},
)
def sector_calendar(
    sector: str, request: Request, settings: SettingsDep, session: SessionDep
) -> Response:
    """Open comment deadlines and coming entries into force of a sector (``all``: every one)."""
    where, name = sector_scope(session, sector)
    return _answer(request, settings, where, name)


@router.get("/calendar/my/{token}.ics", include_in_schema=False)
def subscriber_calendar(
    token: str, request: Request, settings: SettingsDep, session: SessionDep
) -> Response:
    """A subscriber's own calendar: their sectors and markets (a signed link)."""
    where = subscriber_filters(session, settings, token)
    session.close()
    return _answer(request, settings, where, f"TBT/SPS — {settings.province_name}")
