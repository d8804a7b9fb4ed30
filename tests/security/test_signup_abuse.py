"""The sign-up form attacked over a real server, with a real SMTP server counting the mail."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from support.signup import form_token, post_sign_up
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.models import Subscriber, SubscriberSector, utcnow
from tbtalert.signup import purge_expired
from tbtalert.subscribers import sector_ids_of, sync_subscribers

VICTIM = "victim@coffee.example.com"
FORM = {"sectors": ["coffee"], "frequency": "immediate", "language": "en"}


def subscriber(engine: Engine, email: str) -> Subscriber | None:
    with Session(engine) as session:
        return session.exec(select(Subscriber).where(Subscriber.email == email)).first()


def count_subscribers(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Subscriber)).one())


def links(smtp: LocalSMTPServer, index: int = -1) -> list[str]:
    body = smtp.handler.received[index].message.get_body(("plain",))
    assert body is not None
    return re.findall(r"https?://\S+", body.get_content())


def test_a_mail_bomb_loop_sends_one_confirmation(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    """200 sign-ups of one victim, each from another address: one mail (the cooldown)."""
    _, engine, base = web_site
    token = form_token(base)
    answers = [
        post_sign_up(
            base, {"email": VICTIM, **FORM}, token=token, X_Forwarded_For=f"198.51.100.{n % 250}"
        ).status_code
        for n in range(200)
    ]
    assert set(answers) == {200}  # the same answer every time: nothing to learn from it
    assert [m.rcpt_tos for m in smtp_server.handler.received] == [[VICTIM]]
    assert count_subscribers(engine) == 1


def test_the_daily_cap_holds_without_a_cooldown(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    settings, _, base = web_site
    settings.signup_cooldown_minutes = 0  # the app holds this object: no cooldown from now on
    for n in range(20):
        post_sign_up(base, {"email": VICTIM, **FORM}, X_Forwarded_For=f"203.0.113.{n}")
    assert len(smtp_server.handler.received) == settings.signup_per_address_per_day == 3


def test_one_client_may_sign_up_ten_addresses_an_hour(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    settings, engine, base = web_site
    token = form_token(base)
    answers = [
        post_sign_up(base, {"email": f"firm{n}@example.com", **FORM}, token=token).status_code
        for n in range(50)
    ]
    allowed = settings.signup_per_ip_per_hour
    assert answers == [200] * allowed + [429] * (50 - allowed)
    assert len(smtp_server.handler.received) == allowed
    assert count_subscribers(engine) == allowed
    refused = post_sign_up(base, {"email": "late@example.com", **FORM})
    assert "Too many sign-ups" in refused.text and refused.headers["Retry-After"] == "3600"


def test_the_counters_are_shared_through_the_database(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    """A second web server on the same database (another worker) sees the first one's counts."""
    from support.smtpserver import free_port
    from tbtalert.db import open_database
    from tbtalert.service import WebServer

    settings, _engine, base = web_site
    other_settings = settings.model_copy(update={"web_port": free_port()})
    other_engine = open_database(other_settings)
    other = WebServer(other_settings, other_engine, None)
    other.start()
    try:
        other_base = other.address.rstrip("/")
        first = post_sign_up(base, {"email": VICTIM, **FORM}, X_Forwarded_For="192.0.2.1")
        second = post_sign_up(
            other_base,
            {"email": VICTIM, **FORM},
            token=form_token(base),
            X_Forwarded_For="192.0.2.2",
            Origin=base,
        )
        assert first.status_code == second.status_code == 200
        assert len(smtp_server.handler.received) == 1
    finally:
        other.stop()
        other_engine.dispose()


