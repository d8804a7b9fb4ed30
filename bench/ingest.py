"""Benchmark: ingest of N ePing-shaped records served in pages of 100 by a local server.

    .venv/bin/python bench/ingest.py [--records 50000] [--page-size 100] [--no-postgres]

For SQLite and PostgreSQL it runs, each phase in a fresh child process (so
peak memory is that phase's own):

- ``first``: a first full ingest (``fetch_sources`` on an empty database);
- ``again``: a second run with nothing changed, as it really happens (ETag:
  page 1 answers 304);
- ``again-full``: a second run forced to re-read every page (cursor and ETag
  cleared), so every record goes through parse, lookup and hash, with no write;
- ``export``: ``export notifications --format jsonl`` of everything stored;
- ``floor``: the same pages fetched with one requests.Session and
  ``json.loads``, each item inserted as a bare dict with one executemany per
  page into a fresh database: what any ingest must at least do.

It prints records/s, peak RSS and its growth over the process's baseline,
and the ratio of each phase's time to the floor's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from memory import rss_mb
from scratch_postgres import drop_postgres, fresh_postgres

MEMBERS = ["USA", "EU", "CHN", "JPN", "KOR", "AUS", "BRA", "IND", "THA", "SAU", "CAN", "GBR"]
HS = [
    "0901",
    "090111",
    "4001",
    "440710",
    "940360",
    "080132",
    "0904",
    "1701",
    "0306",
    "7214",
    "6109",
    "8415",
]


def make_item(i: int, n: int) -> dict[str, Any]:
    """The i-th record, newest first; every 12th is an addendum to an older notification."""
    member = MEMBERS[i % len(MEMBERS)]
    area = "SPS" if i % 3 == 0 else "TBT"
    number = n - i
    symbol = f"G/{area}/N/{member}/{number}"
    if i % 12 == 5 and number > 24:
        symbol = f"G/{area}/N/{member}/{number - 24}/Add.1"
    distributed = date(2026, 11, 20) - timedelta(days=i // 12)
    return {
        "id": 900000 + i,
        "documentSymbol": symbol,
        "area": area,
        "notificationType": "Addendum" if "/Add." in symbol else "Regular",
        "notifyingMember": {"id": f"C{i % 900}", "name": member},
        "distributionDate": distributed.isoformat() + "T00:00:00",
        "commentDeadlineDate": (distributed + timedelta(days=60)).isoformat() + "T00:00:00",
        "proposedEntryIntoForceDate": "To be determined",
        "title": f"<p>Draft technical regulation no. {number} on products &amp; labelling</p>",
        "description": "Requirements for labelling, composition and conformity assessment. " * 4,
        "productsFreeText": "Coffee; natural rubber; wooden furniture",
        "hsCodes": [{"id": j, "code": HS[(i + j) % len(HS)], "name": "x"} for j in range(3)],
        "icsCodeText": "67.140.20",
        "objectives": ["Consumer information, labelling", "Protection of human health or safety"],
        "keywords": [{"name": "Labelling"}],
        "linkToNotification": f"https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/{symbol}.pdf",
        "notifiedDocumentLink": f"https://members.wto.org/crnattachments/2026/{area}/{member}/{number}.pdf",
    }


# ---------------------------------------------------------------- the server (own process)


def serve(n: int, port_file: Path) -> None:
    items = [make_item(i, n) for i in range(n)]
    pages: dict[tuple[int, int], tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            page, size = int(query["page"][0]), int(query["pageSize"][0])
            if (page, size) not in pages:
                chunk = items[(page - 1) * size : page * size]
                body = json.dumps(
                    {"items": chunk, "totalCount": n, "isCountExceeded": False}
                ).encode()
                pages[(page, size)] = (body, '"' + hashlib.sha1(body).hexdigest() + '"')
            body, etag = pages[(page, size)]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file.write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


# ---------------------------------------------------------------- phases (child processes)


def peak_mb() -> float:
    return rss_mb("VmHWM")


def settings_for(db: str, url: str, page_size: int) -> Any:
    from tbtalert.config import load_settings

    source = {"name": "eping", "kind": "eping", "url": url, "options": {"page_size": page_size}}
    return load_settings(
        None, database_url=db, sources=[source], http_host_delay=0.0, subscribers_dir=None
    )


def phase_ingest(db: str, url: str, page_size: int, reset: bool) -> dict[str, Any]:
    from sqlmodel import select

    from tbtalert.db import open_database, session_scope
    from tbtalert.ingest import fetch_sources
    from tbtalert.models import Source

    settings = settings_for(db, url, page_size)
    engine = open_database(settings)
    if reset:
        with session_scope(engine) as session:
            for source in session.exec(select(Source)):
                source.cursor = source.etag = source.last_modified = None
    base = rss_mb()
    start = time.perf_counter()
    [summary] = fetch_sources(engine, settings)
    seconds = time.perf_counter() - start
    if summary.status == "failed":
        raise SystemExit(summary.error)
    return {
        "seconds": seconds,
        "records": summary.fetched,
        "new": summary.new,
        "updated": summary.updated,
        "base_mb": base,
        "peak_mb": peak_mb(),
    }


def phase_export(db: str) -> dict[str, Any]:
    from tbtalert.db import make_engine
    from tbtalert.export import export_notifications

    engine = make_engine(db)
    base = rss_mb()
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        count = export_notifications(engine, out, "jsonl")
    return {
        "seconds": time.perf_counter() - start,
        "records": count,
        "base_mb": base,
        "peak_mb": peak_mb(),
    }


def phase_floor(db: str, url: str, n: int, page_size: int) -> dict[str, Any]:
    import requests
    from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text, create_engine

    meta = MetaData()
    table = Table(
        "floor",
        meta,
        Column("id", Integer, primary_key=True),
        Column("symbol", String(500), unique=True),
        Column("area", String(10)),
        Column("member", String(60)),
        Column("title", Text),
        Column("description", Text),
        Column("distribution", String(40)),
        Column("raw", JSON),
    )
    engine = create_engine(db)
    meta.create_all(engine)
    base = rss_mb()
    start = time.perf_counter()
    session = requests.Session()
    records = 0
    for page in range(1, n // page_size + 2):
        items = json.loads(session.get(url, params={"page": page, "pageSize": page_size}).content)[
            "items"
        ]
        if not items:
            break
        rows = [
            {
                "symbol": it["documentSymbol"],
                "area": it["area"],
                "member": it["notifyingMember"]["name"],
                "title": it["title"],
                "description": it["description"],
                "distribution": it["distributionDate"],
                "raw": it,
            }
            for it in items
        ]
        with engine.begin() as conn:
            conn.execute(table.insert(), rows)
        records += len(rows)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "records": records, "base_mb": base, "peak_mb": peak_mb()}


def child(args: argparse.Namespace) -> None:
    if args.child == "floor":
        result = phase_floor(args.db, args.url, args.records, args.page_size)
    elif args.child == "export":
        result = phase_export(args.db)
    else:
        result = phase_ingest(args.db, args.url, args.page_size, reset=args.child == "again-full")
    print(json.dumps(result))


# ---------------------------------------------------------------- the driver


def run_phase(phase: str, db: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        phase,
        "--db",
        db,
        "--url",
        url,
        "--records",
        str(args.records),
        "--page-size",
        str(args.page_size),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{phase} on {db} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def report(backend: str, results: dict[str, dict[str, Any]]) -> None:
    floor = results["floor"]["seconds"]
    print(f"\n{backend}")
    print(
        f"  {'phase':<11} {'records':>8} {'seconds':>8} {'records/s':>10} {'peak MB':>8} "
        f"{'growth MB':>9} {'x floor':>8}"
    )
    for phase, r in results.items():
        rate = r["records"] / r["seconds"] if r["seconds"] else 0.0
        print(
            f"  {phase:<11} {r['records']:>8} {r['seconds']:>8.2f} {rate:>10.0f} "
            f"{r['peak_mb']:>8.0f} {r['peak_mb'] - r['base_mb']:>9.0f} {r['seconds'] / floor:>8.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    import tempfile
    from multiprocessing import Process

    work = Path(tempfile.mkdtemp(prefix="tbtalert-bench-"))
    port_file = work / "port"
    server = Process(target=serve, args=(args.records, port_file), daemon=True)
    server.start()
    while not port_file.exists() or not port_file.read_text():
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port_file.read_text()}/api/v1/azureSearch/getAll"
    print(f"{args.records} ePing-shaped records, pages of {args.page_size}, server {url}")
    backends = [("SQLite", f"sqlite:///{work / 'bench.db'}", f"sqlite:///{work / 'floor.db'}")]
    to_drop: list[str] = []
    if not args.no_postgres:
        made, made_floor = fresh_postgres(), fresh_postgres()
        to_drop = [m[0] for m in (made, made_floor) if m]
        if made and made_floor:
            backends.append(("PostgreSQL", made[1], made_floor[1]))
    try:
        for label, db, floor_db in backends:
            results = {"floor": run_phase("floor", floor_db, url, args)}
            for phase in ("first", "again", "again-full", "export"):
                results[phase] = run_phase(phase, db, url, args)
            report(label, results)
    finally:
        server.terminate()
        for name in to_drop:
            drop_postgres(name)


if __name__ == "__main__":
    main()
