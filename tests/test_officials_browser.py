"""An official at work, in Chromium driven by Playwright, against the real web UI.

uvicorn on a free port, SQLite and PostgreSQL. The official signs in, finds
a notification, rejects a tag and adds another, sees the addendum follow,
edits a sector rule and watches the preview change before saving, imports a
subscriber file with a mistake and sees the preview, runs a source now.
With TBT_SCREENSHOTS_DIR set, the pages are saved at desktop and phone width
(docs/img/officials-*.png).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.browser import chromium, require_chromium, shot
from support.officials import EMAIL, PASSWORD, add_official, with_samples
from support.polling import wait_until
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.ingest import upsert_records
from tbtalert.models import (
    Notification,
    NotificationRecord,
    SourceRun,
    Subscriber,
    Tag,
    TaxonomyChange,
    utcnow,
)
from tbtalert.tags import match_notifications

require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

Site = tuple[Settings, Engine, str]
BASE = "G/TBT/N/EU/9101"

BAD_CSV = """email,name,company,sectors,markets,frequency
hoa@caphe-konplong.example.com,Hoa,HTX Cà phê Kon Plông,coffee,EU JPN,daily
minh@go-binhdinh.example.com,Minh,Gỗ Bình Định,wood_furniture furniture_x,EU,weekly
"""
GOOD_CSV = BAD_CSV.replace("wood_furniture furniture_x", "wood_furniture")


@pytest.fixture
def site_settings(smtp_settings: Settings) -> Settings:
    """The bundled sample notifications as a source an official can run now."""
    return with_samples(smtp_settings)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        assert isinstance(launched, Browser)
        yield launched


def open_page(browser: Browser, width: int, height: int) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from open_page(browser, 1280, 900)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from open_page(browser, 390, 844)


def seed(engine: Engine, settings: Settings) -> None:
    """An EU notification with an addendum that names wood, a cascara one no rule tags, an official."""
    recent = (utcnow() - timedelta(days=5)).date()

    def record(symbol: str, title: str, **fields: object) -> NotificationRecord:
        return NotificationRecord(
            symbol,
            "TBT",
            symbol.split("/")[3],
            title,
            distribution_date=recent,
            **fields,  # type: ignore[arg-type]
        )

    with session_scope(engine) as session:
        upsert_records(
            session,
            [
                record(
                    BASE,
                    "Deforestation-free supply chains: coffee, rubber, wood",
                    hs_codes=["090111", "400121", "4403"],
                    member_name="European Union",
                ),
                record(f"{BASE}/Add.1", "Addendum: wood products (HS 4403) added to the annex"),
                record("G/TBT/N/KEN/7", "Cascara husk: labelling", member_name="Kenya"),
                record(
                    "G/SPS/N/JPN/1200",
                    "Maximum residue limits for agricultural chemicals",
                    description="Residue limits for fluopyram in coffee beans and tea leaves.",
                    member_name="Japan",
                ),
                record("G/TBT/N/BRA/1500", "Administrative procedures for notifications"),
            ],
            announce=True,
        )
    match_notifications(engine, settings)
    add_official(engine)


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/officials/review")
    expect(page).to_have_url(f"{base}/login?next=/officials/review")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    expect(page).to_have_url(f"{base}/officials/review")


def tag_status(engine: Engine, symbol: str) -> dict[str, tuple[str, str]]:
    with Session(engine) as session:
        rows = session.exec(
            select(Tag.sector_id, Tag.status, Tag.origin)
            .join(Notification, Notification.id == Tag.notification_id)  # type: ignore[arg-type]
            .where(Notification.symbol == symbol)
        ).all()
    return {sector: (status, origin) for sector, status, origin in rows}


def test_an_official_reviews_tags_edits_a_rule_imports_subscribers_and_runs_a_source(
    web_site: Site, desktop: Page
) -> None:
    settings, engine, base = web_site
    seed(engine, settings)
    page = desktop
    sign_in(page, base)
    # the review queue: the weak tag first, then the untagged; keys decide
    first = page.locator("[data-review-item]").first
    expect(first).to_contain_text("G/SPS/N/JPN/1200")
    expect(page.locator("[data-review-item]")).to_have_count(3)
    shot(page, "officials-review-desktop")
    page.keyboard.press("r")
    expect(page.locator(".flash")).to_contain_text("G/SPS/N/JPN/1200")
    assert "rejected" in {status for status, _ in tag_status(engine, "G/SPS/N/JPN/1200").values()}

    # find the notification
    page.click("nav.tabs a[href='/officials/notifications']")
    page.fill("input[name=q]", "9101")
    page.click("form[role=search] button[type=submit]")
    page.click(f"a.symbol:text-is('{BASE}')")
    expect(page.locator("h1")).to_contain_text("Deforestation-free")

    # reject one tag, add another: both reach the addendum
    page.click("tr[data-tag=wood_furniture] button[data-key=reject]")
    expect(page.locator(".flash")).to_contain_text(f"{BASE}/Add.1")
    expect(page.locator("tr[data-tag=wood_furniture]")).to_have_attribute("data-status", "rejected")
    page.select_option("#tags select[name=sector]", "cassava")
    page.fill("#tags input[name=note]", "sắn lát trong phụ lục")
    page.click("#tags form.add-sector button[type=submit]")
    expect(page.locator("tr[data-tag=cassava]")).to_have_attribute("data-status", "active")
    shot(page, "officials-notification-desktop")
    page.click(f"#chain a:text-is('{BASE}/Add.1')")
    expect(page.locator("tr[data-tag=wood_furniture]")).to_have_attribute("data-status", "rejected")
    expect(page.locator("tr[data-tag=cassava]")).to_have_attribute("data-status", "active")
    expect(page.locator("#history")).to_contain_text(BASE)
    assert tag_status(engine, f"{BASE}/Add.1")["wood_furniture"] == ("rejected", "official")
    match_notifications(engine, settings, rematch_all=True)
    assert tag_status(engine, f"{BASE}/Add.1")["wood_furniture"] == ("rejected", "official")

    # edit a sector rule: the preview changes before anything is saved
    page.goto(f"{base}/officials/sectors/coffee")
    expect(page.locator("#preview")).not_to_contain_text("G/TBT/N/KEN/7")
    words = page.locator("textarea[name=keywords_en]")
    words.fill(words.input_value() + "\ncascara")
    expect(page.locator("#preview .preview-add")).to_contain_text("G/TBT/N/KEN/7")
    expect(page.locator("#preview-summary")).to_contain_text("+1")
    with Session(engine) as session:
        assert session.exec(select(TaxonomyChange)).all() == []
    shot(page, "officials-sector-desktop")
    page.click("button[name=action][value=save]")
    expect(page.locator(".flash")).to_contain_text("Đã lưu coffee")
    with Session(engine) as session:
        [change] = session.exec(select(TaxonomyChange)).all()
    assert change.changed_by == "Nguyễn Thị Lan" and "cascara" in change.after["keywords"]["en"]

    # import subscribers: the mistake is shown and nothing is written
    page.goto(f"{base}/officials/subscribers/import")
    upload = {"name": "doanh-nghiep.csv", "mimeType": "text/csv"}
    page.set_input_files("input[type=file]", files=[{**upload, "buffer": BAD_CSV.encode()}])
    page.click("form[enctype] button[type=submit]:text-is('Kiểm tra')")
    expect(page.locator("#import-preview tr[data-outcome=error]")).to_contain_text("furniture_x")
    expect(page.locator("#import-preview tr[data-outcome=added]")).to_have_count(1)
    expect(page.locator("#import-preview button.ok")).to_have_count(0)
    shot(page, "officials-import-desktop")
    with Session(engine) as session:
        assert session.exec(select(Subscriber)).all() == []
    page.set_input_files("input[type=file]", files=[{**upload, "buffer": GOOD_CSV.encode()}])
    page.click("form[enctype] button[type=submit]:text-is('Kiểm tra')")
    page.click("#import-preview button.ok")
    expect(page.locator(".flash")).to_contain_text("2 mới")
    with Session(engine) as session:
        assert {s.email for s in session.exec(select(Subscriber)).all()} == {
            "hoa@caphe-konplong.example.com",
            "minh@go-binhdinh.example.com",
        }

    # run a source now and watch its result arrive
    page.goto(f"{base}/officials/service")
    page.click("tr[data-source=samples] button:text-is('Chạy ngay')")
    expect(page.locator(".flash")).to_contain_text("Đang lấy samples")

    def finished() -> bool:
        with Session(engine) as session:
            return (
                session.exec(select(SourceRun).where(SourceRun.status == "ok")).first() is not None
            )

    wait_until(finished, timeout=120, what="the samples run")
    page.reload()
    expect(page.locator("tr[data-source=samples] .result")).to_contain_text("36")
    shot(page, "officials-service-desktop")
    page.goto(f"{base}/officials/stats")
    expect(page.locator("svg.chart").first).to_be_visible()
    shot(page, "officials-stats-desktop")


def test_the_workspace_fits_a_phone_and_switches_to_english(web_site: Site, phone: Page) -> None:
    settings, engine, base = web_site
    seed(engine, settings)
    page = phone
    page.goto(f"{base}/login")
    shot(page, "officials-login-phone")
    sign_in(page, base)
    for path, name in [
        ("/officials/review", "review"),
        (f"/officials/notifications?q={BASE}", "notifications"),
        ("/officials/sectors/coffee", "sector"),
        ("/officials/subscribers", "subscribers"),
        ("/officials/service", "service"),
        ("/officials/stats", "stats"),
    ]:
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        shot(page, f"officials-{name}-phone")
    page.click("header a:text-is('English')")
    expect(page.locator("h1")).to_contain_text("The last 12 weeks")
    page.goto(f"{base}/officials/review")
    expect(page.locator("h1")).to_contain_text("Review queue")  # the choice is remembered
