"""Subscriber files: validation names the file, entry and reason; sync is all-or-nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.db import session_scope
from tbtalert.models import Subscriber
from tbtalert.subscribers import (
    add_subscriber,
    change_subscriber,
    remove_subscriber,
    sector_ids_of,
    sync_subscribers,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "subscribers" / "example.yaml"

GOOD = """\
subscribers:
  - email: An@Caphe.example.com
    name: Nguyễn Văn An
    sectors: [coffee]
    markets: [eu, USA]
    frequency: immediate
  - email: bich@tieu.example.org
    language: en
    sectors: [pepper_spices, coffee]
    areas: [tbt]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def emails(engine: Engine) -> dict[str, Subscriber]:
    with Session(engine) as session:
        return {s.email: s for s in session.exec(select(Subscriber)).all()}


def test_example_file_loads_with_both_languages_and_every_frequency(engine: Engine) -> None:
    [summary] = sync_subscribers(engine, EXAMPLE)
    assert summary.status == "ok", summary.errors
    rows = emails(engine)
    assert summary.added == len(rows) >= 6
    assert {r.language for r in rows.values()} == {"vi", "en"}
    assert {r.frequency for r in rows.values()} == {"immediate", "daily", "weekly"}
    assert any(r.heartbeat for r in rows.values())
    assert any(r.affected_first for r in rows.values())
    assert all(
        e.split("@")[1].endswith(
            (".example.com", ".example.org", ".example.net", ".example.gov.vn")
        )
        for e in rows
    )


def test_sync_adds_normalizes_and_is_idempotent(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "firms.yaml", GOOD)
    [first] = sync_subscribers(engine, path)
    assert (first.status, first.added) == ("ok", 2)
    rows = emails(engine)
    an = rows["an@caphe.example.com"]
    assert an.markets == ["EU", "USA"] and an.frequency == "immediate" and an.language == "vi"
    assert rows["bich@tieu.example.org"].areas == ["TBT"]
    with Session(engine) as session:
        assert sector_ids_of(session, rows["bich@tieu.example.org"].id or 0) == [
            "coffee",
            "pepper_spices",
        ]
    [again] = sync_subscribers(engine, path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)


def test_resync_changes_removes_keeps_subscribed_at_and_never_resurrects(
    engine: Engine, tmp_path: Path
) -> None:
    path = write(tmp_path, "firms.yaml", GOOD)
    sync_subscribers(engine, path)
    before = emails(engine)
    with session_scope(engine) as session:
        bich = session.exec(
            select(Subscriber).where(Subscriber.email == "bich@tieu.example.org")
        ).one()
        bich.status = "unsubscribed"
        session.add(bich)
    write(
        tmp_path,
        "firms.yaml",
        GOOD.replace("frequency: immediate", "frequency: weekly")
        + "  - email: new@cassava.example.com\n    sectors: [cassava]\n",
    )
    [summary] = sync_subscribers(engine, path)
    assert (summary.added, summary.changed) == (1, 1)
    after = emails(engine)
    an = after["an@caphe.example.com"]
    assert an.frequency == "weekly"
    assert an.subscribed_at == before["an@caphe.example.com"].subscribed_at
    assert after["bich@tieu.example.org"].status == "unsubscribed"  # the file cannot undo it

    write(
        tmp_path,
        "firms.yaml",
        "subscribers:\n  - email: new@cassava.example.com\n    sectors: [cassava]\n",
    )
    [summary] = sync_subscribers(engine, path)
    assert summary.removed == 2
    after = emails(engine)
    assert after["an@caphe.example.com"].status == "removed"
    assert after["bich@tieu.example.org"].status == "unsubscribed"


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("  - email: not-an-address\n    sectors: [coffee]\n", "invalid email"),
        ("  - email: x@y.example.com\n    sectors: [coffe]\n", "unknown sector id(s) coffe"),
        (
            "  - email: x@y.example.com\n    sectors: [coffee]\n    phone: 1\n",
            "unknown field 'phone'",
        ),
        ("  - email: x@y.example.com\n    sectors: [coffee]\n    language: fr\n", "language"),
        ("  - email: x@y.example.com\n    sectors: [coffee]\n    frequency: hourly\n", "frequency"),
        (
            "  - email: x@y.example.com\n    sectors: [coffee]\n    markets: [Untied States]\n",
            "unknown market 'Untied States'; did you mean USA (United States)",
        ),
        ("  - email: x@y.example.com\n", "missing field 'sectors'"),
        ("  - email: an@caphe.example.com\n    sectors: [coffee]\n", "already listed as entry 1"),
    ],
)
def test_a_bad_entry_rejects_the_whole_file(
    engine: Engine, tmp_path: Path, entry: str, reason: str
) -> None:
    path = write(tmp_path, "bad.yaml", GOOD + entry)
    [summary] = sync_subscribers(engine, path)
    assert summary.status == "rejected"
    [problem] = summary.errors
    assert problem.startswith("entry 3")
    assert reason in problem
    assert emails(engine) == {}  # nothing from the file, not even the good entries


def test_folder_sync_loads_good_files_and_reports_bad_ones(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    write(folder, "a.yaml", GOOD)
    write(folder, "b.yaml", "subscribers:\n  - email: z@z.example.com\n    sectors: [nope]\n")
    write(folder, "notes.txt", "ignored")
    summaries = sync_subscribers(engine, folder)
    assert [(s.path.name, s.status) for s in summaries] == [
        ("a.yaml", "ok"),
        ("b.yaml", "rejected"),
    ]
    assert "z@z.example.com" not in emails(engine)
    assert len(emails(engine)) == 2


def test_add_change_remove(engine: Engine) -> None:
    with session_scope(engine) as session:
        add_subscriber(session, {"email": "c@d.example.com", "sectors": ["rubber"]})
    with session_scope(engine) as session:
        change_subscriber(
            session,
            "C@d.example.com",
            {"frequency": "weekly", "language": "en", "affected_first": True},
        )
    row = emails(engine)["c@d.example.com"]
    assert (row.frequency, row.language, row.status) == ("weekly", "en", "active")
    assert row.affected_first
    with session_scope(engine) as session:
        remove_subscriber(session, "c@d.example.com")
    assert emails(engine)["c@d.example.com"].status == "removed"


def test_cli_sync_exits_nonzero_naming_file_entry_and_reason(
    settings: object, tmp_path: Path
) -> None:
    bad = write(tmp_path, "bad.yaml", GOOD + "  - email: oops\n    sectors: [coffee]\n")
    env = {"TBTALERT_DATABASE_URL": settings.database_url, "PATH": "/usr/bin:/bin"}  # type: ignore[attr-defined]
    result = subprocess.run(
        [sys.executable, "-m", "tbtalert", "subscribers", "sync", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "bad.yaml: REJECTED" in result.stdout
    assert "entry 3 (oops)" in result.stdout and "invalid email" in result.stdout
    assert result.stderr.strip().startswith("tbtalert: error: 1 of 1 file(s) rejected")
