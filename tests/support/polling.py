"""Wait for a condition by polling it, never by sleeping a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests


def wait_until(
    predicate: Callable[[], Any], timeout: float = 60.0, what: str = "", interval: float = 0.05
) -> Any:
    """Poll ``predicate`` until it returns something true, and return that; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        time.sleep(interval)


def wait_for_web(base: str, timeout: float = 60.0) -> None:
    """Wait until the web UI at ``base`` answers ``/healthz`` (any status)."""

    def answers() -> bool:
        try:
            requests.get(f"{base}/healthz", timeout=5)
        except requests.ConnectionError:
            return False
        return True

    wait_until(answers, timeout=timeout, what=f"the web UI at {base}")
