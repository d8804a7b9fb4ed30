"""Benchmark: ``/healthz`` while another process holds SQLite's write lock.

    .venv/bin/python bench/web_lock.py [--requests 200] [--waiting 45]

Serves the web UI (uvicorn, as ``tbtalert serve`` does) on a fresh SQLite
database and times ``GET /healthz`` three ways, in the same run:

- floor: nothing else happens;
- locked: another connection holds ``BEGIN EXCLUSIVE``;
- locked and busy: the same, with ``--waiting`` sign-ups stuck on the lock
  (more than the page worker threads).

It prints the median and 95th percentile of each and their ratio to the
floor. Before the web moved its database work off the event loop, the
locked cases answered only when the lock was released (30 s and more).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.signup import form_token, post_sign_up
from support.smtpserver import free_port


def timings(url: str, count: int) -> list[float]:
    out = []
    with requests.Session() as session:
        for _ in range(count):
            started = time.perf_counter()
            answer = session.get(url, timeout=60)
            out.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, answer.status_code
    return out


def show(name: str, values: list[float], floor: list[float] | None) -> None:
    median = statistics.median(values)
    p95 = statistics.quantiles(values, n=20)[-1]
    ratio = f"  x{median / statistics.median(floor):.2f} of the floor" if floor else ""
    print(f"{name:<22} median {median:7.1f} ms   p95 {p95:7.1f} ms{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--waiting", type=int, default=45)
    args = parser.parse_args()

    from tbtalert.config import load_settings
    from tbtalert.db import open_database
    from tbtalert.service import WebServer

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        db = Path(tmp) / "tbtalert.db"
        settings = load_settings(
            None,
            database_url=f"sqlite:///{db}",
            web_port=port,
            base_url=f"http://127.0.0.1:{port}",
            subscribers_dir=None,
            sources=[],
            outbox_dir=Path(tmp) / "outbox",
            web_db_timeout=120,
        )
        engine = open_database(settings)
        server = WebServer(settings, engine, None)
        server.start()
        base = settings.base_url
        url = f"{base}/healthz"
        for _ in range(200):
            try:
                requests.get(url, timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        token = form_token(base)
        floor = timings(url, args.requests)
        lock = sqlite3.connect(db, isolation_level=None, timeout=30)
        lock.execute("BEGIN EXCLUSIVE")
        locked = timings(url, args.requests)
        waiting = [
            threading.Thread(
                target=post_sign_up,
                args=(base, {"email": f"f{n}@example.com", "sectors": ["coffee"]}),
                kwargs={
                    "token": token,
                    "timeout": 300,
                    "X_Forwarded_For": f"198.51.100.{n % 250}",
                },
            )
            for n in range(args.waiting)
        ]
        for thread in waiting:
            thread.start()
        busy = timings(url, args.requests)
        lock.execute("ROLLBACK")
        lock.close()
        for thread in waiting:
            thread.join()
        server.stop()
        engine.dispose()
    print(f"GET /healthz, {args.requests} requests each (SQLite, WAL)")
    show("floor (no lock)", floor, None)
    show("writer holds the lock", locked, floor)
    show(f"+ {args.waiting} sign-ups waiting", busy, floor)


if __name__ == "__main__":
    main()
