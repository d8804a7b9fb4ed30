"""ISO weeks in the configured time zone, and which week a notification belongs to.

A bulletin covers one ISO week (Monday to Sunday) of local time. A
notification is placed in a week by when the province learned of it, not by
the WTO's distribution date alone:

- news (``announce`` true: what alerts are mailed for) goes in the week of
  its ``first_seen_at`` in local time. A notification the WTO distributed on
  a Friday in Geneva and tbtalert stored at 23:30 on Sunday in Ha Noi is in
  that Sunday's week; one stored at 00:10 on Monday is in the next. Every
  item thus lands in exactly one bulletin, even when it arrives after the
  week of its distribution date (a date without a time, in Geneva);
- the backlog a quiet first run recorded (``announce`` false) was never news
  here: it goes in the week of its distribution date (its ``first_seen_at``
  when that is unknown), so a new deployment's history and trend charts are
  spread over the weeks they happened in, not heaped on its first day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from tbtalert.errors import BulletinError
from tbtalert.models import Notification

_WEEK = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week, e.g. ``Week(2026, 47)``, written ``2026-W47``."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        """``2026-W47`` (also ``2026W47``, ``2026-w7``); a BulletinError says how to write it."""
        found = _WEEK.match(text)
        if found:
            try:
                return cls.of(date.fromisocalendar(int(found[1]), int(found[2]), 1))
            except ValueError:
                pass  # no such week in that year (W00, W53 of a 52-week year)
        raise BulletinError(
            f"{text!r} is not an ISO week", hint="write the week as YYYY-Www, e.g. 2026-W47"
        )

    @classmethod
    def of(cls, day: date) -> Week:
        """The ISO week containing ``day``."""
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def shift(self, weeks: int) -> Week:
        """The week ``weeks`` later (earlier when negative)."""
        return Week.of(self.monday + timedelta(weeks=weeks))

    def start(self, zone: ZoneInfo) -> datetime:
        """Monday 00:00 local time, as an aware datetime."""
        return datetime.combine(self.monday, time.min, tzinfo=zone)

    def end(self, zone: ZoneInfo) -> datetime:
        """The next Monday 00:00 local time (the end of the week, excluded)."""
        return datetime.combine(self.monday + timedelta(days=7), time.min, tzinfo=zone)


def last_complete_week(now: datetime, zone: ZoneInfo) -> Week:
    """The latest ISO week that has ended at ``now`` in local time."""
    return Week.of(now.astimezone(zone).date() - timedelta(days=7))


def placement_day(
    announce: bool, first_seen_at: datetime, distribution_date: date | None, zone: ZoneInfo
) -> date:
    """The local day that places a notification in a week (see the module docstring)."""
    if not announce and distribution_date is not None:
        return distribution_date
    return first_seen_at.astimezone(zone).date()


def in_weeks(first: Week, last: Week, zone: ZoneInfo) -> ColumnElement[bool]:
    """SQL condition: the notification's placement day is in weeks ``first`` to ``last``.

    The same rule as :func:`placement_day`, on indexed columns.
    """
    start, end = first.start(zone), last.end(zone)
    by_arrival = and_(
        col(Notification.first_seen_at) >= start, col(Notification.first_seen_at) < end
    )
    return or_(
        and_(col(Notification.announce).is_(True), by_arrival),
        and_(
            col(Notification.announce).is_(False),
            or_(
                and_(
                    col(Notification.distribution_date) >= first.monday,
                    col(Notification.distribution_date) <= last.sunday,
                ),
                and_(col(Notification.distribution_date).is_(None), by_arrival),
            ),
        ),
    )
