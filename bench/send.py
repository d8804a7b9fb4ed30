"""Sending benchmark: tbtalert's digests against bare aiosmtplib, per-item mail against rss2email.

Part 1. 10,000 subscribers, each due a daily digest of 5-20 items, sent by
``tbtalert.deliveries.send`` (queueing, claiming, rendering with Jinja2 and
css-inline, sending, recording) into a local aiosmtpd sink running in its own
process. The floor: the same number of prebuilt messages (the very digests,
rendered beforehand) sent with bare aiosmtplib over the same number of
connections. Target: tbtalert >= 60% of the floor's rate. Run on SQLite (the
default database) and, unless --no-postgres, on a scratch PostgreSQL database
on the local server, which then shares the machine's cores with the rest.

Part 2. One RSS feed of 2,000 entries, served over local HTTP, delivered as
one mail per entry to one subscriber: by tbtalert (``feed`` source kind,
matcher, ``send --frequency immediate``) and by rss2email (``r2e run``,
SMTP to the same sink, in a temporary HOME). Target: tbtalert faster.

Run: .venv/bin/python bench/send.py [--subscribers N] [--entries N] [--no-postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import configparser
import gc
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import aiosmtplib
from scratch_postgres import drop_postgres, fresh_postgres
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.config import Settings, SourceConfig, load_settings
from tbtalert.db import open_database
from tbtalert.deliveries import send
from tbtalert.mailer import Composer, MailData
from tbtalert.models import Notification, Sector, Subscriber, SubscriberSector, Tag
from tbtalert.outbox import Job, eligible_pairs

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


def bench_digests(workdir: Path, sink: Sink, subscribers: int, label: str, url: str) -> None:
    settings = load_settings(
        None,
        database_url=url,
        smtp_host="127.0.0.1",
        smtp_port=sink.port,
        smtp_starttls=False,
        smtp_concurrency=CONCURRENCY,
        mail_from="TBT Alert <tbt@bench.example.com>",
        base_url="https://tbt.example.gov.vn",
        sources=[],
        subscribers_dir=None,
    )
    engine = open_database(settings)
    populate_digests(engine, subscribers)
    messages, items, render_rate = prebuilt_messages(engine, settings)
    size = sum(len(d) for _, d in messages) / len(messages)
    print(
        f"digests on {label}: {len(messages)} subscribers, {items} items, "
        f"{size / 1024:.1f} KiB per message"
    )

    before = sink.received()
    _, floor_s = timed(lambda m=messages: asyncio.run(bare_send(sink.port, m)))  # type: ignore[misc]
    assert sink.received() - before == len(messages)
    count = len(messages)
    del messages  # the floor's 10,000 prebuilt messages are not tbtalert's to carry
    gc.collect()
    before = sink.received()
    report, ours_s = timed(lambda: send(engine, settings, "daily", now=T0 + timedelta(hours=1)))
    assert report.messages == count == sink.received() - before, report
    floor_rate, our_rate = count / floor_s, report.messages / ours_s
    print(f"  render only (Jinja2 + css-inline + MIME): {render_rate:8.0f} messages/s")
    print(
        f"  bare aiosmtplib, prebuilt (floor):        {floor_rate:8.0f} messages/s ({floor_s:.1f} s)"
    )
    print(
        f"  tbtalert send --frequency daily:          {our_rate:8.0f} messages/s ({ours_s:.1f} s, "
        f"queue + claim + render + send + record)"
    )
    print(f"  ratio tbtalert / floor: {our_rate / floor_rate:.0%} (target >= 60%)")
    engine.dispose()


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


def tbtalert_per_item(workdir: Path, sink: Sink, url: str) -> tuple[int, float]:
    from tbtalert.ingest import fetch_sources
    from tbtalert.tags import match_notifications

    settings = load_settings(
        None,
        database_url=f"sqlite:///{workdir / 'feed.db'}",
        smtp_host="127.0.0.1",
        smtp_port=sink.port,
        smtp_starttls=False,
        smtp_concurrency=CONCURRENCY,
        http_host_delay=0.0,
        mail_from="TBT Alert <tbt@bench.example.com>",
        subscribers_dir=None,
        sources=[
            SourceConfig(
                name="notices",
                kind="feed",
                url=url,
                quiet_first_run=False,
                options={"jurisdiction": "USA"},
            )
        ],
    )
    engine = open_database(settings)
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

    def run() -> int:
        fetch_sources(engine, settings)
        match_notifications(engine, settings)
        return send(engine, settings, "immediate").messages

    sent, seconds = timed(run)
    engine.dispose()
    return sent, seconds


def rss2email_per_item(workdir: Path, sink: Sink, url: str) -> tuple[int, float]:
    r2e = shutil.which("r2e", path=str(Path(sys.executable).parent)) or "r2e"
    home = workdir / "r2e-home"
    home.mkdir()
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


def bench_feed(workdir: Path, sink: Sink, entries: int) -> None:
    server, url = serve(make_feed(entries))
    try:
        before = sink.received()
        ours, ours_s = tbtalert_per_item(workdir, sink, url)
        assert ours == entries == sink.received() - before, (ours, entries)
        theirs, theirs_s = rss2email_per_item(workdir, sink, url)
        assert theirs == entries, (theirs, entries)
    finally:
        server.shutdown()
    print(f"per-item mail, one feed of {entries} entries to one subscriber:")
    print(
        f"  tbtalert (fetch + match + send immediate): {ours_s:6.1f} s  {ours / ours_s:7.0f} messages/s"
    )
    print(
        f"  rss2email 3.14 (r2e run, SMTP):            {theirs_s:6.1f} s  {theirs / theirs_s:7.0f} messages/s"
    )
    print(f"  tbtalert is {theirs_s / ours_s:.1f}x as fast (target > 1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=2_000)
    parser.add_argument(
        "--no-postgres", action="store_true", help="digests on SQLite only (the default database)"
    )
    args = parser.parse_args()
    sink = Sink()
    workdir = Path(tempfile.mkdtemp(prefix="tbtalert-bench-"))
    made = None if args.no_postgres else fresh_postgres()
    try:
        bench_digests(workdir, sink, args.subscribers, "SQLite", f"sqlite:///{workdir / 'd.db'}")
        if made is not None:
            bench_digests(workdir, sink, args.subscribers, "PostgreSQL", made[1])
        bench_feed(workdir, sink, args.entries)
    finally:
        sink.close()
        shutil.rmtree(workdir, ignore_errors=True)
        if made is not None:
            drop_postgres(made[0])


if __name__ == "__main__":
    main()
