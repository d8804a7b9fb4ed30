"""Benchmark: the open-data API over HTTP on 100,000 notifications, SQLite and PostgreSQL.

    .venv/bin/python bench/api.py [--records 100000] [--repeat 30] [--no-postgres] [--plans]

Each database is filled with a bulk insert (twelve members, TBT and SPS, two
sector tags each, comment deadlines from 300 days ago to 60 days ahead,
every seventh title about labelling), then served by uvicorn in a child
process, as in production. The client, with one keep-alive connection:

- asks for the first page (50 items) of each filtered query ``--repeat``
  times and prints the median and the 95th percentile;
- pulls every notification page by page (500 a page, following ``next``)
  and prints items/s.

The floor is the same work without tbtalert: the first page's SQL (ids of
the page, then those rows) through SQLAlchemy Core in this process, and the
whole table read with one ``SELECT`` and written as JSON. ``--plans`` prints
the query plans of the filtered first pages (docs/opendata.md shows them).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from scratch_postgres import drop_postgres, fresh_postgres
from sqlalchemy import event, insert

MEMBERS = ["USA", "EU", "CHN", "JPN", "KOR", "AUS", "BRA", "IND", "THA", "SAU", "CAN", "GBR"]
SECTORS = ["coffee", "rubber", "seafood", "wood_furniture", "processed_food", "cassava", "nuts"]
RARE = "cosmetics"  # one notification in 500
NOW = datetime(2026, 11, 20, tzinfo=UTC)


def notification_row(i: int, today: date) -> dict[str, Any]:
    """The i-th notification: its fields vary with i so that each filter selects a share."""
    member = MEMBERS[i % len(MEMBERS)]
    area = "SPS" if i % 3 == 0 else "TBT"
    subject = "labelling of packaged food" if i % 7 == 0 else "conformity assessment"
    return {
        "symbol": f"G/{area}/N/{member}/{i}",
        "base_symbol": f"G/{area}/N/{member}/{i}",
        "area": area,
        "member": member,
        "title": f"Draft technical regulation {i} on {subject}",
        "description": "Lays down requirements for products placed on the market. " * 6,
        "products": "Coffee; natural rubber; wood",
        "hs_codes": ["090111", "400121"],
        "ics_codes": [],
        "keywords": [],
        "document_urls": [f"https://docs.wto.org/{i}.pdf"],
        "notification_url": f"https://eping.wto.org/en/Search?viewData=G/{area}/N/{member}/{i}",
        "distribution_date": today - timedelta(days=(i * 7919) % 720),
        "comment_deadline": today + timedelta(days=60 - (i * 104729) % 360),
        "first_seen_at": NOW,
        # updated times are not in id order: a few old notifications changed lately
        "updated_at": NOW - timedelta(minutes=(i * 15485863) % 500_000),
        "content_hash": "h",
        "raw": {"id": i},
    }


def fill(url: str, n: int, today: date) -> None:
    """``n`` notifications with two sector tags each (the rare sector on one in 500)."""
    from tbtalert.cli.app import open_database
    from tbtalert.config import load_settings
    from tbtalert.models import Notification, Tag

    engine = open_database(load_settings(None, database_url=url, subscribers_dir=None))
    notes: Any = Notification.__table__  # type: ignore[attr-defined]
    tags: Any = Tag.__table__  # type: ignore[attr-defined]
    with engine.begin() as conn:
        for start in range(0, n, 5000):
            stop = min(n, start + 5000)
            conn.execute(insert(notes), [notification_row(i, today) for i in range(start, stop)])
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM notification ORDER BY id")]
        for start in range(0, len(ids), 5000):
            rows = []
            for k, nid in enumerate(ids[start : start + 5000], start):
                picked = {SECTORS[k % len(SECTORS)], SECTORS[(k // 3) % len(SECTORS)]}
                if k % 500 == 0:
                    picked.add(RARE)
                rows += [
                    {"notification_id": nid, "sector_id": s, "reason": "HS 0901", "created_at": NOW}
                    for s in sorted(picked)
                ]
            conn.execute(insert(tags), rows)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def queries(today: date) -> dict[str, dict[str, str]]:
    """The filtered first pages measured, by name."""
    return {
        "no filter": {},
        "sector": {"sector": "coffee"},
        "sector + open": {"sector": "coffee", "open": "true"},
        "rare sector": {"sector": RARE},
        "member + area": {"member": "USA", "area": "SPS"},
        "text": {"q": "labelling"},
        "distributed since": {"distributed_since": (today - timedelta(days=30)).isoformat()},
        "updated since": {"updated_since": (NOW - timedelta(hours=2)).isoformat()},
    }


def serve(url: str, port: int) -> None:
    """Child process: the web app on ``port`` (what ``tbtalert serve`` runs)."""
    import uvicorn

    from tbtalert.config import load_settings
    from tbtalert.db import make_engine
    from tbtalert.web import create_app

    settings = load_settings(
        None,
        database_url=url,
        subscribers_dir=None,
        web_port=port,
        base_url=f"http://127.0.0.1:{port}",
    )
    app = create_app(settings, make_engine(url))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (user + system): what its work costs, however busy the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    child = subprocess.Popen([sys.executable, __file__, "--serve", url, str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return child
        except requests.ConnectionError:
            time.sleep(0.1)
    child.kill()
    raise SystemExit("the server did not answer within 60 s")


def first_pages(
    http: requests.Session, base: str, shapes: dict[str, dict[str, str]], repeat: int
) -> dict[str, list[float]]:
    """Milliseconds of each first page, the queries taken in turn (a busy moment hits all)."""
    times: dict[str, list[float]] = {name: [] for name in shapes}
    for _ in range(repeat):
        for name, params in shapes.items():
            start = time.perf_counter()
            answer = http.get(f"{base}/api/notifications", params=params, timeout=60)
            answer.raise_for_status()
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def full_pull(http: requests.Session, base: str) -> tuple[int, float]:
    start = time.perf_counter()
    count, url = 0, f"{base}/api/notifications?limit=500"
    while url:
        page = http.get(url, timeout=60).json()
        count += len(page["items"])
        url = page["next"]
    return count, time.perf_counter() - start


def floor_first_page(url: str, repeat: int) -> float:
    """Median ms of the bare SQL behind an unfiltered first page: 50 ids, their rows, their tags."""
    from tbtalert.db import make_engine

    engine = make_engine(url)
    times = []
    with engine.connect() as conn:
        for _ in range(repeat):
            start = time.perf_counter()
            rows = conn.exec_driver_sql(
                "SELECT * FROM notification ORDER BY id DESC LIMIT 50"
            ).fetchall()
            ids = ",".join(str(r[0]) for r in rows)
            conn.exec_driver_sql(f"SELECT * FROM tag WHERE notification_id IN ({ids})").fetchall()
            json.dumps([dict(r._mapping) for r in rows], default=str)
            times.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    return statistics.median(times)


def floor_pull(url: str) -> float:
    """Seconds to read every notification with one SELECT and write it as JSON."""
    from tbtalert.db import make_engine

    engine = make_engine(url)
    start = time.perf_counter()
    with engine.connect() as conn, open(os.devnull, "w") as out:
        for r in conn.exec_driver_sql("SELECT * FROM notification ORDER BY id DESC"):
            out.write(json.dumps(dict(r._mapping), default=str))
    engine.dispose()
    return time.perf_counter() - start


def plans(url: str, today: date) -> None:
    """The query plans of the filtered first pages, as the database prints them."""
    from sqlmodel import Session

    from tbtalert.db import make_engine
    from tbtalert.opendata import Filters, select_rows

    engine = make_engine(url)
    shapes = {
        "sector + open": Filters(sectors=("coffee",), open_on=today),
        "rare sector": Filters(sectors=(RARE,)),
        "updated since": Filters(updated_since=NOW - timedelta(hours=2)),
        "text": Filters(text="labelling"),
    }
    captured: list[Any] = []
    for name, where in shapes.items():
        with Session(engine) as session:

            def grab(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
                captured.append((statement, params))

            event.listen(engine, "before_cursor_execute", grab)
            select_rows(session, where, limit=51)
            event.remove(engine, "before_cursor_execute", grab)
        statement, params = captured.pop()
        explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
        with engine.connect() as conn:
            lines = conn.exec_driver_sql(explain + statement, params).fetchall()
        print(f"\n-- {engine.dialect.name}: {name}")
        for line in lines:
            print("   " + (str(line[-1]) if engine.dialect.name == "sqlite" else str(line[0])))
    engine.dispose()


def run(label: str, url: str, args: argparse.Namespace, port: int) -> None:
    today = date(2026, 11, 20)
    start = time.perf_counter()
    fill(url, args.records, today)
    print(
        f"\n{label}: {args.records:,} notifications filled in {time.perf_counter() - start:.0f} s"
    )
    child = start_server(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        http = requests.Session()
        floor = floor_first_page(url, args.repeat)
        shapes = queries(today)
        cpu = cpu_seconds(child.pid)
        pages = first_pages(http, base, shapes, args.repeat)
        cpu_each = (cpu_seconds(child.pid) - cpu) * 1000 / (args.repeat * len(shapes))
        print(f"{'first page (50)':<20} {'median ms':>9} {'p95 ms':>7} {'x floor':>8}")
        for name, times in pages.items():
            median = statistics.median(times)
            p95 = sorted(times)[int(len(times) * 0.95) - 1]
            print(f"{name:<20} {median:>9.1f} {p95:>7.1f} {median / floor:>8.1f}")
        print(f"{'floor (bare SQL)':<20} {floor:>9.1f}")
        print(f"server CPU per first page, all shapes: {cpu_each:.1f} ms")
        cpu = cpu_seconds(child.pid)
        count, seconds = full_pull(http, base)
        pull_cpu = cpu_seconds(child.pid) - cpu
        bare_cpu = time.process_time()
        bare = floor_pull(url)
        bare_cpu = time.process_time() - bare_cpu
        print(
            f"full pull: {count:,} items in {seconds:.1f} s = {count / seconds:,.0f} items/s "
            f"({count / pull_cpu:,.0f} per server CPU second); floor (one SELECT to JSON): "
            f"{count / bare:,.0f} items/s ({count / bare_cpu:,.0f} per CPU second); "
            f"x floor {seconds / bare:.1f}"
        )
    finally:
        child.terminate()
        child.wait()
    print(f"load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.plans:
        plans(url, today)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return
    work = Path(tempfile.mkdtemp(prefix="tbtalert-bench-api-"))
    run("SQLite", f"sqlite:///{work / 'api.db'}", args, free_port())
    if args.no_postgres:
        return
    made = fresh_postgres()
    if made is None:
        return
    name, url = made
    try:
        run("PostgreSQL", url, args, free_port())
    finally:
        drop_postgres(name)


if __name__ == "__main__":
    main()
