"""Debian's Chromium driven by Playwright (no browser download): launch it, name screenshots."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = os.environ.get("TBT_SCREENSHOTS_DIR")


def require_chromium() -> None:
    """Skip the calling module without Chromium (fail on CI, where .ci/test.sh installs it)."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: .ci/test.sh installs Debian's chromium")
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (a ``playwright.sync_api.Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def shot(page: object, name: str) -> None:
    """Save a full-page screenshot as ``<name>.png`` when TBT_SCREENSHOTS_DIR is set."""
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
