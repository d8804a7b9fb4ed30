"""What anyone on the network sees: names and states, security headers, no API description."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session

from support.httpserver import LocalHTTPServer, Reply
from support.polling import wait_for_web
from support.smtpserver import free_port
from tbtalert.config import Settings, SourceConfig
from tbtalert.db import open_database
from tbtalert.ingest import fetch_sources
from tbtalert.models import SchedulerLease, Subscriber, SubscriberSector, utcnow
from tbtalert.service import WebServer
from tbtalert.tokens import link

SECRETS = ("s3cret-Pass", "tok-9f8e7d", "/srv/private/exports", "lease-host-secret", "4242")


@pytest.fixture
def public_site(
    make_settings: Callable[..., Settings], http_server: LocalHTTPServer, tmp_path: Path
) -> Iterator[tuple[str, Engine, LocalHTTPServer]]:
    """Sources whose URLs hold credentials, a query token and a private path, all failing."""
    http_server.route("/feed", Reply(500))
    port = free_port()
    sources = [
        SourceConfig(
            name="tcvn-feed",
            kind="feed",
            url=http_server.url("/feed").replace("http://", "http://tbt:s3cret-Pass@")
            + "?token=tok-9f8e7d",
            options={"jurisdiction": "VNM"},
        ),
        SourceConfig(
            name="officials-drop", kind="eping-export", url="/srv/private/exports/eping.csv"
        ),
    ]
    settings = make_settings(
        web_port=port, base_url=f"http://127.0.0.1:{port}", sources=sources, http_retries=0
    )
    engine = open_database(settings)
    runs = fetch_sources(engine, settings)
    assert [r.status for r in runs] == ["failed", "failed"]
    assert "s3cret-Pass" not in runs[0].error and "tok-9f8e7d" not in runs[0].error  # masked
    with Session(engine) as session:
        session.add(
            SchedulerLease(
                name="scheduler", holder="lease-host-secret:4242:abcdef", renewed_at=utcnow()
            )
        )
        sub = Subscriber(email="an@coffee.example.com")
        session.add(sub)
        session.flush()
        assert sub.id is not None
        session.add(SubscriberSector(subscriber_id=sub.id, sector_id="coffee"))
        session.commit()
    server = WebServer(settings, engine, None)
    server.start()
    wait_for_web(settings.base_url)
    yield settings.base_url, engine, http_server
    server.stop()
    engine.dispose()


PUBLIC = ["/", "/status", "/healthz", "/subscribe", "/static/style.css", "/no-such-page"]


def test_no_credential_path_host_or_error_reaches_a_public_page(
    public_site: tuple[str, Engine, LocalHTTPServer],
) -> None:
    base, _, http_server = public_site
    forbidden = [*SECRETS, f"127.0.0.1:{http_server.port}", socket.gethostname(), "HTTP 500"]
    for path in [*PUBLIC, "/unsubscribe/forged-token", "/preferences/x.y.z", "/confirm/nope"]:
        answer = requests.get(f"{base}{path}", timeout=10)
        leaked = [word for word in forbidden if word in answer.text]
        assert not leaked, f"{path} shows {leaked}"
    page = requests.get(f"{base}/", timeout=10).text
    assert "tcvn-feed" in page and "officials-drop" in page and "Lỗi / failed" in page


def test_the_api_description_is_not_public(
    public_site: tuple[str, Engine, LocalHTTPServer],
) -> None:
    base, _, _ = public_site
    for path in ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"):
        assert requests.get(f"{base}{path}", timeout=10).status_code == 404, path


def check_headers(answer: requests.Response, path: str) -> None:
    csp = answer.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    assert answer.headers.get("X-Content-Type-Options") == "nosniff", path
    assert answer.headers.get("X-Frame-Options") == "DENY", path
    assert answer.headers.get("Referrer-Policy") in ("same-origin", "no-referrer"), path


def test_every_response_carries_the_security_headers(
    public_site: tuple[str, Engine, LocalHTTPServer],
) -> None:
    base, _, _ = public_site
    for path in PUBLIC:
        check_headers(requests.get(f"{base}{path}", timeout=10), path)
    check_headers(requests.post(f"{base}/subscribe", data={"x": "y" * 100_000}, timeout=10), "413")
    check_headers(requests.post(f"{base}/subscribe", data={}, timeout=10), "403")


def test_pages_with_a_token_send_no_referrer_and_are_not_cached(
    public_site: tuple[str, Engine, LocalHTTPServer], make_settings: Callable[..., Settings]
) -> None:
    base, engine, _ = public_site
    with Session(engine) as session:
        sub = session.get(Subscriber, 1)
        assert sub is not None and sub.id is not None
    settings = make_settings(base_url=base)
    for purpose in ("unsubscribe", "preferences", "confirm"):
        answer = requests.get(link(settings, purpose, sub.id, sub.email), timeout=10)  # type: ignore[arg-type]
        assert answer.status_code == 200, purpose
        check_headers(answer, purpose)
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert answer.headers["Cache-Control"] == "no-store"


INLINE = re.compile(r"<script|<style|\sstyle=|\son[a-z]+=", re.I)


def test_pages_hold_no_inline_script_or_style(
    public_site: tuple[str, Engine, LocalHTTPServer],
) -> None:
    base, _, _ = public_site
    for path in ("/", "/subscribe", "/unsubscribe/forged"):
        html = requests.get(f"{base}{path}", timeout=10).text
        assert not INLINE.search(html), f"{path}: {INLINE.search(html)}"
        assert '<link rel="stylesheet" href="/static/style.css">' in html
    css = requests.get(f"{base}/static/style.css", timeout=10)
    assert css.headers["Content-Type"].startswith("text/css") and ".card" in css.text
