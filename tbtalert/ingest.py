"""Ingest: run sources, store their records, and record every run.

Each source runs in its own ``try``: a failure is written to its run row in
plain words and the next source goes on. Each page of records is stored in
one transaction, and the source's cursor and validators are saved only when
the whole run succeeded, so a failed run leaves whole pages or nothing, and
the next run starts again from the last good cursor (re-reading stored pages
costs no writes: unchanged records are skipped by content hash).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import RowMapping, Table, bindparam, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tbtalert.config import Settings, SourceConfig
from tbtalert.db import session_scope
from tbtalert.errors import ImportFileError, ParseError, SymbolError, TbtAlertError
from tbtalert.http import HttpClient
from tbtalert.models import Notification, NotificationRecord, Source, SourceRun, utcnow
from tbtalert.source_switches import switched_off
from tbtalert.sources import FetchContext, SourceState, get_kind
from tbtalert.symbols import parse_symbol

log = logging.getLogger(__name__)

RECORD_FIELDS = [f.name for f in dataclasses.fields(NotificationRecord)]
_COPIED = [n for n in RECORD_FIELDS if n not in ("symbol", "raw")]
_LISTS = ("hs_codes", "ics_codes", "keywords", "document_urls")
_TABLE: Table = Notification.__table__  # type: ignore[attr-defined]
_NO_RAW = [c for c in _TABLE.c if c.name != "raw"]
_LIMITS = {
    c.name: int(getattr(c.type, "length", 0))
    for c in _TABLE.c
    if getattr(c.type, "length", None) and c.name in _COPIED
}
_KEYS = [_TABLE.c.id, _TABLE.c.symbol, _TABLE.c.content_hash, _TABLE.c.base_id]
_LOOKUP_CHUNK = 500
IMPORT_FORMATS = ("csv", "xlsx", "json", "feed")


@dataclass
class RunSummary:
    """How one source run (or one import) ended."""

    source: str
    status: str  # "ok" | "failed" | "not-modified"
    fetched: int = 0
    new: int = 0
    updated: int = 0
    error: str = ""

    def line(self) -> str:
        """The one-line summary the command line prints."""
        if self.status == "failed":
            return f"{self.source}: FAILED: {self.error}"
        if self.status == "not-modified":
            return f"{self.source}: ok, not modified since the last run"
        return f"{self.source}: ok, {self.fetched} fetched, {self.new} new, {self.updated} updated"


# ---------------------------------------------------------------- storing


def record_of(row: Notification | RowMapping) -> NotificationRecord:
    """A stored notification (an ORM row, or a row mapping without raw) as a record."""
    if isinstance(row, RowMapping):
        values = {name: row[name] for name in RECORD_FIELDS if name in row}
    else:
        values = {name: getattr(row, name) for name in RECORD_FIELDS}
    for name in _LISTS:
        values[name] = list(values[name] or [])
    values["raw"] = dict(values.get("raw") or {})
    return NotificationRecord(**values)


def _normalized(record: NotificationRecord) -> NotificationRecord:
    if record.area in ("TBT", "SPS"):
        sym = parse_symbol(record.symbol)
        if sym.text != record.symbol or sym.base != record.base_symbol:
            record = dataclasses.replace(
                record, symbol=sym.text, base_symbol=sym.base, doc_type=sym.doc_type
            )
    elif not record.base_symbol:
        record = dataclasses.replace(record, base_symbol=record.symbol)
    return record


def _merged(stored: NotificationRecord, incoming: NotificationRecord) -> NotificationRecord:
    """Incoming values win; an empty incoming value keeps what is stored.

    So a richer record (enriched from its WTO document) is not emptied by a
    later, thinner copy of the same notification.
    """
    changes = {
        name: getattr(incoming, name)
        for name in _COPIED
        if getattr(incoming, name) not in (None, "", [])
    }
    return dataclasses.replace(stored, **changes)


def _lookup(
    session: Session, symbols: Sequence[str], columns: Sequence[Any] = ()
) -> dict[str, RowMapping]:
    """Stored notifications by symbol (all columns but raw, or those given), 500 a query."""
    found: dict[str, RowMapping] = {}
    for start in range(0, len(symbols), _LOOKUP_CHUNK):
        chunk = symbols[start : start + _LOOKUP_CHUNK]
        query = core_select(*(columns or _NO_RAW)).where(_TABLE.c.symbol.in_(chunk))
        for row in session.execute(query).mappings():
            found[row["symbol"]] = row
    return found


def _values(record: NotificationRecord, digest: str) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in _COPIED}
    for name, limit in _LIMITS.items():  # PostgreSQL refuses what SQLite would keep
        if isinstance(values.get(name), str) and len(values[name]) > limit:
            values[name] = values[name][: limit - 1] + "…"
    values["content_hash"] = digest
    return values


def _insert(
    session: Session, records: list[NotificationRecord], announce: bool
) -> list[tuple[int, str, str]]:
    """Insert new notifications in one statement; return (id, symbol, base_symbol) of each."""
    now = utcnow()
    rows = [
        {
            **_values(r, r.content_hash()),
            "symbol": r.symbol,
            "raw": r.raw,
            "announce": announce,
            "base_id": None,
            "matched_at": None,
            "first_seen_at": now,
            "updated_at": now,
        }
        for r in records
    ]
    # a plain executemany (psycopg pipelines it) and one select for the ids: faster
    # than INSERT ... RETURNING, whose long multi-row statement psycopg re-parses
    session.execute(insert(_TABLE), rows)
    columns = [_TABLE.c.id, _TABLE.c.symbol, _TABLE.c.base_symbol]
    found = _lookup(session, [r.symbol for r in records], columns)
    return [(row["id"], row["symbol"], row["base_symbol"]) for row in found.values()]


def _update(
    session: Session, changed: list[tuple[int, NotificationRecord, str, dict[str, Any]]]
) -> None:
    """Write changed notifications (fields, merged raw, hash, updated_at; matched_at cleared)."""
    ids = [item[0] for item in changed]
    stored_raw = dict(
        session.execute(core_select(_TABLE.c.id, _TABLE.c.raw).where(_TABLE.c.id.in_(ids))).all()
    )
    now = utcnow()
    params = [
        {
            **_values(merged, digest),
            "b_id": row_id,
            "raw": {**(stored_raw.get(row_id) or {}), **raw},
            "matched_at": None,
            "updated_at": now,
        }
        for row_id, merged, digest, raw in changed
    ]
    session.execute(update(_TABLE).where(_TABLE.c.id == bindparam("b_id")), params)


def upsert_records(
    session: Session, records: Iterable[NotificationRecord], *, announce: bool
) -> tuple[list[int], list[int]]:
    """Store records by normalized symbol; return (new ids, updated ids).

    One lookup per 500 symbols, one insert and one update statement per batch,
    not one query per record. An unchanged record (same content hash) is not
    written. A changed one gets its fields, ``updated_at`` and ``matched_at =
    None`` (so the matcher tags it again). Follow-ups are linked to their base
    notification, now or when the base arrives.
    """
    batch: dict[str, NotificationRecord] = {}
    for record in records:
        record = _normalized(record)
        batch[record.symbol] = record
    if not batch:
        return [], []
    stored = _lookup(session, list(batch), _KEYS)
    fresh = [r for s, r in batch.items() if s not in stored]
    # the common case, a record exactly as stored, is settled by its hash alone
    differing = [s for s, row in stored.items() if batch[s].content_hash() != row["content_hash"]]
    changed: list[tuple[int, NotificationRecord, str, dict[str, Any]]] = []
    for symbol, row in _lookup(session, differing).items() if differing else ():
        merged = _merged(record_of(row), batch[symbol])
        digest = merged.content_hash()
        if digest != row["content_hash"]:
            changed.append((row["id"], merged, digest, batch[symbol].raw))
    created = _insert(session, fresh, announce) if fresh else []
    if changed:
        _update(session, changed)
    touched = created + [(i, m.symbol, m.base_symbol) for i, m, _, _ in changed]
    _link_follow_ups(session, touched, {r["id"]: r["base_id"] for r in stored.values()})
    session.expire_all()  # ORM objects the caller holds must see these core writes
    return [c[0] for c in created], [c[0] for c in changed]


def _link_follow_ups(
    session: Session, touched: list[tuple[int, str, str]], linked: dict[int, int | None]
) -> None:
    """Point follow-ups at their base, and orphans stored earlier at a base that just came."""
    follow_ups = [(i, b) for i, s, b in touched if b != s and linked.get(i) is None]
    links: dict[int, int] = {}
    if follow_ups:
        bases = _lookup(session, sorted({b for _, b in follow_ups}), _KEYS)
        links = {i: bases[b]["id"] for i, b in follow_ups if b in bases}
    arrived = {s: i for i, s, b in touched if b == s}
    if arrived:
        # base_id IS NULL is filtered here, not in SQL: most rows have a NULL
        # base_id, and SQLite would scan them all through that index
        candidates = session.execute(
            core_select(_TABLE.c.id, _TABLE.c.base_symbol, _TABLE.c.base_id).where(
                _TABLE.c.base_symbol.in_(list(arrived)),
                _TABLE.c.base_symbol != _TABLE.c.symbol,
            )
        ).all()
        orphans = [(i, base) for i, base, base_id in candidates if base_id is None]
        links.update({orphan: arrived[base] for orphan, base in orphans})
    if links:
        session.execute(
            update(_TABLE).where(_TABLE.c.id == bindparam("b_id")),
            [{"b_id": i, "base_id": base, "matched_at": None} for i, base in links.items()],
        )


# ---------------------------------------------------------------- runs


def _source_row(session: Session, config: SourceConfig) -> Source:
    row = session.exec(select(Source).where(Source.name == config.name)).first()
    if row is None:
        row = Source(name=config.name, kind=config.kind, url=config.url)
        session.add(row)
    row.kind, row.url = config.kind, config.url
    session.flush()
    return row


def _had_good_run(session: Session, source_id: int) -> bool:
    query = select(SourceRun.id).where(
        SourceRun.source_id == source_id, col(SourceRun.status).in_(["ok", "not-modified"])
    )
    return session.exec(query).first() is not None


def _announce(settings: Settings, config: SourceConfig, first: bool) -> bool:
    """Whether this run's new records may be mailed (not on a quiet first run)."""
    if not first:
        return True
    quiet = config.quiet_first_run
    return not (settings.quiet_first_run if quiet is None else quiet)


