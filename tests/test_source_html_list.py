"""The html-list kind: a TCVN list page scraped with configured CSS selectors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings, SourceConfig
from tbtalert.errors import ConfigError
from tbtalert.ingest import check_sources, fetch_sources
from tbtalert.models import Notification, SourceRun
from tbtalert.sources.html_list import parse_list

DATA = Path(__file__).parent / "data" / "sources" / "html-list"
SELECTORS = {
    "item": "table.ds-tieuchuan tr.dong",
    "title": "td.ten a",
    "code": "td.so-hieu",
    "date": "td.ngay",
    "summary": "div.tom-tat",
}


def list_settings(settings: Settings, url: str) -> Settings:
    source = SourceConfig(
        name="tcvn-moi",
        kind="html-list",
        url=url,
        options={"selectors": SELECTORS, "jurisdiction": "VNM", "jurisdiction_name": "Việt Nam"},
    )
    return settings.model_copy(update={"sources": [source]})


def test_parse_windows_1258_page() -> None:
    records = parse_list(
        (DATA / "tcvn-list.html").read_bytes(),
        "https://tcvn.example.gov.vn/moi-ban-hanh",
        SELECTORS,
        jurisdiction="VNM",
    )
    cashew, pepper, steel = records
    assert cashew.title == "TCVN 12345:2026 Hạt điều nhân – Yêu cầu kỹ thuật"
    assert cashew.notification_url == "https://tcvn.example.gov.vn/tcvn/chi-tiet?id=12345"
    assert cashew.symbol == "VNM:TCVN 12345:2026"  # the code, not the page URL
    assert steel.symbol == "VNM:QCVN 02:2026/BKHCN"
    assert cashew.distribution_date == date(2026, 11, 5)
    assert cashew.description == "Áp dụng cho hạt điều nhân xuất khẩu; thay thế TCVN 4850:2010."
    assert pepper.title == "TCVN 13910:2026 Hồ tiêu & gia vị – Xác định độ ẩm"
    assert steel.title == "QCVN 02:2026/BKHCN Thép làm cốt bê tông" and steel.description == ""
    assert all(r.area == "NAT" and r.language == "vi" for r in records)
    without_code = parse_list(
        (DATA / "tcvn-list.html").read_bytes(),
        "https://tcvn.example.gov.vn/moi-ban-hanh",
        {k: v for k, v in SELECTORS.items() if k != "code"},
        jurisdiction="VNM",
    )
    assert without_code[0].symbol == "VNM:https://tcvn.example.gov.vn/tcvn/chi-tiet?id=12345"


def test_run_then_layout_change_fails_and_keeps_records(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route(
        "/moi",
        Reply(body=(DATA / "tcvn-list.html").read_bytes(), headers={"Content-Type": "text/html"}),
        Reply(
            body=(DATA / "tcvn-list-redesigned.html").read_bytes(),
            headers={"Content-Type": "text/html"},
        ),
    )
    cfg = list_settings(settings, http_server.url("/moi"))
    first = fetch_sources(engine, cfg)[0]
    assert (first.status, first.new) == ("ok", 3)
    with Session(engine) as session:
        before = {n.symbol: n.content_hash for n in session.exec(select(Notification))}
    assert sorted(before) == [
        "VNM:QCVN 02:2026/BKHCN",
        "VNM:TCVN 12345:2026",
        "VNM:TCVN 13910:2026",
    ]
    summary = fetch_sources(engine, cfg)[0]
    assert summary.status == "failed"
    assert "selector item = 'table.ds-tieuchuan tr.dong' matched nothing" in summary.error
    assert (
        "page layout may have changed" in summary.error and http_server.url("/moi") in summary.error
    )
    with Session(engine) as session:
        after = {n.symbol: n.content_hash for n in session.exec(select(Notification))}
        run = session.exec(select(SourceRun).order_by(SourceRun.id.desc())).first()  # type: ignore[union-attr]
    assert after == before
    assert run is not None and run.status == "failed" and "matched nothing" in run.error


def test_selectors_are_checked_early() -> None:
    missing = SourceConfig(
        name="tcvn-moi",
        kind="html-list",
        url="http://x",
        options={"selectors": {"item": "tr"}, "jurisdiction": "VNM"},
    )
    with pytest.raises(
        ConfigError, match=r"source 'tcvn-moi': options.selectors.title is required"
    ):
        check_sources(Settings.model_construct(sources=[missing]))
    broken = SourceConfig(
        name="tcvn-moi",
        kind="html-list",
        url="http://x",
        options={"selectors": {"item": "tr[", "title": "a"}, "jurisdiction": "VNM"},
    )
    with pytest.raises(ConfigError, match=r"options.selectors.item = 'tr\[' is not a CSS selector"):
        check_sources(Settings.model_construct(sources=[broken]))


def test_standards_stored_under_their_page_url_take_their_code(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    page = (DATA / "tcvn-list.html").read_bytes()
    http_server.route("/moi", Reply(body=page, headers={"Content-Type": "text/html"}))
    cfg = list_settings(settings, http_server.url("/moi"))
    without_code = {k: v for k, v in SELECTORS.items() if k != "code"}
    before = cfg.sources[0].model_copy(
        update={"options": {**cfg.sources[0].options, "selectors": without_code}}
    )
    assert fetch_sources(engine, cfg.model_copy(update={"sources": [before]}))[0].new == 3
    with Session(engine) as session:
        ids = {n.notification_url: n.id for n in session.exec(select(Notification))}
    again = fetch_sources(engine, cfg)[0]
    assert (again.status, again.new) == ("ok", 0)
    with Session(engine) as session:
        stored = {n.notification_url: (n.id, n.symbol) for n in session.exec(select(Notification))}
    assert {url: row_id for url, (row_id, _) in stored.items()} == ids  # the same rows
    assert sorted(s for _, s in stored.values()) == [
        "VNM:QCVN 02:2026/BKHCN",
        "VNM:TCVN 12345:2026",
        "VNM:TCVN 13910:2026",
    ]
