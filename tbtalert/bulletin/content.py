"""What a week's bulletin says, read from the database: figures, chart data, sections, tables.

Everything is counted as of the bulletin's *reference day*, the Monday after
the week: days left to comment, what is still open, the deadlines of the
next 30 days and the entries into force of the next 90. The same week and
data therefore give the same bulletin whenever it is built.

"The province's sectors" are the sectors of the taxonomy: a notification
touches them when it has an active tag. Follow-ups (addenda, corrigenda,
revisions) are counted apart from new notifications and marked as updates;
"open for comments" counts both (an addendum may reopen a comment period).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy
from sqlalchemy import Exists, exists
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from tbtalert.bulletin.weeks import Week, in_weeks, placement_day
from tbtalert.mail.views import ItemView, SectorReason, make_item
from tbtalert.models import Notification, Sector, Tag

TREND_WEEKS = 12
DEADLINE_DAYS = 30
IN_FORCE_DAYS = 90
TOP_MARKETS = 10
FOLLOW_UPS = ("addendum", "corrigendum", "revision")
FIGURE_KEYS = ("new", "tbt", "sps", "national", "in_sectors", "follow_ups", "open_for_comment")


@dataclass
class Counted:
    """The little of a notification that the figures and the trend need."""

    area: str
    doc_type: str
    deadline: date | None
    tagged: bool
    week: Week


def count_figures(rows: list[Counted], reference: date) -> dict[str, int]:
    """The headline figures of a week's rows, by key of FIGURE_KEYS."""
    fresh = [r for r in rows if r.doc_type not in FOLLOW_UPS]
    by_area = Counter(r.area for r in fresh)
    return {
        "new": len(fresh),
        "tbt": by_area["TBT"],
        "sps": by_area["SPS"],
        "national": by_area["NAT"],
        "in_sectors": sum(1 for r in fresh if r.tagged),
        "follow_ups": len(rows) - len(fresh),
        "open_for_comment": sum(1 for r in rows if r.deadline and r.deadline >= reference),
    }


@dataclass
class Figure:
    """One headline figure, this week and the week before."""

    key: str
    value: int
    previous: int

    @property
    def change(self) -> int:
        return self.value - self.previous


@dataclass
class SectionEntry:
    """A notification in a sector's section, with why it is in that sector."""

    item: ItemView
    reason: str


@dataclass
class Section:
    """The week's notifications of one sector."""

    sector_id: str
    name: str
    entries: list[SectionEntry] = field(default_factory=list)

    @property
    def updates(self) -> int:
        return sum(1 for e in self.entries if e.item.is_update)


@dataclass
class TrendWeek:
    """One week of the trend chart: new notifications by area, and those in the sectors."""

    week: Week
    by_area: dict[str, int]
    in_sectors: int


@dataclass
class BulletinContent:
    """Everything a bulletin shows, in one language, ready for the templates."""

    week: Week
    language: str
    number: int
    reference: date
    intro: list[str]
    figures: list[Figure]
    by_sector: list[tuple[str, int]]
    by_market: list[tuple[str, int]]
    trend: list[TrendWeek]
    sections: list[Section]
    others: list[ItemView]
    national: list[ItemView]
    deadlines: list[ItemView]
    in_force: list[ItemView]
    items: list[ItemView]

    @property
    def empty(self) -> bool:
        return not self.items

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def summary(self) -> dict[str, Any]:
        """What the bulletin's mail says of it (JSON): figures, sections, coming deadlines."""
        return {
            "figures": {f.key: [f.value, f.previous] for f in self.figures},
            "sections": [[s.name, len(s.entries)] for s in self.sections],
            "deadlines": len(self.deadlines),
            "intro": self.intro,
        }


def _sector_names(session: Session, language: str) -> dict[str, str]:
    """Sector names in ``language``, in taxonomy order."""
    rows = session.exec(select(Sector).order_by(col(Sector.position), col(Sector.id))).all()
    return {s.id: s.name_vi if language == "vi" else s.name_en for s in rows}


def _is_tagged() -> Exists:
    """SQL: the notification has an active tag."""
    return exists().where(col(Tag.notification_id) == Notification.id, col(Tag.status) == "active")


def _counted(session: Session, first: Week, last: Week, zone: ZoneInfo) -> list[Counted]:
    query = sqlalchemy.select(
        col(Notification.area),
        col(Notification.doc_type),
        col(Notification.comment_deadline),
        col(Notification.announce),
        col(Notification.first_seen_at),
        col(Notification.distribution_date),
        _is_tagged(),
    ).where(in_weeks(first, last, zone))
    return [
        Counted(area, doc_type, deadline, bool(is_tagged), Week.of(placement_day(a, s, d, zone)))
        for area, doc_type, deadline, a, s, d, is_tagged in session.execute(query)
    ]


