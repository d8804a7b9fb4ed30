"""Hostile text in notifications, subscribers, reasons and errors renders escaped on every page.

Every GET page under /officials/ (enumerated from the app) is fetched with
ids that point at the hostile rows; none may carry the markup unescaped.
"""

from __future__ import annotations

import base64

import pytest
import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.officials import add_official, form_token, signed_in, with_samples
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.decisions import reject_tag
from tbtalert.ingest import upsert_records
from tbtalert.models import (
    Notification,
    NotificationRecord,
    Source,
    SourceRun,
    Subscriber,
    SubscriberSector,
    utcnow,
)
from tbtalert.tags import match_notifications
from tbtalert.web import create_app

Site = tuple[Settings, Engine, str]
SCRIPT = "<script>alert('tbt')</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT} {IMG}"


@pytest.fixture
def site_settings(smtp_settings: Settings) -> Settings:
    """A configured source, so its (hostile) error shows on the service page."""
    return with_samples(smtp_settings)


def seed(engine: Engine, settings: Settings) -> tuple[int, int]:
    with session_scope(engine) as session:
        upsert_records(
            session,
            [
                NotificationRecord(
                    "G/TBT/N/USA/666",
                    "TBT",
                    "USA",
                    f"Roasted coffee {HOSTILE}",
                    member_name=HOSTILE,
                    agency=HOSTILE,
                    products=f"coffee {HOSTILE}",
                    description=HOSTILE,
                    objectives=HOSTILE,
                    hs_codes=["0901"],
                    notification_url="javascript:alert(1)",
                    document_urls=[f"https://example.org/{IMG}"],
                    distribution_date=utcnow().date(),
                ),
                NotificationRecord("G/TBT/N/USA/666/Add.1", "TBT", "USA", f"Addendum {HOSTILE}"),
            ],
            announce=True,
        )
        sub = Subscriber(email="evil@example.com", name=HOSTILE, company=HOSTILE)
        session.add(sub)
        source = Source(name="samples", kind="eping-export")
        session.add(source)
        session.flush()
        assert sub.id is not None and source.id is not None
        session.add(SubscriberSector(subscriber_id=sub.id, sector_id="coffee"))
        session.add(
            SourceRun(source_id=source.id, status="failed", error=HOSTILE, finished_at=utcnow())
        )
    match_notifications(engine, settings)
    with session_scope(engine) as session:
        nid = session.exec(
            select(Notification.id).where(Notification.symbol == "G/TBT/N/USA/666")
        ).one()
        assert nid is not None
        reject_tag(session, nid, "coffee", by=HOSTILE, reason=HOSTILE)
        return nid, sub.id


def assert_escaped(html: str, where: str) -> None:
    assert SCRIPT not in html, where
    assert "<img src=x" not in html, where
    assert 'href="javascript:' not in html.lower(), where


def test_hostile_text_renders_escaped_on_every_page(web_site: Site) -> None:
    settings, engine, base = web_site
    nid, sid = seed(engine, settings)
    add_official(engine)
    http = signed_in(base)
    paths = create_app(settings, engine).openapi()["paths"]
    pages = sorted(p for p, ops in paths.items() if p.startswith("/officials") and "get" in ops)
    shown = set()
    for path in pages:
        url = base + path.format(notification_id=nid, subscriber_id=sid, sector_id="coffee")
        answer = http.get(url, params={"q": HOSTILE}, timeout=30)
        assert answer.status_code == 200, (path, answer.status_code)
        if not answer.headers["content-type"].startswith("text/html"):
            continue  # downloads (subscribers/export) are files, not pages
        assert_escaped(answer.text, path)
        if "&lt;script&gt;" in answer.text:
            shown.add(path)
    # the hostile rows were on these pages, escaped
    assert {
        "/officials/",
        "/officials/notifications",
        "/officials/notifications/{notification_id}",
        "/officials/review",
        "/officials/subscribers",
        "/officials/subscribers/{subscriber_id}",
        "/officials/service",
    } <= shown, shown
    # the search page echoes the query escaped
    search = http.get(f"{base}/officials/notifications", params={"q": IMG}, timeout=30).text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in search
    # the preview fragment and the import preview
    token = form_token(http.get(f"{base}/officials/sectors/coffee", timeout=30).text)
    fragment = http.post(
        f"{base}/officials/sectors/coffee/preview",
        data={"csrf": token, "name_vi": HOSTILE, "name_en": "Coffee", "keywords_en": "roasted"},
        timeout=30,
    )
    assert_escaped(fragment.text, "preview")
    upload = f"email,name,company,sectors\n{IMG}@x,{IMG},{IMG},{IMG}\n".encode()
    checked = http.post(
        f"{base}/officials/subscribers/import",
        data={"csrf": token, "filename": "x.csv", "data": base64.b64encode(upload).decode()},
        timeout=30,
    )
    assert checked.status_code == 422 and "onerror" in checked.text
    assert_escaped(checked.text, "import preview")


def test_the_detail_page_links_only_to_web_addresses(web_site: Site) -> None:
    settings, engine, base = web_site
    nid, _ = seed(engine, settings)
    add_official(engine)
    page = signed_in(base).get(f"{base}/officials/notifications/{nid}", timeout=30).text
    assert "javascript:alert(1)" in page  # shown as text
    assert 'href="javascript' not in page
    assert requests.get(f"{base}/officials/notifications/{nid}", timeout=30).url.endswith(
        f"/login?next=/officials/notifications/{nid}"
    )
    with Session(engine) as session:
        assert session.get(Notification, nid) is not None
