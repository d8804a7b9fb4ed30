"""Subscribers: the YAML files officials keep, and the database's copy of them.

A subscriber file is a YAML mapping with one key, ``subscribers``, a list of
entries (see ``subscribers/example.yaml``). Syncing is all-or-nothing per
file: one bad entry rejects the whole file, with the file, the entry number,
its address and the reason, and nothing from that file is written.

Syncing adds new addresses, changes edited ones and removes (status
``removed``) those a file no longer lists. It keeps ``subscribed_at`` and
never reactivates an address that unsubscribed or bounced: only the person
can opt in again, through the sign-up page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from tbtalert.db import session_scope
from tbtalert.errors import SubscriberFileError
from tbtalert.members import normalize_markets
from tbtalert.models import Sector, Subscriber, SubscriberSector, utcnow

FREQUENCIES = ("immediate", "daily", "weekly")
LANGUAGES = ("vi", "en")
# Statuses only the subscriber can leave (by signing up again).
SELF_CHOSEN = ("unsubscribed", "bounced")
# Who has the last word on a field. Once an exporter changes one of these on
# their preferences page (or signs up on the web), it is theirs: a subscriber
# file that says otherwise no longer overwrites it, and sync reports the
# conflict to the official instead. Name and company stay the officials'.
EXPORTER_FIELDS = ("sectors", "markets", "areas", "frequency", "language", "heartbeat")


class SubscriberFileRejected(SubscriberFileError):
    """A subscriber file was rejected; ``problems`` lists each bad entry and why."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: rejected, nothing imported: " + "; ".join(problems))
        self.problems = problems


def normalize_email(value: str) -> str:
    """The address in canonical form; raise ValueError with the reason when invalid."""
    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as err:
        raise ValueError(f"invalid email {value!r}: {err}") from None
    return str(result.normalized).lower()


class SubscriberEntry(BaseModel):
    """One subscriber as written in a file or given on the command line."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(description="Address the alerts go to.")
    name: str = Field(default="", description="Person's name, used in the greeting.")
    company: str = Field(default="", description="Firm or organisation.")
    language: Literal["vi", "en"] = Field(default="vi", description="Language of the mail.")
    sectors: list[str] = Field(min_length=1, description="Sector ids followed (at least one).")
    markets: list[str] = Field(
        default_factory=list,
        description="Notifying members by code, name or alias (EU, USA, Hoa Kỳ, KSA...); "
        "empty: all.",
    )
    areas: list[Literal["TBT", "SPS", "NAT"]] = Field(
        default_factory=list, description="TBT, SPS, NAT (national updates); empty: all."
    )
    frequency: Literal["immediate", "daily", "weekly"] = Field(
        default="daily", description="immediate, daily or weekly."
    )
    heartbeat: bool = Field(
        default=False, description="Digest subscribers: a short note when nothing is new."
    )

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        return normalize_email(value)

    @field_validator("markets")
    @classmethod
    def _member_codes(cls, value: list[str]) -> list[str]:
        return normalize_markets(value)

    @field_validator("areas", mode="before")
    @classmethod
    def _upper_areas(cls, value: Any) -> Any:
        return [str(v).strip().upper() for v in value] if isinstance(value, list) else value

    @field_validator("sectors")
    @classmethod
    def _sector_ids(cls, value: list[str]) -> list[str]:
        return sorted({str(v).strip() for v in value})


@dataclass
class SyncSummary:
    """What syncing one file did, or why it was rejected."""

    path: Path
    status: str = "ok"  # ok | rejected
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # exporters' own choices kept


def entry_problem(err: ValidationError) -> str:
    """One line naming every problem of an entry (unknown or missing field, bad value)."""
    parts = []
    for item in err.errors():
        where = ".".join(str(p) for p in item["loc"])
        if item["type"] == "extra_forbidden":
            parts.append(f"unknown field {where!r}")
        elif item["type"] == "missing":
            parts.append(f"missing field {where!r}")
        else:
            msg = str(item["msg"]).removeprefix("Value error, ")
            parts.append(f"{where}: {msg}")
    return "; ".join(parts)


def read_subscriber_file(path: Path, known_sectors: set[str]) -> list[SubscriberEntry]:
    """Parse and check every entry of a file; raise SubscriberFileError listing every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise SubscriberFileError(f"{path}: cannot be read: {err}") from None
    except yaml.YAMLError as err:
        raise SubscriberFileError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict) or set(data) != {"subscribers"}:
        raise SubscriberFileError(f"{path}: expected one top-level key 'subscribers:' (a list)")
    raw = data["subscribers"] or []
    if not isinstance(raw, list):
        raise SubscriberFileError(f"{path}: 'subscribers' must be a list")
    entries: list[SubscriberEntry] = []
    problems: list[str] = []
    for entry, entry_problems in check_entries(raw, known_sectors):
        problems += entry_problems
        if entry is not None:
            entries.append(entry)
    if problems:
        raise SubscriberFileRejected(path, problems)
    return entries


