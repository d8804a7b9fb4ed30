"""The data model: tables (SQLModel) and the normalized record every source yields.

Timestamps are timezone-aware UTC in Python; dates (deadlines, distribution)
are plain dates as notified.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    Index,
    LargeBinary,
    Table,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and gives them back aware, on every back end."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use tbtalert.models.utcnow()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Areas and document types, as stored.
AREAS = ("TBT", "SPS", "NAT")
DOC_TYPES = ("regular", "addendum", "corrigendum", "revision", "national")


@dataclass
class NotificationRecord:
    """One notification or standard update, in the shape every source yields.

    ``symbol`` is the stable identity: a normalized WTO symbol for TBT/SPS, and
    ``<jurisdiction>:<entry id or link>`` for national updates.
    """

    symbol: str
    area: str
    member: str
    title: str
    source_name: str = ""
    doc_type: str = "regular"
    base_symbol: str = ""
    member_name: str = ""
    agency: str = ""
    description: str = ""
    products: str = ""
    objectives: str = ""
    hs_codes: list[str] = field(default_factory=list)
    ics_codes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    language: str = "en"
    distribution_date: date | None = None
    comment_deadline: date | None = None
    adoption_date: date | None = None
    entry_into_force: date | None = None
    entry_into_force_text: str = ""
    notification_url: str = ""
    document_urls: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        """A hash of every field but the raw payload: equal hashes mean nothing changed."""
        # a shallow dict: fields are strings, dates and lists of strings (asdict deep-copies)
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.pop("raw")
        data.pop("source_name")
        blob = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Source(SQLModel, table=True):
    """A configured source and its incremental state (cursor, validators)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=100)
    kind: str = Field(max_length=40)
    url: str = Field(default="", max_length=2000)
    cursor: str | None = Field(default=None, max_length=200)
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=200)
    state: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SourceRun(SQLModel, table=True):
    """One fetch of one source: when, how it ended, what it brought."""

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str = Field(default="running", max_length=20)  # running, ok, failed
    fetched: int = 0
    new: int = 0
    updated: int = 0
    error: str = Field(default="", max_length=4000)


