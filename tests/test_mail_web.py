"""The links inside mail, followed for real: one-click unsubscribe, preferences, double opt-in."""

from __future__ import annotations

import re
from datetime import timedelta

import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.mailfactory import T0, add_notification, add_subscriber
from support.signup import post_sign_up
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.mail.runs import send
from tbtalert.models import Subscriber, SubscriberSector, utcnow
from tbtalert.subscribers import sync_subscribers

NOW = T0 + timedelta(hours=2)


def status(engine: Engine, email: str) -> Subscriber:
    with Session(engine) as session:
        return session.exec(select(Subscriber).where(Subscriber.email == email)).one()


def body_links(server: LocalSMTPServer, index: int = -1) -> list[str]:
    body = server.handler.received[index].message.get_body(("plain",))
    assert body is not None
    return re.findall(r"https?://\S+", body.get_content())


def test_one_click_unsubscribe_from_a_received_message(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer, tmp_path: object
) -> None:
    settings, engine, base = web_site
    add_notification(engine, "G/TBT/N/USA/10")
    add_subscriber(engine, "an@coffee.example.com", frequency="immediate")
    send(engine, settings, "immediate", now=NOW)
    msg = smtp_server.handler.received[0].message
    url = msg["List-Unsubscribe"].strip("<>")
    assert url.startswith(f"{base}/unsubscribe/")

    page = requests.get(url, timeout=10)  # a link scanner following the link
    assert page.status_code == 200 and '<form method="post">' in page.text
    assert status(engine, "an@coffee.example.com").status == "active"

    # What a mail client does for List-Unsubscribe-Post (RFC 8058): no cookie, no page.
    done = requests.post(url, data={"List-Unsubscribe": "One-Click"}, timeout=10)
    assert done.status_code == 200 and "Đã hủy đăng ký" in done.text
    assert status(engine, "an@coffee.example.com").status == "unsubscribed"
    assert requests.post(url, data={"List-Unsubscribe": "One-Click"}, timeout=10).status_code == 200

    add_notification(engine, "G/TBT/N/USA/11", seen=NOW)
    assert send(engine, settings, "immediate", now=NOW + timedelta(hours=1)).messages == 0

    forged = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    bad = requests.post(forged, data={"List-Unsubscribe": "One-Click"}, timeout=10)
    assert bad.status_code == 400 and "không hợp lệ" in bad.text


def test_unsubscribed_address_is_not_revived_by_a_file_sync(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer, tmp_path: object
) -> None:
    from pathlib import Path

    settings, engine, _ = web_site
    folder = Path(str(tmp_path))
    path = folder / "firms.yaml"
    path.write_text(
        "subscribers:\n  - email: bo@coffee.example.com\n    sectors: [coffee]\n    frequency: immediate\n"
    )
    sync_subscribers(engine, path)
    with Session(engine) as session:
        row = session.exec(
            select(Subscriber).where(Subscriber.email == "bo@coffee.example.com")
        ).one()
        row.subscribed_at = T0 - timedelta(days=1)
        session.add(row)
        session.commit()
    add_notification(engine, "G/TBT/N/USA/12")
    send(engine, settings, "immediate", now=NOW)
    url = smtp_server.handler.received[0].message["List-Unsubscribe"].strip("<>")
    requests.post(url, data={"List-Unsubscribe": "One-Click"}, timeout=10)
    [summary] = sync_subscribers(engine, path)
    assert summary.status == "ok"
    assert status(engine, "bo@coffee.example.com").status == "unsubscribed"


def test_preferences_link_changes_sectors_markets_frequency_language(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    settings, engine, _ = web_site
    add_notification(engine, "G/TBT/N/USA/20")
    add_subscriber(engine, "ca@coffee.example.com", frequency="immediate")
    send(engine, settings, "immediate", now=NOW)
    [prefs] = [u for u in body_links(smtp_server) if "/preferences/" in u]
    page = requests.get(prefs, timeout=10)
    assert page.status_code == 200
    assert re.search(r'value="coffee" checked', page.text)
    saved = requests.post(
        prefs,
        data={
            "sectors": ["coffee", "pepper_spices"],
            "markets": "eu, USA",
            "frequency": "weekly",
            "language": "en",
            "heartbeat": "on",
        },
        timeout=10,
    )
    assert saved.status_code == 200 and "Saved" in saved.text
    row = status(engine, "ca@coffee.example.com")
    assert (row.frequency, row.language, row.markets, row.heartbeat) == (
        "weekly",
        "en",
        ["EU", "USA"],
        True,
    )
    with Session(engine) as session:
        sectors = session.exec(
            select(SubscriberSector.sector_id).where(SubscriberSector.subscriber_id == row.id)
        ).all()
    assert sorted(sectors) == ["coffee", "pepper_spices"]
    bad = requests.post(prefs, data={"sectors": ["coffee"], "frequency": "hourly"}, timeout=10)
    assert bad.status_code == 400 and "frequency" in bad.text
    assert status(engine, "ca@coffee.example.com").frequency == "weekly"


def test_sign_up_is_double_opt_in(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    settings, engine, base = web_site
    form = requests.get(f"{base}/subscribe", timeout=10)
    assert form.status_code == 200 and 'name="sectors" value="coffee"' in form.text
    answer = post_sign_up(
        base,
        {
            "email": "Dung@Pepper.example.com",
            "sectors": ["coffee"],
            "frequency": "immediate",
            "language": "en",
        },
    )
    assert answer.status_code == 200 and "Check your mail" in answer.text
    assert status(engine, "dung@pepper.example.com").status == "pending"
    [confirmation] = smtp_server.handler.received
    assert confirmation.rcpt_tos == ["dung@pepper.example.com"]
    assert confirmation.message["Subject"] == "[TBT] Confirm your TBT alert subscription"

    # Unconfirmed: nothing else is mailed, even when a matching notification arrives.
    add_notification(engine, "G/TBT/N/USA/30", seen=utcnow())
    assert send(engine, settings, "immediate").messages == 0
    assert len(smtp_server.handler.received) == 1

    [confirm_url] = [u for u in body_links(smtp_server) if "/confirm/" in u]
    page = requests.get(confirm_url, timeout=10)  # a link scanner following the link
    assert page.status_code == 200 and '<form method="post">' in page.text
    assert status(engine, "dung@pepper.example.com").status == "pending"
    page = requests.post(confirm_url, timeout=10)
    assert page.status_code == 200 and "confirmed" in page.text
    assert status(engine, "dung@pepper.example.com").status == "active"
    # Confirmed: mail starts with what arrives from now on (USA/30 came before).
    add_notification(engine, "G/TBT/N/USA/31", seen=utcnow())
    assert send(engine, settings, "immediate").messages == 1
    assert "G/TBT/N/USA/31" in smtp_server.handler.received[-1].message["Subject"] + str(
        smtp_server.handler.received[-1].message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    )


def test_bad_sign_up_names_the_problem(web_site: tuple[Settings, Engine, str]) -> None:
    _, _, base = web_site
    answer = post_sign_up(base, {"email": "nope", "sectors": ["coffee"]})
    assert answer.status_code == 400 and "invalid email" in answer.text
    answer = post_sign_up(base, {"email": "a@b.example.com"})
    assert answer.status_code == 400 and "sectors" in answer.text
