"""The ``eping-export`` kind: the .xlsx and .csv files officials download from ePing.

Columns are found by name, compared without case, spaces or punctuation and
by prefix ("Link to notification(EN)", "Proposed adoption  date" with its real
double space), so their order does not matter; ``Symbol`` (or "Document
symbol") and ``Title`` are required, and columns tbtalert does not know are
kept in the record's raw payload. The kind reads one file (a
path, or an http(s) URL fetched conditionally) or a watched folder, where each
new or changed ``.csv``/``.xlsx`` file is read once.

Options: ``format`` (csv or xlsx, when the name does not tell), ``dayfirst``
(default true: 01/02/2026 is 1 February).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, FetchError, ImportFileError, ParseError
from tbtalert.models import NotificationRecord
from tbtalert.paths import resolve_location
from tbtalert.sources.base import (
    FetchContext,
    Page,
    affected_countries,
    as_list,
    check_known_options,
    clean_text,
    date_or_text,
    hs_codes,
    one_line,
    option,
    parse_date,
    read_location,
    remember_validators,
    require_url,
    split_urls,
)
from tbtalert.sources.workbook import MAX_CELL, check_workbook
from tbtalert.sources.xlsx import read_rows
from tbtalert.symbols import find_symbols
from tbtalert.textfile import decode_text, read_capped

FORMATS = ("csv", "xlsx")
DEFAULT_MAX_ROWS = 300_000
_ICS = re.compile(r"(?<![\d.])\d{2}\.\d{3}(?:\.\d{2})?(?![\d])")

# Headers are compared normalized: lower case, letters and digits only, so
# "Proposed adoption  date", "Proposed adoption date" and "PROPOSED ADOPTION
# DATE:" are one name. A header maps to a field by its whole name, else by the
# first prefix below that starts it ("Link to notification(EN)" and "Link to
# notification (EN / ES / FR)" both start with "linktonotification").
EXACT = {
    "symbol": "symbol",
    "documentsymbol": "symbol",
    "member": "member",
    "title": "title",
    "products": "products",
    "productsfreetext": "products",
    "hscode": "codes",
    "hscodes": "codes",
}
PREFIXES = (
    ("notifyingmember", "member"),
    ("descriptionofcontent", "description"),
    ("description", "description"),
    ("distributiondate", "distributed"),
    ("dateofdistribution", "distributed"),
    ("productscovered", "products"),
    ("productshsics", "codes"),
    ("hscode", "codes"),
    ("icscode", "ics"),
    ("objective", "objectives"),
    ("keyword", "keywords"),
    ("regionsorcountriesaffected", "regions"),
    ("countriesaffected", "regions"),
    ("finaldateforcomment", "deadline"),
    ("commentdeadline", "deadline"),
    ("notificationtype", "type"),
    ("linktonotificationsummary", "summary_link"),
    ("linktonotification", "link"),
    ("notifieddocument", "documents"),
    ("linkstofulltext", "documents"),
    ("linktofulltext", "documents"),
    ("proposeddateofadoption", "adoption"),
    ("proposedadoptiondate", "adoption"),
    ("proposeddateofentryintoforce", "in_force"),
    ("proposedentryintoforce", "in_force"),
    ("agencyresponsible", "agency"),
)
REQUIRED = {"symbol": "Symbol", "title": "Title"}


def normalize_header(value: Any) -> str:
    """A header as compared: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", str(value or "").lower())


def header_field(header: Any) -> str | None:
    """The field a column header names, or None for a column tbtalert does not know."""
    name = normalize_header(header)
    if name in EXACT:
        return EXACT[name]
    for prefix, field in PREFIXES:
        if name.startswith(prefix):
            language = name[len(prefix) :]
            if field == "link" and language and "en" not in language:
                return None  # "Link to notification(FR)": kept in raw, the English one is the link
            return field
    return None


