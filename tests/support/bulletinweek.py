"""The fixed data set of the bulletin tests: week 2026-W10 (2 to 8 March 2026) and around it.

Times are written in Ha Noi time (UTC+7) and stored in UTC. What each row is
for, and the figures the bulletin of 2026-W10 must show, are in EXPECTED.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.engine import Engine

from support.mailfactory import add_notification

HANOI = timezone(timedelta(hours=7))
WEEK = "2026-W10"
HOSTILE_TITLE = '<script>alert("x")</script><img src=x onerror=alert(1)> Pesticide limits'
HOSTILE_PRODUCTS = '=HYPERLINK("http://evil.example/","click")'


def local(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A time in Ha Noi in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=HANOI)


ROWS: list[dict[str, Any]] = [
    # The week's new notifications.
    dict(
        symbol="G/TBT/N/USA/2001",
        seen=local(2, 8),
        sectors={"coffee": "HS 090111 under 0901"},
        comment_deadline=date(2026, 4, 1),
        entry_into_force=date(2026, 5, 1),
        title="Labelling of roasted coffee",
    ),
    dict(
        symbol="G/SPS/N/EU/3001",
        member="EU",
        seen=local(3, 9),
        sectors={"coffee": "'coffee' in products", "seafood": "HS 0306 under 03"},
        comment_deadline=date(2026, 3, 20),
        title="Maximum residue levels for chlorpyrifos",
    ),
    dict(
        symbol="G/TBT/N/CHN/4001",
        member="CHN",
        seen=local(5, 10),
        sectors={},
        comment_deadline=None,
        title="Safety of toys",
    ),
    dict(
        symbol="VNM:tcvn-4193-2026",
        member="VNM",
        area="NAT",
        doc_type="national",
        seen=local(6, 15),
        sectors={"coffee": "'cà phê' in title"},
        comment_deadline=None,
        title="TCVN 4193:2026 Cà phê nhân — Yêu cầu kỹ thuật",
        distribution_date=date(2026, 3, 6),
    ),
    # Stored at 23:30 on Sunday in Ha Noi (16:30 UTC): still this week.
    dict(
        symbol="G/TBT/N/JPN/5001",
        member="JPN",
        seen=local(8, 23, 30),
        sectors={"rubber": "HS 400121 under 40"},
        comment_deadline=date(2026, 5, 8),
        title="Natural rubber sheets",
    ),
    # Hostile text: escaped in HTML and PDF, neutralised in CSV, no javascript: link.
    dict(
        symbol="G/TBT/N/TPKM/7001",
        member="TPKM",
        seen=local(4, 11),
        sectors={"seafood": "<b>bad</b> reason"},
        comment_deadline=date(2026, 3, 5),
        title=HOSTILE_TITLE,
        products=HOSTILE_PRODUCTS,
        notification_url="javascript:alert(1)",
    ),
    # A quiet first run's backlog, stored weeks later: in the week of its distribution date.
    dict(
        symbol="G/TBT/N/BRA/8001",
        member="BRA",
        seen=local(20, 9),
        announce=False,
        sectors={},
        distribution_date=date(2026, 3, 4),
        comment_deadline=date(2026, 5, 3),
        title="Backlog item",
    ),
    # A follow-up of the first one.
    dict(
        symbol="G/TBT/N/USA/2001/Add.1",
        base_symbol="G/TBT/N/USA/2001",
        doc_type="addendum",
        seen=local(4, 14),
        sectors={"coffee": "follows G/TBT/N/USA/2001"},
        comment_deadline=date(2026, 4, 15),
        title="Labelling of roasted coffee: comment period extended",
    ),
    # 00:10 on Monday 9 March in Ha Noi (still Sunday in UTC): the next week.
    dict(
        symbol="G/TBT/N/KOR/6001",
        member="KOR",
        seen=local(9, 0, 10),
        comment_deadline=date(2026, 5, 9),
        title="Next week",
    ),
    # The week before (2026-W09).
    dict(
        symbol="G/TBT/N/USA/1901",
        seen=local(24, 10, month=2),
        comment_deadline=date(2026, 3, 25),
        title="Instant coffee",
    ),
    dict(
        symbol="G/SPS/N/EU/2901",
        member="EU",
        seen=local(25, 10, month=2),
        sectors={},
        comment_deadline=date(2026, 2, 20),
        title="Old SPS",
    ),
    # Older notifications whose dates fall in the coming 30 days (deadline) or not.
    dict(
        symbol="G/TBT/N/USA/1501",
        seen=local(27, 10, month=1),
        comment_deadline=date(2026, 3, 30),
        title="Coffee capsules",
    ),
    dict(
        symbol="G/TBT/N/USA/1502",
        seen=local(28, 10, month=1),
        comment_deadline=date(2026, 4, 20),
        title="Later deadline",
    ),
]

EXPECTED = {
    "figures": {
        "new": 7,
        "tbt": 5,
        "sps": 1,
        "national": 1,
        "in_sectors": 5,
        "follow_ups": 1,
        "open_for_comment": 5,
    },
    "previous": {
        "new": 2,
        "tbt": 1,
        "sps": 1,
        "national": 0,
        "in_sectors": 1,
        "follow_ups": 0,
        "open_for_comment": 1,
    },
    "sections": {
        "coffee": [
            "G/SPS/N/EU/3001",
            "G/TBT/N/USA/2001",
            "G/TBT/N/USA/2001/Add.1",
            "VNM:tcvn-4193-2026",
        ],
        "rubber": ["G/TBT/N/JPN/5001"],
        "seafood": ["G/SPS/N/EU/3001", "G/TBT/N/TPKM/7001"],
    },
    "others": ["G/TBT/N/BRA/8001", "G/TBT/N/CHN/4001"],
    "deadlines": ["G/SPS/N/EU/3001", "G/TBT/N/USA/1901", "G/TBT/N/USA/1501", "G/TBT/N/USA/2001"],
    "in_force": ["G/TBT/N/USA/2001"],
    "national": ["VNM:tcvn-4193-2026"],
}


def seed_weeks(engine: Engine) -> None:
    """Store every row of the data set."""
    for row in ROWS:
        values = dict(row)
        values.setdefault("distribution_date", values["seen"].date() - timedelta(days=1))
        add_notification(engine, **values)
