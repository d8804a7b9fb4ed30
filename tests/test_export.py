"""``export notifications``: JSON lines, CSV and Atom with sectors and follow-ups."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import feedparser
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tbtalert.db import session_scope
from tbtalert.errors import ConfigError
from tbtalert.export import FIELDS, export_notifications
from tbtalert.ingest import import_file
from tbtalert.models import Notification, Tag

EXPORT_CSV = Path(__file__).parent / "data" / "sources" / "eping-export" / "export.csv"


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    import_file(engine, EXPORT_CSV)
    with session_scope(engine) as session:
        ids = {n.symbol: n.id for n in session.exec(select(Notification))}
        session.add(
            Tag(notification_id=ids["G/SPS/N/EU/812"], sector_id="coffee", reason="HS 0901")
        )
        session.add(
            Tag(notification_id=ids["G/SPS/N/EU/812"], sector_id="pepper_spices", reason="HS 0904")
        )
        session.add(
            Tag(notification_id=ids["G/SPS/N/EU/812"], sector_id="seafood", status="rejected")
        )
        session.add(
            Tag(
                notification_id=ids["G/TBT/N/KOR/1320"],
                sector_id="wood_furniture",
                reason="HS 9403",
            )
        )
    return engine


def export(engine: Engine, fmt: str, **kw: object) -> str:
    out = io.StringIO()
    export_notifications(engine, out, fmt, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def test_jsonl_has_fields_sectors_and_follow_ups(seeded: Engine) -> None:
    lines = [json.loads(line) for line in export(seeded, "jsonl").splitlines()]
    assert [x["symbol"] for x in lines] == [
        "G/TBT/N/KOR/1320",
        "G/SPS/N/EU/812",
        "G/SPS/N/EU/812/Add.1",
        "G/TBT/N/THA/780",
    ]
    eu = lines[1]
    assert set(eu) == set(FIELDS)
    assert eu["sectors"] == ["coffee", "pepper_spices"]  # the rejected one is left out
    assert eu["follow_ups"] == ["G/SPS/N/EU/812/Add.1"]
    assert eu["distribution_date"] == "2026-11-02" and eu["hs_codes"] == ["0901", "0904"]
    assert lines[2]["base_symbol"] == "G/SPS/N/EU/812"


def test_sector_and_since_filters(seeded: Engine) -> None:
    coffee = [
        json.loads(x)["symbol"] for x in export(seeded, "jsonl", sector="coffee").splitlines()
    ]
    assert coffee == ["G/SPS/N/EU/812"]
    recent = [
        json.loads(x)["symbol"]
        for x in export(seeded, "jsonl", since=date(2026, 11, 3)).splitlines()
    ]
    assert recent == ["G/SPS/N/EU/812/Add.1", "G/TBT/N/THA/780"]


def test_csv_round_trips(seeded: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(export(seeded, "csv"))))
    assert len(rows) == 4 and list(rows[0]) == FIELDS
    eu = rows[1]
    assert eu["sectors"] == "coffee; pepper_spices" and eu["follow_ups"] == "G/SPS/N/EU/812/Add.1"
    assert rows[0]["title"] == "Partial amendment of the Standards for Wood Products & Furniture"


def test_atom_is_a_valid_feed(seeded: Engine) -> None:
    text = export(seeded, "atom")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    parsed = feedparser.parse(text)
    assert not parsed.bozo and len(parsed.entries) == 4
    eu = parsed.entries[1]
    assert eu.title.startswith("G/SPS/N/EU/812: Maximum residue levels")
    assert [t.term for t in eu.tags] == ["coffee", "pepper_spices"]
    assert "G/SPS/N/EU/812/Add.1" in text


def test_unknown_format(seeded: Engine) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xml'"):
        export(seeded, "xml")


def test_cli_export_to_file(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tbtalert", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert cli("import", str(EXPORT_CSV)).returncode == 0
    done = cli(
        "export", "notifications", "--format", "csv", "--since", "2026-11-01", "-o", "out.csv"
    )
    assert done.returncode == 0 and done.stderr.strip() == "exported 3 notifications"
    assert (tmp_path / "out.csv").read_text("utf-8").startswith("symbol,base_symbol,area")
    bad = cli("export", "notifications", "--since", "last week")
    assert bad.returncode == 1 and "--since 'last week' is not a date" in bad.stderr