class Notification(SQLModel, table=True):
    """A stored notification or national standard update."""

    id: int | None = Field(default=None, primary_key=True)
    symbol: str = Field(unique=True, index=True, max_length=500)
    base_symbol: str = Field(index=True, max_length=500)
    base_id: int | None = Field(default=None, foreign_key="notification.id", index=True)
    area: str = Field(index=True, max_length=10)
    doc_type: str = Field(default="regular", max_length=20)
    member: str = Field(index=True, max_length=60)
    member_name: str = Field(default="", max_length=200)
    agency: str = Field(default="")
    title: str = ""
    description: str = ""
    products: str = ""
    objectives: str = ""
    hs_codes: list[str] = Field(default_factory=list, sa_type=JSON)
    ics_codes: list[str] = Field(default_factory=list, sa_type=JSON)
    keywords: list[str] = Field(default_factory=list, sa_type=JSON)
    language: str = Field(default="en", max_length=8)
    distribution_date: date | None = Field(default=None, index=True)
    comment_deadline: date | None = None
    adoption_date: date | None = None
    entry_into_force: date | None = None
    entry_into_force_text: str = Field(default="", max_length=500)
    notification_url: str = Field(default="", max_length=2000)
    document_urls: list[str] = Field(default_factory=list, sa_type=JSON)
    source_name: str = Field(default="", max_length=100, index=True)
    raw: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    content_hash: str = Field(default="", max_length=64)
    announce: bool = Field(
        default=True, description="False for a quiet first run's backlog: never mailed."
    )
    matched_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    first_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    # indexed for the open data's updated_since (incremental pulls)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class Sector(SQLModel, table=True):
    """A product sector of the taxonomy; ``rules`` holds its matching rules as loaded."""

    id: str = Field(primary_key=True, max_length=60)
    name_vi: str
    name_en: str
    position: int = 0
    rules: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class Tag(SQLModel, table=True):
    """A sector on a notification, with why; officials' rows win over automatic ones."""

    # (sector, notification) and not sector alone: a sector's newest notifications are
    # then read from the index in order, a page at a time (the open data's sector filter)
    __table_args__ = (
        UniqueConstraint("notification_id", "sector_id"),
        Index("ix_tag_sector_id_notification_id", "sector_id", "notification_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True)
    sector_id: str = Field(foreign_key="sector.id", max_length=60)
    origin: str = Field(default="auto", max_length=20)  # auto, inherited, official
    status: str = Field(default="active", max_length=20)  # active, rejected
    reason: str = ""
    rule: str = Field(default="", max_length=200)
    confidence: str = Field(default="medium", max_length=10)  # high (a code), medium, low
    decided_by: str = Field(default="", max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Subscriber(SQLModel, table=True):
    """An exporter (or agency) who receives alerts."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=320)
    name: str = Field(default="", max_length=200)
    company: str = Field(default="", max_length=300)
    language: str = Field(default="vi", max_length=2)  # vi, en
    frequency: str = Field(default="immediate", max_length=10)  # immediate, daily, weekly
    status: str = Field(default="active", max_length=20)  # pending, active, unsubscribed, bounced
    markets: list[str] = Field(default_factory=list, sa_type=JSON)  # member codes; [] = all
    areas: list[str] = Field(default_factory=list, sa_type=JSON)  # TBT/SPS/NAT; [] = all
    heartbeat: bool = False
    last_heartbeat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    origin: str = Field(default="", max_length=500)  # file it was synced from, or "web"
    owned: list[str] = Field(
        default_factory=list,
        sa_type=JSON,
        sa_column_kwargs={"server_default": "[]"},
        description="Fields the exporter set on the web: subscriber files no longer overwrite them.",
    )
    status_reason: str = Field(default="", max_length=1000)
    subscribed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SubscriberSector(SQLModel, table=True):
    """A sector a subscriber follows."""

    subscriber_id: int = Field(foreign_key="subscriber.id", primary_key=True)
    sector_id: str = Field(foreign_key="sector.id", primary_key=True, max_length=60)


class Delivery(SQLModel, table=True):
    """One notification for one subscriber: queued, then sent exactly once."""

    __table_args__ = (UniqueConstraint("subscriber_id", "notification_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the unique (subscriber, notification, kind) index
    # serves lookups by subscriber, and each index is written on every update.
    subscriber_id: int = Field(foreign_key="subscriber.id")
    notification_id: int = Field(foreign_key="notification.id", index=True)
    kind: str = Field(default="alert", max_length=20)  # alert, reminder
    frequency: str = Field(default="immediate", max_length=10)
    status: str = Field(default="queued", max_length=20, index=True)  # drawn in mail/claims.py
    attempts: int = 0
    last_error: str = Field(default="", max_length=2000)
    message_id: str = Field(default="", max_length=300)
    claimed_by: str = Field(default="", max_length=200)  # host:pid of the sender holding it
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    queued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SchedulerLease(SQLModel, table=True):
    """Who runs the scheduler of this database, and the heartbeat that proves it lives."""

    __tablename__ = "scheduler_lease"

    name: str = Field(primary_key=True, max_length=60)
    holder: str = Field(default="", max_length=200)  # "" once released
    beat: int = 0
    acquired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    renewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# APScheduler's job store table (tbtalert.scheduler.DatabaseJobStore), declared
# here so that migrations own it like every other table. The columns are the
# ones APScheduler 3's SQLAlchemyJobStore creates.
SCHEDULER_JOBS = Table(
    "scheduler_jobs",
    SQLModel.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)


class User(SQLModel, table=True):
    """An official who signs in to the web workspace (``tbtalert users add``)."""

    __tablename__ = "official_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=320)
    name: str = Field(default="", max_length=200)
    role: str = Field(default="official", max_length=20)  # official, admin
    password_hash: str = Field(max_length=500)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginFailure(SQLModel, table=True):
    """A failed sign-in: counted per account and per address to throttle guessing."""

    __tablename__ = "login_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, max_length=320)
    ip: str = Field(index=True, max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class TagEvent(SQLModel, table=True):
    """One change of a tag by an official, or by a decision that reached it from its base."""

    __tablename__ = "tag_event"

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True)
    sector_id: str = Field(max_length=60)
    status: str = Field(max_length=20)  # active, rejected
    decided_by: str = Field(default="", max_length=200)
    reason: str = ""
    via: str = Field(default="", max_length=500)  # symbol the decision was made on, if not this one
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TaxonomyChange(SQLModel, table=True):
    """One sector's rules changed by an official: who, when, before and after."""

    __tablename__ = "taxonomy_change"

    id: int | None = Field(default=None, primary_key=True)
    sector_id: str = Field(index=True, max_length=60)
    changed_by: str = Field(max_length=200)
    before: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    after: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SourceSwitch(SQLModel, table=True):
    """An official switched a configured source off (or on again) from the web."""

    __tablename__ = "source_switch"

    name: str = Field(primary_key=True, max_length=100)
    enabled: bool = True
    changed_by: str = Field(default="", max_length=200)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
