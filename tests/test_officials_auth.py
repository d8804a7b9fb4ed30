"""Officials' accounts and sign-in: the command line, the cookie, CSRF, the throttle.

Against the real web UI (uvicorn on a free port) on SQLite and PostgreSQL,
with ``requests`` as the browser.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.officials import EMAIL, PASSWORD, add_official, form_token, signed_in
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.models import User
from tbtalert.users import disable_user
from tbtalert.web import create_app

Site = tuple[Settings, Engine, str]


def officials_routes(settings: Settings, engine: Engine) -> list[tuple[str, str]]:
    """Every (method, path) the app serves under /officials/, read from the app itself."""
    paths = create_app(settings, engine).openapi()["paths"]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/officials")
        for method in operations
    )


def concrete(path: str) -> str:
    """A path with its parameters filled in (ids that need not exist: access is refused first)."""
    return (
        path.replace("{notification_id}", "1")
        .replace("{sector_id}", "coffee")
        .replace("{subscriber_id}", "1")
        .replace("{name}", "samples")
    )


def test_users_command_adds_lists_and_disables(settings: Settings, tmp_path: Path) -> None:
    env = {**os.environ, "TBTALERT_DATABASE_URL": settings.database_url}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tbtalert", "users", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    added = run("add", "Lan@SoKHCN.example.gov.vn", "--name", "Nguyễn Thị Lan", stdin=PASSWORD)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "added lan@sokhcn.example.gov.vn (official)\n"
    short = run("add", "an@sokhcn.example.gov.vn", stdin="short\n")
    assert short.returncode == 1 and "at least 10" in short.stderr
    again = run("add", "lan@sokhcn.example.gov.vn", stdin=PASSWORD)
    assert again.returncode == 1 and "already has an account" in again.stderr
    listed = run("list")
    assert "lan@sokhcn.example.gov.vn" in listed.stdout and "active" in listed.stdout
    assert listed.stdout.endswith("1 account(s)\n")
    assert (
        run("disable", "lan@sokhcn.example.gov.vn").stdout == "disabled lan@sokhcn.example.gov.vn\n"
    )
    assert "disabled" in run("list").stdout
    from tbtalert.db import make_engine

    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        user = session.exec(select(User)).one()
    engine.dispose()
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_every_officials_route_refuses_anonymous_access(web_site: Site) -> None:
    settings, engine, base = web_site
    routes = officials_routes(settings, engine)
    assert len(routes) >= 20, routes  # the whole workspace, not a part of it
    for method, path in routes:
        url = base + concrete(path)
        page = requests.request(method, url, allow_redirects=False, timeout=10)
        assert page.status_code == 303, (method, path, page.status_code)
        assert page.headers["location"].startswith("/login?next=")
        api = requests.request(
            method, url, headers={"Accept": "application/json"}, allow_redirects=False, timeout=10
        )
        assert (api.status_code, api.json()) == (401, {"error": "sign in required"}), (method, path)


def test_sign_in_sets_a_safe_cookie_and_sign_out_ends_it(web_site: Site) -> None:
    _, engine, base = web_site
    add_official(engine)
    http = signed_in(base)
    cookie = next(c for c in http.cookies if c.name == "tbt_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    assert cookie.get_nonstandard_attr("SameSite") == "lax"
    assert not cookie.secure  # base_url is http here; https sets Secure (see below)
    home = http.get(f"{base}/officials/", timeout=10)
    assert home.status_code == 200 and "Nguyễn Thị Lan" in home.text
    http.post(f"{base}/logout", data={"csrf": form_token(home.text)}, timeout=10)
    assert http.get(f"{base}/officials/", allow_redirects=False, timeout=10).status_code == 303


def test_the_cookie_is_secure_when_the_site_is_https(web_site: Site) -> None:
    from fastapi.responses import Response

    from tbtalert.web.officials.session import new_session, write_session

    settings = web_site[0].model_copy(update={"base_url": "https://tbt.example.gov.vn"})
    response = Response()
    write_session(response, settings, new_session(1, "x"))
    header = response.headers["set-cookie"]
    assert "Secure" in header and "HttpOnly" in header and "SameSite=lax" in header


def test_a_disabled_account_is_signed_out_at_its_next_request(web_site: Site) -> None:
    _, engine, base = web_site
    add_official(engine)
    http = signed_in(base)
    with session_scope(engine) as session:
        disable_user(session, EMAIL)
    assert http.get(f"{base}/officials/", allow_redirects=False, timeout=10).status_code == 303


def test_a_cookie_signed_with_another_secret_is_refused(web_site: Site) -> None:
    settings, engine, base = web_site
    add_official(engine)
    with Session(engine) as session:
        user = session.exec(select(User)).one()
    from tbtalert.web.officials.session import password_fingerprint

    forged = URLSafeTimedSerializer("another-secret", salt="tbtalert.officials.session").dumps(
        {"sid": "x" * 32, "uid": user.id, "pw": password_fingerprint(user)}
    )
    answer = requests.get(
        f"{base}/officials/", cookies={"tbt_session": forged}, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    # the same payload signed with the site's secret opens it: only the signature differs
    genuine = URLSafeTimedSerializer(settings.secret_key, salt="tbtalert.officials.session").dumps(
        {"sid": "x" * 32, "uid": user.id, "pw": password_fingerprint(user)}
    )
    assert requests.get(f"{base}/officials/", cookies={"tbt_session": genuine}, timeout=10).ok


def test_forms_refuse_a_missing_or_wrong_csrf_token(web_site: Site) -> None:
    settings, engine, base = web_site
    add_official(engine)
    # the sign-in form itself
    stranger = requests.Session()
    stranger.get(f"{base}/login", timeout=10)
    for token in ({}, {"csrf": "0" * 64}):
        refused = stranger.post(
            f"{base}/login", data={"email": EMAIL, "password": PASSWORD, **token}, timeout=10
        )
        assert refused.status_code == 403
    assert stranger.get(f"{base}/officials/", allow_redirects=False, timeout=10).status_code == 303
    # every form of the workspace
    http = signed_in(base)
    for method, path in officials_routes(settings, engine):
        if method != "POST":
            continue
        for token in ({}, {"csrf": "0" * 64}):
            answer = http.post(base + concrete(path), data=token, allow_redirects=False, timeout=10)
            assert answer.status_code == 403, (path, token, answer.status_code)
    # a token of another session is wrong too
    other = signed_in(base)
    theirs = form_token(other.get(f"{base}/officials/", timeout=10).text)
    answer = http.post(f"{base}/logout", data={"csrf": theirs}, allow_redirects=False, timeout=10)
    assert answer.status_code == 403


def test_wrong_passwords_are_throttled_per_account_and_per_address(web_site: Site) -> None:
    settings, engine, base = web_site
    add_official(engine)
    http = requests.Session()
    token = form_token(http.get(f"{base}/login", timeout=10).text)

    def attempt(email: str, password: str) -> int:
        data = {"email": email, "password": password, "csrf": token}
        return http.post(f"{base}/login", data=data, timeout=30).status_code

    limit = settings.login_max_failures
    assert [attempt(EMAIL, "wrong password") for _ in range(limit)] == [401] * limit
    assert attempt(EMAIL, "wrong password") == 429
    assert attempt(EMAIL, PASSWORD) == 429  # even the right one waits: no guessing by timing
    page = http.get(f"{base}/login", timeout=10).text
    assert "Vui lòng thử lại sau" not in page  # the message is on the refused answer only
    # other accounts from the same address are paused as well
    assert attempt("an@sokhcn.example.gov.vn", "whatever it is") == 429


def test_the_throttle_forgets_after_the_lockout(settings: Settings, engine: Engine) -> None:
    from datetime import timedelta

    from tbtalert.errors import SignInRefused
    from tbtalert.models import utcnow
    from tbtalert.users import sign_in

    add_official(engine)
    start = utcnow()
    with Session(engine) as session:
        for _ in range(settings.login_max_failures):
            with pytest.raises(SignInRefused) as refused:
                sign_in(session, settings, email=EMAIL, password="nope", ip="10.0.0.1", now=start)
            assert not refused.value.throttled
        with pytest.raises(SignInRefused) as refused:
            sign_in(session, settings, email=EMAIL, password=PASSWORD, ip="10.0.0.2", now=start)
        assert refused.value.throttled
        later = start + timedelta(minutes=settings.login_lockout_minutes, seconds=1)
        user = sign_in(session, settings, email=EMAIL, password=PASSWORD, ip="10.0.0.1", now=later)
        assert user.email == EMAIL
