"""The signing key and the SMTP password: refused when weak, never shown, links not forgeable."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
import requests
from itsdangerous import TimestampSigner
from sqlmodel import Session, select

from support.cli import run_tbtalert, tbtalert_env
from support.polling import wait_for_web
from support.smtpserver import free_port
from tbtalert.config import load_settings
from tbtalert.db import make_engine
from tbtalert.models import Subscriber
from tbtalert.templating import make_environment
from tbtalert.tokens import email_digest, make_token

STRONG = "k7Q2-strong-signing-key-for-tests-0123456789abcdef"
PASSWORD = "smtp-P4ssw0rd-never-shown"
PUBLIC_URL = "https://tbt.example.gov.vn"


def test_secret_prints_a_fresh_long_key(tmp_path: Path) -> None:
    first = run_tbtalert("secret", cwd=tmp_path)
    second = run_tbtalert("secret", cwd=tmp_path)
    key = first.stdout.strip()
    assert first.returncode == 0 and len(key) >= 64 and key != second.stdout.strip()
    assert key.replace("-", "").replace("_", "").isalnum()


@pytest.mark.parametrize("command", ["serve", "run"])
@pytest.mark.parametrize("key", [None, "short-key"])
def test_a_weak_key_on_a_public_address_stops_the_start(
    tmp_path: Path, command: str, key: str | None
) -> None:
    settings = {"base_url": PUBLIC_URL, "web_port": str(free_port()), "subscribers_dir": ""}
    if key:
        settings["secret_key"] = key
    result = run_tbtalert(command, cwd=tmp_path, env=tbtalert_env(**settings), timeout=60)
    assert result.returncode == 1
    [line] = result.stderr_lines
    assert line.startswith("tbtalert: error: secret_key") and "'tbtalert secret'" in line
    assert not (tmp_path / "tbtalert.db").exists()  # stopped before anything was opened


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """``tbtalert serve`` on loopback with a strong key, an SMTP password, one subscriber."""
    port = free_port()
    env = tbtalert_env(
        database_url=f"sqlite:///{tmp_path / 'tbtalert.db'}",
        secret_key=STRONG,
        smtp_host="127.0.0.1",
        smtp_port=str(free_port()),  # nothing listens: sending fails, with an error page
        smtp_user="tbt",
        smtp_password=PASSWORD,
        web_port=str(port),
        base_url=f"http://127.0.0.1:{port}",
        subscribers_dir="",
        sources="[]",
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tbtalert", "serve"],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_web(base)
        engine = make_engine(f"sqlite:///{tmp_path / 'tbtalert.db'}")
        with Session(engine) as session:
            session.add(Subscriber(email="an@coffee.example.com"))
            session.commit()
        engine.dispose()
        yield base, proc, log
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def forged_links(base: str, sub_id: int, email: str) -> dict[str, str]:
    """What an attacker who knows the address (and the old default key) would try."""
    value = f"{sub_id}-{email_digest(email)}".encode()
    default = TimestampSigner("change-me", salt="tbtalert-unsubscribe").sign(value).decode()
    settings = load_settings(None, secret_key=STRONG, base_url=base, sources=[])
    genuine = make_token(settings, "unsubscribe", sub_id, email)
    other_address = make_token(settings, "unsubscribe", sub_id, "someone@else.example.com")
    return {
        "signed with the default key": f"{base}/unsubscribe/{default}",
        "signed for another purpose": f"{base}/preferences/{genuine}",
        "signature tampered": f"{base}/unsubscribe/{genuine[:-4]}AAAA",
        "for another address": f"{base}/unsubscribe/{other_address}",
        "another subscriber id": f"{base}/unsubscribe/{genuine.replace('1-', '2-', 1)}",
    }


def test_forged_links_fail_against_a_started_service(
    served: tuple[str, subprocess.Popen[bytes], Path],
) -> None:
    base, _, _ = served
    for what, url in forged_links(base, 1, "an@coffee.example.com").items():
        answer = requests.post(url, data={"List-Unsubscribe": "One-Click"}, timeout=10)
        assert answer.status_code == 400, what
    engine = make_engine(f"sqlite:///{Path(served[2]).parent / 'tbtalert.db'}")
    with Session(engine) as session:
        row = session.exec(select(Subscriber)).one()
    engine.dispose()
    assert row.status == "active"


def test_secrets_are_in_no_page_log_or_error(
    served: tuple[str, subprocess.Popen[bytes], Path],
) -> None:
    from support.signup import post_sign_up

    base, _, log = served
    failed = post_sign_up(base, {"email": "new@example.com", "sectors": ["coffee"]})
    assert failed.status_code == 503  # no SMTP server answers: the error is shown...
    pages = [failed.text] + [
        requests.get(f"{base}{path}", timeout=10).text
        for path in ("/", "/healthz", "/subscribe", "/static/style.css", "/unsubscribe/x")
    ]
    for text in [*pages, log.read_text(encoding="utf-8", errors="replace")]:
        assert STRONG not in text and PASSWORD not in text  # ...without any secret


def test_settings_hide_secrets_and_templates_cannot_reach_them() -> None:
    settings = load_settings(None, secret_key=STRONG, smtp_password=PASSWORD, sources=[])
    for shown in (repr(settings), str(settings), str(settings.model_dump())):
        assert STRONG not in shown and PASSWORD not in shown
    env = make_environment(settings)
    assert env.from_string("{{ settings.province_name }}").render() == settings.province_name
    for name in ("secret_key", "smtp_password", "database_url"):
        with pytest.raises(jinja2.UndefinedError):
            env.from_string(f"{{{{ settings.{name} }}}}").render()
