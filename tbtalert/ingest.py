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
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from sqlalchemy import RowMapping, Table, bindparam, delete, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from tbtalert.config import IMPORT_MAX_BYTES, Settings, SourceConfig
from tbtalert.db import describe_error, session_scope
from tbtalert.errors import ImportFileError, ParseError, SymbolError, TbtAlertError
from tbtalert.http import HttpClient, redact_urls
from tbtalert.models import (
    Area,
    DocType,
    Notification,
    NotificationRecord,
    RunStatus,
    Source,
    SourceItem,
    SourceRun,
    utcnow,
)
from tbtalert.owners import INTERRUPTED, owner_gone, this_process
from tbtalert.source_switches import switched_off
from tbtalert.sources import FetchContext, SourceState, get_kind
from tbtalert.sources.feed import national_symbol
from tbtalert.symbols import parse_symbol
from tbtalert.textfile import read_capped

log = logging.getLogger(__name__)

RECORD_FIELDS = [f.name for f in dataclasses.fields(NotificationRecord)]
_COPIED = [n for n in RECORD_FIELDS if n not in ("symbol", "raw")]
_LISTS = ("hs_codes", "ics_codes", "keywords", "document_urls", "countries_affected")
_TABLE: Table = Notification.__table__  # type: ignore[attr-defined]
_NO_RAW = [c for c in _TABLE.c if c.name != "raw"]
_LIMITS = {
    c.name: int(getattr(c.type, "length", 0))
    for c in _TABLE.c
    if getattr(c.type, "length", None) and c.name in _COPIED
}
_KEYS = [_TABLE.c.id, _TABLE.c.symbol, _TABLE.c.content_hash, _TABLE.c.base_id]
_LOOKUP_CHUNK = 500
TITLE_MAX = 2000  # characters of a title kept (a feed's entity expansion made one of 300,000)
TEXT_MAX = 100_000  # characters of any other text field kept
_TEXT_LIMITS = {"title": TITLE_MAX, "member_name": TITLE_MAX, "entry_into_force_text": TITLE_MAX}
_TEXTS = [f.name for f in dataclasses.fields(NotificationRecord) if f.type in ("str", str)]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ERROR_MAX = 1000  # characters of a run's error kept: one line, never a statement's text
IMPORT_FORMATS = ("csv", "xlsx", "json", "feed")
_AREAS, _DOC_TYPES = get_args(Area), get_args(DocType)  # what a record may say, as stored


@dataclass
class RunSummary:
    """How one source run (or one import) ended."""

    source: str
    status: RunStatus
    fetched: int = 0
    new: int = 0
    updated: int = 0
    error: str = ""
    rejected: list[str] = dataclasses.field(default_factory=list)

    def line(self) -> str:
        """The one-line summary the command line prints."""
        if self.status == "failed":
            return f"{self.source}: FAILED: {self.error}"
        if self.status == "not-modified":
            return f"{self.source}: ok, not modified since the last run"
        counts = f"{self.fetched} fetched, {self.new} new, {self.updated} updated"
        return f"{self.source}: ok, {counts}{self.rejected_note()}"

    def rejected_note(self) -> str:
        """``; 2 row(s) left out: row 5 (...): ...; row 9: ...`` or "" when none was."""
        if not self.rejected:
            return ""
        return f"; {len(self.rejected)} left out: {rejected_list(self.rejected)}"


def rejected_list(rejected: list[str], shown: int = 5) -> str:
    """The first ``shown`` rejected items, and how many more."""
    more = f"; and {len(rejected) - shown} more" if len(rejected) > shown else ""
    return "; ".join(rejected[:shown]) + more


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


