"""What a hostile source can put in a notification: script links, NUL bytes, entity bombs."""

from __future__ import annotations

import io

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings, SourceConfig
from tbtalert.export import export_notifications
from tbtalert.ingest import TITLE_MAX, fetch_sources
from tbtalert.models import Notification

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>TCVN mới</title>
<item><title>TCVN 1: Cà phê\x00 nhân</title><link>javascript:alert(document.cookie)</link>
  <guid>tcvn-1</guid><description>x</description></item>
<item><title>TCVN 2: Hạt tiêu</title><link>data:text/html;base64,PHNjcmlwdD4=</link>
  <guid>tcvn-2</guid></item>
<item><title>TCVN 3: {long}</title><link>https://tcvn.example.gov.vn/3</link><guid>tcvn-3</guid></item>
</channel></rss>"""


def feed_source(http_server: LocalHTTPServer, body: str) -> SourceConfig:
    http_server.route(
        "/rss", Reply(body=body.encode(), headers={"Content-Type": "application/rss+xml"})
    )
    return SourceConfig(
        name="tcvn",
        kind="feed",
        url=http_server.url("/rss"),
        options={"jurisdiction": "VNM", "lenient": True},
    )


def test_script_and_data_links_are_dropped_and_text_is_cleaned(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    source = feed_source(http_server, RSS.replace("{long}", "x" * 300_000))
    [run] = fetch_sources(engine, settings.model_copy(update={"sources": [source]}))
    assert run.status == "ok" and run.new == 3
    with Session(engine) as session:
        stored = {n.symbol: n for n in session.exec(select(Notification))}
    assert stored["VNM:tcvn-1"].notification_url == ""
    assert stored["VNM:tcvn-2"].notification_url == ""
    assert stored["VNM:tcvn-3"].notification_url == "https://tcvn.example.gov.vn/3"
    assert stored["VNM:tcvn-1"].title == "TCVN 1: Cà phê nhân"  # the NUL does not cut it
    assert len(stored["VNM:tcvn-3"].title) == TITLE_MAX
    out = io.StringIO()
    export_notifications(engine, out, "atom")
    assert "javascript:" not in out.getvalue() and "data:text" not in out.getvalue()


def test_a_feed_declaring_entities_is_refused_in_one_line(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss version="2.0"><channel><title>t</title>'
        "<item><title>&d;</title><guid>x</guid></item></channel></rss>"
    )
    source = feed_source(http_server, bomb)
    [run] = fetch_sources(engine, settings.model_copy(update={"sources": [source]}))
    assert run.status == "failed" and "declares XML entities" in run.error
    assert "\n" not in run.error
    with Session(engine) as session:
        assert session.exec(select(Notification)).first() is None
