"""The data model: tables (SQLModel) and the normalized record every source yields.

Timestamps are timezone-aware UTC in Python; dates (deadlines, distribution)
are plain dates as notified. Every status or kind a table stores is a
``Literal`` type declared here, once: the type checker holds the code to its
values, a named CHECK constraint (``ck_<table>_<column>``) holds the database
to them, and ``typing.get_args`` lists them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    Index,
    LargeBinary,
    String,
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


Area = Literal["TBT", "SPS", "NAT"]  # NAT: a national standard update
DocType = Literal["regular", "addendum", "corrigendum", "revision", "national"]
RunStatus = Literal["running", "ok", "failed", "not-modified"]
TagOrigin = Literal["auto", "inherited", "official"]
TagStatus = Literal["active", "rejected"]
# reviewed: an official saw an untagged notification and left it so
TagEventStatus = Literal[TagStatus, "reviewed"]
Role = Literal["official", "admin"]  # of an official's account
# high: a code matched; medium: product words; low: the description or a generic word
Confidence = Literal["high", "medium", "low"]
Language = Literal["vi", "en"]  # of a subscriber's mail
Frequency = Literal["immediate", "daily", "weekly"]
# removed: no longer in any subscriber file the officials keep (tbtalert.subscribers)
SubscriberStatus = Literal["pending", "active", "unsubscribed", "bounced", "removed"]
DeliveryKind = Literal["alert", "reminder"]
DeliveryFrequency = Literal[Frequency, "reminder"]  # a reminder goes out with its kind
# The state machine of a delivery row is drawn in tbtalert.mail.claims.
DeliveryStatus = Literal["queued", "sending", "sent", "failed", "skipped"]


def one_of(table: str, column: str, states: Any) -> CheckConstraint:
    """The CHECK constraint ``ck_<table>_<column>``: the column holds a value of ``states``."""
    values = ", ".join(f"'{value}'" for value in get_args(states))
    return CheckConstraint(f"{column} IN ({values})", name=f"ck_{table}_{column}")


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
    countries_affected: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        """A hash of every field but the raw payload: equal hashes mean nothing changed."""
        # a shallow dict: fields are strings, dates and lists of strings (asdict deep-copies)
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.pop("raw")
        data.pop("source_name")
        if not data["countries_affected"]:
            # added later: records without it keep the hash they were stored with
            data.pop("countries_affected")
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


class SourceItem(SQLModel, table=True):
    """A digest of one item (a row of a file) as a source last gave it and ingest stored it.

    A source that re-reads a whole file every run (the WTO's daily bulk file)
    hands on only the rows whose digest changed.
    """

    source_id: int = Field(foreign_key="source.id", primary_key=True)
    key: str = Field(primary_key=True, max_length=500)
    digest: str = Field(max_length=64)


class SourceRun(SQLModel, table=True):
    """One fetch of one source: when, how it ended, what it brought."""

    __table_args__ = (one_of("sourcerun", "status", RunStatus),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: RunStatus = Field(default="running", sa_type=String(20))
    owner: str = Field(default="", max_length=200)  # host:pid of the process running it
    fetched: int = 0
    new: int = 0
    updated: int = 0
    error: str = Field(default="", max_length=4000)


class Notification(SQLModel, table=True):
    """A stored notification or national standard update."""

    __table_args__ = (
        one_of("notification", "area", Area),
        one_of("notification", "doc_type", DocType),
    )

    id: int | None = Field(default=None, primary_key=True)
    symbol: str = Field(unique=True, index=True, max_length=500)
    base_symbol: str = Field(index=True, max_length=500)
    base_id: int | None = Field(default=None, foreign_key="notification.id", index=True)
    area: Area = Field(index=True, sa_type=String(10))
    doc_type: DocType = Field(default="regular", sa_type=String(20))
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
    countries_affected: list[str] = Field(
        default_factory=list,
        sa_type=JSON,
        description="Countries named as specifically affected ([]: all trading partners).",
    )
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
        one_of("tag", "origin", TagOrigin),
        one_of("tag", "status", TagStatus),
        one_of("tag", "confidence", Confidence),
    )

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True)
    sector_id: str = Field(foreign_key="sector.id", max_length=60)
    origin: TagOrigin = Field(default="auto", sa_type=String(20))
    status: TagStatus = Field(default="active", sa_type=String(20))
    reason: str = ""
    rule: str = Field(default="", max_length=200)
    confidence: Confidence = Field(default="medium", sa_type=String(10))
    decided_by: str = Field(default="", max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Subscriber(SQLModel, table=True):
    """An exporter (or agency) who receives alerts."""

    __table_args__ = (
        one_of("subscriber", "language", Language),
        one_of("subscriber", "frequency", Frequency),
        one_of("subscriber", "status", SubscriberStatus),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=320)
    name: str = Field(default="", max_length=200)
    company: str = Field(default="", max_length=300)
    language: Language = Field(default="vi", sa_type=String(2))
    frequency: Frequency = Field(default="immediate", sa_type=String(10))
    status: SubscriberStatus = Field(default="active", sa_type=String(20))
    markets: list[str] = Field(default_factory=list, sa_type=JSON)  # member codes; [] = all
    areas: list[str] = Field(default_factory=list, sa_type=JSON)  # TBT/SPS/NAT; [] = all
    heartbeat: bool = False
    bulletin: bool = Field(default=False, description="Also receives the weekly bulletin.")
    affected_first: bool = Field(
        default=False,
        description="Digests list first what names the affected_country as specifically affected.",
    )
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
    unsubscribed_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="The latest unsubscribe: links made before it cannot subscribe again.",
    )


class SubscriberSector(SQLModel, table=True):
    """A sector a subscriber follows."""

    subscriber_id: int = Field(foreign_key="subscriber.id", primary_key=True)
    sector_id: str = Field(foreign_key="sector.id", primary_key=True, max_length=60)


class Delivery(SQLModel, table=True):
    """One notification for one subscriber: queued, then sent exactly once."""

    __table_args__ = (
        UniqueConstraint("subscriber_id", "notification_id", "kind"),
        one_of("delivery", "kind", DeliveryKind),
        one_of("delivery", "frequency", DeliveryFrequency),
        one_of("delivery", "status", DeliveryStatus),
    )

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the unique (subscriber, notification, kind) index
    # serves lookups by subscriber, and each index is written on every update.
    subscriber_id: int = Field(foreign_key="subscriber.id")
    notification_id: int = Field(foreign_key="notification.id", index=True)
    kind: DeliveryKind = Field(default="alert", sa_type=String(20))
    frequency: DeliveryFrequency = Field(default="immediate", sa_type=String(10))
    status: DeliveryStatus = Field(default="queued", sa_type=String(20), index=True)
    attempts: int = 0
    last_error: str = Field(default="", max_length=2000)
    message_id: str = Field(default="", max_length=300)
    claimed_by: str = Field(default="", max_length=200)  # host:pid of the sender holding it
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    queued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RateLimit(SQLModel, table=True):
    """A counter of one kind of request from one client or for one address (sign-up limits).

    ``key`` is ``<bucket>:<keyed digest>``: neither the IP address nor the
    mail address is stored. The window opens at its first hit and lasts the
    bucket's period; every web worker shares these rows.
    """

    __tablename__ = "rate_limit"

    key: str = Field(primary_key=True, max_length=100)
    window_start: int = Field(default=0, sa_type=BigInteger, index=True)  # epoch seconds
    hits: int = 0


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
    __table_args__ = (one_of("official_user", "role", Role),)

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=320)
    name: str = Field(default="", max_length=200)
    role: Role = Field(default="official", sa_type=String(20))
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
    __table_args__ = (one_of("tag_event", "status", TagEventStatus),)

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True)
    sector_id: str = Field(max_length=60)
    status: TagEventStatus = Field(sa_type=String(20))
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


class Bulletin(SQLModel, table=True):
    """One week's bulletin: its issue number, status and introduction.

    ``revision`` counts builds after publication: rebuilding a published week
    (``--force``) adds a revision and keeps the files of the earlier ones.
    """

    id: int | None = Field(default=None, primary_key=True)
    week: str = Field(unique=True, index=True, max_length=10)  # ISO week, "2026-W47"
    number: int = Field(unique=True)  # issue number, in order of first build
    status: str = Field(default="draft", max_length=20)  # draft, published
    revision: int = 1
    intro: str = ""
    built_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    published_by: str = Field(default="", max_length=200)
    # What the mail says of it, per language, frozen with the files: figures, sections.
    summary: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    mail_queued_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BulletinFile(SQLModel, table=True):
    """A file of a bulletin revision: the HTML, PDF or CSV in one language."""

    __table_args__ = (UniqueConstraint("bulletin_id", "revision", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    revision: int = 1
    language: str = Field(max_length=2)  # vi, en
    format: str = Field(max_length=10)  # html, pdf, csv
    name: str = Field(max_length=100)  # bulletin-2026-W47.pdf, bulletin-2026-W47-en.pdf
    size: int = 0
    content: bytes = Field(default=b"", sa_type=LargeBinary)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BulletinDelivery(SQLModel, table=True):
    """A week's bulletin for one subscriber: queued once, then sent exactly once.

    The states are those of :class:`Delivery` (drawn in :mod:`tbtalert.mail.claims`).
    """

    __table_args__ = (UniqueConstraint("bulletin_id", "subscriber_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id")
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True)
    status: str = Field(default="queued", max_length=20, index=True)
    attempts: int = 0
    last_error: str = Field(default="", max_length=2000)
    message_id: str = Field(default="", max_length=300)
    claimed_by: str = Field(default="", max_length=200)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    queued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