def _web_link(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _clean(value: str, limit: int) -> str:
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _sanitized(record: NotificationRecord) -> NotificationRecord:
    """Text without control characters (a NUL cuts a title), bounded; only http(s) links.

    A ``javascript:`` or ``data:`` link from a feed or page would otherwise
    reach mail, the web pages and the Atom export.
    """
    texts = [getattr(record, name) for name in _TEXTS]
    links_ok = all(_web_link(u) for u in record.document_urls) and (
        not record.notification_url or _web_link(record.notification_url)
    )
    if (
        links_ok
        and not _CONTROL.search("".join([*texts, *record.keywords, *record.hs_codes]))
        and all(len(v) <= _TEXT_LIMITS.get(n, TEXT_MAX) for n, v in zip(_TEXTS, texts, strict=True))
    ):
        return record  # the usual case, settled without copying
    changes: dict[str, Any] = {}
    for name in _TEXTS:
        value = getattr(record, name)
        cleaned = _clean(value, _TEXT_LIMITS.get(name, TEXT_MAX))
        if cleaned is not value:
            changes[name] = cleaned
    for name in ("hs_codes", "ics_codes", "keywords"):
        values = getattr(record, name)
        if any(_CONTROL.search(v) for v in values):
            changes[name] = [_clean(v, TITLE_MAX) for v in values]
    if record.notification_url and not _web_link(record.notification_url):
        changes["notification_url"] = ""
    if not all(_web_link(u) for u in record.document_urls):
        changes["document_urls"] = [u for u in record.document_urls if _web_link(u)]
    return dataclasses.replace(record, **changes) if changes else record


def _normalized(record: NotificationRecord) -> NotificationRecord:
    record = _sanitized(record)
    if record.area not in _AREAS or record.doc_type not in _DOC_TYPES:
        raise ParseError(
            f"{record.symbol}: area {record.area!r} and document type {record.doc_type!r} "
            f"must be among {', '.join(_AREAS)} and {', '.join(_DOC_TYPES)}"
        )
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


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """``values`` in slices of 500: an IN list stays far below PostgreSQL's 65,535 parameters."""
    for start in range(0, len(values), _LOOKUP_CHUNK):
        yield values[start : start + _LOOKUP_CHUNK]


def _lookup(
    session: Session, symbols: Sequence[str], columns: Sequence[Any] = ()
) -> dict[str, RowMapping]:
    """Stored notifications by symbol (all columns but raw, or those given), 500 a query."""
    found: dict[str, RowMapping] = {}
    for chunk in _chunks(symbols):
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
    stored_raw: dict[int, Any] = {}
    for chunk in _chunks(ids):
        query = core_select(_TABLE.c.id, _TABLE.c.raw).where(_TABLE.c.id.in_(chunk))
        stored_raw.update((row_id, raw) for row_id, raw in session.execute(query))
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
    if _adopt_old_identities(session, [r for s, r in batch.items() if s not in stored]):
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


def _adopt_old_identities(session: Session, fresh: list[NotificationRecord]) -> bool:
    """Give national updates stored under their page URL their new identity (their code).

    A list page with a ``code`` selector once stored each standard as
    ``VNM:<page URL>`` and now as ``VNM:TCVN 14200:2026``; the stored row is
    renamed rather than a second one added (and mailed again).
    """
    old = {
        national_symbol(r.member, r.notification_url): r.symbol
        for r in fresh
        if r.area == "NAT" and r.notification_url
    }
    old = {before: after for before, after in old.items() if before != after}
    found = _lookup(session, list(old), [_TABLE.c.id, _TABLE.c.symbol]) if old else {}
    for before, row in found.items():
        session.execute(
            update(_TABLE)
            .where(_TABLE.c.id == row["id"])
            .values(symbol=old[before], base_symbol=old[before])
        )
    return bool(found)


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
        orphans: list[tuple[int, str]] = []
        for chunk in _chunks(list(arrived)):
            candidates = session.execute(
                core_select(_TABLE.c.id, _TABLE.c.base_symbol, _TABLE.c.base_id).where(
                    _TABLE.c.base_symbol.in_(chunk),
                    _TABLE.c.base_symbol != _TABLE.c.symbol,
                )
            )
            orphans += [(i, base) for i, base, base_id in candidates if base_id is None]
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


def _remember_items(session: Session, source_id: int, items: dict[str, str]) -> None:
    """Store the digests of the items a page came from, replacing older ones."""
    if not items:
        return
    keys = list(items)
    table = SourceItem.__table__  # type: ignore[attr-defined]
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        session.execute(
            delete(table).where(
                table.c.source_id == source_id, table.c.key.in_(keys[start : start + _LOOKUP_CHUNK])
            )
        )
    session.execute(
        insert(table), [{"source_id": source_id, "key": k, "digest": d} for k, d in items.items()]
    )


def _context(
    engine: Engine, config: SourceConfig, client: HttpClient, state: SourceState, source_id: int
) -> FetchContext:
    def known_items() -> dict[str, str]:
        with session_scope(engine) as session:
            query = select(SourceItem.key, SourceItem.digest).where(
                SourceItem.source_id == source_id
            )
            return dict(session.exec(query).all())

    def lookup(symbols: list[str]) -> dict[str, NotificationRecord]:
        with session_scope(engine) as session:
            return {s: record_of(r) for s, r in _lookup(session, symbols).items()}

    def pending(limit: int) -> list[str]:
        with session_scope(engine) as session:
            read = select(SourceItem.key).where(SourceItem.source_id == source_id)
            query = (
                select(Notification.symbol)
                .where(
                    col(Notification.area).in_(["TBT", "SPS"]),
                    Notification.agency == "",
                    col(Notification.symbol).not_in(read),
                )
                .order_by(col(Notification.distribution_date).desc(), col(Notification.id).desc())
                .limit(limit)
            )
            return list(session.exec(query).all())

    return FetchContext(
        config, client, state, lookup=lookup, pending=pending, known_items=known_items
    )


def mark_interrupted_runs(engine: Engine) -> int:
    """Mark failed ("interrupted") every run left running by a process that is gone."""
    with session_scope(engine) as session:
        running = session.exec(select(SourceRun).where(SourceRun.status == "running")).all()
        gone = [run for run in running if owner_gone(run.owner, run.started_at)]
        for run in gone:
            run.status, run.error = "failed", INTERRUPTED
            session.add(run)
    for run in gone:
        log.warning("source run %s (owner %s) marked interrupted", run.id, run.owner or "unknown")
    return len(gone)


def run_source(
    engine: Engine, settings: Settings, config: SourceConfig, client: HttpClient
) -> RunSummary:
    """Fetch one source and store what it brings; never raises for the source's faults."""
    mark_interrupted_runs(engine)
    with session_scope(engine) as session:
        source = _source_row(session, config)
        assert source.id is not None
        source_id = source.id
        first = not _had_good_run(session, source_id)
        run = SourceRun(source_id=source_id, owner=this_process())
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
        for page in kind.pages(_context(engine, config, client, state, source_id)):
            pages += 1
            if page.not_modified:
                unchanged += 1
                continue
            if page.rejected:
                log.warning("%s: left out: %s", config.name, rejected_list(page.rejected))
            with session_scope(engine) as session:
                new, changed = upsert_records(session, page.records, announce=announce)
                _remember_items(session, source_id, page.items)
            summary.fetched += len(page.records)
            summary.new += len(new)
            summary.updated += len(changed)
            summary.rejected += page.rejected
        if pages and unchanged == pages:
            summary.status = "not-modified"
    except (TbtAlertError, SymbolError) as err:
        summary.status, summary.error = "failed", err.one_line()
    except SQLAlchemyError as err:
        log.debug("source %s: database error", config.name, exc_info=True)
        summary.status, summary.error = "failed", describe_error(err)
    except Exception as err:  # a bug or an unforeseen library error: record it, go on
        log.debug("source %s failed unexpectedly", config.name, exc_info=True)
        summary.status = "failed"
        reason = (str(err).strip().splitlines() or [""])[0][:300]
        summary.error = (
            f"unexpected {type(err).__name__}: {reason} (run with --verbose for details)"
        )
    summary.error = redact_urls(summary.error)
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
        run.error = (summary.error or summary.rejected_note().lstrip("; "))[:ERROR_MAX]
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


def try_source(
    settings: Settings, name: str, keep: int = 100
) -> tuple[int, list[NotificationRecord]]:
    """Fetch and parse one source without storing anything (``sources test``).

    Returns how many records it parsed and the first ``keep`` of them (a
    bulk file parses into 100,000 records: they are counted, not kept).
    """
    config = settings.source(name)
    kind = get_kind(config.kind)
    kind.check_options(config)
    count = 0
    records: list[NotificationRecord] = []
    with HttpClient(settings) as client:
        for page in kind.pages(FetchContext(config, client, SourceState())):
            count += len(page.records)
            records.extend(page.records[: max(0, keep - len(records))])
    return count, records


# ---------------------------------------------------------------- import


@dataclass
class ImportedFile:
    """A file read for ``import``: its records, and the rows or items left out, named."""

    path: Path
    records: list[NotificationRecord]
    rejected: list[str] = dataclasses.field(default_factory=list)


def _read_records(
    data: bytes, path: Path, fmt: str, encoding: str | None
) -> tuple[list[NotificationRecord], list[str]]:
    from tbtalert.sources.eping import parse_page
    from tbtalert.sources.eping_export import read_export
    from tbtalert.sources.feed import parse_feed

    name = str(path)
    if fmt in ("csv", "xlsx"):
        found = read_export(data, name, "import", fmt=fmt, encoding=encoding)
        return found.records, found.rejected
    if fmt == "json":
        page = parse_page(data, name, "import")
        return page.records, page.rejected
    return parse_feed(data, name, jurisdiction="VNM", source_name="import"), []


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


def read_import(
    path: Path,
    fmt: str | None = None,
    *,
    max_bytes: int = IMPORT_MAX_BYTES,
    encoding: str | None = None,
    skip_bad_rows: bool = False,
) -> ImportedFile:
    """Read and check a file for ``import``, touching no database.

    ImportFileError (one line) when the file is too big, not in its format,
    not safe to read, or, unless ``skip_bad_rows``, when any row cannot be
    stored: the rows are counted and the first ones named.
    """
    path = Path(path)
    fmt = _import_format(path, fmt)
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file", hint="check the path")
    data = read_capped(path, max_bytes, ImportFileError)
    try:
        records, rejected = _read_records(data, path, fmt, encoding)
    except ParseError as err:
        raise ImportFileError(err.message) from None
    if rejected and not skip_bad_rows:
        total = len(rejected) + len(records)
        raise ImportFileError(
            f"{path}: {len(rejected)} of {total} row(s) cannot be stored, nothing imported: "
            + rejected_list(rejected),
            hint="correct those rows, or import the others with --skip-bad-rows",
        )
    return ImportedFile(path, records, rejected)


def store_import(engine: Engine, found: ImportedFile, *, announce: bool = True) -> RunSummary:
    """Store a file read by :func:`read_import` in one transaction, as a run of source ``import``."""
    path = found.path
    config = SourceConfig(name="import", kind="eping-export", url=str(path))
    with session_scope(engine) as session:
        source = _source_row(session, config)
        new, changed = upsert_records(session, found.records, announce=announce)
        summary = RunSummary(
            path.name, "ok", len(found.records), len(new), len(changed), rejected=found.rejected
        )
        session.add(
            SourceRun(
                source_id=source.id or 0,
                finished_at=utcnow(),
                status="ok",
                fetched=len(found.records),
                new=len(new),
                updated=len(changed),
                error=f"imported {path.name}{summary.rejected_note()}"[:ERROR_MAX],
            )
        )
    return summary


def import_file(
    engine: Engine,
    path: Path,
    fmt: str | None = None,
    *,
    announce: bool = True,
    skip_bad_rows: bool = False,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> RunSummary:
    """Load one file an official downloaded (ePing export, ePing JSON, a feed), in one transaction.

    Recorded as a run of the source ``import``. Errors in the file raise
    ImportFileError naming it; nothing is stored from a file that fails.
    """
    found = read_import(path, fmt, max_bytes=max_bytes, skip_bad_rows=skip_bad_rows)
    return store_import(engine, found, announce=announce)
