"""Sending benchmark: tbtalert's digests against bare aiosmtplib, per-item mail against rss2email.

Part 1. 10,000 subscribers, each due a daily digest of 5-20 items, sent by
``tbtalert.mail.runs.send`` (queueing, claiming, rendering with Jinja2 and
css-inline, sending, recording) into a local aiosmtpd sink running in its own
process. The floor: the same number of prebuilt messages (the very digests,
rendered beforehand) sent with bare aiosmtplib over the same number of
connections. tbtalert's send runs in a child process of its own, so that its
peak resident memory (VmHWM) is its own; the render process it forks is
watched from here. Target: tbtalert >= 65% of the floor's rate, peak memory
of the sender < 200 MB. Run on SQLite (the default database) and, unless
--no-postgres, on a scratch PostgreSQL database on the local server, which
then shares the machine's cores with the rest.

Part 2. One RSS feed of 2,000 entries, served over local HTTP, delivered as
one mail per entry to one subscriber: by ``tbtalert cycle`` (fetch with the
``feed`` source kind, match, send immediate) and by ``r2e run`` of rss2email,
each a command started from here (process start and imports included), to
the same sink. Target: tbtalert >= 2x as fast.

Each figure is the median of --runs runs (default 3, each on a fresh
database), printed with its range.

Run: .venv/bin/python bench/send.py [--subscribers N] [--entries N] [--runs N] [--no-postgres]
     [--part all|digests|feed]
"""

from __future__ import annotations

import argparse
import asyncio
import configparser
import gc
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import aiosmtplib
from memory import rss_mb
from scratch_postgres import drop_postgres, fresh_postgres
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.config import Settings, load_settings
from tbtalert.db import open_database
from tbtalert.mail.compose import Composer, MailData
from tbtalert.mail.queue import Job, eligible_pairs
from tbtalert.mail.runs import send
from tbtalert.models import Notification, Sector, Subscriber, SubscriberSector, Tag

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
MARKETS = ["EU", "USA", "CHN", "JPN"]
CONCURRENCY = 4


# --- the sink: aiosmtpd in a process of its own, counting what it accepts ----------------


def _sink(port: int, count: Any, ready: Any, stop: Any) -> None:
    from aiosmtpd.controller import Controller

    class Counter:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            with count.get_lock():
                count.value += 1
            return "250 2.0.0 accepted"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class Sink:
    def __init__(self) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.count = multiprocessing.Value("i", 0)
        ready, self.stop = multiprocessing.Event(), multiprocessing.Event()
        self.proc = multiprocessing.Process(
            target=_sink, args=(self.port, self.count, ready, self.stop), daemon=True
        )
        self.proc.start()
        ready.wait(30)

    def received(self) -> int:
        return int(self.count.value)

    def close(self) -> None:
        self.stop.set()
        self.proc.join(10)


# --- part 1: digests --------------------------------------------------------------------


