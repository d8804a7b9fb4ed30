"""Debian's Chromium (``/usr/bin/chromium``) driven by Playwright, for tests that need a browser.

Import this module at the top of a browser test module: it skips the module
when Chromium is missing (and fails under CI, where .ci/test.sh installs it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: .ci/test.sh installs Debian's chromium")
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import Browser, sync_playwright  # noqa: E402


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium that makes no request of its own (updates, sync, QUIC)."""
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
