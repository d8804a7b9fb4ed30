"""The feed kind: RSS and Atom of national standard bodies, over a real local server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings, SourceConfig
from tbtalert.errors import ConfigError, ParseError
from tbtalert.ingest import check_sources, fetch_sources
from tbtalert.models import Notification, SourceRun
from tbtalert.sources.feed import parse_feed

DATA = Path(__file__).parent / "data" / "sources" / "feed"


def feed_settings(settings: Settings, url: str, **options: object) -> Settings:
    source = SourceConfig(
        name="tcvn", kind="feed", url=url, options={"jurisdiction": "VNM", **options}
    )
    return settings.model_copy(update={"sources": [source]})


def stored(engine: Engine) -> dict[str, Notification]:
    with Session(engine) as session:
        return {n.symbol: n for n in session.exec(select(Notification))}


def test_rss_entries_become_national_records() -> None:
    records = parse_feed((DATA / "rss.xml").read_bytes(), "http://x/rss", jurisdiction="VNM")
    coffee, wood = records
    assert coffee.symbol == "VNM:tcvn-4193-2026" and coffee.area == "NAT"
    assert coffee.doc_type == "national" and coffee.language == "vi"
    assert coffee.title == "TCVN 4193:2026 Cà phê nhân – Yêu cầu kỹ thuật"
    assert coffee.description.startswith(
        "Tiêu chuẩn này quy định yêu cầu kỹ thuật đối với cà phê nhân"
    )
    assert coffee.distribution_date == date(2026, 11, 10)
    assert coffee.ics_codes == ["67.140.20"]
    assert wood.description == "Quy chuẩn kỹ thuật quốc gia về gỗ & sản phẩm gỗ xuất khẩu."


def test_atom_in_latin1() -> None:
    [entry] = parse_feed(
        (DATA / "atom-latin1.xml").read_bytes(), "http://x/atom", jurisdiction="FRA", language="fr"
    )
    assert entry.title == "NF V 03-100: Café torréfié - Spécifications"
    assert entry.description == "Norme homologuée pour le café torréfié."
    assert entry.symbol == "FRA:tag:standards.example.org,2026:nf-v03-100"
    assert entry.distribution_date == date(2026, 11, 11)


def test_malformed_xml_is_refused() -> None:
    with pytest.raises(ParseError, match="not well-formed XML"):
        parse_feed((DATA / "malformed.xml").read_bytes(), "http://x/bad", jurisdiction="VNM")


def test_feed_run_etag_and_updated_entry(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    rss = (DATA / "rss.xml").read_bytes()
    changed = rss.replace(
        "Yêu cầu kỹ thuật</title>".encode(), "Yêu cầu kỹ thuật (sửa đổi)</title>".encode()
    )
    http_server.route(
        "/rss",
        Reply(body=rss, headers={"Content-Type": "application/rss+xml", "ETag": '"a"'}),
        Reply(304),
        Reply(body=changed, headers={"Content-Type": "application/rss+xml", "ETag": '"b"'}),
    )
    cfg = feed_settings(settings, http_server.url("/rss"))
    first = fetch_sources(engine, cfg)[0]
    assert (first.status, first.new) == ("ok", 2)
    assert fetch_sources(engine, cfg)[0].status == "not-modified"
    assert http_server.hits("/rss")[1].headers["If-None-Match"] == '"a"'
    third = fetch_sources(engine, cfg)[0]
    assert (third.new, third.updated) == (0, 1)
    rows = stored(engine)
    assert len(rows) == 2
    assert rows["VNM:tcvn-4193-2026"].title.endswith("(sửa đổi)")


def test_malformed_feed_fails_run_and_keeps_records(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route(
        "/rss",
        Reply(body=(DATA / "rss.xml").read_bytes()),
        Reply(body=(DATA / "malformed.xml").read_bytes()),
    )
    cfg = feed_settings(settings, http_server.url("/rss"))
    fetch_sources(engine, cfg)
    before = {s: n.content_hash for s, n in stored(engine).items()}
    summary = fetch_sources(engine, cfg)[0]
    assert summary.status == "failed" and "not well-formed XML" in summary.error
    assert http_server.url("/rss") in summary.error
    assert {s: n.content_hash for s, n in stored(engine).items()} == before
    with Session(engine) as session:
        runs = session.exec(select(SourceRun).order_by(SourceRun.id)).all()  # type: ignore[arg-type]
    assert [r.status for r in runs] == ["ok", "failed"]
    assert "not well-formed" in runs[1].error


def test_jurisdiction_is_required(make_settings: object) -> None:
    bad = SourceConfig(name="tcvn", kind="feed", url="http://x/rss", options={})
    with pytest.raises(ConfigError, match=r"source 'tcvn': options.jurisdiction is required"):
        check_sources(Settings.model_construct(sources=[bad]))
    typo = SourceConfig(
        name="tcvn", kind="feed", url="http://x", options={"jurisdiction": "VNM", "lenent": True}
    )
    with pytest.raises(ConfigError, match=r"unknown option.*lenent"):
        check_sources(Settings.model_construct(sources=[typo]))
