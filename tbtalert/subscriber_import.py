"""Subscriber files uploaded on the web: YAML or CSV, every error shown before anything is written.

A YAML upload has the shape of the files in ``subscribers/``. A CSV upload
has a header row naming the same fields (``email`` and ``sectors`` are
required); list fields (sectors, markets, areas) hold values separated by
spaces, commas or semicolons; ``heartbeat`` is yes/no. An upload is all or
nothing, like ``subscribers sync``: one bad row and nothing is imported.
The fields an exporter chose on the web stay theirs, as with ``sync``; the
preview lists each such conflict.
Imported rows get the origin ``officials-web``, so no file sync removes them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from sqlmodel import Session, col, select

from tbtalert.errors import SubscriberFileError
from tbtalert.models import Subscriber
from tbtalert.subscribers import (
    check_entries,
    entry_of,
    keep_exporters_choices,
    known_sector_ids,
    upsert_subscriber,
)

ORIGIN = "officials-web"
LIST_FIELDS = ("sectors", "markets", "areas")
CSV_FIELDS = ("email", "name", "company", "language", "sectors", "markets", "areas", "frequency")
MAX_BYTES = 2_000_000


def read_upload(filename: str, data: bytes) -> list[Any]:
    """The raw entries of an uploaded file (SubscriberFileError when it cannot be read)."""
    if len(data) > MAX_BYTES:
        raise SubscriberFileError(f"{filename}: larger than {MAX_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SubscriberFileError(f"{filename}: not UTF-8 text", hint="save it as UTF-8") from None
    if filename.lower().endswith(".csv"):
        return _csv_rows(text)
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise SubscriberFileError(f"{filename}: not valid YAML: {err}") from None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("subscribers"), list):
        raise SubscriberFileError(f"{filename}: expected a top-level 'subscribers:' list")
    return list(loaded["subscribers"])


def _csv_rows(text: str) -> list[Any]:
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        item: dict[str, Any] = {}
        for key, value in row.items():
            if key is None or value is None or not value.strip():
                continue  # extra cells and empty ones: the defaults apply
            name = key.strip().lower()
            if name in LIST_FIELDS:
                item[name] = [v for v in re.split(r"[\s,;]+", value) if v]
            elif name == "heartbeat":
                item[name] = value.strip().lower() in ("yes", "y", "true", "1", "có")
            else:
                item[name] = value.strip()
        rows.append(item)
    return rows


@dataclass
class UploadRow:
    """One entry of an upload: what importing it would do, or why it cannot be."""

    number: int
    email: str
    outcome: str  # added | changed | unchanged | error
    problems: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # the exporter's own choices, kept


@dataclass
class UploadPreview:
    """Every entry of an upload, checked; importable when no row has a problem."""

    rows: list[UploadRow]

    @property
    def errors(self) -> list[UploadRow]:
        return [r for r in self.rows if r.outcome == "error"]

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


def preview_upload(session: Session, filename: str, data: bytes) -> UploadPreview:
    """Check every entry against the database; write nothing."""
    raw = read_upload(filename, data)
    checked = check_entries(raw, known_sector_ids(session))
    emails = [e.email for e, _ in checked if e is not None]
    stored = {
        s.email: s
        for s in session.exec(select(Subscriber).where(col(Subscriber.email).in_(emails))).all()
    }
    rows = []
    for number, (entry, problems) in enumerate(checked, start=1):
        item = raw[number - 1]
        email = (
            entry.email if entry else str(item.get("email", "")) if isinstance(item, dict) else ""
        )
        if problems or entry is None:
            rows.append(UploadRow(number, email, "error", problems))
        elif entry.email not in stored:
            rows.append(UploadRow(number, email, "added"))
        else:
            row = stored[entry.email]
            kept, conflicts = keep_exporters_choices(session, row, entry)
            same = row.status == "active" and entry_of(session, row) == kept
            rows.append(UploadRow(number, email, "unchanged" if same else "changed", [], conflicts))
    return UploadPreview(rows)


def import_upload(session: Session, filename: str, data: bytes) -> UploadPreview:
    """Import every entry, or nothing when any has a problem (SubscriberFileError)."""
    preview = preview_upload(session, filename, data)
    if preview.errors:
        raise SubscriberFileError(
            f"{filename}: {len(preview.errors)} entry(ies) with problems; nothing imported"
        )
    for entry, _ in check_entries(read_upload(filename, data), known_sector_ids(session)):
        assert entry is not None
        upsert_subscriber(session, entry, ORIGIN)
    return preview


def export_rows(session: Session, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    """Subscribers as file entries (the shape import reads), active ones unless asked."""
    query = select(Subscriber).order_by(col(Subscriber.email))
    if not include_inactive:
        query = query.where(Subscriber.status == "active")
    return [entry_of(session, row).model_dump() for row in session.exec(query).all()]


def export_csv(rows: list[dict[str, Any]]) -> str:
    """Entries as CSV with the columns import reads."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*CSV_FIELDS, "heartbeat"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {k: " ".join(v) if isinstance(v, list) else v for k, v in row.items()}
        cells["heartbeat"] = "yes" if row["heartbeat"] else "no"
        writer.writerow(cells)
    return out.getvalue()


def export_yaml(rows: list[dict[str, Any]]) -> str:
    """Entries as a subscriber file (``subscribers sync`` and the upload read it)."""
    return yaml.safe_dump({"subscribers": rows}, allow_unicode=True, sort_keys=False)