def populate_digests(engine: Engine, subscribers: int) -> None:
    """24 sectors x 20 notifications (5 per market); subscriber i follows one sector, 1-4 markets."""
    with Session(engine) as session:
        sectors = list(session.exec(select(Sector.id)).all())
        notes, tags, subs, links = [], [], [], []
        nid = 0
        for sector in sectors:
            for k in range(20):
                nid += 1
                member = MARKETS[k // 5]
                symbol = f"G/TBT/N/{member}/{10000 + nid}"
                notes.append(
                    {
                        "id": nid,
                        "symbol": symbol,
                        "base_symbol": symbol,
                        "area": "TBT",
                        "member": member,
                        "title": f"Requirements for {sector} products, draft regulation {nid}",
                        "products": f"{sector} products (HS chapter {k})",
                        "description": "",
                        "notification_url": f"https://eping.wto.org/en/Search?viewData={symbol}",
                        "document_urls": [
                            f"https://members.wto.org/crnattachments/2026/TBT/{nid}.pdf"
                        ],
                        "comment_deadline": (T0 + timedelta(days=10 + k)).date(),
                        "distribution_date": (T0 - timedelta(days=2)).date(),
                        "first_seen_at": T0,
                        "matched_at": T0,
                    }
                )
                tags.append(
                    {"notification_id": nid, "sector_id": sector, "reason": f"HS {k:02d} rule"}
                )
        for i in range(subscribers):
            sid = i + 1
            markets = MARKETS[: 1 + (i * 7) % 4]
            subs.append(
                {
                    "id": sid,
                    "email": f"exporter{i:05d}@firm{i % 97}.example.com",
                    "name": f"Exporter {i}",
                    "language": "vi" if i % 3 else "en",
                    "frequency": "daily",
                    "markets": markets,
                    "subscribed_at": T0 - timedelta(days=30),
                }
            )
            links.append({"subscriber_id": sid, "sector_id": sectors[i % len(sectors)]})
        for model, rows in (
            (Notification, notes),
            (Tag, tags),
            (Subscriber, subs),
            (SubscriberSector, links),
        ):
            session.execute(insert(model), rows)
        session.commit()


def prebuilt_messages(
    engine: Engine, settings: Settings
) -> tuple[list[tuple[str, bytes]], int, float]:
    """The digests tbtalert will send, rendered beforehand (items, and the render rate)."""
    with Session(engine) as session:
        jobs: dict[int, Job] = {}
        pairs = eligible_pairs(session, "daily")
        for sid, nid in pairs:
            jobs.setdefault(sid, Job(sid, "alert", "daily")).notification_ids.append(nid)
        composer = Composer(
            settings, MailData(session, list(jobs.values())), T0 + timedelta(hours=1)
        )
    started = time.perf_counter()
    messages = []
    for job in jobs.values():
        rcpt, _, data = composer.compose(job)
        messages.append((rcpt, data))
    return messages, len(pairs), len(messages) / (time.perf_counter() - started)


async def bare_send(port: int, messages: list[tuple[str, bytes]]) -> None:
    """The floor: prebuilt bytes through CONCURRENCY reused aiosmtplib connections."""
    queue: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()
    for item in messages:
        queue.put_nowait(item)

    async def worker() -> None:
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False)
        await smtp.connect()
        while not queue.empty():
            rcpt, data = queue.get_nowait()
            await smtp.sendmail("tbt@bench.example.com", [rcpt], data)
        await smtp.quit()

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def spread(values: list[float], fmt: str) -> str:
    """The median and the range of the runs' figures, e.g. ``68% (64%-71%)``."""
    median = statistics.median(values)
    return f"{median:{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def digest_settings(url: str, port: int) -> Settings:
    return load_settings(
        None,
        database_url=url,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        smtp_concurrency=CONCURRENCY,
        mail_from="TBT Alert <tbt@bench.example.com>",
        base_url="https://tbt.example.gov.vn",
        sources=[],
        subscribers_dir=None,
    )


def child_send(url: str, port: str) -> None:
    """In the child process: tbtalert's send of the queued digests; one JSON line of figures."""
    settings = digest_settings(url, int(port))
    engine = open_database(settings)
    report, seconds = timed(lambda: send(engine, settings, "daily", now=T0 + timedelta(hours=1)))
    engine.dispose()
    print(json.dumps({"messages": report.messages, "seconds": seconds, "peak": rss_mb("VmHWM")}))