def _reasons(
    session: Session, ids: list[int], names: dict[str, str]
) -> dict[int, list[SectorReason]]:
    """Active tags of these notifications, as sector reasons in taxonomy order."""
    rank = {sid: i for i, sid in enumerate(names)}
    found: dict[int, list[SectorReason]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(Tag.notification_id, Tag.sector_id, Tag.reason).where(
                col(Tag.notification_id).in_(ids[start : start + 500]), Tag.status == "active"
            )
        )
        for nid, sid, reason in rows:
            if sid in names:
                found[nid].append(SectorReason(sid, names[sid], reason))
    for reasons in found.values():
        reasons.sort(key=lambda r: rank[r.sector_id])
    return found


def _items(
    session: Session,
    query: SelectOfScalar[Notification],
    names: dict[str, str],
    language: str,
    reference: date,
) -> list[ItemView]:
    notes = list(session.exec(query.options(defer(Notification.raw))).all())  # type: ignore[arg-type]
    reasons = _reasons(session, [n.id for n in notes if n.id is not None], names)
    return [
        make_item(n, reasons.get(n.id or 0, []), language=language, today=reference) for n in notes
    ]


def _upcoming(
    session: Session,
    column: Any,
    reference: date,
    days: int,
    names: dict[str, str],
    language: str,
) -> list[ItemView]:
    """Tagged notifications whose ``column`` date falls in the ``days`` after ``reference``."""
    query = (
        select(Notification)
        .where(column >= reference, column <= reference + timedelta(days=days), _is_tagged())
        .order_by(column, col(Notification.symbol))
    )
    return [i for i in _items(session, query, names, language, reference) if i.sectors]


def _reading_order(item: ItemView) -> tuple[int, int, str]:
    """Open for comment first, soonest deadline first; then the rest by symbol."""
    if item.is_open and item.days_left is not None:
        return (0, item.days_left, item.symbol)
    return (1, 0, item.symbol)


def _sections(items: list[ItemView], names: dict[str, str]) -> list[Section]:
    sections = {sid: Section(sid, name) for sid, name in names.items()}
    for item in items:
        for reason in item.sectors:
            sections[reason.sector_id].entries.append(SectionEntry(item, reason.reason))
    for section in sections.values():
        section.entries.sort(key=lambda e: _reading_order(e.item))
    return [s for s in sections.values() if s.entries]


def _markets(items: list[ItemView]) -> list[tuple[str, int]]:
    counts = Counter(i.member_display for i in items)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _trend(rows: list[Counted], first: Week, weeks: int) -> list[TrendWeek]:
    trend = {first.shift(i): TrendWeek(first.shift(i), Counter(), 0) for i in range(weeks)}
    for row in rows:
        point = trend.get(row.week)
        if point is None:
            continue
        if row.doc_type not in FOLLOW_UPS:
            point.by_area[row.area] += 1
            point.in_sectors += row.tagged
    return list(trend.values())


def gather(
    session: Session,
    week: Week,
    *,
    language: str,
    zone: ZoneInfo,
    number: int,
    intro: str = "",
) -> BulletinContent:
    """Read everything the bulletin of ``week`` shows, in ``language``."""
    names = _sector_names(session, language)
    reference = week.sunday + timedelta(days=1)
    first = week.shift(-(TREND_WEEKS - 1))
    counted = _counted(session, first, week, zone)
    this = count_figures([r for r in counted if r.week == week], reference)
    before = count_figures(
        [r for r in counted if r.week == week.shift(-1)], reference - timedelta(days=7)
    )
    query = (
        select(Notification)
        .where(in_weeks(week, week, zone))
        .order_by(col(Notification.area), col(Notification.symbol))
    )
    items = _items(session, query, names, language, reference)
    sections = _sections(items, names)
    return BulletinContent(
        week=week,
        language=language,
        number=number,
        reference=reference,
        intro=[p.strip() for p in intro.split("\n\n") if p.strip()],
        figures=[Figure(k, this[k], before[k]) for k in FIGURE_KEYS],
        by_sector=[(s.name, len(s.entries)) for s in sections],
        by_market=_markets(items),
        trend=_trend(counted, first, TREND_WEEKS),
        sections=sections,
        others=[i for i in items if not i.sectors and i.area != "NAT"],
        national=[i for i in items if i.area == "NAT"],
        deadlines=_upcoming(
            session, col(Notification.comment_deadline), reference, DEADLINE_DAYS, names, language
        ),
        in_force=_upcoming(
            session, col(Notification.entry_into_force), reference, IN_FORCE_DAYS, names, language
        ),
        items=items,
    )
