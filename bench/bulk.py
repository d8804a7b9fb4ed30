"""Benchmark: the WTO's daily bulk file (``Notification_EN.xlsx``) through the eping-bulk kind.

    .venv/bin/python bench/bulk.py [--rows 105000] [--changed 200] [--postgres]

It writes a workbook with the real headers (tests/data/realdata/) and
``--rows`` invented rows (about 53 MB for 105,000, like the real 45 MB
file), and a copy with ``--changed`` rows edited, serves both from a local
HTTP server in its own process (with an ETag, and once without), and runs
each phase in a fresh child process so that its peak memory is its own:

- ``openpyxl``, ``calamine``, ``sliced``: only reading every row, with
  openpyxl's read-only mode, python-calamine on the whole sheet, and
  python-calamine one slice at a time as tbtalert does (the floor of an
  import: what any import must at least do);
- ``first``: the first import into an empty database (``fetch_sources``);
- ``again``: the same file again: the server answers 304 to the ETag;
- ``same``: the same content with no validators: downloaded and hashed;
- ``changed``: the file with ``--changed`` rows edited.

It prints wall and CPU seconds, peak RSS, and the ratios the limits are
stated in (first import under 60 s and 300 MB; the same file under 2 s; the
changed file under half the first import).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from memory import rss_mb
from scratch_postgres import drop_postgres, fresh_postgres
from workbook import write_workbook

LIMITS = {"first_seconds": 60.0, "peak_mb": 300.0, "again_seconds": 2.0, "changed_ratio": 0.5}


# ---------------------------------------------------------------- the server (own process)


def serve(folder: Path, port_file: Path) -> None:
    """Serve ``folder``'s files; ``/noetag/<name>`` serves them without validators."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            validators = not self.path.startswith("/noetag/")
            path = folder / self.path.rsplit("/", 1)[1]
            etag = f'"{path.stat().st_mtime_ns}-{path.stat().st_size}"'
            if validators and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            if validators:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(path.stat().st_size))
            self.end_headers()
            with path.open("rb") as fh:
                shutil.copyfileobj(fh, self.wfile, 1 << 20)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file.write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


# ---------------------------------------------------------------- phases (child processes)


def measured(work: Any) -> dict[str, Any]:
    """Run ``work()`` and add its wall and CPU seconds, baseline and peak RSS to its result."""
    base = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = dict(work())
    result.update(
        seconds=time.perf_counter() - wall,
        cpu=time.process_time() - cpu,
        base_mb=base,
        peak_mb=rss_mb("VmHWM"),
    )
    return result


def read_openpyxl(path: Path) -> dict[str, Any]:
    import warnings

    from openpyxl import load_workbook

    warnings.simplefilter("ignore")  # a workbook without a default style
    book = load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return {"rows": rows}


def read_calamine(path: Path) -> dict[str, Any]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = sum(1 for _ in book.get_sheet_by_index(0).iter_rows())
    book.close()
    return {"rows": rows}


def read_sliced(path: Path) -> dict[str, Any]:
    from tbtalert.sources.xlsx import read_rows

    return {"rows": sum(1 for _ in read_rows(path, str(path)))}


def fetcher(db: str, url: str) -> Callable[[], dict[str, Any]]:
    """One run of the source, ready to go: imports made and the database opened beforehand."""
    from tbtalert.cli.app import open_database
    from tbtalert.config import load_settings
    from tbtalert.ingest import fetch_sources

    source = {"name": "eping-daily", "kind": "eping-bulk", "url": url}
    settings = load_settings(
        None, database_url=db, sources=[source], http_host_delay=0.0, subscribers_dir=None
    )
    engine = open_database(settings)

    def fetch() -> dict[str, Any]:
        [summary] = fetch_sources(engine, settings)
        if summary.status == "failed":
            raise SystemExit(summary.error)
        return {
            "status": summary.status,
            "rows": summary.fetched,
            "new": summary.new,
            "updated": summary.updated,
        }

    return fetch


def child(args: argparse.Namespace) -> None:
    phase, target = args.child, args.target
    readers = {"openpyxl": read_openpyxl, "calamine": read_calamine, "sliced": read_sliced}
    if phase in readers:
        import python_calamine  # noqa: F401  (imports are not what is measured)

        import tbtalert.sources.xlsx  # noqa: F401

        result = measured(lambda: readers[phase](Path(target)))
    else:
        result = measured(fetcher(args.db, target))
    print(json.dumps(result))


