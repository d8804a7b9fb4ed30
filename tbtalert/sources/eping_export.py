"""The ``eping-export`` kind: the .xlsx and .csv files officials download from ePing.

Columns are found by name, so their order and any extra columns do not
matter; ``Symbol`` and ``Title`` are required. The kind reads one file (a
path, or an http(s) URL fetched conditionally) or a watched folder, where each
new or changed ``.csv``/``.xlsx`` file is read once.

Options: ``format`` (csv or xlsx, when the name does not tell), ``dayfirst``
(default true: 01/02/2026 is 1 February).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
from tbtalert.sources.workbook import MAX_CELL, check_workbook, sheet_rows
from tbtalert.symbols import find_symbols
from tbtalert.textfile import decode_text, read_capped

FORMATS = ("csv", "xlsx")
DEFAULT_MAX_ROWS = 300_000
_ICS = re.compile(r"(?<![\d.])\d{2}\.\d{3}(?:\.\d{2})?(?![\d])")

# normalized header -> field; headers are normalized to lowercase letters and digits
COLUMNS = {
    "symbol": "symbol",
    "documentsymbol": "symbol",
    "notifyingmembers": "member",
    "notifyingmember": "member",
    "member": "member",
    "title": "title",
    "descriptionofcontent": "description",
    "description": "description",
    "distributiondate": "distributed",
    "dateofdistribution": "distributed",
    "productsfreetext": "products",
    "products": "products",
    "productshsicscode": "codes",
    "productshsicscodes": "codes",
    "hscodes": "codes",
    "hscode": "codes",
    "icscodes": "ics",
    "objectives": "objectives",
    "objective": "objectives",
    "keywordsspsonly": "keywords",
    "keywords": "keywords",
    "regionsorcountriesaffectedspsonly": "regions",
    "finaldateforcomments": "deadline",
    "commentdeadline": "deadline",
    "notificationtype": "type",
    "linktonotificationenesfr": "link",
    "linktonotification": "link",
    "linktonotificationsummary": "summary_link",
    "linkstofulltext": "documents",
    "linktofulltext": "documents",
    "proposeddateofadoption": "adoption",
    "proposeddateofentryintoforce": "in_force",
    "agencyresponsible": "agency",
}
REQUIRED = {"symbol": "Symbol", "title": "Title"}


def _normalize_header(value: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(value or "").lower())


def header_map(headers: list[Any], name: str) -> dict[str, int]:
    """Field -> column index; ImportFileError names a missing required column."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = COLUMNS.get(_normalize_header(header))
        if field and field not in found:
            found[field] = index
    missing = [label for key, label in REQUIRED.items() if key not in found]
    if missing:
        names = [str(h) for h in headers if h]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        raise ImportFileError(
            f"{name}: required column {', '.join(repr(m) for m in missing)} not found "
            f"(columns: {shown})"
        )
    return found


def _codes(text: str) -> tuple[list[str], list[str]]:
    ics = _ICS.findall(text)
    return hs_codes([_ICS.sub(" ", text)]), ics


def _english_link(value: str) -> str:
    urls = split_urls(value)
    english = [
        u for u in urls if re.search(r"(?:^|[/_=.-])e(?:[/_.&]|$)|lang(?:uage)?=1|/en/", u, re.I)
    ]
    return (english or urls or [""])[0]


def _cell(row: list[Any], columns: dict[str, int], key: str) -> Any:
    index = columns.get(key)
    if index is None or index >= len(row):
        return None
    return row[index]


