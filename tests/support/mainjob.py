"""``tbtalert run`` in a real subprocess, and an ePing-shaped feed the test can add to.

The process is watched through its log file and its ``/healthz``; every wait
polls with a timeout, never a fixed sleep.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from support.httpserver import LocalHTTPServer, Reply, Seen
from support.polling import wait_until

EPING_PATH = "/api/v1/azureSearch/getAll"


def item(symbol: str, title: str, hs: list[str], member: str = "European Union") -> dict[str, Any]:
    """One ePing search item in the recorded field names (FACTS.md)."""
    area = symbol.split("/")[1]
    today = datetime.now(UTC).date()
    return {
        "id": zlib.crc32(symbol.encode()),
        "documentSymbol": symbol,
        "area": area,
        "notificationType": "Regular notification",
        "notifyingMember": member,
        "distributionDate": f"{today.isoformat()}T00:00:00",
        "commentDeadlineDate": f"{today.replace(year=today.year + 1).isoformat()}T00:00:00",
        "titlePlain": title,
        "descriptionPlain": title,
        "productsFreeTextPlain": title,
        "hsCodes": [{"id": n, "code": code, "name": ""} for n, code in enumerate(hs)],
        "icsCodes": [],
        "linkToNotification": f"https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?q={symbol}",
        "isOpenForComments": True,
    }


class EpingFeed:
    """Serves the current items as the ePing search endpoint; items can be added mid-test."""

    def __init__(self, server: LocalHTTPServer, items: list[dict[str, Any]]) -> None:
        self.server = server
        self.items = list(items)
        self.lock = threading.Lock()
        server.route(EPING_PATH, self._answer)

    @property
    def url(self) -> str:
        return self.server.url(EPING_PATH)

    def add(self, new: dict[str, Any]) -> None:
        with self.lock:
            self.items.insert(0, new)

    def hits(self, user_agent: str | None = None) -> list[Seen]:
        seen = self.server.hits(EPING_PATH)
        if user_agent is None:
            return seen
        return [s for s in seen if s.headers.get("User-Agent") == user_agent]

    def _answer(self, seen: Seen) -> Reply:
        query = {k.lower(): v for k, v in seen.query.items()}
        page = int(query.get("page", ["1"])[0])
        with self.lock:
            items = list(self.items) if page == 1 else []
            total = len(self.items)
        body = json.dumps({"items": items, "totalCount": total, "endRow": len(items)})
        return Reply(body=body.encode(), headers={"Content-Type": "application/json"})


def clean_env(**extra: str) -> dict[str, str]:
    """The test's environment without the developer's TBTALERT_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TBTALERT_")}
    env.update(extra)
    return env


class MainJob:
    """One ``python -m tbtalert run`` (or ``serve``) process, its log and its web port."""

    def __init__(
        self,
        cwd: Path,
        name: str,
        web_port: int,
        config: Path | None = None,
        command: str = "run",
        **env: str,
    ) -> None:
        self.name = name
        self.web_port = web_port
        self.log_path = cwd / f"{name}.log"
        args = [sys.executable, "-m", "tbtalert"]
        if config is not None:
            args += ["--config", str(config)]
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [*args, command],
                cwd=cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=clean_env(TBTALERT_WEB_PORT=str(web_port), **env),
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def health(self) -> dict[str, Any] | None:
        try:
            answer = requests.get(f"http://127.0.0.1:{self.web_port}/healthz", timeout=5)
        except requests.RequestException:
            return None
        return answer.json() if answer.status_code == 200 else None

    def role(self) -> str | None:
        health = self.health()
        return health["scheduler"]["role"] if health else None

    def alive(self) -> bool:
        """True while the process runs; an AssertionError with its log once it has exited."""
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.name} exited ({self.proc.returncode}):\n{self.log()}")
        return True

    def wait_role(self, role: str, timeout: float = 90.0) -> None:
        wait_until(lambda: self.alive() and self.role() == role, timeout, f"{self.name}: {role}")

    def wait_log(self, needle: str, timeout: float = 90.0) -> None:
        wait_until(lambda: self.alive() and needle in self.log(), timeout, f"{needle!r} in log")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        """Send ``sig`` and wait for the exit status."""
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
