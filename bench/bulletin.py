"""Benchmark: build one week's bulletin (HTML + PDF) from 500 notifications and 12 weeks of history.

    .venv/bin/python bench/bulletin.py [--per-week 500] [--weeks 12] [--runs 3]

A fresh SQLite database gets the sector taxonomy and, for the bulletin's
week and each of the 12 weeks before it, ``--per-week`` notifications (TBT,
SPS and national updates from many members; one in seven a follow-up;
about half tagged with one or two sectors, with reasons; comment deadlines
60 days after distribution, some entries into force). Each run builds the
Vietnamese bulletin in a fresh child process (so its peak RSS is its own)
and reports the time to read the database, render the HTML and print the
PDF, the page count and the peak RSS.

The floor, in the same kind of child process and timed the same way
(reading the database and importing WeasyPrint included): WeasyPrint
printing the same items' member, symbol, title and products as bare
paragraphs with no stylesheet, the least any PDF of that text costs. The
ratio says what the bulletin's layout (sections, charts, tables, table of
contents) adds. Wall and CPU time are both printed, with the load average:
on a shared machine the wall time grows with the load.
Targets (issue 13): under 10 s and under 400 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from memory import rss_mb

WEEK = "2026-W47"
MEMBERS = ["USA", "EU", "CHN", "JPN", "KOR", "BRA", "IND", "THA", "GBR", "CAN", "AUS", "TPKM"]
MEMBERS += ["SAU", "KEN", "UGA", "MEX", "PHL", "IDN", "TUR", "CHE", "VNM", "EGY", "ARE", "ISR"]
WORDS = [
    "draft",
    "regulation",
    "technical",
    "requirements",
    "labelling",
    "maximum",
    "residue",
    "limits",
    "pesticides",
    "food",
    "contact",
    "materials",
    "packaging",
    "safety",
    "conformity",
    "assessment",
    "certification",
    "organic",
    "imported",
    "products",
    "quality",
    "standards",
    "hygiene",
    "additives",
    "contaminants",
    "testing",
    "methods",
]
PRODUCTS = [
    "Coffee, not roasted (HS 090111)",
    "Natural rubber (HS 4001)",
    "Cassava starch (HS 110814)",
    "Wooden furniture (HS 9403)",
    "Fresh durian and passion fruit",
    "Frozen shrimp and fish fillets",
    "Black pepper, whole or ground",
    "Cosmetic products",
    "Steel bars and rods",
    "Electrical household appliances",
]


def _rows(
    week_monday: datetime, offset: int, per_week: int, rng: random.Random
) -> list[dict[str, Any]]:
    rows = []
    for i in range(per_week):
        member = rng.choice(MEMBERS)
        area = rng.choices(["TBT", "SPS", "NAT"], [60, 35, 5])[0]
        seen = week_monday + timedelta(days=offset * 7, minutes=rng.randrange(7 * 24 * 60))
        distributed = (seen - timedelta(days=rng.randrange(3))).date()
        number = 10_000 + offset * 1000 + i
        symbol = f"G/{area}/N/{member}/{number}" if area != "NAT" else f"VNM:tcvn-{number}"
        follow_up = area != "NAT" and i % 7 == 3
        if follow_up:
            symbol += "/Add.1"
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 30)))
        rows.append(
            {
                "symbol": symbol,
                "base_symbol": symbol.removesuffix("/Add.1"),
                "area": area,
                "doc_type": "addendum"
                if follow_up
                else ("national" if area == "NAT" else "regular"),
                "member": member if area != "NAT" else "VNM",
                "title": f"{words.capitalize()} ({symbol})",
                "description": words * 3,
                "products": rng.choice(PRODUCTS),
                "hs_codes": [],
                "ics_codes": [],
                "keywords": [],
                "document_urls": [],
                "raw": {},
                "distribution_date": distributed,
                "comment_deadline": distributed + timedelta(days=60) if area != "NAT" else None,
                "entry_into_force": distributed + timedelta(days=rng.choice([120, 150, 180]))
                if i % 5 == 0
                else None,
                "notification_url": f"https://eping.wto.org/en/Search?viewData={symbol}",
                "first_seen_at": seen,
                "updated_at": seen,
                "content_hash": "h",
            }
        )
    return rows


def fill(db: str, per_week: int, weeks: int) -> int:
    """Fill a database with ``weeks`` weeks of history and the bulletin's week; return the count."""
    from sqlalchemy import insert

    from tbtalert.bulletin.weeks import Week
    from tbtalert.cli.app import open_database
    from tbtalert.config import load_settings
    from tbtalert.models import Notification, Tag

    engine = open_database(load_settings(None, database_url=db, subscribers_dir=None))
    rng = random.Random(13)
    week = Week.parse(WEEK)
    monday = week.start(UTC) - timedelta(hours=7)  # Monday 00:00 in Ha Noi
    with engine.begin() as conn:
        sectors = [r[0] for r in conn.exec_driver_sql("SELECT id FROM sector")]
        for offset in range(-weeks, 1):
            conn.execute(insert(Notification.__table__), _rows(monday, offset, per_week, rng))  # type: ignore[attr-defined]
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM notification")]
        tags = []
        for nid in ids:
            if rng.random() < 0.5:
                for sector in rng.sample(sectors, rng.choice([1, 1, 2])):
                    tags.append(
                        {
                            "notification_id": nid,
                            "sector_id": sector,
                            "reason": f"HS code under {sector}",
                        }
                    )
        conn.execute(insert(Tag.__table__), tags)  # type: ignore[attr-defined]
    engine.dispose()
    return len(ids)


