"""The WTO's real shapes (tests/data/realdata/): headers, rows, document names, an addendum."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import Workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings, SourceConfig
from tbtalert.ingest import fetch_sources, import_file
from tbtalert.models import Notification
from tbtalert.sources.eping_export import header_field, header_map, parse_export
from tbtalert.sources.wto_document import document_filename, parse_document

REAL = Path(__file__).parent / "data" / "realdata"
BULK_HEADERS = (REAL / "export_headers_bulk.txt").read_text("utf-8").splitlines()
SEARCH_HEADERS = (REAL / "export_headers_search.txt").read_text("utf-8").splitlines()
ROWS = json.loads((REAL / "gmo-map_consultations.json").read_text("utf-8"))["consultations"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_double_spaces_are_really_there() -> None:
    assert "Proposed adoption  date" in BULK_HEADERS
    assert "Proposed entry  into  force date" in BULK_HEADERS


def test_every_bulk_header_maps_to_a_field() -> None:
    fields = {header: header_field(header) for header in BULK_HEADERS}
    assert None not in fields.values(), fields
    assert fields == {
        "Document symbol": "symbol",
        "Notifying Member": "member",
        "Distribution date": "distributed",
        "Notification type": "type",
        "Title": "title",
        "Description": "description",
        "Products covered": "products",
        "HS code(s)": "codes",
        "ICS code(s)": "ics",
        "Keywords": "keywords",
        "Objectives": "objectives",
        "Proposed adoption  date": "adoption",
        "Proposed entry  into  force date": "in_force",
        "Link to notification(EN)": "link",
        "Final date for comments": "deadline",
    }


def test_every_search_export_header_maps_to_a_field() -> None:
    columns = header_map(SEARCH_HEADERS, "Notifications.xlsx")
    assert columns.extra == {}  # nothing left over
    assert set(columns.fields) == {
        "symbol",
        "member",
        "title",
        "distributed",
        "deadline",
        "type",
        "keywords",
        "description",
        "objectives",
        "documents",
    }


@pytest.mark.parametrize(
    "header",
    ["PROPOSED ADOPTION DATE:", "proposed  adoption date", "Proposed adoption date (dd/mm/yyyy)"],
)
def test_headers_are_compared_without_case_spaces_or_punctuation(header: str) -> None:
    assert header_field(header) == "adoption"


def test_other_language_links_and_unknown_columns_stay_in_raw() -> None:
    headers = [*BULK_HEADERS, "Link to notification(FR)", "Officer's note"]
    row = ["G/TBT/N/IDN/188", *[""] * (len(BULK_HEADERS) - 1), "https://fr.example", "call VCCI"]
    row[BULK_HEADERS.index("Title")] = "Halal product assurance"
    data = "\n".join(",".join(f'"{c}"' for c in line) for line in (headers, row)).encode("utf-8")
    [record] = parse_export(data, "x.csv")
    assert record.notification_url == ""
    assert record.raw["other_columns"] == {
        "Link to notification(FR)": "https://fr.example",
        "Officer's note": "call VCCI",
    }


# ---------------------------------------------------------------- the real rows


def invented(index: int) -> dict[str, Any]:
    """Values for the columns the real rows lack (the JSON kept only five): invented."""
    return {
        "Distribution date": datetime(2026, 7, 20 + index),
        "Description": "Invented description of the measure.",
        "Products covered": "Food and beverages; halal products" if index % 2 else "Wood products",
        "HS code(s)": "0901.11; 2101.11" if index % 2 else "4403.11",
        "ICS code(s)": "67.020",
        "Keywords": "Labelling",
        "Objectives": "Consumer information, labelling; Protection of human health or safety",
        "Proposed adoption  date": datetime(2026, 12, 1),
        "Proposed entry  into  force date": "To be determined" if index % 2 else "1 March 2027",
    }


def real_values(row: dict[str, Any]) -> dict[str, Any]:
    """The real row's values under the export's column names."""
    return {
        "Document symbol": row["ref"],
        "Notifying Member": row["country"],
        "Notification type": row["agency"].removeprefix("WTO "),
        "Title": row["title"],
        "Link to notification(EN)": row["url"],
        "Final date for comments": datetime.fromisoformat(row["closes"]),
    }


def bulk_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(BULK_HEADERS)
    for index, row in enumerate(ROWS):
        values = invented(index) | real_values(row)
        sheet.append([values.get(h, "") for h in BULK_HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def search_export_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SEARCH_HEADERS)
    for index, row in enumerate(ROWS):
        values = invented(index) | real_values(row)
        values["Notifying Member"] = row["country"]
        values["Distribution date"] = f"{20 + index}/07/2026"
        values["Final date for comments"] = row["closes"]
        values["Notified document"] = row["url"]
        writer.writerow([values.get(h, "") for h in SEARCH_HEADERS])
    return out.getvalue().encode("utf-8")


def stored(engine: Engine) -> dict[str, Notification]:
    with Session(engine) as session:
        return {n.symbol: n for n in session.exec(select(Notification))}


def check_real_rows(notes: dict[str, Notification], *, bulk: bool) -> None:
    assert set(notes) == {r["ref"] for r in ROWS}
    for index, row in enumerate(ROWS):
        note = notes[row["ref"]]
        assert note.title == row["title"]
        assert note.member_name == row["country"]
        assert note.comment_deadline == date.fromisoformat(row["closes"])
        assert note.distribution_date == date(2026, 7, 20 + index)
        if bulk:
            assert note.notification_url == row["url"]
            assert note.products and note.hs_codes and note.ics_codes == ["67.020"]
            assert note.adoption_date == date(2026, 12, 1)
            assert (note.entry_into_force, note.entry_into_force_text) == (
                (None, "To be determined") if index % 2 else (date(2027, 3, 1), "")
            )
        else:
            assert note.document_urls == [row["url"]]
    kor = notes["G/TBT/N/KOR/1345/Add.1"]
    assert (kor.doc_type, kor.base_symbol) == ("addendum", "G/TBT/N/KOR/1345")


def test_real_rows_in_the_bulk_file_import_with_link_products_and_dates(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/NotificationExcelFiles/Notification_EN.xlsx", Reply(body=bulk_workbook()))
    source = SourceConfig(
        name="eping-daily",
        kind="eping-bulk",
        url=http_server.url("/NotificationExcelFiles/Notification_EN.xlsx"),
    )
    [summary] = fetch_sources(engine, settings.model_copy(update={"sources": [source]}))
    assert (summary.status, summary.new) == ("ok", 8), summary.error
    check_real_rows(stored(engine), bulk=True)


def test_real_rows_in_a_search_export_import(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "Notifications.csv"
    path.write_bytes(search_export_csv())
    assert import_file(engine, path).new == 8
    check_real_rows(stored(engine), bulk=False)


def test_the_document_name_builder_gives_the_real_links() -> None:
    for row in ROWS:
        distributed = date(2026, 9, 1)  # all eight were distributed in 2026
        path = row["url"].split("DDFDocuments/T/", 1)[1].removesuffix(".docx")
        assert document_filename(row["ref"], distributed) == path, row["ref"]


# ---------------------------------------------------------------- the real addendum


def addendum_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PHL_ADD = "G/TBT/N/PHL/288/Add.1"  # number invented; the addendum's text is real


def test_the_real_addendum_is_read_from_its_checklist() -> None:
    data = addendum_docx((REAL / "phl_addendum_text.txt").read_text("utf-8"))
    doc = parse_document(data, "http://x/G/TBTN24/PHL288A1.docx", PHL_ADD)
    assert doc.symbol == PHL_ADD and doc.doc_type == "addendum"
    assert doc.title.startswith("Supplemental Technical Regulations for DAO 22-06")
    assert doc.document_urls == [
        "https://bps.dti.gov.ph/",
        "https://members.wto.org/crnattachments/2024/TBT/PHL/final_measure/24_03857_00_e.pdf",
    ]
    assert doc.description == (
        "Reason for addendum: Notified measure published (8 June 2024); "
        "Text of final measure available from"
    )
    assert doc.distribution_date == date(2024, 6, 19)  # "The following communication, dated ..."


def test_the_real_addendum_does_not_fail_the_source(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    item = {
        "documentSymbol": PHL_ADD,
        "notifyingMember": "Philippines",
        "distributionDate": "2024-06-21T00:00:00",
        "titlePlain": "Vaporized nicotine products",
    }
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"items": [item], "totalCount": 1}), encoding="utf-8")
    import_file(engine, page, "json")
    data = addendum_docx((REAL / "phl_addendum_text.txt").read_text("utf-8"))
    http_server.route("/T/G/TBTN24/PHL288A1.docx", Reply(body=data, headers={"Content-Type": DOCX}))
    source = SourceConfig(
        name="wto-docs", kind="wto-document", url=http_server.url("/T/{filename}.docx")
    )
    cfg = settings.model_copy(update={"sources": [source]})
    [summary] = fetch_sources(engine, cfg)
    assert (summary.status, summary.updated) == ("ok", 1), summary.error
    note = stored(engine)[PHL_ADD]
    assert note.title == "Vaporized nicotine products"  # what ePing gave is kept
    assert note.description.startswith("Reason for addendum: Notified measure published")
    assert note.document_urls[1].endswith("24_03857_00_e.pdf")
    http_server.requests.clear()
    again = fetch_sources(engine, cfg)[0]
    assert again.status == "ok" and http_server.requests == []  # read once


def test_an_unreadable_addendum_is_skipped_without_failing(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    page = tmp_path / "page.json"
    item = {"documentSymbol": PHL_ADD, "distributionDate": "2024-06-21", "titlePlain": "x"}
    page.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    import_file(engine, page, "json")
    http_server.route(
        "/T/G/TBTN24/PHL288A1.docx",
        Reply(body=addendum_docx("A page with neither a form nor a checklist."), headers={}),
    )
    source = SourceConfig(
        name="wto-docs", kind="wto-document", url=http_server.url("/T/{filename}.docx")
    )
    [summary] = fetch_sources(engine, settings.model_copy(update={"sources": [source]}))
    assert summary.status == "ok", summary.error