@dataclass(frozen=True)
class Columns:
    """Where each field is in a row, and the headers of the columns no field uses."""

    fields: dict[str, int]
    extra: dict[int, str]

    def read(self, row: Sequence[Any]) -> dict[str, Any]:
        """The row's cells by field (None for an empty or missing cell)."""
        width = len(row)
        return {
            key: row[i] if i < width and row[i] != "" else None for key, i in self.fields.items()
        }


def header_map(headers: list[Any], name: str) -> Columns:
    """Field -> column index; ImportFileError names a missing required column."""
    found: dict[str, int] = {}
    extra: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = header_field(header)
        if field and field not in found:
            found[field] = index
        elif header not in (None, ""):
            extra[index] = " ".join(str(header).split())
    missing = [label for key, label in REQUIRED.items() if key not in found]
    if missing:
        names = [str(h) for h in headers if h]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        raise ImportFileError(
            f"{name}: required column {', '.join(repr(m) for m in missing)} not found "
            f"(columns: {shown})"
        )
    return Columns(found, extra)


def _codes(text: str) -> tuple[list[str], list[str]]:
    ics = _ICS.findall(text)
    return hs_codes([_ICS.sub(" ", text)]), ics


def _english_link(value: str) -> str:
    urls = split_urls(value)
    english = [
        u for u in urls if re.search(r"(?:^|[/_=.-])e(?:[/_.&]|$)|lang(?:uage)?=1|/en/", u, re.I)
    ]
    return (english or urls or [""])[0]


def _day(value: Any, dayfirst: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return parse_date(value, dayfirst=dayfirst)


def _date_or_text(value: Any, distributed: date | None) -> tuple[date | None, str]:
    if isinstance(value, date):
        return (value.date() if isinstance(value, datetime) else value), ""
    return date_or_text(value, reference=distributed)


def _split(value: Any) -> list[str]:
    return as_list(re.split(r"[;\n]", str(value))) if value is not None else []


def _raw(cells: dict[str, Any], row: Sequence[Any], columns: Columns) -> dict[str, Any]:
    """The row as read: known fields by name, every other filled column under its header."""
    raw = {key: _plain(value) for key, value in cells.items()}
    other = {
        header: _plain(row[index])
        for index, header in columns.extra.items()
        if index < len(row) and row[index] not in (None, "")
    }
    if other:
        raw["other_columns"] = other
    return raw


def record_from_row(
    row: Sequence[Any], columns: Columns, source_name: str, *, dayfirst: bool = True
) -> list[NotificationRecord]:
    """Records from one export row (one per symbol in its Symbol cell)."""
    cells = columns.read(row)
    cell = cells.get
    symbols = find_symbols(str(cell("symbol") or ""))
    if not symbols:
        return []
    distributed = _day(cell("distributed"), dayfirst)
    hs, ics = _codes(f"{cell('codes') or ''} ; {cell('ics') or ''}")
    in_force, in_force_text = _date_or_text(cell("in_force"), distributed)
    common: dict[str, Any] = {
        "source_name": source_name,
        "member_name": one_line(cell("member")) if len(symbols) == 1 else "",
        "title": clean_text(cell("title")),
        "description": clean_text(cell("description")),
        "products": clean_text(cell("products")),
        "objectives": "; ".join(_split(cell("objectives"))),
        "keywords": _split(cell("keywords")),
        "agency": clean_text(cell("agency")),
        "hs_codes": hs,
        "ics_codes": ics,
        "distribution_date": distributed,
        "comment_deadline": _date_or_text(cell("deadline"), distributed)[0],
        "adoption_date": _date_or_text(cell("adoption"), distributed)[0],
        "entry_into_force": in_force,
        "entry_into_force_text": in_force_text,
        "notification_url": _english_link(str(cell("link") or "")),
        "document_urls": split_urls(cell("documents")),
        "countries_affected": affected_countries(_split(cell("regions"))),
        "raw": _raw(cells, row, columns),
    }
    return [
        NotificationRecord(
            symbol=sym.text,
            base_symbol=sym.base,
            area=sym.area,
            member=sym.member,
            doc_type=sym.doc_type,
            **common,
        )
        for sym in symbols
    ]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


_DATE_COLUMNS = {
    "distributed": "Distribution date",
    "deadline": "Final date for comments",
    "adoption": "Proposed date of adoption",
    "in_force": "Proposed date of entry into force",
}
_NUMERIC_DATE = re.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}")


