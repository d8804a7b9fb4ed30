"""The eping-bulk kind: the WTO's daily file, over a real local HTTP server."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from support.httpserver import LocalHTTPServer, Reply, Seen
from tbtalert.config import Settings, SourceConfig
from tbtalert.errors import ImportFileError
from tbtalert.ingest import fetch_sources
from tbtalert.models import Notification, SourceItem
from tbtalert.sources.eping_bulk import parse_bulk
from tbtalert.sources.xlsx import read_rows

HEADERS = (
    (Path(__file__).parent / "data" / "realdata" / "export_headers_bulk.txt")
    .read_text("utf-8")
    .splitlines()
)
PATH = "/NotificationExcelFiles/Notification_EN.xlsx"


def row(n: int, *, title: str = "") -> list[Any]:
    """Row ``n`` of an invented bulk file, with the real columns."""
    member = ["IDN", "KOR", "VNM", "USA"][n % 4]
    values = {
        "Document symbol": f"G/TBT/N/{member}/{100 + n}",
        "Notifying Member": member,
        "Distribution date": datetime(2026, 9, 1 + n % 28),
        "Notification type": "Regular notification",
        "Title": title or f"Draft regulation {n} on coffee labelling",
        "Products covered": "Coffee, not roasted",
        "HS code(s)": "0901.11",
        "Link to notification(EN)": (
            f"https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/T/G/TBTN26/{member}{100 + n}.docx"
        ),
        "Final date for comments": datetime(2026, 11, 1 + n % 28),
    }
    return [values.get(h, "") for h in HEADERS]


def workbook(rows: list[list[Any]], headers: list[str] = HEADERS, title: str = "Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class DailyFile:
    """Serves the current bytes with an ETag, answering 304 to a matching If-None-Match."""

    def __init__(self, server: LocalHTTPServer, body: bytes, *, etags: bool = True) -> None:
        self.body, self.etags, self.server = body, etags, server
        self.version = 1
        server.route(PATH, self.answer)

    def answer(self, seen: Seen) -> Reply:
        if not self.etags:
            return Reply(body=self.body)
        etag = f'"v{self.version}"'
        if seen.headers.get("If-None-Match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=self.body, headers={"ETag": etag, "Content-Type": "application/xlsx"})

    def publish(self, body: bytes) -> None:
        self.body, self.version = body, self.version + 1


def bulk_settings(settings: Settings, url: str, **options: Any) -> Settings:
    source = SourceConfig(name="eping-daily", kind="eping-bulk", url=url, options=options)
    return settings.model_copy(update={"sources": [source]})


def count(engine: Engine, table: type[Any]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


def test_only_changed_rows_are_stored_again(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    rows = [row(n) for n in range(30)]
    original = workbook(rows)
    daily = DailyFile(http_server, original)
    cfg = bulk_settings(settings, http_server.url(PATH))
    first = fetch_sources(engine, cfg)[0]
    assert (first.status, first.fetched, first.new) == ("ok", 30, 30), first.error
    assert count(engine, SourceItem) == 30

    unchanged = fetch_sources(engine, cfg)[0]
    assert unchanged.status == "not-modified"
    assert http_server.hits(PATH)[-1].headers["If-None-Match"] == '"v1"'

    daily.publish(original)  # a new ETag, the same bytes
    same = fetch_sources(engine, cfg)[0]
    assert (same.status, same.fetched) == ("not-modified", 0)

    daily.publish(workbook(rows, title="Today"))  # other bytes, the same rows
    rewritten = fetch_sources(engine, cfg)[0]
    assert (rewritten.status, rewritten.fetched, rewritten.updated) == ("ok", 0, 0)

    rows[3] = row(3, title="Draft regulation 3 on coffee labelling, revised")
    rows.append(row(30))
    daily.publish(workbook(rows))
    changed = fetch_sources(engine, cfg)[0]
    assert (changed.status, changed.fetched, changed.new, changed.updated) == ("ok", 2, 1, 1)
    with Session(engine) as session:
        note = session.exec(
            select(Notification).where(Notification.symbol == "G/TBT/N/USA/103")
        ).one()
    assert note.title.endswith("revised") and note.matched_at is None
    assert count(engine, SourceItem) == 31


def test_without_validators_the_content_hash_saves_the_work(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    DailyFile(http_server, workbook([row(n) for n in range(5)]), etags=False)
    cfg = bulk_settings(settings, http_server.url(PATH))
    assert fetch_sources(engine, cfg)[0].new == 5
    again = fetch_sources(engine, cfg)[0]
    assert (again.status, again.fetched) == ("not-modified", 0)


def test_a_failed_run_stores_nothing_and_says_why_in_one_line(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route(PATH, Reply(body=b"<html>maintenance</html>"))
    [broken] = fetch_sources(engine, bulk_settings(settings, http_server.url(PATH)))
    assert broken.status == "failed" and "not a readable .xlsx workbook" in broken.error
    assert "\n" not in broken.error
    offline = bulk_settings(settings, "http://127.0.0.1:9/Notification_EN.xlsx")
    [down] = fetch_sources(engine, offline)
    assert down.line().startswith(
        "eping-daily: FAILED: cannot connect to http://127.0.0.1:9/Notification_EN.xlsx"
    )
    assert count(engine, Notification) == 0 and count(engine, SourceItem) == 0


def test_a_file_larger_than_max_bytes_is_refused(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route(PATH, Reply(body=workbook([row(n) for n in range(3)])))
    [summary] = fetch_sources(engine, bulk_settings(settings, http_server.url(PATH), max_bytes=100))
    assert summary.status == "failed" and "the limit is 100 bytes" in summary.error


def test_parse_bulk_pages_and_known_rows() -> None:
    data = workbook([row(n) for n in range(5)])
    pages = list(parse_bulk(data, "x.xlsx", "daily", page_rows=2))
    assert [len(p.records) for p in pages] == [2, 2, 1]
    digests = {k: v for p in pages for k, v in p.items.items()}
    assert sorted(digests) == [
        "G/TBT/N/IDN/100",
        "G/TBT/N/IDN/104",
        "G/TBT/N/KOR/101",
        "G/TBT/N/USA/103",
        "G/TBT/N/VNM/102",
    ]
    digests.pop("G/TBT/N/KOR/101")
    [rest] = list(parse_bulk(data, "x.xlsx", known=digests))
    assert [r.symbol for r in rest.records] == ["G/TBT/N/KOR/101"]


# ---------------------------------------------------------------- the sliced reader


def sheet_cells(data: bytes) -> list[list[Any]]:
    """What openpyxl reads, empty cells as "" and dates as dates, for comparison."""
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    out = []
    for values in sheet.iter_rows(values_only=True):
        cells = ["" if v is None else v.date() if isinstance(v, datetime) else v for v in values]
        out.append(cells)
    return out


def trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    out = []
    for values in rows:
        values = list(values)
        while values and values[-1] == "":
            values.pop()
        out.append(values)
    return out


def test_slices_keep_every_cell_in_its_column() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["B1"], sheet["C1"] = "Document symbol", "Title"
    for n in range(2, 40):
        sheet.cell(n, 2, f"G/SPS/N/EU/{n}")
        if n % 3:
            sheet.cell(n, 3, f"title {n} & <more>")
        if n % 5 == 0:
            sheet.cell(n, 6, date(2026, 1, n % 28 + 1))
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    for size in (1, 4, 7, 1000):
        assert trimmed(list(read_rows(data, "x", rows_per_slice=size))) == trimmed(
            sheet_cells(data)
        )


def test_a_prefixed_worksheet_and_an_empty_one() -> None:
    data = workbook([row(n) for n in range(3)])
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = source.read("xl/worksheets/sheet1.xml").decode()
    prefixed = (
        sheet.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")
        .replace("</worksheet>", "</x:worksheet>")
        .replace("<", "<x:")
        .replace("<x:/", "</x:")
        .replace("<x:x:", "<x:")
        .replace("</x:x:", "</x:")
        .replace("<x:?xml", "<?xml")
    )
    for body, expected in ((prefixed, 4), ("<worksheet><sheetData/></worksheet>", 0)):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy:
            for name in source.namelist():
                part = body if name == "xl/worksheets/sheet1.xml" else source.read(name)
                copy.writestr(name, part)
        assert len(list(read_rows(out.getvalue(), "x"))) == expected


def test_not_a_workbook_is_named() -> None:
    with pytest.raises(ImportFileError, match=r"daily\.xlsx: not a readable \.xlsx workbook"):
        list(read_rows(b"PK\x03\x04 not really", "daily.xlsx"))


def test_digest_ignores_trailing_empty_cells() -> None:
    from tbtalert.sources.eping_bulk import row_digest

    assert row_digest(["a", 1, ""]) == row_digest(["a", 1]) != row_digest(["a", 2])