def peak_of_children(pid: int) -> float:
    """The largest VmHWM among the children of process ``pid`` (the render process), in MB."""
    peak = 0.0
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text()
            if int(stat[stat.rindex(")") + 2 :].split()[1]) != pid:
                continue
            status = (proc / "status").read_text()
        except (OSError, ValueError):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def tbtalert_send(url: str, port: int) -> dict[str, float]:
    """tbtalert's send in a child process; its figures and its render process's peak memory."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--child-send", url, str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    render_peak = 0.0
    while child.poll() is None:
        render_peak = max(render_peak, peak_of_children(child.pid))
        time.sleep(0.2)
    out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"the send failed (exit {child.returncode})")
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures | {"render_peak": render_peak}


def digest_run(sink: Sink, subscribers: int, url: str) -> dict[str, float]:
    """One run on a fresh database: the floor, then tbtalert; rates in messages per second."""
    settings = digest_settings(url, sink.port)
    engine = open_database(settings)
    populate_digests(engine, subscribers)
    messages, items, render_rate = prebuilt_messages(engine, settings)
    engine.dispose()
    count = len(messages)
    before = sink.received()
    _, floor_s = timed(lambda m=messages: asyncio.run(bare_send(sink.port, m)))  # type: ignore[misc]
    assert sink.received() - before == count
    del messages
    gc.collect()
    before = sink.received()
    ours = tbtalert_send(url, sink.port)
    assert ours["messages"] == count == sink.received() - before, ours
    return {
        "items": items,
        "messages": count,
        "render": render_rate,
        "floor": count / floor_s,
        "ours": count / ours["seconds"],
        "peak": ours["peak"],
        "render_peak": ours["render_peak"],
    }


def bench_digests(sink: Sink, subscribers: int, label: str, databases: Iterator[str]) -> None:
    runs = []
    print(f"digests on {label}, {subscribers} subscribers:")
    for number, url in enumerate(databases, 1):
        run = digest_run(sink, subscribers, url)
        runs.append(run)
        print(
            f"  run {number}: {run['messages']:.0f} messages, {run['items']:.0f} items; "
            f"floor {run['floor']:.0f}/s, tbtalert {run['ours']:.0f}/s "
            f"({run['ours'] / run['floor']:.0%}); sender peak {run['peak']:.0f} MB, "
            f"render process peak {run['render_peak']:.0f} MB"
        )

    def figure(key: str) -> list[float]:
        return [r[key] for r in runs]

    ratios = [r["ours"] / r["floor"] for r in runs]
    print(
        f"  render only (Jinja2 + css-inline + MIME): {spread(figure('render'), '.0f')} messages/s"
    )
    print(
        f"  bare aiosmtplib, prebuilt (floor):        {spread(figure('floor'), '.0f')} messages/s"
    )
    print(f"  tbtalert send --frequency daily:          {spread(figure('ours'), '.0f')} messages/s")
    print(f"  ratio tbtalert / floor: {spread(ratios, '.0%')} (target >= 65%)")
    print(
        f"  peak memory of the sender: {spread(figure('peak'), '.0f')} MB (target < 200 MB); "
        f"of its render process: {spread(figure('render_peak'), '.0f')} MB"
    )


# --- part 2: one feed, per-item mail ----------------------------------------------------


def make_feed(entries: int) -> bytes:
    items = []
    for i in range(entries):
        when = format_datetime(T0 - timedelta(minutes=i))
        items.append(
            f"<item><title>Coffee labelling: green coffee bean rule {i}</title>"
            f"<link>https://standards.example.gov/notice/{i}</link>"
            f"<guid>https://standards.example.gov/notice/{i}</guid>"
            f"<pubDate>{when}</pubDate>"
            f"<description>Draft requirements for roasted coffee and coffee extract, notice {i}."
            f"</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Standards notices</title><link>https://standards.example.gov/</link>"
        "<description>bench</description>" + "".join(items) + "</channel></rss>"
    ).encode()


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def tbtalert_cycle(workdir: Path, sink: Sink, url: str) -> tuple[int, float]:
    """``tbtalert cycle`` as a command on a fresh database, one immediate subscriber."""
    config = workdir / "tbtalert.toml"
    config.write_text(
        f'database_url = "sqlite:///{workdir / "feed.db"}"\n'
        f'smtp_host = "127.0.0.1"\nsmtp_port = {sink.port}\nsmtp_starttls = false\n'
        f"smtp_concurrency = {CONCURRENCY}\nhttp_host_delay = 0.0\n"
        'mail_from = "TBT Alert <tbt@bench.example.com>"\n'
        f'outbox_dir = "{workdir / "outbox"}"\n\n'
        '[[sources]]\nname = "notices"\nkind = "feed"\n'
        f'url = "{url}"\nquiet_first_run = false\noptions = {{ jurisdiction = "USA" }}\n'
    )
    engine = open_database(load_settings(config))
    with Session(engine) as session:
        session.add(
            Subscriber(
                id=1,
                email="reader@coffee.example.com",
                language="en",
                frequency="immediate",
                subscribed_at=T0 - timedelta(days=365),
            )
        )
        session.add(SubscriberSector(subscriber_id=1, sector_id="coffee"))
        session.commit()
    engine.dispose()
    command = shutil.which("tbtalert", path=str(Path(sys.executable).parent)) or "tbtalert"
    before = sink.received()
    done, seconds = timed(
        lambda: subprocess.run(
            [command, "--config", str(config), "cycle"], capture_output=True, text=True
        )
    )
    if done.returncode != 0:
        raise SystemExit(f"tbtalert cycle failed: {done.stderr.strip()[-2000:]}")
    return sink.received() - before, seconds


def rss2email_per_item(workdir: Path, sink: Sink, url: str) -> tuple[int, float]:
    r2e = shutil.which("r2e", path=str(Path(sys.executable).parent)) or "r2e"
    home = workdir / "r2e-home"
    home.mkdir(exist_ok=True)
    cfg, data = home / "rss2email.cfg", home / "rss2email.json"
    env = {**os.environ, "HOME": str(home)}
    base = [r2e, "-c", str(cfg), "-d", str(data)]
    subprocess.run(
        [*base, "new", "reader@coffee.example.com"], env=env, check=True, capture_output=True
    )
    subprocess.run([*base, "add", "notices", url], env=env, check=True, capture_output=True)
    config = configparser.ConfigParser(interpolation=None)
    config.read(cfg)
    config["DEFAULT"].update(
        {
            "email-protocol": "smtp",
            "smtp-server": f"127.0.0.1:{sink.port}",
            "smtp-auth": "False",
            "smtp-ssl": "False",
            "from": "r2e@bench.example.com",
        }
    )
    with cfg.open("w") as fh:
        config.write(fh)
    before = sink.received()
    done, seconds = timed(
        lambda: subprocess.run([*base, "run"], env=env, capture_output=True, text=True)
    )
    if done.returncode != 0:
        raise SystemExit(f"r2e run failed: {done.stderr.strip()[-2000:]}")
    return sink.received() - before, seconds


def bench_feed(workdir: Path, sink: Sink, entries: int, runs: int) -> None:
    server, url = serve(make_feed(entries))
    ours, theirs = [], []
    print(f"per-item mail, one feed of {entries} entries to one subscriber:")
    try:
        for number in range(1, runs + 1):
            folder = Path(tempfile.mkdtemp(dir=workdir))
            sent, ours_s = tbtalert_cycle(folder, sink, url)
            assert sent == entries, (sent, entries)
            sent, theirs_s = rss2email_per_item(folder, sink, url)
            assert sent == entries, (sent, entries)
            ours.append(ours_s)
            theirs.append(theirs_s)
            print(
                f"  run {number}: tbtalert cycle {ours_s:.1f} s, r2e run {theirs_s:.1f} s "
                f"({theirs_s / ours_s:.1f}x)"
            )
    finally:
        server.shutdown()
    print(f"  tbtalert cycle (start, fetch, match, send): {spread(ours, '.1f')} s")
    print(f"  rss2email 3.14 (r2e run, SMTP):             {spread(theirs, '.1f')} s")
    speedups = [t / o for o, t in zip(ours, theirs, strict=True)]
    print(f"  tbtalert is {spread(speedups, '.1f')}x as fast (target >= 2x)")


@contextmanager
def postgres_databases(runs: int) -> Iterator[Iterator[str]]:
    """Fresh scratch PostgreSQL databases, one per run, all dropped at the end."""
    made: list[str] = []

    def urls() -> Iterator[str]:
        for _ in range(runs):
            found = fresh_postgres()
            if found is None:
                return
            made.append(found[0])
            yield found[1]

    try:
        yield urls()
    finally:
        for name in made:
            drop_postgres(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median, range)")
    parser.add_argument(
        "--no-postgres", action="store_true", help="digests on SQLite only (the default database)"
    )
    parser.add_argument(
        "--part", choices=("all", "digests", "feed"), default="all", help="run one part only"
    )
    parser.add_argument("--child-send", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_send:
        child_send(*args.child_send)
        return
    sink = Sink()
    workdir = Path(tempfile.mkdtemp(prefix="tbtalert-bench-"))
    try:
        if args.part in ("all", "digests"):
            sqlite = (f"sqlite:///{workdir / f'd{n}.db'}" for n in range(args.runs))
            bench_digests(sink, args.subscribers, "SQLite", sqlite)
            if not args.no_postgres:
                with postgres_databases(args.runs) as databases:
                    bench_digests(sink, args.subscribers, "PostgreSQL", databases)
        if args.part in ("all", "feed"):
            bench_feed(workdir, sink, args.entries, args.runs)
    finally:
        sink.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
