"""The wto-document kind: notification document pages parsed and used to fill gaps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings, SourceConfig
from tbtalert.errors import ParseError
from tbtalert.ingest import fetch_sources, import_file
from tbtalert.models import Notification
from tbtalert.sources.base import date_or_text, parse_date
from tbtalert.sources.wto_document import document_filename, parse_document

DATA = Path(__file__).parent / "data" / "sources" / "wto-document"
EPING = Path(__file__).parent / "data" / "sources" / "eping" / "site-items.json"


def test_tbt_document_items() -> None:
    doc = parse_document((DATA / "G_TBT_N_USA_2201.html").read_bytes(), "http://x/doc")
    assert doc.symbol == "G/TBT/N/USA/2201" and doc.area == "TBT" and doc.member == "USA"
    assert doc.member_name == "United States Of America"
    assert doc.agency.startswith("Department of Energy (DOE)")
    assert "Gaithersburg" in doc.agency
    assert doc.title == (
        "Energy Conservation Program: Test Procedures for Room Air Conditioners; "
        "Notice of proposed rulemaking"
    )
    assert doc.description.startswith("The Department of Energy (“DOE”) proposes")
    assert doc.hs_codes == ["841510", "841581"] and doc.ics_codes == ["23.120", "97.030"]
    assert doc.objectives.startswith("Consumer information, labelling")
    assert doc.distribution_date == date(2026, 9, 1)
    assert doc.adoption_date is None
    assert doc.entry_into_force is None
    assert (
        doc.entry_into_force_text
        == "180 days after publication of the final rule in the Federal Register"
    )
    assert doc.comment_deadline == date(2026, 10, 31)  # 60 days from notification
    assert doc.document_urls == [
        "https://www.regulations.gov/docket/EERE-2026-BT-TP-0001",
        "https://members.wto.org/crnattachments/2026/TBT/USA/26_6012_00_e.pdf",
    ]
    items = doc.raw["wto_document"]["items"]
    assert items["article"].startswith("2.9.2 [X]") and "relevant" not in items["texts"]


def test_sps_document_items() -> None:
    doc = parse_document((DATA / "G_SPS_N_JPN_1310.html").read_bytes(), "http://x/sps")
    assert doc.symbol == "G/SPS/N/JPN/1310" and doc.member_name == "Japan"
    assert doc.title == "Revision of the maximum residue limits for pesticides: flonicamid."
    assert doc.hs_codes == ["090111", "090112", "0902"]
    assert doc.adoption_date == date(2027, 3, 1)
    assert doc.entry_into_force is None and "To be determined" in doc.entry_into_force_text
    assert doc.comment_deadline == date(2027, 1, 17)
    assert doc.distribution_date == date(2026, 11, 18)


def test_page_without_form_is_refused() -> None:
    with pytest.raises(ParseError, match="no notification form items"):
        parse_document((DATA / "search-page.html").read_bytes(), "http://x/search")


@pytest.mark.parametrize(
    ("text", "when", "kept"),
    [
        ("1 January 2026", date(2026, 1, 1), ""),
        ("01/01/2026", date(2026, 1, 1), ""),
        ("01/02/2026", date(2026, 2, 1), ""),
        ("2026-03-15T00:00:00", date(2026, 3, 15), ""),
        ("15 de marzo de 2026", date(2026, 3, 15), ""),
        ("1er janvier 2026", date(2026, 1, 1), ""),
        ("To be determined", None, "To be determined"),
        ("60 days after notification", date(2026, 3, 2), "60 days after notification"),
        ("6 months after publication", None, "6 months after publication"),
    ],
)
def test_notification_date_forms(text: str, when: date | None, kept: str) -> None:
    assert date_or_text(text, reference=date(2026, 1, 1)) == (when, kept)


def test_day_first_unless_impossible() -> None:
    assert parse_date("12/31/2026") == date(2026, 12, 31)
    assert parse_date("31/12/2026") == date(2026, 12, 31)


def test_filename_carries_the_year_for_tbt_only() -> None:
    assert document_filename("G/TBT/N/IDN/188", date(2026, 7, 1)) == "G/TBTN26/IDN188"
    assert document_filename("G/TBT/N/KOR/1345/Add.1", date(2026, 9, 4)) == "G/TBTN26/KOR1345A1"
    assert (
        document_filename("G/TBT/N/USA/1436/Rev.1/Add.2", date(2019, 5, 2))
        == "G/TBTN19/USA1436R1A2"
    )
    assert document_filename("G/SPS/N/VNM/186") == "G/SPS/NVNM186"
    with pytest.raises(ParseError, match="year of distribution"):
        document_filename("G/TBT/N/IDN/188")


def doc_settings(settings: Settings, url: str, **options: object) -> Settings:
    source = SourceConfig(name="wto-docs", kind="wto-document", url=url, options=options)
    return settings.model_copy(update={"sources": [source]})


def test_enrichment_fills_gaps_only(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    import_file(engine, EPING, "json")
    http_server.route(
        "/docs/G/TBTN26/USA2201.html", Reply.file(DATA / "G_TBT_N_USA_2201.html", "text/html")
    )
    http_server.route(
        "/docs/G/SPS/NJPN1310.html",
        Reply.file(DATA / "G_SPS_N_JPN_1310.html", "text/html; charset=utf-8"),
    )
    cfg = doc_settings(settings, http_server.url("/docs/{filename}.html"))
    summary = fetch_sources(engine, cfg)[0]
    assert summary.status == "ok", summary.error
    assert (summary.fetched, summary.updated) == (2, 2)
    with Session(engine) as session:
        usa = session.exec(
            select(Notification).where(Notification.symbol == "G/TBT/N/USA/2201")
        ).one()
    assert usa.agency.startswith("Department of Energy")
    assert (
        usa.title == "Energy Conservation Program: Test procedures for room air conditioners"
    )  # kept
    assert usa.hs_codes == ["8415"]  # kept from ePing
    assert usa.ics_codes == ["23.120", "97.030"]  # filled
    assert usa.entry_into_force_text.startswith("180 days after publication")
    assert usa.matched_at is None and "wto_document" in usa.raw and "documentSymbol" in usa.raw
    http_server.requests.clear()
    again = fetch_sources(engine, cfg)[0]
    assert again.status == "ok" and again.updated == 0
    asked = {s.path for s in http_server.requests}
    assert "/docs/G/TBTN26/USA2201.html" not in asked  # enriched ones are not fetched again


def test_every_document_failing_fails_the_run(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    import_file(engine, EPING, "json")
    with Session(engine) as session:
        before = {n.symbol: n.content_hash for n in session.exec(select(Notification))}
    http_server.route("/docs", Reply.file(DATA / "search-page.html", "text/html"))
    cfg = doc_settings(settings, http_server.url("/docs") + "?f={filename}", limit=3)
    summary = fetch_sources(engine, cfg)[0]
    assert summary.status == "failed" and "no notification form items" in summary.error
    with Session(engine) as session:
        assert {n.symbol: n.content_hash for n in session.exec(select(Notification))} == before


def test_wrong_url_template_fails_loudly(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    import_file(engine, EPING, "json")
    cfg = doc_settings(settings, http_server.url("/nowhere/{symbol}"), limit=2)
    summary = fetch_sources(engine, cfg)[0]
    assert summary.status == "failed" and "HTTP 404" in summary.error


def test_pdf_answer_is_named() -> None:
    with pytest.raises(ParseError, match="the answer is a PDF; this kind reads the Word"):
        parse_document(b"%PDF-1.7\n...", "http://x/doc.pdf")
