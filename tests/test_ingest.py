"""Ingest: upserts, follow-up linking, quiet first runs, isolation, recorded runs, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply, Seen
from tbtalert.config import Settings, SourceConfig
from tbtalert.db import session_scope
from tbtalert.ingest import fetch_sources, upsert_records
from tbtalert.models import Notification, NotificationRecord, Source, SourceRun

DATA = Path(__file__).parent / "data" / "sources"
RSS = (DATA / "feed" / "rss.xml").read_bytes()


def rec(symbol: str, **fields: Any) -> NotificationRecord:
    values: dict[str, Any] = {
        "area": symbol.split("/")[1].upper(),
        "member": symbol.split("/")[3].upper(),
        "title": "t",
    }
    values.update(fields)
    return NotificationRecord(symbol=symbol, **values)


def stored(engine: Engine) -> dict[str, Notification]:
    with Session(engine) as session:
        return {n.symbol: n for n in session.exec(select(Notification))}


def runs(engine: Engine) -> list[SourceRun]:
    with Session(engine) as session:
        return list(session.exec(select(SourceRun).order_by(SourceRun.id)))  # type: ignore[arg-type]


def test_follow_up_before_base_is_linked_when_base_arrives(engine: Engine) -> None:
    with session_scope(engine) as session:
        new, _ = upsert_records(
            session,
            [rec("g/tbt/n/usa/ 1436 /rev.1/add. 2"), rec("G/TBT/N/USA/1436/Corr.1")],
            announce=True,
        )
    assert len(new) == 2
    rows = stored(engine)
    assert set(rows) == {"G/TBT/N/USA/1436/Rev.1/Add.2", "G/TBT/N/USA/1436/Corr.1"}
    assert all(r.base_id is None for r in rows.values())
    assert rows["G/TBT/N/USA/1436/Rev.1/Add.2"].doc_type == "addendum"
    with session_scope(engine) as session:
        upsert_records(session, [rec("G/TBT/N/USA/1436")], announce=True)
    rows = stored(engine)
    base = rows["G/TBT/N/USA/1436"]
    assert rows["G/TBT/N/USA/1436/Rev.1/Add.2"].base_id == base.id
    assert rows["G/TBT/N/USA/1436/Corr.1"].base_id == base.id
    assert rows["G/TBT/N/USA/1436/Corr.1"].matched_at is None  # re-tag: inherits the base's tags


def test_upsert_skips_unchanged_and_keeps_richer_fields(engine: Engine) -> None:
    first = rec("G/SPS/N/EU/700", agency="DG SANTE", products="Coffee", hs_codes=["0901"])
    with session_scope(engine) as session:
        upsert_records(session, [first], announce=False)
    with session_scope(engine) as session:
        assert upsert_records(session, [first], announce=True) == ([], [])
    thinner = rec("G/SPS/N/EU/700", products="Coffee", hs_codes=["0901"])  # no agency
    with session_scope(engine) as session:
        assert upsert_records(session, [thinner], announce=True) == ([], [])
    row = stored(engine)["G/SPS/N/EU/700"]
    assert row.agency == "DG SANTE" and row.announce is False  # backlog stays unannounced


def test_duplicates_in_one_batch_are_stored_once(engine: Engine) -> None:
    with session_scope(engine) as session:
        new, updated = upsert_records(
            session,
            [rec("G/TBT/N/JPN/1", title="a"), rec("G/TBT/N/JPN/1 ", title="b")],
            announce=True,
        )
    assert len(new) == 1 and updated == []
    assert stored(engine)["G/TBT/N/JPN/1"].title == "b"


def feed_source(name: str, url: str, **extra: Any) -> SourceConfig:
    return SourceConfig(name=name, kind="feed", url=url, options={"jurisdiction": "VNM"}, **extra)


def test_quiet_first_run_then_announced(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    changed = RSS.replace(b"tcvn-4193-2026", b"tcvn-4194-2026")
    http_server.route("/rss", Reply(500), Reply(body=RSS), Reply(body=changed))
    cfg = settings.model_copy(
        update={"sources": [feed_source("tcvn", http_server.url("/rss"))], "http_retries": 0}
    )
    assert fetch_sources(engine, cfg)[0].status == "failed"
    assert fetch_sources(engine, cfg)[0].new == 2  # the first *successful* run: quiet
    assert not any(n.announce for n in stored(engine).values())
    assert fetch_sources(engine, cfg)[0].new == 1
    assert stored(engine)["VNM:tcvn-4194-2026"].announce


def test_quiet_first_run_can_be_turned_off(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/rss", Reply(body=RSS))
    per_source = settings.model_copy(
        update={"sources": [feed_source("tcvn", http_server.url("/rss"), quiet_first_run=False)]}
    )
    fetch_sources(engine, per_source)
    assert all(n.announce for n in stored(engine).values())


def test_each_source_isolated_and_recorded(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/rss", Reply(body=RSS))
    http_server.route("/huge", Reply(body=b"[" + b" " * 20_000_000 + b"]"))
    cfg = settings.model_copy(
        update={
            "http_retries": 0,
            "sources": [
                SourceConfig(name="eping", kind="eping", url="http://127.0.0.1:9/api"),
                SourceConfig(name="big", kind="eping", url=http_server.url("/huge")),
                SourceConfig(name="broken", kind="eping", url="http://x", options={"page_size": 0}),
                feed_source("tcvn", http_server.url("/rss")),
                feed_source("off", http_server.url("/rss"), enabled=False),
            ],
        }
    )
    summaries = fetch_sources(engine, cfg)
    assert [(s.source, s.status) for s in summaries] == [
        ("eping", "failed"),
        ("big", "failed"),
        ("broken", "failed"),
        ("tcvn", "ok"),
    ]
    assert "cannot connect to http://127.0.0.1:9/api" in summaries[0].error
    assert "too large (20,000,002 bytes; the limit is 10,000,000 bytes)" in summaries[1].error
    assert "source 'broken': options.page_size must be 1 to 500" in summaries[2].error
    assert len(stored(engine)) == 2
    recorded = runs(engine)
    assert [r.status for r in recorded] == ["failed", "failed", "failed", "ok"]
    assert all(r.finished_at is not None for r in recorded)
    assert "too large" in recorded[1].error and recorded[3].new == 2


def test_failure_mid_paging_keeps_whole_pages_and_resumes(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    items = json.loads((DATA / "eping" / "site-items.json").read_text("utf-8"))["items"]
    broken = {"on": True}

    def handle(seen: Seen) -> Reply:
        page = int(seen.query["page"][0])
        if page == 2 and broken["on"]:
            return Reply(500, b"down")
        body = {"items": items[(page - 1) * 2 : page * 2], "totalCount": len(items)}
        return Reply(body=json.dumps(body).encode())

    http_server.route("/api", handle)
    source = SourceConfig(
        name="eping", kind="eping", url=http_server.url("/api"), options={"page_size": 2}
    )
    cfg = settings.model_copy(update={"sources": [source], "http_retries": 1})
    failed = fetch_sources(engine, cfg)[0]
    assert failed.status == "failed" and "HTTP 500" in failed.error
    assert set(stored(engine)) == {"G/TBT/N/USA/2201/Add.1", "G/SPS/N/JPN/1310"}  # page 1, whole
    with Session(engine) as session:
        src = session.exec(select(Source).where(Source.name == "eping")).one()
        assert src.cursor is None  # not advanced by a failed run
    broken["on"] = False
    again = fetch_sources(engine, cfg)[0]
    assert again.status == "ok" and (again.new, again.updated) == (6, 0)
    assert len(stored(engine)) == 8


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_fetch_unreachable_source_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "tbtalert.toml").write_text(
        """