def check_entries(
    raw: list[Any], known_sectors: set[str]
) -> list[tuple[SubscriberEntry | None, list[str]]]:
    """Check each raw entry: (the entry when valid, its problems), in order, numbered from 1."""
    checked: list[tuple[SubscriberEntry | None, list[str]]] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(raw, start=1):
        label = f"entry {number}"
        if isinstance(item, dict) and item.get("email"):
            label += f" ({item['email']})"
        if not isinstance(item, dict):
            checked.append((None, [f"{label}: expected a mapping of fields"]))
            continue
        raw_sectors = item.get("sectors")
        unknown = sorted(
            {str(s).strip() for s in raw_sectors} - known_sectors
            if isinstance(raw_sectors, list)
            else set()
        )
        reasons = [f"unknown sector id(s) {', '.join(unknown)}"] if unknown else []
        try:
            entry = SubscriberEntry.model_validate(item)
        except ValidationError as err:
            checked.append((None, [f"{label}: " + "; ".join([entry_problem(err), *reasons])]))
            continue
        problems = [f"{label}: {reasons[0]}"] if reasons else []
        if entry.email in seen:
            problems.append(f"{label}: {entry.email} already listed as entry {seen[entry.email]}")
        seen.setdefault(entry.email, number)
        checked.append((entry, problems))
    return checked


def subscriber_files(path: Path) -> list[Path]:
    """The YAML files at ``path``: the file itself, or a folder's ``*.yaml``/``*.yml``."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not path.exists():
        raise SubscriberFileError(f"{path} does not exist", hint="give a YAML file or a folder")
    return [path]


def known_sector_ids(session: Session) -> set[str]:
    return set(session.exec(select(Sector.id)).all())


def sector_ids_of(session: Session, subscriber_id: int) -> list[str]:
    rows = session.exec(
        select(SubscriberSector.sector_id).where(SubscriberSector.subscriber_id == subscriber_id)
    ).all()
    return sorted(rows)


def _apply(session: Session, row: Subscriber, entry: SubscriberEntry) -> bool:
    """Write the entry's fields on the row; return whether anything changed."""
    fields = entry.model_dump(exclude={"email", "sectors"})
    changed = any(getattr(row, k) != v for k, v in fields.items())
    for key, value in fields.items():
        setattr(row, key, value)
    current = sector_ids_of(session, row.id) if row.id is not None else []
    if current != entry.sectors:
        changed = True
        if row.id is None:
            session.add(row)
            session.flush()
        assert row.id is not None
        session.exec(delete(SubscriberSector).where(col(SubscriberSector.subscriber_id) == row.id))
        for sector in entry.sectors:
            session.add(SubscriberSector(subscriber_id=row.id, sector_id=sector))
    if changed:
        row.updated_at = utcnow()
        session.add(row)
    return changed


