"""Editing a sector: the preview writes nothing, saving records who, init keeps the edit, tag uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.ingest import upsert_records
from tbtalert.models import Notification, NotificationRecord, Sector, Tag, TaxonomyChange
from tbtalert.sector_editor import form_from_spec, preview_change, save_sector, spec_from_form
from tbtalert.sectors import stored_sectors
from tbtalert.tags import match_notifications


def cli(
    settings: Settings, cwd: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "TBTALERT_DATABASE_URL": settings.database_url},
        cwd=cwd,
        timeout=120,
    )


def coffee_with(session: Session, extra_keyword: str) -> dict[str, object]:
    spec = next(s for s in stored_sectors(session) if s["id"] == "coffee")
    fields = form_from_spec(spec)
    fields["keywords_en"] += f"\n{extra_keyword}"
    return spec_from_form("coffee", fields)


def test_the_form_round_trips_a_stored_sector(engine: Engine) -> None:
    from tbtalert.web.officials.sectors import SectorForm

    with Session(engine) as session:
        for spec in stored_sectors(session):
            fields = form_from_spec(spec)
            assert spec_from_form(spec["id"], fields) == spec
            assert set(fields) <= set(SectorForm.model_fields)  # the web form has every field


def test_preview_lists_what_a_change_adds_and_removes_and_writes_nothing(
    engine: Engine, settings: Settings
) -> None:
    with session_scope(engine) as session:
        upsert_records(
            session,
            [
                NotificationRecord("G/TBT/N/KEN/1", "TBT", "KEN", "Cascara husk tea"),
                NotificationRecord("G/TBT/N/KEN/2", "TBT", "KEN", "Roasted coffee beans"),
            ],
            announce=True,
        )
    match_notifications(engine, settings)
    with Session(engine) as session:
        before = session.exec(select(Tag.notification_id, Tag.sector_id, Tag.status)).all()
        spec = coffee_with(session, "cascara")
        for word in ("coffee", "roasted coffee", "coffee bean"):
            spec["keywords"]["en"].remove(word)  # type: ignore[index]
        preview = preview_change(session, spec)
        assert [(x.notification.symbol, x.sector_id) for x in preview.added] == [
            ("G/TBT/N/KEN/1", "coffee")
        ]
        assert ("G/TBT/N/KEN/2", "coffee") in [
            (x.notification.symbol, x.sector_id) for x in preview.removed
        ]
        assert preview.scanned == 2
    with Session(engine) as session:
        assert session.exec(select(Tag.notification_id, Tag.sector_id, Tag.status)).all() == before
        assert session.exec(select(TaxonomyChange)).all() == []
        assert "cascara" not in session.get(Sector, "coffee").rules["keywords"]["en"]  # type: ignore[union-attr]


def test_init_keeps_an_edited_taxonomy_and_tag_uses_it(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    with session_scope(engine) as session:
        save_sector(session, coffee_with(session, "cascara"), by="Nguyễn Thị Lan")
        assert session.exec(select(Notification)).all() == []
    first = cli(settings, tmp_path, "init")
    assert first.returncode == 0, first.stderr
    assert "in the database, kept as they are" in first.stdout
    assert cli(settings, tmp_path, "init").returncode == 0
    with Session(engine) as session:
        assert "cascara" in session.get(Sector, "coffee").rules["keywords"]["en"]  # type: ignore[union-attr]
        [change] = session.exec(select(TaxonomyChange)).all()
        assert change.changed_by == "Nguyễn Thị Lan" and change.sector_id == "coffee"
        assert "cascara" in change.after["keywords"]["en"]
        assert "cascara" not in change.before["keywords"]["en"]
    line = json.dumps({"title": "Cascara husk"}) + "\n"
    tagged = cli(settings, tmp_path, "tag", stdin=line)
    assert tagged.returncode == 0, tagged.stderr
    assert json.loads(tagged.stdout)["sectors"] == ["coffee"]
    # with no database, the file's taxonomy: no cascara there
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    bare = subprocess.run(
        [sys.executable, "-m", "tbtalert", "tag"],
        input=line,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "TBTALERT_DATABASE_URL"},
        cwd=elsewhere,
        timeout=120,
    )
    assert json.loads(bare.stdout)["sectors"] == []
    assert not (elsewhere / "tbtalert.db").exists()