def record_from_row(
    row: list[Any], columns: dict[str, int], source_name: str, *, dayfirst: bool = True
) -> list[NotificationRecord]:
    """Records from one export row (one per symbol in its Symbol cell)."""
    symbols = find_symbols(one_line(_cell(row, columns, "symbol")))
    if not symbols:
        return []

    def when(key: str) -> date | None:
        value = _cell(row, columns, key)
        return value.date() if isinstance(value, datetime) else parse_date(value, dayfirst=dayfirst)

    distributed = when("distributed")
    codes_text = " ; ".join(str(_cell(row, columns, k) or "") for k in ("codes", "ics"))
    hs, ics = _codes(codes_text)
    in_force_value = _cell(row, columns, "in_force")
    in_force, in_force_text = (
        (in_force_value.date(), "")
        if isinstance(in_force_value, datetime)
        else date_or_text(in_force_value, reference=distributed)
    )
    deadline_value = _cell(row, columns, "deadline")
    deadline = when("deadline") or date_or_text(deadline_value, reference=distributed)[0]
    raw = {key: _plain(_cell(row, columns, key)) for key in columns}
    return [
        NotificationRecord(
            symbol=sym.text,
            base_symbol=sym.base,
            area=sym.area,
            member=sym.member,
            doc_type=sym.doc_type,
            source_name=source_name,
            member_name=one_line(_cell(row, columns, "member")) if len(symbols) == 1 else "",
            title=clean_text(_cell(row, columns, "title")),
            description=clean_text(_cell(row, columns, "description")),
            products=clean_text(_cell(row, columns, "products")),
            objectives="; ".join(
                as_list(re.split(r"[;\n]", one_line(_cell(row, columns, "objectives")) or ""))
            ),
            keywords=as_list(re.split(r"[;\n]", str(_cell(row, columns, "keywords") or ""))),
            agency=clean_text(_cell(row, columns, "agency")),
            hs_codes=hs,
            ics_codes=ics,
            distribution_date=distributed,
            comment_deadline=deadline,
            adoption_date=when("adoption"),
            entry_into_force=in_force,
            entry_into_force_text=in_force_text,
            notification_url=_english_link(str(_cell(row, columns, "link") or "")),
            document_urls=split_urls(_cell(row, columns, "documents")),
            raw=raw,
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


def row_problem(row: list[Any], columns: dict[str, int], *, dayfirst: bool = True) -> str:
    """Why a row cannot be stored as it is (no symbol, a date that is not one), or ""."""
    symbol = one_line(_cell(row, columns, "symbol"))
    if not symbol:
        return "no symbol"
    if not find_symbols(symbol):
        return f"symbol {symbol[:60]!r} is not a WTO notification symbol"
    for key, label in _DATE_COLUMNS.items():
        value = _cell(row, columns, key)
        if value in (None, "") or isinstance(value, datetime | date):
            continue
        text = one_line(value)
        looks_like_date = key == "distributed" or _NUMERIC_DATE.search(text)
        if looks_like_date and parse_date(text, dayfirst=dayfirst) is None:
            return f"{label} {text[:40]!r} is not a date"
    return ""


class CsvRows:
    """The rows of a CSV text, each checked against the cell and row limits as it is read."""

    def __init__(self, text: str, name: str, max_rows: int) -> None:
        self.text, self.name, self.max_rows = text, name, max_rows

    def __iter__(self) -> Iterator[list[Any]]:
        sample = self.text[:4096]
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample, delimiters=",;\t"
            )
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(self.text), dialect)
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                raise ImportFileError(
                    f"{self.name}: line {reader.line_num}: not readable as CSV ({err})"
                ) from None
            number += 1
            if number > self.max_rows:
                raise ImportFileError(
                    f"{self.name}: more than {self.max_rows:,} rows; refused",
                    hint="split the file, or raise import_max_rows",
                )
            if any(len(cell) > MAX_CELL for cell in row):
                raise ImportFileError(
                    f"{self.name}: line {reader.line_num}: a cell of more than {MAX_CELL:,} "
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


@dataclass
class ExportFile:
    """An export file read: its records, and each row that could not be stored, named."""

    records: list[NotificationRecord] = field(default_factory=list)
    rows: int = 0
    rejected: list[str] = field(default_factory=list)


def _sheet(
    data: bytes, name: str, fmt: str, encoding: str | None, max_rows: int
) -> tuple[Iterable[list[Any]], dict[int, list[str]]]:
    if fmt == "xlsx":
        check = check_workbook(data, name, max_rows=max_rows)
        return sheet_rows(data, name), check.formula_gaps
    text = decode_text(data, name, ImportFileError, encoding)
    return CsvRows(text, name, max_rows), {}


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

    The file is refused (ImportFileError, one line) when it is not safe or
    not an export at all; a row that cannot be stored is named in
    ``rejected`` ("row 12 (G/TBT/N/XX/1): Distribution date '31/02/2026'
    is not a date").
    """
    fmt = detect_format(name, data, fmt)
    rows, gaps = _sheet(data, name, fmt, encoding, max_rows)
    columns: dict[str, int] | None = None
    out = ExportFile()
    for number, row in enumerate(rows, start=1):
        if columns is None:
            if any(_normalize_header(c) in ("symbol", "documentsymbol") for c in row):
                columns = header_map(row, name)
            elif number >= 10:
                break
            continue
        if not any(c not in (None, "") for c in row):
            continue
        out.rows += 1
        problem = row_problem(row, columns, dayfirst=dayfirst)
        if not problem and number in gaps:
            problem = f"column {', '.join(gaps[number])}: a formula without a saved value"
        if problem:
            symbol = one_line(_cell(row, columns, "symbol"))[:40]
            out.rejected.append(f"row {number}{f' ({symbol})' if symbol else ''}: {problem}")
            continue
        out.records.extend(record_from_row(row, columns, source_name, dayfirst=dayfirst))
    if columns is None:
        raise ImportFileError(f"{name}: required column 'Symbol' not found in the first 10 rows")
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
