"""The command line for sectors and tags, run as officials run it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from tbtalert.db import session_scope
from tbtalert.ingest import upsert_records
from tbtalert.models import NotificationRecord
from tbtalert.paths import data_file


def cli(
    *args: str, stdin: str = "", database: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if database:
        env["TBTALERT_DATABASE_URL"] = database
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )


def test_tag_reads_json_lines_and_adds_sectors_and_reasons(tmp_path: Path) -> None:
    lines = [
        {"symbol": "G/TBT/N/UGA/2411", "title": "Cascara", "hs_codes": ["090190"], "keep": 1},
        {"symbol": "VN:1", "title": "TCVN 4850:2010 Nhân hạt điều", "language": "vi"},
        {"title": "Conformity assessment"},
    ]
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    done = cli("tag", "-", stdin=stdin, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[0] == {
        **lines[0],
        "sectors": ["coffee"],
        "reasons": {"coffee": "HS 090190 under 0901"},
        "confidence": {"coffee": "high"},
    }
    assert out[1]["sectors"] == ["nuts"] and out[1]["reasons"] == {"nuts": "'hạt điều' in title"}
    assert (out[2]["sectors"], out[2]["reasons"]) == ([], {})
    assert not (tmp_path / "tbtalert.db").exists()  # no database


def test_tag_reports_bad_lines_by_number_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"title": "Toys"}\n{"title": broken\n\n[1, 2]\n{"title": "Rice"}\n', encoding="utf-8"
    )
    done = cli("tag", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert [json.loads(x)["sectors"] for x in done.stdout.splitlines()] == [
        ["toys_consumer"],
        ["cereals_rice"],
    ]
    assert "line 2: not valid JSON" in done.stderr and "line 4: not a JSON object" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("tbtalert: error: 2 bad line(s)")


def test_tag_with_an_edited_taxonomy(tmp_path: Path) -> None:
    taxonomy = tmp_path / "sectors.yaml"
    text = data_file("sectors.yaml").read_text(encoding="utf-8")
    taxonomy.write_text(
        text.replace("en: [coffee, robusta,", "en: [coffee, cascara, robusta,"), encoding="utf-8"
    )
    done = cli(
        "tag", "--sectors", str(taxonomy), stdin='{"title": "Dried cascara"}\n', cwd=tmp_path
    )
    assert json.loads(done.stdout)["reasons"] == {"coffee": "'cascara' in title"}
    taxonomy.write_text(text.replace('hs: ["0901",', 'hs: ["09x1",'), encoding="utf-8")
    bad = cli("tag", "--sectors", str(taxonomy), stdin="{}\n", cwd=tmp_path)
    assert bad.returncode == 1 and "hs[0] '09x1' is not an HS prefix" in bad.stderr


def test_sectors_and_tags_commands(engine: Engine, database_url: str, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        upsert_records(
            session,
            [
                NotificationRecord(
                    symbol="G/TBT/N/USA/7", area="TBT", member="USA", title="Coffee tables"
                )
            ],
            announce=True,
        )
    db = database_url
    assert (
        cli("match", database=db, cwd=tmp_path).stdout.strip()
        == "matched 1 notification(s): 1 automatic tag(s)"
    )
    listing = cli("sectors", "list", database=db, cwd=tmp_path).stdout.splitlines()
    assert len(listing) == 25 and listing[4].startswith("wood_furniture")
    assert "tagged 1]" in listing[4]

    added = cli(
        "tags",
        "add",
        "g/tbt/n/usa/7",
        "coffee",
        "--by",
        "An",
        "--reason",
        "coffee shops",
        database=db,
        cwd=tmp_path,
    )
    assert added.returncode == 0 and added.stdout.strip() == "G/TBT/N/USA/7: coffee added by An"
    rejected = cli(
        "tags",
        "reject",
        "G/TBT/N/USA/7",
        "wood_furniture",
        "--by",
        "Bình",
        database=db,
        cwd=tmp_path,
    )
    assert rejected.returncode == 0
    assert cli("match", "--all", database=db, cwd=tmp_path).returncode == 0
    shown = cli("tags", "show", "G/TBT/N/USA/7", database=db, cwd=tmp_path).stdout.splitlines()
    assert shown[0].startswith("G/TBT/N/USA/7  Coffee tables")
    assert (
        shown[1].split()[:3] == ["coffee", "active", "official"]
        and "coffee shops — An," in shown[1]
    )
    assert shown[2].split()[:4] == ["wood_furniture", "rejected", "official", "high"]

    unknown = cli("tags", "add", "G/TBT/N/USA/7", "cocoa", "--by", "An", database=db, cwd=tmp_path)
    assert unknown.returncode == 1 and "unknown sector 'cocoa'" in unknown.stderr
    missing = cli("tags", "show", "G/TBT/N/USA/8", database=db, cwd=tmp_path)
    assert missing.returncode == 1 and "no stored notification 'G/TBT/N/USA/8'" in missing.stderr

    exported = tmp_path / "exported.yaml"
    assert cli("sectors", "export", "-o", str(exported), database=db, cwd=tmp_path).returncode == 0
    edited = exported.read_text(encoding="utf-8").replace(
        "[coffee, robusta,", "[coffee, coffee table, robusta,"
    )
    exported.write_text(edited, encoding="utf-8")
    imported = cli("sectors", "import", str(exported), database=db, cwd=tmp_path)
    assert imported.stdout.splitlines() == [
        f"imported 25 sectors from {exported} (0 new)",
        "1 notification(s) will be re-tagged by the next 'tbtalert match'",
    ]
    cli("match", database=db, cwd=tmp_path)
    shown = cli("tags", "show", "G/TBT/N/USA/7", database=db, cwd=tmp_path).stdout
    assert "rejected" in shown and "coffee shops" in shown  # decisions survived the new taxonomy

    exported.write_text(edited.replace("id: rubber", "id: coffee"), encoding="utf-8")
    bad = cli("sectors", "import", str(exported), database=db, cwd=tmp_path)
    assert bad.returncode == 1 and "duplicate id 'coffee' (also sectors[0])" in bad.stderr
    assert f"{exported}:" in bad.stderr  # the file and line of each problem
