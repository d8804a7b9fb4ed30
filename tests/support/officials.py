"""Officials in tests: an account in the database, a signed-in HTTP session, form tokens."""

from __future__ import annotations

import re

import requests
from sqlalchemy.engine import Engine

from tbtalert.config import Settings, SourceConfig
from tbtalert.db import session_scope
from tbtalert.users import add_user

EMAIL = "lan@sokhcn.example.gov.vn"
PASSWORD = "cà phê sữa đá 2026"
NAME = "Nguyễn Thị Lan"


def add_official(engine: Engine, *, email: str = EMAIL, role: str = "admin") -> None:
    """An account that can sign in with PASSWORD."""
    with session_scope(engine) as session:
        add_user(session, email=email, password=PASSWORD, name=NAME, role=role)


def form_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found[1]


def signed_in(base: str, *, email: str = EMAIL, password: str = PASSWORD) -> requests.Session:
    """A requests session signed in to the workspace at ``base``."""
    http = requests.Session()
    token = form_token(http.get(f"{base}/login", timeout=10).text)
    answer = http.post(
        f"{base}/login",
        data={"email": email, "password": password, "csrf": token},
        timeout=30,
    )
    assert answer.url.endswith("/officials/"), answer.status_code
    return http


def with_samples(settings: Settings) -> Settings:
    """``settings`` with the bundled sample notifications as a source (no network needed)."""
    samples = SourceConfig(
        name="samples", kind="eping-export", url="package:samples/eping-sample.csv"
    )
    return settings.model_copy(update={"sources": [samples]})