def _context(
    engine: Engine, config: SourceConfig, client: HttpClient, state: SourceState
) -> FetchContext:
    def lookup(symbols: list[str]) -> dict[str, NotificationRecord]:
        with session_scope(engine) as session:
            return {s: record_of(r) for s, r in _lookup(session, symbols).items()}

    def pending(limit: int) -> list[str]:
        with session_scope(engine) as session:
            query = (
                select(Notification.symbol)
                .where(col(Notification.area).in_(["TBT", "SPS"]), Notification.agency == "")
                .order_by(col(Notification.distribution_date).desc(), col(Notification.id).desc())
                .limit(limit)
            )
            return list(session.exec(query).all())

    return FetchContext(config, client, state, lookup=lookup, pending=pending)


def run_source(
    engine: Engine, settings: Settings, config: SourceConfig, client: HttpClient
) -> RunSummary:
    """Fetch one source and store what it brings; never raises for the source's faults."""
    with session_scope(engine) as session:
        source = _source_row(session, config)
        assert source.id is not None
        source_id = source.id
        first = not _had_good_run(session, source_id)
        run = SourceRun(source_id=source_id)
        session.add(run)
        session.flush()
        run_id = run.id
        state = SourceState(
            source.cursor, source.etag, source.last_modified, dict(source.state or {})
        )
    summary = RunSummary(config.name, "ok")
    announce = _announce(settings, config, first)
    try:
        kind = get_kind(config.kind)
        kind.check_options(config)
        pages = 0
        unchanged = 0
        for page in kind.pages(_context(engine, config, client, state)):
            pages += 1
            if page.not_modified:
                unchanged += 1
                continue
            with session_scope(engine) as session:
                new, changed = upsert_records(session, page.records, announce=announce)
            summary.fetched += len(page.records)
            summary.new += len(new)
            summary.updated += len(changed)
        if pages and unchanged == pages:
            summary.status = "not-modified"
    except (TbtAlertError, SymbolError) as err:
        summary.status, summary.error = "failed", err.one_line()
    except Exception as err:  # a bug or an unforeseen library error: record it, go on
        log.debug("source %s failed unexpectedly", config.name, exc_info=True)
        summary.status = "failed"
        summary.error = f"unexpected {type(err).__name__}: {err} (run with --verbose for details)"
    _finish(engine, source_id, run_id, summary, state)
    return summary


