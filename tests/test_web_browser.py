"""An exporter on a phone, in Chromium driven by Playwright: sign up, confirm, change, leave.

Runs the real web UI (uvicorn on a free port) and the real SMTP server; the
links are the ones the mail carried. Debian's Chromium is used
(``/usr/bin/chromium``): Playwright's own browser download is not needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.browser import chromium, require_chromium, shot
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.models import Subscriber, SubscriberSector

require_chromium()

from playwright.sync_api import Browser, Page  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        assert isinstance(launched, Browser)
        yield launched


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def link_in_last_mail(smtp: LocalSMTPServer, kind: str) -> str:
    body = smtp.handler.received[-1].message.get_body(("plain",))
    assert body is not None
    [url] = [u for u in re.findall(r"https?://\S+", body.get_content()) if f"/{kind}/" in u]
    return url


def subscriber(engine: Engine, email: str) -> tuple[Subscriber, list[str]]:
    with Session(engine) as session:
        sub = session.exec(select(Subscriber).where(Subscriber.email == email)).one()
        sectors = session.exec(
            select(SubscriberSector.sector_id).where(SubscriberSector.subscriber_id == sub.id)
        ).all()
    return sub, sorted(sectors)


def test_sign_up_confirm_change_preferences_and_unsubscribe(
    web_site: tuple[Settings, Engine, str], smtp_server: LocalSMTPServer, phone: Page
) -> None:
    _, engine, base = web_site
    email = "hoa@caphe-konplong.example.com"

    phone.goto(f"{base}/subscribe")
    phone.fill("input[name=email]", email)
    phone.fill("input[name=company]", "HTX Cà phê Kon Plông")
    phone.check("input[name=sectors][value=coffee]")
    phone.check("input[name=sectors][value=pepper_spices]")
    phone.select_option("select[name=frequency]", "daily")
    shot(phone, "subscribe")
    phone.click("button[type=submit]")
    phone.wait_for_load_state()
    assert email in phone.content()
    assert subscriber(engine, email)[0].status == "pending"
    assert [r.rcpt_tos for r in smtp_server.handler.received] == [[email]]

    phone.goto(link_in_last_mail(smtp_server, "confirm"))
    assert subscriber(engine, email)[0].status == "active"

    # The preferences link comes with every alert; here it is signed for this address.
    from tbtalert.tokens import link

    settings = web_site[0]
    sub, sectors = subscriber(engine, email)
    assert sectors == ["coffee", "pepper_spices"]
    assert sub.id is not None
    phone.goto(link(settings, "preferences", sub.id, email))
    assert phone.is_checked("input[name=sectors][value=coffee]")
    phone.uncheck("input[name=sectors][value=pepper_spices]")
    phone.check("input[name=sectors][value=nuts]")
    phone.fill("input[name=markets]", "EU JPN")
    phone.select_option("select[name=frequency]", "weekly")
    phone.select_option("select[name=language]", "en")
    shot(phone, "preferences")
    phone.click("button[type=submit]")
    phone.wait_for_load_state()
    sub, sectors = subscriber(engine, email)
    assert (sub.frequency, sub.language, sub.markets) == ("weekly", "en", ["EU", "JPN"])
    assert sectors == ["coffee", "nuts"]

    phone.goto(link(settings, "unsubscribe", sub.id, email))
    shot(phone, "unsubscribe")
    phone.click("button[type=submit]")
    phone.wait_for_load_state()
    assert subscriber(engine, email)[0].status == "unsubscribed"
    assert email in phone.content()


def test_a_tampered_link_is_refused_in_plain_words(
    web_site: tuple[Settings, Engine, str], phone: Page
) -> None:
    _, _, base = web_site
    response = phone.goto(f"{base}/preferences/not-a-valid-token")
    assert response is not None and response.status >= 400
    assert "Traceback" not in phone.content()
    assert phone.locator("h1").count() >= 1