def keep_exporters_choices(
    session: Session, row: Subscriber, entry: SubscriberEntry
) -> tuple[SubscriberEntry, list[str]]:
    """The file's entry with the fields the exporter owns put back to theirs, and the conflicts."""
    if not row.owned or row.id is None:
        return entry, []
    stored = entry_of(session, row).model_dump()
    wanted = entry.model_dump()
    conflicts = [
        f"{row.email}: {name} kept as the exporter chose on the web "
        f"({_shown(stored[name])}; the file says {_shown(wanted[name])})"
        for name in row.owned
        if name in wanted and stored[name] != wanted[name]
    ]
    kept = entry.model_copy(update={name: stored[name] for name in row.owned if name in stored})
    return kept, conflicts


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "all"
    return str(value)


def upsert_subscriber(
    session: Session, entry: SubscriberEntry, origin: str, conflicts: list[str] | None = None
) -> Literal["added", "changed", "unchanged"]:
    """Add the entry or update the stored subscriber with the same address.

    A subscriber who signs up on the web (``origin == "web"``) owns every
    field they chose. When a file updates a stored subscriber, the fields the
    exporter owns keep the exporter's values; each difference is appended to
    ``conflicts`` for the official.
    """
    row = session.exec(select(Subscriber).where(Subscriber.email == entry.email)).first()
    if row is None:
        owned = list(EXPORTER_FIELDS) if origin == "web" else []
        row = Subscriber(email=entry.email, origin=origin, status="active", owned=owned)
        session.add(row)
        session.flush()
        _apply(session, row, entry)
        return "added"
    entry, found = keep_exporters_choices(session, row, entry)
    if conflicts is not None:
        conflicts.extend(found)
    revived = row.status == "removed"
    if revived:
        row.status, row.status_reason = "active", ""
    moved = row.origin != origin
    row.origin = origin
    changed = _apply(session, row, entry)
    return "changed" if (changed or revived or moved) else "unchanged"


def _sync_file(session: Session, path: Path, summary: SyncSummary) -> None:
    entries = read_subscriber_file(path, known_sector_ids(session))
    origin = str(path)
    emails = [e.email for e in entries]
    owners = session.exec(
        select(Subscriber.email, Subscriber.origin).where(col(Subscriber.email).in_(emails))
    ).all()
    taken = [
        f"{email} is already managed by {owner}"
        for email, owner in owners
        if owner not in (origin, "", "web", "cli")
        and Path(owner).suffix in (".yaml", ".yml")
        and Path(owner).exists()
    ]
    if taken:
        raise SubscriberFileRejected(path, taken)
    for entry in entries:
        outcome = upsert_subscriber(session, entry, origin, summary.conflicts)
        setattr(summary, outcome, getattr(summary, outcome) + 1)
    gone = session.exec(
        select(Subscriber).where(
            Subscriber.origin == origin,
            col(Subscriber.email).not_in(emails),
            Subscriber.status != "removed",
        )
    ).all()
    for row in gone:
        _mark_removed(session, row, f"no longer listed in {path}")
        summary.removed += 1


def _mark_removed(session: Session, row: Subscriber, reason: str) -> None:
    if row.status not in SELF_CHOSEN:
        row.status = "removed"
    row.status_reason = reason
    row.updated_at = utcnow()
    session.add(row)


def sync_subscribers(engine: Engine, path: Path) -> list[SyncSummary]:
    """Sync a subscriber file, or every YAML file of a folder, each in its own transaction.

    A bad file is reported in its summary (status ``rejected``) and leaves the
    database as it was; the other files of the folder are still synced.
    """
    summaries = []
    for file in subscriber_files(Path(path)):
        summary = SyncSummary(path=file)
        try:
            with session_scope(engine) as session:
                _sync_file(session, file.resolve(), summary)
        except SubscriberFileRejected as err:
            summary = SyncSummary(path=file, status="rejected", errors=err.problems)
        except SubscriberFileError as err:
            summary = SyncSummary(path=file, status="rejected", errors=[err.message])
        summaries.append(summary)
    return summaries


