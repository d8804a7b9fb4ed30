"""The public pages in Chromium under their Content-Security-Policy: styled, and nothing refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from support.browser import chromium, require_chromium
from tbtalert.config import Settings

require_chromium()

from playwright.sync_api import Page  # noqa: E402


@pytest.fixture
def page() -> Iterator[Page]:
    with chromium() as browser:
        context = browser.new_context()
        yield context.new_page()
        context.close()


@pytest.mark.parametrize("path", ["/", "/subscribe", "/unsubscribe/not-a-token"])
def test_pages_are_styled_and_break_no_policy(
    web_site: tuple[Settings, Engine, str], page: Page, path: str
) -> None:
    _, _, base = web_site
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    policy = [m for m in refused if "Content Security Policy" in m]
    assert not policy, policy
    header = page.eval_on_selector("header", "e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(11, 92, 171)"  # --accent from /static/style.css
    if path == "/subscribe":
        assert not page.is_visible("input[name=website]")  # the honeypot stays hidden


def test_the_open_data_docs_run_their_one_inline_script(
    web_site: tuple[Settings, Engine, str], page: Page
) -> None:
    """/api/docs (Swagger UI) is allowed its own inline script by hash, and no other."""
    _, _, base = web_site
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".swagger-ui .title", timeout=30_000)
    assert "tbtalert open data" in page.inner_text(".swagger-ui .title")
    policy = [m for m in refused if "Content Security Policy" in m]
    assert not policy, policy
