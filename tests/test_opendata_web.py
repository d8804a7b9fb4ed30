"""Open data over a real uvicorn server: the JSON API, CSV, Atom feeds and calendars.

Every test runs on SQLite and on PostgreSQL (the ``web_site`` fixture).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

import feedparser
import icalendar
import pytest
import requests
from sqlalchemy import update
from sqlalchemy.engine import Engine

from support.mailfactory import T0, add_notification, add_subscriber
from support.opendata import NATIONAL, OFFICIAL, PRIVATE, Spec, populate
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.mail.runs import send
from tbtalert.models import Notification, utcnow
from tbtalert.opendata import local_today
from tbtalert.symbols import documents_online_url
from tbtalert.tokens import email_digest, make_token

TIMEZONE = "Pacific/Kiritimati"  # UTC+14: its date is often not UTC's
Site = tuple[Settings, Engine, str]
AFTER = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


@pytest.fixture
def settings(make_settings: Callable[..., Settings], database_url: str) -> Settings:
    return make_settings(database_url=database_url, timezone=TIMEZONE)


@pytest.fixture
def site(web_site: Site) -> tuple[Site, list[Spec], date]:
    settings, engine, _ = web_site
    today = local_today(settings.timezone)
    return web_site, populate(engine, today), today


def get(url: str, **params: Any) -> requests.Response:
    answer = requests.get(url, params=params, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer


def pull(base: str, first: str = "/api/notifications", **params: Any) -> list[str]:
    """Every symbol a filter returns, following ``next`` page by page."""
    symbols: list[str] = []
    page = get(base + first, **params).json()
    while True:
        symbols += [item["symbol"] for item in page["items"]]
        if page["next"] is None:
            assert page["next_cursor"] is None
            return symbols
        page = get(page["next"]).json()


def newest_first(specs: list[Spec], keep: Callable[[Spec], bool]) -> list[str]:
    return [s.symbol for s in sorted(specs, key=lambda s: -s.id) if keep(s)]


def test_filters_and_pages_return_exactly_the_right_items(
    site: tuple[Site, list[Spec], date],
) -> None:
    (_, _, base), specs, today = site
    cases: list[tuple[dict[str, Any], Callable[[Spec], bool]]] = [
        ({}, lambda s: True),
        ({"sector": "coffee"}, lambda s: "coffee" in s.sectors),
        (
            {"sector": ["rubber", "processed_food"]},
            lambda s: {"rubber", "processed_food"} & {*s.sectors},
        ),
        ({"member": ["EU", "jpn"]}, lambda s: s.member in ("EU", "JPN")),
        ({"area": "SPS", "sector": "coffee"}, lambda s: s.area == "SPS" and "coffee" in s.sectors),
        (
            {"open": "true"},
            lambda s: s.comment_deadline is not None and s.comment_deadline >= today,
        ),
        (
            {"distributed_since": "2026-01-05", "distributed_until": "2026-01-10"},
            lambda s: (
                s.distribution_date is not None
                and date(2026, 1, 5) <= s.distribution_date <= date(2026, 1, 10)
            ),
        ),
        ({"q": "ROASTED coffee"}, lambda s: "roasted coffee" in s.title),
        ({"q": "100%"}, lambda s: False),  # a LIKE wildcard is a plain character
        ({"updated_since": "2026-03-02T20:00:00+07:00"}, lambda s: s.updated_at >= AFTER),
        ({"updated_since": "2026-03-02T13:00:00"}, lambda s: s.updated_at >= AFTER),  # UTC
    ]
    for params, keep in cases:
        expected = newest_first(specs, keep)
        assert pull(base, limit=4, **params) == expected, params
        assert pull(base, limit=500, **params) == expected, params


def test_a_pull_neither_repeats_nor_misses_when_notifications_arrive(
    site: tuple[Site, list[Spec], date],
) -> None:
    (_, engine, base), specs, _ = site
    first = get(f"{base}/api/notifications", limit=5).json()
    with session_scope(engine) as session:
        for i in range(3):
            session.add(
                Notification(symbol=f"G/TBT/N/NEW/{i}", base_symbol="", area="TBT", member="NEW")
            )
    symbols = [i["symbol"] for i in first["items"]] + pull(first["next"], "")
    assert symbols == newest_first(specs, lambda s: True)
    assert pull(base)[:3] == ["G/TBT/N/NEW/2", "G/TBT/N/NEW/1", "G/TBT/N/NEW/0"]


def test_limits_and_bad_input_are_refused_with_a_reason(
    site: tuple[Site, list[Spec], date],
) -> None:
    (_, _, base), _, _ = site
    for params, status in [
        ({"limit": 501}, 422),
        ({"limit": 0}, 422),
        ({"cursor": "not-a-cursor"}, 400),
        ({"area": "XYZ"}, 422),
        ({"distributed_since": "yesterday"}, 422),
        ({"q": "\x00"}, 422),
    ]:
        answer = requests.get(f"{base}/api/notifications", params=params, timeout=30)
        assert answer.status_code == status, (params, answer.text)
        assert "detail" in answer.json()


def test_one_notification_by_its_symbol(site: tuple[Site, list[Spec], date]) -> None:
    (_, _, base), specs, _ = site
    item = get(f"{base}/api/notifications/{specs[0].symbol}").json()
    assert item["follow_ups"] == [f"{specs[0].symbol}/Add.1"] and item["base_symbol"] is None
    japan = get(f"{base}/api/notifications/{specs[3].symbol}").json()["member"]
    assert japan == {"code": "JPN", "name": "Japan", "name_vi": "Nhật Bản"}
    reasons = {s["id"]: (s["origin"], s["reason"]) for s in item["sectors"]}
    assert reasons["coffee"] == ("auto", "'coffee' in title, see [e-mail]")
    assert (
        reasons["processed_food"][0] == "official" and OFFICIAL not in reasons["processed_food"][1]
    )
    assert "seafood" not in reasons
    assert item["description"] == "Comments to [e-mail] before the deadline."
    assert item["links"]["documents"] == ["https://docs.example.org/x.pdf"]
    assert item["links"]["self"] == f"{base}/api/notifications/{specs[0].symbol}"

    addendum = get(f"{base}/api/notifications/{specs[0].symbol}/Add.1").json()
    assert addendum["base_symbol"] == specs[0].symbol
    assert addendum["sectors"][0]["reason"] == f"inherited from {specs[0].symbol}"

    national = get(f"{base}/api/notifications/{quote(NATIONAL, safe='/:')}").json()
    assert national["symbol"] == NATIONAL and get(national["links"]["self"]).json() == national
    # a javascript: link is never published: the item links to WTO Documents Online instead
    assert get(f"{base}/api/notifications/{specs[2].symbol}").json()["links"][
        "notification"
    ] == documents_online_url(specs[2].symbol)
    missing = requests.get(f"{base}/api/notifications/G/TBT/N/EU/1", timeout=30)
    assert missing.status_code == 404 and missing.json() == {
        "detail": "no notification G/TBT/N/EU/1"
    }


def test_a_repeated_request_is_answered_304_until_something_changes(
    site: tuple[Site, list[Spec], date],
) -> None:
    (_, engine, base), specs, _ = site
    urls = [
        f"{base}/api/notifications?sector=coffee&limit=20",
        f"{base}/api/notifications/{specs[10].symbol}",
        f"{base}/api/sectors",
        f"{base}/feeds/coffee.atom",
        f"{base}/calendar/coffee.ics",
    ]
    tags = {}
    for url in urls:
        first = get(url)
        tags[url] = first.headers["ETag"]
        again = requests.get(url, headers={"If-None-Match": tags[url]}, timeout=30)
        assert again.status_code == 304 and again.content == b"", url
        assert again.headers["ETag"] == tags[url]
        listed = requests.get(url, headers={"If-None-Match": f'"x", W/{tags[url]}'}, timeout=30)
        assert listed.status_code == 304
    with session_scope(engine) as session:
        session.exec(
            update(Notification)
            .where(Notification.id == specs[10].id)  # type: ignore[arg-type]
            .values(title="Regulation 10 on roasted coffee, revised", updated_at=utcnow())
        )
    for url in urls[:2] + urls[3:]:
        changed = requests.get(url, headers={"If-None-Match": tags[url]}, timeout=30)
        assert changed.status_code == 200 and changed.headers["ETag"] != tags[url], url


def test_csv_has_the_filtered_items_and_no_formula_cells(
    site: tuple[Site, list[Spec], date],
) -> None:
    (_, _, base), specs, _ = site
    answer = get(f"{base}/api/notifications.csv", sector="coffee")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["symbol"] for r in rows] == newest_first(specs, lambda s: "coffee" in s.sectors)
    addendum = next(r for r in rows if r["symbol"].endswith("/Add.1"))
    assert addendum["title"] == '\'=HYPERLINK("http://evil.example","Addendum") adopted'
    everything = list(csv.reader(io.StringIO(get(f"{base}/api/notifications.csv").text)))
    cells = [c for row in everything for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'+cà phê rang; -tyres" in cells


def test_atom_feeds_parse_and_keep_their_ids(site: tuple[Site, list[Spec], date]) -> None:
    (_, engine, base), specs, _ = site
    text = get(f"{base}/feeds/coffee.atom").text
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.id == "urn:tbtalert:feed:coffee" and feed.feed.title and feed.feed.updated
    assert feed.feed.author and any(link.rel == "self" for link in feed.feed.links)
    coffee = newest_first(specs, lambda s: "coffee" in s.sectors)
    assert [e.title.split(": ")[0] for e in feed.entries] == coffee
    for entry in feed.entries:
        assert entry.id.startswith("urn:tbtalert:notification:") and entry.updated and entry.link
        assert all(link.href.startswith("http") for link in entry.links)
    assert "javascript:" not in text and "data:text" not in text

    everything = feedparser.parse(get(f"{base}/feeds/all.atom").text)
    assert len(everything.entries) == len(specs) and not everything.bozo
    before = {e.id: e.updated for e in everything.entries}
    with session_scope(engine) as session:
        session.exec(
            update(Notification)
            .where(Notification.id == specs[2].id)  # type: ignore[arg-type]
            .values(comment_deadline=date(2030, 1, 1), updated_at=utcnow())
        )
    after = {e.id: e.updated for e in feedparser.parse(get(f"{base}/feeds/all.atom").text).entries}
    assert set(after) == set(before)
    changed = [i for i in before if before[i] != after[i]]
    assert changed == [f"urn:tbtalert:notification:{quote(specs[2].symbol, safe='')}"]
    assert requests.get(f"{base}/feeds/nothing.atom", timeout=30).status_code == 404


def events(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_has_one_event_per_open_deadline_on_the_local_date(
    site: tuple[Site, list[Spec], date],
) -> None:
    (_, _, base), specs, today = site
    # local today and yesterday (UTC's today for half the day) are among the deadlines
    assert {today, today - timedelta(days=1)} <= {s.comment_deadline for s in specs}
    for sector in ("coffee", "all"):
        answer = get(f"{base}/calendar/{sector}.ics")
        assert answer.headers["content-type"].startswith("text/calendar")
        chosen = [s for s in specs if sector == "all" or sector in s.sectors]
        expected: dict[str, dict[str, date]] = {
            "comment-deadline": {
                s.symbol: s.comment_deadline
                for s in chosen
                if s.comment_deadline and s.comment_deadline >= today
            },
            "entry-into-force": {
                s.symbol: s.entry_into_force
                for s in chosen
                if s.entry_into_force and s.entry_into_force >= today
            },
        }
        found: dict[str, dict[str, date]] = {"comment-deadline": {}, "entry-into-force": {}}
        for uid, event in events(answer.content).items():
            kind, symbol = uid.split(":")[-2:]
            day = event.decoded("DTSTART")
            assert isinstance(day, date) and not isinstance(day, datetime)
            assert event.decoded("DTEND") == day + timedelta(days=1)
            found[kind][unquote(symbol)] = day
        assert found == expected, sector
        cal = icalendar.Calendar.from_ical(answer.content)
        assert str(cal["X-WR-TIMEZONE"]) == TIMEZONE
        assert events(get(f"{base}/calendar/{sector}.ics").content).keys() == set(
            events(answer.content)
        )  # stable UIDs
    assert requests.get(f"{base}/calendar/nothing.ics", timeout=30).status_code == 404


def test_each_subscriber_gets_a_signed_calendar_of_their_sectors_and_markets(
    site: tuple[Site, list[Spec], date],
) -> None:
    (settings, engine, base), specs, today = site
    prefs = get(
        f"{base}/preferences/{make_token(settings, 'preferences', 1, 'an@caphe.example.com')}"
    )
    [url] = re.findall(r'id="calendar-link" href="([^"]+)"', prefs.text)
    assert url.startswith(f"{base}/calendar/my/1-") and url.endswith(".ics")
    found = events(get(url).content)
    expected = {
        s.symbol
        for s in specs
        if "coffee" in s.sectors
        and s.member in ("EU", "JPN")
        and ((s.comment_deadline or date.min) >= today or (s.entry_into_force or date.min) >= today)
    }
    assert {unquote(uid.rpartition(":")[2]) for uid in found} == expected
    for forged in (url.replace("/my/1-", "/my/2-"), url[:-8] + "AAAA.ics"):
        assert requests.get(forged, timeout=30).status_code == 400
    with session_scope(engine) as session:
        from tbtalert.models import Subscriber

        sub = session.get(Subscriber, 1)
        assert sub is not None
        sub.status = "unsubscribed"
        session.add(sub)
    assert requests.get(url, timeout=30).status_code == 400


def open_data_urls(base: str, specs: list[Spec]) -> list[str]:
    """Every open-data address of the populated database."""
    sectors = [s["id"] for s in get(f"{base}/api/sectors").json()]
    urls = [
        f"{base}/api/notifications?limit=500",
        f"{base}/api/notifications.csv",
        f"{base}/api/sectors",
    ]
    urls += [f"{base}/api/notifications/{quote(s.symbol, safe='/:')}" for s in specs]
    for sector in [*sectors, "all"]:
        urls += [f"{base}/feeds/{sector}.atom", f"{base}/calendar/{sector}.ics"]
    urls += [f"{base}/api/openapi.json", f"{base}/api/docs"]
    return urls


def test_no_open_data_response_has_an_address_a_token_or_a_private_word(
    site: tuple[Site, list[Spec], date],
) -> None:
    (settings, _, base), specs, _ = site
    address = re.compile(r"[\w.%+-]+@[\w-]+(\.[\w-]+)+")
    secrets = [
        *PRIVATE,
        email_digest("an@caphe.example.com"),
        settings.secret_key.get_secret_value(),
    ]
    for purpose in ("unsubscribe", "preferences", "confirm", "calendar"):
        secrets.append(make_token(settings, purpose, 1, "an@caphe.example.com").rsplit(".", 1)[0])  # type: ignore[arg-type]
    urls = open_data_urls(base, specs)
    assert len(urls) > 60
    for url in urls:
        text = get(url).text
        assert not address.search(text), (url, address.search(text))
        assert not [s for s in secrets if s in text], url
        assert "/calendar/my/" not in text and "/preferences/" not in text, url


def test_only_the_open_data_has_an_openapi_schema(site: tuple[Site, list[Spec], date]) -> None:
    (_, _, base), _, _ = site
    for path in ("/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
        assert requests.get(base + path, timeout=30).status_code == 404, path
    schema = get(f"{base}/api/openapi.json").json()
    assert sorted(schema["paths"]) == [
        "/api/notifications",
        "/api/notifications.csv",
        "/api/notifications/{symbol}",
        "/api/sectors",
        "/calendar/{sector}.ics",
        "/feeds/{sector}.atom",
    ]
    item = schema["components"]["schemas"]["PublicNotification"]
    assert item["examples"][0]["symbol"] == "G/TBT/N/EU/9101"
    page = get(f"{base}/api/docs").text
    assets = re.findall(r"""['"](/api/static/[^'"]+)['"]""", page)
    assert len(assets) >= 2 and "cdn" not in page.lower()
    for asset in assets:
        assert get(base + asset).content


def test_every_message_offers_the_subscribers_calendar(
    web_site: Site, smtp_server: LocalSMTPServer
) -> None:
    settings, engine, _ = web_site
    add_notification(engine, "G/TBT/N/USA/10", comment_deadline=local_today(TIMEZONE))
    sid = add_subscriber(engine, "an@coffee.example.com", frequency="immediate")
    send(engine, settings, "immediate", now=T0 + timedelta(hours=2))
    message = smtp_server.handler.received[0].message
    links = set()
    for kind in ("plain", "html"):
        body = message.get_body((kind,))
        assert body is not None
        links |= set(re.findall(r"http://[^\s\"<>]+/calendar/my/[^\s\"<>]+", body.get_content()))
    [url] = links
    assert url.startswith(f"{settings.base_url}/calendar/my/{sid}-") and url.endswith(".ics")
    [event] = events(get(url).content).values()
    assert event.decoded("DTSTART") == local_today(TIMEZONE)