def prune_missing_files(engine: Engine, folder: Path) -> list[str]:
    """Stop mailing subscribers whose file in ``folder`` no longer exists; return their addresses.

    Sync only knows the files it is given: deleting a whole file would leave
    its subscribers active. Entries that signed up on the web or were added on
    the command line are not touched.
    """
    root = Path(folder).resolve()
    removed = []
    with session_scope(engine) as session:
        rows = session.exec(select(Subscriber).where(Subscriber.status != "removed")).all()
        for row in rows:
            origin = Path(row.origin) if row.origin not in ("", "web", "cli") else None
            if origin is None or origin.parent != root or origin.exists():
                continue
            _mark_removed(session, row, f"its file {origin} is gone")
            removed.append(row.email)
    return removed


def find_subscriber(session: Session, email: str) -> Subscriber:
    """The subscriber with this address, or SubscriberFileError saying it is unknown."""
    address = normalize_email(email)
    row = session.exec(select(Subscriber).where(Subscriber.email == address)).first()
    if row is None:
        raise SubscriberFileError(
            f"no subscriber {address}", hint="see 'tbtalert subscribers list'"
        )
    return row


def entry_of(session: Session, row: Subscriber) -> SubscriberEntry:
    """The stored subscriber as an entry (for changing some fields and writing back)."""
    assert row.id is not None
    return SubscriberEntry(
        email=row.email,
        name=row.name,
        company=row.company,
        language=row.language,
        sectors=sector_ids_of(session, row.id),
        markets=list(row.markets),
        areas=list(row.areas),
        frequency=row.frequency,
        heartbeat=row.heartbeat,
    )


def change_subscriber(
    session: Session, email: str, changes: dict[str, Any], *, by_exporter: bool = False
) -> Subscriber:
    """Change some fields of a stored subscriber, checked like a file entry.

    A change the exporter makes (``by_exporter``, their preferences page)
    makes each exporter field whose value changed theirs; an official's change
    (the command line) takes back every field it names.
    """
    row = find_subscriber(session, email)
    before = entry_of(session, row).model_dump()
    data = before | {k: v for k, v in changes.items() if v is not None}
    try:
        entry = SubscriberEntry.model_validate(data)
    except ValidationError as err:
        raise SubscriberFileError(f"{email}: {entry_problem(err)}") from None
    unknown = sorted(set(entry.sectors) - known_sector_ids(session))
    if unknown:
        raise SubscriberFileError(f"{email}: unknown sector id(s) {', '.join(unknown)}")
    after = entry.model_dump()
    if by_exporter:
        owned = set(row.owned) | {f for f in EXPORTER_FIELDS if before[f] != after[f]}
    else:
        owned = set(row.owned) - {k for k, v in changes.items() if v is not None}
    if owned != set(row.owned):
        row.owned = [f for f in EXPORTER_FIELDS if f in owned]
        session.add(row)
    _apply(session, row, entry)
    return row


def add_subscriber(session: Session, data: dict[str, Any], origin: str = "cli") -> Subscriber:
    """Add one subscriber (from the command line); the address must be new."""
    try:
        entry = SubscriberEntry.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as err:
        raise SubscriberFileError(f"{data.get('email')}: {entry_problem(err)}") from None
    unknown = sorted(set(entry.sectors) - known_sector_ids(session))
    if unknown:
        raise SubscriberFileError(f"{entry.email}: unknown sector id(s) {', '.join(unknown)}")
    existing = session.exec(select(Subscriber).where(Subscriber.email == entry.email)).first()
    if existing is not None:
        raise SubscriberFileError(
            f"{entry.email} is already a subscriber ({existing.status})",
            hint="use 'tbtalert subscribers change'",
        )
    upsert_subscriber(session, entry, origin)
    return find_subscriber(session, entry.email)


def remove_subscriber(session: Session, email: str) -> Subscriber:
    """Stop mailing an address (status ``removed``); its history is kept."""
    row = find_subscriber(session, email)
    _mark_removed(session, row, "removed by an official")
    return row