def row_problem(row: Sequence[Any], columns: Columns, *, dayfirst: bool = True) -> str:
    """Why a row cannot be stored as it is (no symbol, a date that is not one), or ""."""
    cells = columns.read(row)
    symbol = one_line(cells.get("symbol"))
    if not symbol:
        return "no symbol"
    if not find_symbols(symbol):
        return f"symbol {symbol[:60]!r} is not a WTO notification symbol"
    for key, label in _DATE_COLUMNS.items():
        value = cells.get(key)
        if value in (None, "") or isinstance(value, datetime | date):
            continue
        text = one_line(value)
        looks_like_date = key == "distributed" or _NUMERIC_DATE.search(text)
        if looks_like_date and parse_date(text, dayfirst=dayfirst) is None:
            return f"{label} {text[:40]!r} is not a date"
    return ""


def csv_rows(text: str, name: str, max_rows: int) -> Generator[list[str], None, None]:
    """The rows of a CSV text, each checked against the cell and row limits as it is read."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise ImportFileError(
                f"{name}: line {reader.line_num}: not readable as CSV ({err})"
            ) from None
        if reader.line_num > max_rows:
            raise ImportFileError(
                f"{name}: more than {max_rows:,} rows; refused",
                hint="split the file, or raise import_max_rows",
            )
        if any(len(cell) > MAX_CELL for cell in row):
            raise ImportFileError(
                f"{name}: line {reader.line_num}: a cell of more than {MAX_CELL:,} "
                "characters (Excel's limit); refused"
            )
        yield row


def detect_format(name: str, data: bytes, fmt: str | None = None) -> str:
    """csv or xlsx, from the option, the file name, or the first bytes."""
    if fmt:
        return fmt
    suffix = Path(name.split("?")[0]).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    return "xlsx" if data.startswith(b"PK\x03\x04") else "csv"


def locate_header(rows: Iterator[Sequence[Any]], name: str) -> Columns:
    """Read ``rows`` up to the header row (within the first 10): title rows may come first."""
    for number, row in enumerate(rows, start=1):
        if any(header_field(c) == "symbol" for c in row):
            return header_map(list(row), name)
        if number >= 10:
            break
    raise ImportFileError(f"{name}: required column 'Symbol' not found in the first 10 rows")


def is_blank(row: Sequence[Any]) -> bool:
    return all(c in (None, "") for c in row)


class _Numbered(Iterator[Sequence[Any]]):
    """Rows, counting how many were read (the row number of the last one)."""

    def __init__(self, rows: Iterator[Sequence[Any]]) -> None:
        self.rows, self.count = rows, 0

    def __next__(self) -> Sequence[Any]:
        row = next(self.rows)
        self.count += 1
        return row


@dataclass
class ExportFile:
    """An export file read: its records, and each row that could not be stored, named."""

    records: list[NotificationRecord] = dataclasses.field(default_factory=list)
    rows: int = 0
    rejected: list[str] = dataclasses.field(default_factory=list)


def _sheet(
    data: bytes, name: str, fmt: str, encoding: str | None, max_rows: int
) -> tuple[Generator[Sequence[Any], None, None], dict[int, list[str]]]:
    """The file's rows, once it is known to be safe to read, and its formula cells with no value."""
    if fmt == "xlsx":
        check = check_workbook(data, name, max_rows=max_rows)
        return read_rows(data, name), check.formula_gaps
    return csv_rows(decode_text(data, name, ImportFileError, encoding), name, max_rows), {}