def child_bulletin(db: str) -> dict[str, Any]:
    """In a child: build the bulletin, timing each step."""
    from sqlmodel import Session

    from tbtalert.bulletin.content import gather
    from tbtalert.bulletin.render import render_csv, render_html, render_pdf
    from tbtalert.bulletin.weeks import Week
    from tbtalert.cli.app import open_database
    from tbtalert.config import load_settings
    from tbtalert.scheduler import zone_of
    from tbtalert.templating import make_environment

    settings = load_settings(None, database_url=db, subscribers_dir=None)
    engine = open_database(settings)
    started, cpu_started = time.perf_counter(), time.process_time()
    with Session(engine) as session:
        content = gather(session, Week.parse(WEEK), language="vi", zone=zone_of(settings), number=1)
    read = time.perf_counter()
    html = render_html(make_environment(settings), content)
    render_csv(content)
    rendered = time.perf_counter()
    pdf, pages = render_pdf(html)
    done = time.perf_counter()
    if os.environ.get("BENCH_KEEP_HTML"):
        Path(os.environ["BENCH_KEEP_HTML"]).write_text(html, encoding="utf-8")
    return {
        "items": len(content.items),
        "deadlines": len(content.deadlines),
        "read": read - started,
        "html": rendered - read,
        "pdf": done - rendered,
        "cpu": time.process_time() - cpu_started,
        "total": done - started,
        "pages": pages,
        "html_kb": len(html.encode()) / 1024,
        "pdf_kb": len(pdf) / 1024,
        "rss": rss_mb("VmHWM"),
    }


def child_floor(db: str) -> dict[str, Any]:
    """In a child: the same items as bare paragraphs, printed by WeasyPrint with no styles.

    Timed like the bulletin: reading the database and importing WeasyPrint included.
    """
    from html import escape

    from sqlmodel import Session

    from tbtalert.bulletin.content import gather
    from tbtalert.bulletin.weeks import Week
    from tbtalert.cli.app import open_database
    from tbtalert.config import load_settings
    from tbtalert.scheduler import zone_of

    settings = load_settings(None, database_url=db, subscribers_dir=None)
    engine = open_database(settings)
    started, cpu_started = time.perf_counter(), time.process_time()
    with Session(engine) as session:
        content = gather(session, Week.parse(WEEK), language="vi", zone=zone_of(settings), number=1)
    import weasyprint

    html = "".join(
        f"<p>{escape(i.member_display)} {escape(i.symbol)} {escape(i.title)} {escape(i.products)}</p>"
        for i in content.items
    )
    document = weasyprint.HTML(string=f"<html><body>{html}</body></html>").render()
    pdf = document.write_pdf()
    return {
        "pages": len(document.pages),
        "total": time.perf_counter() - started,
        "cpu": time.process_time() - cpu_started,
        "pdf_kb": len(pdf) / 1024,
        "rss": rss_mb("VmHWM"),
    }


def run_child(kind: str, db: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--db", db],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-week", type=int, default=500)
    parser.add_argument(
        "--weeks", type=int, default=12, help="weeks of history before the bulletin's"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["bulletin", "floor"])
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        func = child_bulletin if args.child == "bulletin" else child_floor
        print(json.dumps(func(args.db)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        count = fill(db, args.per_week, args.weeks)
        print(
            f"database: {count} notifications ({args.per_week} a week, {args.weeks} weeks of history)"
        )
        runs = [run_child("bulletin", db) for _ in range(args.runs)]
        floors = [run_child("floor", db) for _ in range(args.runs)]
    first = runs[0]
    print(
        f"week {WEEK}: {first['items']} items, {first['deadlines']} deadlines in 30 days, "
        f"{first['pages']} PDF pages, HTML {first['html_kb']:.0f} KB, PDF {first['pdf_kb']:.0f} KB"
    )
    for key in ("read", "html", "pdf", "total", "cpu"):
        values = [r[key] for r in runs]
        label = "CPU" if key == "cpu" else f"{key} (wall)"
        print(
            f"  {label:<13} median {statistics.median(values):6.2f} s"
            f"  (runs: {', '.join(f'{v:.2f}' for v in values)})"
        )
    total = statistics.median(r["total"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    floor = statistics.median(f["total"] for f in floors)
    floor_cpu = statistics.median(f["cpu"] for f in floors)
    peak = max(r["rss"] for r in runs)
    print(f"  peak RSS {peak:.0f} MB (floor {max(f['rss'] for f in floors):.0f} MB)")
    print(
        f"floor (the same items as bare paragraphs, WeasyPrint, no styles, {floors[0]['pages']} pages): "
        f"wall {floor:.2f} s, "
        f"CPU {floor_cpu:.2f} s; bulletin/floor = {total / floor:.1f}x wall, {cpu / floor_cpu:.1f}x CPU"
    )
    load = os.getloadavg()[0]
    print(
        f"load average {load:.1f} on {os.cpu_count()} CPU(s) (wall times grow with it; CPU does less)"
    )
    verdict = "OK" if total < 10 and peak < 400 else "OVER"
    print(
        f"target HTML+PDF < 10 s wall and peak RSS < 400 MB: {verdict} (wall {total:.1f} s, CPU {cpu:.1f} s)"
    )


if __name__ == "__main__":
    main()