def _finish(
    engine: Engine, source_id: int, run_id: int | None, summary: RunSummary, state: SourceState
) -> None:
    with session_scope(engine) as session:
        run = session.get(SourceRun, run_id)
        assert run is not None
        run.finished_at = utcnow()
        run.status = summary.status
        run.fetched, run.new, run.updated = summary.fetched, summary.new, summary.updated
        run.error = summary.error[:4000]
        if summary.status != "failed":
            source = session.get(Source, source_id)
            assert source is not None
            source.cursor, source.etag = state.cursor, state.etag
            source.last_modified, source.state = state.last_modified, dict(state.extra)


def fetch_sources(engine: Engine, settings: Settings, only: str | None = None) -> list[RunSummary]:
    """Run every enabled source (or only the named one), each isolated from the others.

    Sources an official switched off on the web are left out unless named.
    """
    if only:
        configs = [settings.source(only)]
    else:
        with Session(engine) as session:
            off = switched_off(session)
        configs = [s for s in settings.sources if s.enabled and s.name not in off]
    with HttpClient(settings) as client:
        return [run_source(engine, settings, config, client) for config in configs]


def check_sources(settings: Settings) -> None:
    """Validate every source's kind and options now; raise the first ConfigError."""
    for config in settings.sources:
        get_kind(config.kind).check_options(config)


