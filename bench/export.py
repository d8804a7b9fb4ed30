"""Benchmark: ``export notifications`` memory and speed at 1,000 / 10,000 / 100,000 records.

    .venv/bin/python bench/export.py [--sizes 1000,10000,100000] [--format jsonl]

Each size gets a fresh SQLite database filled with a bulk insert (every
notification with two sector tags, every tenth an addendum linked to a base),
then each format is exported to /dev/null in a fresh child process. Peak RSS
growth that stays flat while the records grow a hundredfold shows the export
streams. The floor is a bare ``SELECT *`` of the notification table written
with ``json.dumps`` per row, in the same kind of child process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from memory import rss_mb


def fill(db: str, n: int) -> None:
    from sqlalchemy import insert

    from tbtalert.config import load_settings
    from tbtalert.db import open_database
    from tbtalert.models import Notification, Tag

    engine = open_database(load_settings(None, database_url=db, subscribers_dir=None))
    now = datetime.now(UTC)
    table: Any = Notification.__table__  # type: ignore[attr-defined]
    with engine.begin() as conn:
        for start in range(0, n, 5000):
            rows = []
            for i in range(start, min(n, start + 5000)):
                base = symbol = f"G/TBT/N/USA/{i}"
                if i % 10 == 5:  # an addendum to the notification five rows earlier
                    base = f"G/TBT/N/USA/{i - 5}"
                    symbol = f"{base}/Add.1"
                rows.append(
                    {
                        "symbol": symbol,
                        "base_symbol": base,
                        "area": "TBT",
                        "member": "USA",
                        "doc_type": "addendum" if symbol != base else "regular",
                        "title": f"Draft regulation {i} on coffee labelling",
                        "description": "x" * 400,
                        "products": "Coffee",
                        "hs_codes": ["0901"],
                        "ics_codes": [],
                        "keywords": [],
                        "document_urls": [],
                        "raw": {"id": i, "text": "y" * 600},
                        "distribution_date": date(2026, 11, 20) - timedelta(days=i // 20),
                        "first_seen_at": now,
                        "updated_at": now,
                        "content_hash": "h",
                    }
                )
            conn.execute(insert(table), rows)
        conn.exec_driver_sql(
            "UPDATE notification SET base_id = (SELECT b.id FROM notification b "
            "WHERE b.symbol = notification.base_symbol) WHERE symbol != base_symbol"
        )
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM notification")]
        tags = Tag.__table__  # type: ignore[attr-defined]
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            conn.execute(
                insert(tags),
                [
                    {
                        "notification_id": i,
                        "sector_id": s,
                        "origin": "auto",
                        "status": "active",
                        "reason": "HS 0901",
                        "created_at": now,
                    }
                    for i in chunk
                    for s in ("coffee", "processed_food")
                ],
            )


def child(db: str, fmt: str) -> None:
    from tbtalert.db import make_engine
    from tbtalert.export import export_notifications

    engine = make_engine(db)
    base = rss_mb()
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        if fmt == "floor":
            with engine.connect() as conn:
                rows = conn.exec_driver_sql("SELECT * FROM notification")
                count = sum(
                    out.write(json.dumps(dict(r._mapping), default=str) + "\n") > 0 for r in rows
                )
        else:
            count = export_notifications(engine, out, fmt)
    seconds = time.perf_counter() - start
    peak = rss_mb("VmHWM")
    print(json.dumps({"count": count, "seconds": seconds, "growth": peak - base, "peak": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--formats", default="floor,jsonl,csv,atom")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path(tempfile.mkdtemp(prefix="tbtalert-bench-export-"))
    print(
        f"{'records':>8} {'format':<6} {'seconds':>8} {'records/s':>10} {'peak MB':>8} {'growth MB':>9} {'x floor':>8}"
    )
    for size in [int(s) for s in args.sizes.split(",")]:
        db = f"sqlite:///{work / f'export-{size}.db'}"
        fill(db, size)
        floor = None
        for fmt in args.formats.split(","):
            done = subprocess.run(
                [sys.executable, __file__, "--child", db, fmt],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(done.stdout)
            floor = floor or r["seconds"]
            print(
                f"{r['count']:>8} {fmt:<6} {r['seconds']:>8.2f} {r['count'] / r['seconds']:>10.0f} "
                f"{r['peak']:>8.0f} {r['growth']:>9.1f} {r['seconds'] / floor:>8.2f}"
            )


if __name__ == "__main__":
    main()