def test_forms_from_elsewhere_and_bots_get_nothing(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    _, engine, base = web_site
    evil = post_sign_up(base, {"email": VICTIM, **FORM}, Origin="https://evil.example")
    assert evil.status_code == 403 and "another site" in evil.text
    no_token = post_sign_up(base, {"email": VICTIM, **FORM}, token="")
    assert no_token.status_code == 403
    forged = post_sign_up(base, {"email": VICTIM, **FORM}, token="c2lnbnVw.AAAAAA.forged")
    assert forged.status_code == 403
    referer = requests.post(
        f"{base}/subscribe",
        data={"email": VICTIM, "form_token": form_token(base), **FORM},
        headers={"Referer": "https://evil.example/page"},
        timeout=10,
    )
    assert referer.status_code == 403
    bot = post_sign_up(base, {"email": VICTIM, "website": "http://spam.example", **FORM})
    assert bot.status_code == 200 and "Check your mail" in bot.text  # looks accepted
    assert smtp_server.handler.received == [] and count_subscribers(engine) == 0


def test_every_field_is_bounded(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    _, engine, base = web_site
    huge = post_sign_up(base, {"email": VICTIM, "name": "x" * 500_000, **FORM})
    assert huge.status_code == 413
    long_name = post_sign_up(base, {"email": VICTIM, "name": "x" * 201, **FORM})
    assert long_name.status_code == 400 and "at most 200 characters" in long_name.text
    long_company = post_sign_up(base, {"email": VICTIM, "company": "y" * 301, **FORM})
    assert long_company.status_code == 400 and "at most 300 characters" in long_company.text
    long_email = post_sign_up(base, {"email": "a" * 250 + "@example.com", **FORM})
    assert long_email.status_code == 400
    many_markets = post_sign_up(base, {"email": VICTIM, "markets": "EU " * 300, **FORM})
    assert many_markets.status_code == 400
    assert smtp_server.handler.received == [] and count_subscribers(engine) == 0


def test_an_anonymous_sign_up_never_changes_a_known_subscriber(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer, tmp_path: Path
) -> None:
    """A file-managed, unsubscribed address: its data stays; it only gets its own preferences link."""
    _settings, engine, base = web_site
    listing = tmp_path / "firms.yaml"
    listing.write_text(
        f"subscribers:\n  - email: {VICTIM}\n    name: Chị Hoa\n    sectors: [coffee, tea]\n"
        "    frequency: weekly\n",
        encoding="utf-8",
    )
    sync_subscribers(engine, listing)
    with Session(engine) as session:
        row = session.exec(select(Subscriber).where(Subscriber.email == VICTIM)).one()
        row.status, row.unsubscribed_at = "unsubscribed", utcnow() - timedelta(days=1)
        session.add(row)
        session.commit()

    answer = post_sign_up(
        base,
        {"email": VICTIM, "name": "Attacker", "sectors": ["rubber"], "frequency": "immediate"},
    )
    assert answer.status_code == 200
    row = subscriber(engine, VICTIM)
    assert row is not None
    assert (row.name, row.frequency, row.status) == ("Chị Hoa", "weekly", "unsubscribed")
    with Session(engine) as session:
        assert row.id is not None and sector_ids_of(session, row.id) == ["coffee", "tea"]

    [message] = smtp_server.handler.received
    assert message.rcpt_tos == [VICTIM]  # in Vietnamese, the language the file gave
    assert message.message["Subject"] == "[TBT] Tùy chọn nhận cảnh báo TBT của bạn"
    [preferences] = [u for u in links(smtp_server) if "/preferences/" in u]
    page = requests.get(preferences, timeout=10)
    assert page.status_code == 200 and "Subscribe again" in page.text
    back = requests.post(preferences, data={"action": "resubscribe"}, timeout=10)
    assert back.status_code == 200
    again = subscriber(engine, VICTIM)
    assert again is not None and again.status == "active" and again.frequency == "weekly"


def test_confirmation_is_a_button_and_an_old_link_cannot_undo_an_unsubscribe(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    _, engine, base = web_site
    post_sign_up(base, {"email": VICTIM, **FORM})
    [confirm] = [u for u in links(smtp_server) if "/confirm/" in u]
    for _ in range(3):  # a mail scanner opening the link
        assert requests.get(confirm, timeout=10).status_code == 200
    row = subscriber(engine, VICTIM)
    assert row is not None and row.status == "pending"
    assert requests.post(confirm, timeout=10).status_code == 200
    row = subscriber(engine, VICTIM)
    assert row is not None and row.status == "active"

    # Unsubscribed later, then (by an old import, say) pending again: the old link is refused.
    with Session(engine) as session:
        stored = session.get(Subscriber, row.id)
        assert stored is not None
        stored.status, stored.unsubscribed_at = "pending", utcnow() + timedelta(seconds=2)
        session.add(stored)
        session.commit()
    refused = requests.post(confirm, timeout=10)
    assert refused.status_code == 400
    row = subscriber(engine, VICTIM)
    assert row is not None and row.status == "pending"


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer
) -> None:
    settings, engine, base = web_site
    post_sign_up(base, {"email": "old@example.com", **FORM})
    post_sign_up(base, {"email": "new@example.com", **FORM})
    with Session(engine) as session:
        old = session.exec(select(Subscriber).where(Subscriber.email == "old@example.com")).one()
        old.updated_at = utcnow() - timedelta(days=8)
        session.add(old)
        session.commit()
    assert purge_expired(engine, settings) == 1
    assert subscriber(engine, "old@example.com") is None
    assert subscriber(engine, "new@example.com") is not None
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SubscriberSector)).one() == 1
