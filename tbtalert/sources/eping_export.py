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
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from tbtalert.config import SourceConfig
from tbtalert.errors import ConfigError, FetchError, ImportFileError, ParseError, reason
from tbtalert.http import decode_body
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
from tbtalert.symbols import find_symbols

FORMATS = ("csv", "xlsx")
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


def _rows_csv(data: bytes) -> Iterator[list[Any]]:
    text = decode_body(data, "text/csv")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _rows_xlsx(data: bytes, name: str) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(f"{name}: not a readable .xlsx workbook ({reason(err)})") from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def detect_format(name: str, data: bytes, fmt: str | None = None) -> str:
    """csv or xlsx, from the option, the file name, or the first bytes."""
    if fmt:
        return fmt
    suffix = Path(name.split("?")[0]).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    return "xlsx" if data.startswith(b"PK\x03\x04") else "csv"


def parse_export(
    data: bytes, name: str, source_name: str = "", *, fmt: str | None = None, dayfirst: bool = True
) -> list[NotificationRecord]:
    """Records from an ePing export file's bytes; ``name`` is its path or URL (for messages)."""
    fmt = detect_format(name, data, fmt)
    rows: Iterable[list[Any]] = _rows_xlsx(data, name) if fmt == "xlsx" else _rows_csv(data)
    columns: dict[str, int] | None = None
    records: list[NotificationRecord] = []
    for number, row in enumerate(rows, start=1):
        if columns is None:
            if any(_normalize_header(c) in ("symbol", "documentsymbol") for c in row):
                columns = header_map(row, name)
            elif number >= 10:
                break
            continue
        if not any(c not in (None, "") for c in row):
            continue
        records.extend(record_from_row(row, columns, source_name, dayfirst=dayfirst))
    if columns is None:
        raise ImportFileError(f"{name}: required column 'Symbol' not found in the first 10 rows")
    return records


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
        yield Page(self._parse(response.content, response.url, config.name, fmt, dayfirst))

    def _parse(
        self, data: bytes, name: str, source: str, fmt: str | None, dayfirst: bool
    ) -> list[NotificationRecord]:
        try:
            return parse_export(data, name, source, fmt=fmt, dayfirst=dayfirst)
        except ImportFileError as err:
            raise ParseError(err.message, hint=ImportFileError.hint) from None

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
            try:
                data = path.read_bytes()
            except OSError as err:
                raise FetchError(f"{path}: cannot read the file ({err.strerror})") from None
            yield Page(self._parse(data, str(path), ctx.config.name, fmt, dayfirst))
            seen[path.name] = stamp
            changed = True
        ctx.state.extra["files"] = seen
        if not changed:
            yield Page(not_modified=True)