def try_source(settings: Settings, name: str) -> list[NotificationRecord]:
    """Fetch and parse one source without storing anything (``sources test``)."""
    config = settings.source(name)
    kind = get_kind(config.kind)
    kind.check_options(config)
    records: list[NotificationRecord] = []
    with HttpClient(settings) as client:
        for page in kind.pages(FetchContext(config, client, SourceState())):
            records.extend(page.records)
    return records


# ---------------------------------------------------------------- import


def _read_records(path: Path, fmt: str, name: str) -> list[NotificationRecord]:
    from tbtalert.sources.eping import parse_page
    from tbtalert.sources.eping_export import parse_export
    from tbtalert.sources.feed import parse_feed

    data = path.read_bytes()
    if fmt in ("csv", "xlsx"):
        return parse_export(data, str(path), name, fmt=fmt)
    if fmt == "json":
        return parse_page(data, str(path), name).records
    return parse_feed(data, str(path), jurisdiction="VNM", source_name=name)


def _import_format(path: Path, fmt: str | None) -> str:
    if fmt is None:
        suffix = path.suffix.lower().lstrip(".")
        fmt = {"xml": "feed", "rss": "feed", "atom": "feed"}.get(suffix, suffix)
    if fmt not in IMPORT_FORMATS:
        raise ImportFileError(
            f"{path}: unknown format {fmt or '(none)'!r}",
            hint=f"give --format, one of {', '.join(IMPORT_FORMATS)}",
        )
    return fmt


def import_file(
    engine: Engine,
    settings: Settings,
    path: Path,
    fmt: str | None = None,
    *,
    announce: bool = True,
) -> RunSummary:
    """Load one file an official downloaded (ePing export, ePing JSON, a feed), in one transaction.

    Recorded as a run of the source ``import``. Errors in the file raise
    ImportFileError naming it; nothing is stored from a file that fails.
    """
    path = Path(path)
    fmt = _import_format(path, fmt)
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file", hint="check the path")
    try:
        records = _read_records(path, fmt, "import")
    except ParseError as err:
        raise ImportFileError(err.message) from None
    config = SourceConfig(name="import", kind="eping-export", url=str(path))
    with session_scope(engine) as session:
        source = _source_row(session, config)
        new, changed = upsert_records(session, records, announce=announce)
        session.add(
            SourceRun(
                source_id=source.id or 0,
                finished_at=utcnow(),
                status="ok",
                fetched=len(records),
                new=len(new),
                updated=len(changed),
                error=f"imported {path.name}",
            )
        )
    return RunSummary(path.name, "ok", len(records), len(new), len(changed))
