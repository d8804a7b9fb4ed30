"""Recording job functions for scheduler tests: they count their calls, nothing else."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from tbtalert.config import Settings


class Recorder:
    """Job functions that count their calls."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.lock = threading.Lock()

    def job(self, kind: str) -> Callable[..., None]:
        def run(engine: Engine, settings: Settings, *args: str) -> None:
            with self.lock:
                self.calls[" ".join((kind, *args))] += 1

        return run

    def jobs(self) -> dict[str, Callable[..., None]]:
        return {kind: self.job(kind) for kind in ("fetch", "daily", "weekly")}

    def count(self, label: str) -> int:
        with self.lock:
            return self.calls[label]


def source(name: str, minutes: float = 360, **kw: Any) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "feed",
        "url": "http://127.0.0.1:9/feed",
        "interval_minutes": minutes,
        **kw,
    }
