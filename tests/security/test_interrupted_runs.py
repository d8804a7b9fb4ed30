"""A source run whose process is killed does not stay "running" for ever."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from support.cli import run_tbtalert, tbtalert_env
from support.httpserver import LocalHTTPServer, Reply
from support.polling import wait_until


def run_status(root: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{root / 'tbtalert.db'}")
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT status FROM sourcerun"))]
    except Exception:  # the table is being created
        return []
    finally:
        engine.dispose()


def test_a_run_killed_with_sigkill_is_marked_interrupted(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    http_server.route("/feed", Reply(body=b"<rss/>", delay=120))  # the fetch hangs
    sources = json.dumps(
        [
            {
                "name": "slow",
                "kind": "feed",
                "url": http_server.url("/feed"),
                "options": {"jurisdiction": "VNM"},
            }
        ]
    )
    env = tbtalert_env(
        database_url=f"sqlite:///{tmp_path / 'tbtalert.db'}",
        sources=sources,
        http_timeout="300",
        subscribers_dir="",
    )
    fetch = subprocess.Popen(
        [sys.executable, "-m", "tbtalert", "fetch"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: run_status(tmp_path) == ["running"], timeout=60, what="a running run")
    finally:
        fetch.send_signal(signal.SIGKILL)
        fetch.wait(timeout=30)

    listed = run_tbtalert("sources", "list", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "failed" in listed.stdout and "interrupted" in listed.stdout
    assert run_status(tmp_path) == ["failed"]

    status = run_tbtalert("status", cwd=tmp_path, env=env)
    assert "failed: interrupted" in status.stdout