http_retries = 0
[[sources]]
name = "samples"
kind = "eping-export"
url = "package:samples/eping-sample.csv"
quiet_first_run = false

[[sources]]
name = "eping"
kind = "eping"
url = "http://127.0.0.1:9/api/v1/azureSearch/getAll"
""",
        encoding="utf-8",
    )
    result = run_cli("fetch", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip() == "samples: ok, 36 fetched, 36 new, 0 updated"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(
        "eping: FAILED: cannot connect to http://127.0.0.1:9/api/v1/azureSearch/getAll"
    )
    assert "check this server's internet access" in lines[0]
    listing = run_cli("sources", "list", cwd=tmp_path)
    assert listing.returncode == 0
    assert "samples [eping-export] package:samples/eping-sample.csv" in listing.stdout
    assert "ok, 36 fetched, 36 new, 0 updated" in listing.stdout and "36 stored" in listing.stdout
    assert "failed" in listing.stdout and "last good run never" in listing.stdout
    trial = run_cli("sources", "test", "samples", "--show", "2", cwd=tmp_path)
    assert trial.stdout.splitlines()[0] == "samples: ok, 36 records parsed (nothing stored)"
    unknown = run_cli("fetch", "--source", "nope", cwd=tmp_path)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "tbtalert: error: no source named 'nope' (configured sources: samples, eping)"
    )


def test_overlong_text_fits_its_column_on_every_back_end(engine: Engine) -> None:
    long = "Six months after publication in the Official Journal, " * 20
    with session_scope(engine) as session:
        upsert_records(session, [rec("G/TBT/N/EU/1", entry_into_force_text=long)], announce=True)
    stored_text = stored(engine)["G/TBT/N/EU/1"].entry_into_force_text
    assert len(stored_text) == 500 and stored_text.endswith("…")
