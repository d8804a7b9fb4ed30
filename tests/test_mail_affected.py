"""Mail: notifications naming Viet Nam as affected are marked, first for who asks; every item links."""

from __future__ import annotations

from datetime import date, timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy.engine import Engine

from support.mailfactory import T0, add_notification, add_subscriber
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.mail.runs import send
from tbtalert.symbols import documents_online_url

NOW = T0 + timedelta(hours=2)


def seed(engine: Engine) -> None:
    add_notification(
        engine,
        "G/SPS/N/USA/3500",
        title="Residues in coffee naming Viet Nam",
        comment_deadline=date(2026, 4, 30),
        countries_affected=["Viet Nam", "Brazil"],
    )
    add_notification(
        engine,
        "G/TBT/N/USA/3501",
        title="Coffee labelling for everyone",
        comment_deadline=date(2026, 3, 20),  # sooner: first in the usual order
        notification_url="",  # no link from the source
    )


def messages(server: LocalSMTPServer) -> dict[str, EmailMessage]:
    return {rec.rcpt_tos[0]: rec.message for rec in server.handler.received}


def body(msg: EmailMessage, kind: str) -> str:
    part = msg.get_body((kind,))
    assert part is not None
    return str(part.get_content())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_naming_viet_nam_is_marked_and_first_for_who_asks(
    engine: Engine, smtp_settings: Settings, smtp_server: LocalSMTPServer, language: str
) -> None:
    seed(engine)
    add_subscriber(engine, "first@caphe.example.com", frequency="daily", language=language)
    add_subscriber(
        engine,
        "named@caphe.example.com",
        frequency="daily",
        language=language,
        affected_first=True,
    )
    assert send(engine, smtp_settings, "daily", now=NOW).messages == 2
    got = messages(smtp_server)
    marker = "Nêu đích danh Việt Nam" if language == "vi" else "Names Viet Nam as affected"
    for address in got:
        text, html = body(got[address], "plain"), body(got[address], "html")
        assert text.count(marker) == 1 and html.count(marker) == 1
        assert text.index(marker) > text.index("Residues in coffee naming Viet Nam")
    usual = body(got["first@caphe.example.com"], "plain")
    assert usual.index("Coffee labelling for everyone") < usual.index("Residues in coffee")
    asked = body(got["named@caphe.example.com"], "plain")
    assert asked.index("Residues in coffee") < asked.index("Coffee labelling for everyone")


def test_an_item_without_a_link_links_to_documents_online(
    engine: Engine, smtp_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    seed(engine)
    add_subscriber(engine, "link@caphe.example.com", frequency="daily")
    send(engine, smtp_settings, "daily", now=NOW)
    msg = messages(smtp_server)["link@caphe.example.com"]
    link = documents_online_url("G/TBT/N/USA/3501")
    assert link.startswith("https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?Query=")
    assert "Query=(%40Symbol%3DG/TBT/N/USA/3501)" in link
    assert link in body(msg, "plain")
    assert link.replace("&", "&amp;") in body(msg, "html")
    setting = smtp_settings.model_copy(update={"affected_country": "BRA"})
    add_subscriber(engine, "br@cafe.example.com", frequency="daily", language="en")
    send(engine, setting, "daily", now=NOW)
    assert "Names Brazil as affected" in body(messages(smtp_server)["br@cafe.example.com"], "plain")
