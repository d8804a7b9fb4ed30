"""The ``eping-bulk`` kind: the WTO's daily file of every notification, ``Notification_EN.xlsx``.

``https://eping.wto.org/NotificationExcelFiles/Notification_EN.xlsx`` needs
no key and lists every TBT and SPS notification since 1995 (about 45 MB and
105,000 rows in 2026), regenerated every day with the columns of ePing's
export files (mapped by :mod:`tbtalert.sources.eping_export`). A run:

- asks with If-None-Match / If-Modified-Since, so an unchanged file costs a
  "304 Not Modified";
- otherwise streams the file to a temporary file (never whole in memory) and
  compares its SHA-256 with the last run's: the same content costs the
  download and one hash;
- otherwise reads the rows one slice at a time (:mod:`tbtalert.sources.xlsx`)
  and hands ingest only the rows whose digest differs from the one stored
  when that row was last stored, in pages of :data:`PAGE_ROWS` rows.

Options: ``max_bytes`` (the largest file accepted, default 200 MB: the file
is larger than ``http_max_bytes``), ``dayfirst`` (for dates written as text;
default true).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, ClassVar

from tbtalert.config import SourceConfig
from tbtalert.errors import FetchError, ImportFileError, ParseError
from tbtalert.paths import resolve_location
from tbtalert.sources.base import (
    FetchContext,
    Page,
    check_known_options,
    option,
    remember_validators,
    require_url,
)
from tbtalert.sources.eping_export import is_blank, locate_header, record_from_row
from tbtalert.sources.xlsx import read_rows

URL = "https://eping.wto.org/NotificationExcelFiles/Notification_EN.xlsx"
PAGE_ROWS = 2_000
MAX_BYTES = 200_000_000
_KEY_LENGTH = 500


def row_digest(row: Sequence[Any]) -> str:
    """A digest of a row's cells (trailing empty cells ignored): equal digests, equal rows."""
    end = len(row)
    while end and row[end - 1] in ("", None):
        end -= 1
    return hashlib.blake2b(repr(list(row[:end])).encode("utf-8"), digest_size=8).hexdigest()


def parse_bulk(
    source: Path | bytes,
    name: str,
    source_name: str = "",
    *,
    known: Mapping[str, str] | None = None,
    dayfirst: bool = True,
    page_rows: int = PAGE_ROWS,
) -> Iterator[Page]:
    """Pages of records from the rows of a bulk file that ``known`` (key -> digest) lacks.

    A row's key is its symbol cell as written; each page carries the digests
    of its rows, to be stored with its records.
    """
    known = known or {}
    rows = read_rows(source, name)
    with closing(rows):
        columns = locate_header(rows, name)
        symbol = columns.fields["symbol"]
        page = Page()
        for row in rows:
            if is_blank(row) or symbol >= len(row):
                continue
            key = " ".join(str(row[symbol]).split())[:_KEY_LENGTH]
            digest = row_digest(row)
            if not key or known.get(key) == digest:
                continue
            page.records.extend(record_from_row(row, columns, source_name, dayfirst=dayfirst))
            page.items[key] = digest
            if len(page.items) >= page_rows:
                yield page
                page = Page()
        if page.items:
            yield page


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class EpingBulkKind:
    """Reads the daily bulk file, storing only the rows that changed since the last run."""

    kind: ClassVar[str] = "eping-bulk"

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, ("max_bytes", "dayfirst"))
        require_url(config)
        option(config, "max_bytes", int)
        option(config, "dayfirst", bool)

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        config = ctx.config
        with tempfile.TemporaryDirectory(prefix="tbtalert-bulk-") as folder:
            path = self._file(ctx, Path(folder) / "bulk.xlsx")
            if path is None:
                yield Page(not_modified=True)
                return
            digest = file_digest(path)
            if digest == ctx.state.extra.get("sha256"):
                yield Page(not_modified=True)
                return
            try:
                yield from parse_bulk(
                    path,
                    config.url,
                    config.name,
                    known=ctx.known_items(),
                    dayfirst=bool(config.options.get("dayfirst", True)),
                )
            except ImportFileError as err:
                raise ParseError(
                    err.message, hint="the file's layout may have changed; check the source's url"
                ) from None
            ctx.state.extra["sha256"] = digest

    def _file(self, ctx: FetchContext, download: Path) -> Path | None:
        """The file to read: downloaded to ``download``, or the local path; None when unchanged."""
        location = resolve_location(ctx.config.url)
        if not location.startswith(("http://", "https://")):
            path = Path(location.removeprefix("file://"))
            if not path.is_file():
                raise FetchError(
                    f"{path}: no such file",
                    hint="check the source's url: a path on this server, or http(s)://",
                )
            return path
        with download.open("wb") as sink:
            response = ctx.client.get(
                location,
                etag=ctx.state.etag,
                last_modified=ctx.state.last_modified,
                sink=sink,
                max_bytes=int(ctx.config.options.get("max_bytes", MAX_BYTES)),
            )
        if response.not_modified:
            return None
        remember_validators(ctx, response)
        return download