def read_export(
    data: bytes,
    name: str,
    source_name: str = "",
    *,
    fmt: str | None = None,
    dayfirst: bool = True,
    encoding: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> ExportFile:
    """Records from an ePing export file's bytes; ``name`` is its path or URL (for messages).

    The file is refused (ImportFileError, one line) when it is not safe to
    read or not an export at all; a row that cannot be stored is named in
    ``rejected`` ("row 12 (G/TBT/N/XX/1): Distribution date '31/02/2026'
    is not a date").
    """
    rows, gaps = _sheet(data, name, detect_format(name, data, fmt), encoding, max_rows)
    out = ExportFile()
    with closing(rows):
        numbered = _Numbered(rows)
        columns = locate_header(numbered, name)
        for row in numbered:
            number = numbered.count
            if is_blank(row):
                continue
            out.rows += 1
            problem = row_problem(row, columns, dayfirst=dayfirst)
            if not problem and number in gaps:
                problem = f"column {', '.join(gaps[number])}: a formula without a saved value"
            if problem:
                symbol = one_line(columns.read(row).get("symbol"))[:40]
                out.rejected.append(f"row {number}{f' ({symbol})' if symbol else ''}: {problem}")
                continue
            out.records.extend(record_from_row(row, columns, source_name, dayfirst=dayfirst))
    return out


def parse_export(
    data: bytes, name: str, source_name: str = "", *, fmt: str | None = None, dayfirst: bool = True
) -> list[NotificationRecord]:
    """The records of :func:`read_export` (rows that cannot be stored are left out)."""
    return read_export(data, name, source_name, fmt=fmt, dayfirst=dayfirst).records


class EpingExportKind:
    """Reads an ePing export from a URL, a file, or a watched folder."""

    kind: ClassVar[str] = "eping-export"

    def check_options(self, config: SourceConfig) -> None:
        check_known_options(config, ("format", "dayfirst"))
        require_url(config)
        fmt = option(config, "format", str)
        if fmt is not None and fmt not in FORMATS:
            raise ConfigError(f"source {config.name!r}: options.format must be csv or xlsx")
        option(config, "dayfirst", bool)

    def pages(self, ctx: FetchContext) -> Iterator[Page]:
        config = ctx.config
        location = resolve_location(config.url)
        fmt = config.options.get("format")
        dayfirst = bool(config.options.get("dayfirst", True))
        if not location.startswith(("http://", "https://")) and Path(location).is_dir():
            yield from self._folder(ctx, Path(location), fmt, dayfirst)
            return
        response = read_location(ctx, location)
        if response.not_modified:
            yield Page(not_modified=True)
            return
        remember_validators(ctx, response)
        yield self._parse(
            response.content, response.url, config.name, fmt, dayfirst, response.charset
        )

    def _parse(
        self,
        data: bytes,
        name: str,
        source: str,
        fmt: str | None,
        dayfirst: bool,
        encoding: str | None = None,
    ) -> Page:
        try:
            found = read_export(data, name, source, fmt=fmt, dayfirst=dayfirst, encoding=encoding)
        except ImportFileError as err:
            raise ParseError(err.message, hint=err.hint) from None
        return Page(found.records, rejected=found.rejected)

    def _folder(
        self, ctx: FetchContext, folder: Path, fmt: str | None, dayfirst: bool
    ) -> Iterator[Page]:
        seen: dict[str, str] = dict(ctx.state.extra.get("files", {}))
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
        changed = False
        for path in files:
            stat = path.stat()
            stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
            if seen.get(path.name) == stamp:
                continue
            data = read_capped(path, ctx.client.max_bytes, FetchError)
            yield self._parse(data, str(path), ctx.config.name, fmt, dayfirst)
            seen[path.name] = stamp
            changed = True
        ctx.state.extra["files"] = seen
        if not changed:
            yield Page(not_modified=True)