# ---------------------------------------------------------------- the driver


def run_phase(phase: str, target: str, db: str = "") -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", phase, "--target", target, "--db", db]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def report(label: str, results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{label}")
    print(
        f"  {'phase':<9} {'status':<13} {'rows':>7} {'new':>7} {'updated':>7} "
        f"{'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'growth MB':>9}"
    )
    for phase, r in results.items():
        print(
            f"  {phase:<9} {r.get('status', 'read'):<13} {r['rows']:>7} {r.get('new', ''):>7} "
            f"{r.get('updated', ''):>7} {r['seconds']:>7.2f} {r['cpu']:>7.2f} "
            f"{r['peak_mb']:>8.0f} {r['peak_mb'] - r['base_mb']:>9.0f}"
        )


def verdicts(results: dict[str, dict[str, Any]]) -> None:
    first, again, same, changed = (results[p] for p in ("first", "again", "same", "changed"))
    floor = results["sliced"]
    checks = [
        ("first import under 60 s", first["seconds"], LIMITS["first_seconds"], "s"),
        ("first import peak under 300 MB", first["peak_mb"], LIMITS["peak_mb"], "MB"),
        ("same file (304) under 2 s", again["seconds"], LIMITS["again_seconds"], "s"),
        ("same content (hash) under 2 s", same["seconds"], LIMITS["again_seconds"], "s"),
        (
            "changed file under half the first (wall)",
            changed["seconds"] / first["seconds"],
            LIMITS["changed_ratio"],
            "x",
        ),
        (
            "changed file under half the first (CPU)",
            changed["cpu"] / first["cpu"],
            LIMITS["changed_ratio"],
            "x",
        ),
    ]
    for name, value, limit, unit in checks:
        print(f"  {'ok  ' if value < limit else 'OVER'} {name}: {value:.2f} {unit}")
    print(
        f"  first import / reading floor: {first['cpu'] / floor['cpu']:.2f}x CPU; "
        f"changed / floor: {changed['cpu'] / floor['cpu']:.2f}x CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=105_000)
    parser.add_argument("--changed", type=int, default=200)
    parser.add_argument("--postgres", action="store_true", help="also import into PostgreSQL")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    from multiprocessing import Process

    work = Path(tempfile.mkdtemp(prefix="tbtalert-bench-bulk-"))
    step = max(1, args.rows // max(1, args.changed))
    edited = frozenset(range(0, args.rows, step)[: args.changed])
    size_a = write_workbook(work / "a.xlsx", args.rows)
    size_b = write_workbook(work / "b.xlsx", args.rows, changed=edited)
    print(
        f"{args.rows} rows with the real headers: {size_a / 1e6:.1f} MB; "
        f"{len(edited)} rows changed: {size_b / 1e6:.1f} MB"
    )
    port_file = work / "port"
    server = Process(target=serve, args=(work, port_file), daemon=True)
    server.start()
    while not port_file.exists() or not port_file.read_text():
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port_file.read_text()}"
    readers = {p: run_phase(p, str(work / "a.xlsx")) for p in ("openpyxl", "calamine", "sliced")}
    report("reading every row (no database)", readers)
    print(
        f"  openpyxl / calamine: {readers['openpyxl']['cpu'] / readers['calamine']['cpu']:.1f}x CPU, "
        f"{readers['openpyxl']['peak_mb']:.0f} vs {readers['calamine']['peak_mb']:.0f} MB peak; "
        f"calamine in slices: {readers['sliced']['peak_mb']:.0f} MB peak"
    )
    backends = [("SQLite", f"sqlite:///{work / 'bench.db'}", None)]
    if args.postgres and (made := fresh_postgres()):
        backends.append(("PostgreSQL", made[1], made[0]))
    try:
        for label, db, _ in backends:
            results = dict(readers)
            results["first"] = run_phase("first", f"{base}/a.xlsx", db)
            results["again"] = run_phase("again", f"{base}/a.xlsx", db)
            results["same"] = run_phase("same", f"{base}/noetag/a.xlsx", db)
            results["changed"] = run_phase("changed", f"{base}/b.xlsx", db)
            report(f"importing with the eping-bulk kind, {label}", results)
            verdicts(results)
    finally:
        server.terminate()
        for _, _, name in backends:
            if name:
                drop_postgres(name)
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nmachine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
