"""An exporter's own choices survive the officials' files; conflicts are reported; --prune."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.config import Settings
from tbtalert.models import Subscriber
from tbtalert.service import sync_subscribers_at_start
from tbtalert.subscribers import entry_of, sync_subscribers
from tbtalert.tokens import link

FILE = """\
subscribers:
  - email: an@caphe.example.com
    name: Nguyễn Văn An
    company: Cà phê Đắk Bla
    sectors: [coffee]
    markets: [EU]
    frequency: daily
"""


def stored(engine: Engine, email: str) -> tuple[Subscriber, dict[str, object]]:
    with Session(engine) as session:
        row = session.exec(select(Subscriber).where(Subscriber.email == email)).one()
        return row, entry_of(session, row).model_dump()


def cli(settings: Settings, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "tbtalert.toml"
    config.write_text(f'database_url = "{settings.database_url}"\nsources = []\n')
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_web_change_survives_sync_and_restart_and_the_conflict_is_reported(
    web_site: tuple[Settings, Engine, str], tmp_path: Path
) -> None:
    settings, engine, _ = web_site
    folder = tmp_path / "subscribers"
    folder.mkdir()
    (folder / "firms.yaml").write_text(FILE, encoding="utf-8")
    sync_subscribers(engine, folder)
    row, _ = stored(engine, "an@caphe.example.com")
    assert row.id is not None

    prefs = link(settings, "preferences", row.id, row.email)
    saved = requests.post(
        prefs,
        data={
            "sectors": ["coffee", "pepper_spices"],
            "markets": "EU",
            "frequency": "weekly",
            "language": "vi",
            "name": "Nguyễn Văn An",
            "company": "Cà phê Đắk Bla",
        },
        timeout=10,
    )
    assert saved.status_code == 200
    row, _ = stored(engine, "an@caphe.example.com")
    assert sorted(row.owned) == ["frequency", "sectors"]

    # The official's next sync, then a restart of the main job: the choices stay.
    synced = cli(settings, tmp_path, "subscribers", "sync", str(folder))
    assert synced.returncode == 0, synced.stderr
    assert "1 conflict(s)" not in synced.stdout  # two fields differ
    assert "2 conflict(s)" in synced.stdout
    assert "sectors kept as the exporter chose on the web" in synced.stdout
    assert "frequency kept as the exporter chose on the web (weekly; the file says daily)" in (
        synced.stdout
    )
    sync_subscribers_at_start(engine, settings.model_copy(update={"subscribers_dir": folder}))
    _, after = stored(engine, "an@caphe.example.com")
    assert after["sectors"] == ["coffee", "pepper_spices"]
    assert after["frequency"] == "weekly"

    # Fields the exporter did not touch still follow the file; name stays the officials'.
    (folder / "firms.yaml").write_text(
        FILE.replace("markets: [EU]", "markets: [EU, Hoa Kỳ]").replace(
            "Nguyễn Văn An", "Nguyễn Văn Ân"
        ),
        encoding="utf-8",
    )
    [summary] = sync_subscribers(engine, folder)
    _, after = stored(engine, "an@caphe.example.com")
    assert after["markets"] == ["EU", "USA"]
    assert after["name"] == "Nguyễn Văn Ân"
    assert after["frequency"] == "weekly"
    assert len(summary.conflicts) == 2


def test_an_officials_explicit_change_takes_the_field_back(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "subscribers"
    folder.mkdir()
    (folder / "firms.yaml").write_text(FILE, encoding="utf-8")
    sync_subscribers(engine, folder)
    with Session(engine) as session:
        row = session.exec(select(Subscriber)).one()
        row.owned = ["frequency"]
        session.add(row)
        session.commit()
    changed = cli(
        settings, tmp_path, "subscribers", "change", "an@caphe.example.com", "--frequency", "daily"
    )
    assert changed.returncode == 0, changed.stderr
    row, _ = stored(engine, "an@caphe.example.com")
    assert row.owned == []


def test_prune_stops_mail_to_entries_whose_file_is_gone(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "subscribers"
    folder.mkdir()
    (folder / "firms.yaml").write_text(FILE, encoding="utf-8")
    (folder / "other.yaml").write_text(
        "subscribers:\n  - email: bo@cao-su.example.com\n    sectors: [rubber]\n",
        encoding="utf-8",
    )
    sync_subscribers(engine, folder)
    (folder / "other.yaml").unlink()

    plain = cli(settings, tmp_path, "subscribers", "sync", str(folder))
    assert plain.returncode == 0, plain.stderr
    assert stored(engine, "bo@cao-su.example.com")[0].status == "active"

    pruned = cli(settings, tmp_path, "subscribers", "sync", str(folder), "--prune")
    assert pruned.returncode == 0, pruned.stderr
    assert "pruned: 1 subscriber(s)" in pruned.stdout
    assert "bo@cao-su.example.com" in pruned.stdout
    row, _ = stored(engine, "bo@cao-su.example.com")
    assert row.status == "removed" and "is gone" in row.status_reason
    assert stored(engine, "an@caphe.example.com")[0].status == "active"
