"""The eping-export kind and ``tbtalert import``: ePing's .csv and .xlsx files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings, SourceConfig
from tbtalert.errors import ImportFileError
from tbtalert.ingest import fetch_sources, import_file
from tbtalert.models import Notification, SourceRun
from tbtalert.paths import data_file
from tbtalert.sources.eping_export import parse_export

DATA = Path(__file__).parent / "data" / "sources" / "eping-export"


def rows(engine: Engine) -> dict[str, Notification]:
    with Session(engine) as session:
        return {n.symbol: n for n in session.exec(select(Notification))}


def test_csv_any_column_order_extra_columns_and_date_forms() -> None:
    records = parse_export((DATA / "export.csv").read_bytes(), "export.csv", "x")
    kor, eu, add, tha = records
    assert kor.symbol == "G/TBT/N/KOR/1320" and kor.member == "KOR"
    assert kor.title == "Partial amendment of the Standards for Wood Products & Furniture"
    assert kor.description == "Sets formaldehyde limits for wooden furniture."
    assert kor.distribution_date == date(2026, 10, 15) and kor.comment_deadline == date(
        2026, 12, 14
    )
    assert kor.hs_codes == ["940330", "940360"] and kor.ics_codes == ["97.140"]
    assert kor.notification_url.endswith("NKOR1320.pdf&Open=True")  # the English link
    assert kor.document_urls == [
        "https://members.wto.org/crnattachments/2026/TBT/KOR/26_1320_00_e.pdf"
    ]
    assert kor.raw["symbol"] == "G/TBT/N/KOR/1320"
    assert eu.distribution_date == date(2026, 11, 2)
    assert eu.comment_deadline == date(2027, 1, 1)  # 60 days after notification
    assert eu.keywords == ["Pesticides", "Maximum residue limits (MRLs)"]
    assert add.doc_type == "addendum" and add.base_symbol == "G/SPS/N/EU/812"
    assert tha.entry_into_force_text == "" and tha.comment_deadline is None
    assert tha.hs_codes == []  # products text only: the matcher works from words


def test_xlsx_with_title_rows_above_the_header() -> None:
    jpn, chn = parse_export((DATA / "export.xlsx").read_bytes(), "export.xlsx")
    assert jpn.symbol == "G/TBT/N/JPN/901" and jpn.distribution_date == date(2026, 11, 5)
    assert jpn.comment_deadline == date(2027, 1, 4) and jpn.hs_codes == ["210111"]
    assert chn.area == "SPS" and chn.hs_codes == ["080132"]


def test_missing_required_column_is_named() -> None:
    with pytest.raises(ImportFileError, match="required column 'Title' not found"):
        parse_export((DATA / "missing-title.csv").read_bytes(), "missing-title.csv")


def test_import_file_links_addenda_and_is_idempotent(engine: Engine) -> None:
    summary = import_file(engine, DATA / "export.csv")
    assert (summary.fetched, summary.new, summary.updated) == (4, 4, 0)
    stored = rows(engine)
    assert stored["G/SPS/N/EU/812/Add.1"].base_id == stored["G/SPS/N/EU/812"].id
    assert all(n.announce for n in stored.values())
    again = import_file(engine, DATA / "export.csv")
    assert (again.new, again.updated) == (0, 0) and len(rows(engine)) == 4
    xlsx = import_file(engine, DATA / "export.xlsx")
    assert xlsx.new == 2
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SourceRun)).one() == 3


def test_import_bad_file_stores_nothing(engine: Engine) -> None:
    with pytest.raises(ImportFileError, match="Title"):
        import_file(engine, DATA / "missing-title.csv")
    assert rows(engine) == {}


def test_bundled_samples_source(settings: Settings, engine: Engine) -> None:
    from tbtalert.config import load_settings

    defaults = load_settings(None).sources
    samples = next(s for s in defaults if s.name == "samples")
    cfg = settings.model_copy(update={"sources": [samples]})
    [summary] = fetch_sources(engine, cfg)
    assert summary.status == "ok" and summary.new >= 30
    stored = rows(engine)
    assert all(n.title.startswith("[SAMPLE] ") for n in stored.values())
    assert all(n.announce for n in stored.values())  # the demonstration is mailed
    follow_ups = [n for n in stored.values() if n.base_symbol != n.symbol]
    assert len(follow_ups) >= 2 and all(n.base_id for n in follow_ups)
    members = {n.member for n in stored.values()}
    assert {"EU", "USA", "CHN", "JPN", "KOR", "AUS"} <= members
    assert {"TBT", "SPS"} == {n.area for n in stored.values()}
    assert any(not n.hs_codes and n.products for n in stored.values())
    assert data_file("samples/eping-sample.csv").is_file()


def test_export_over_http_with_etag(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    body = (DATA / "export.xlsx").read_bytes()
    http_server.route(
        "/export.xlsx",
        Reply(body=body, headers={"ETag": '"x1"'}),
        Reply(304, headers={"ETag": '"x1"'}),
    )
    source = SourceConfig(
        name="officials", kind="eping-export", url=http_server.url("/export.xlsx")
    )
    cfg = settings.model_copy(update={"sources": [source]})
    assert fetch_sources(engine, cfg)[0].new == 2
    second = fetch_sources(engine, cfg)[0]
    assert second.status == "not-modified"
    assert http_server.hits("/export.xlsx")[1].headers["If-None-Match"] == '"x1"'


def test_watched_folder_reads_each_new_file_once(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    source = SourceConfig(name="inbox", kind="eping-export", url=str(folder))
    cfg = settings.model_copy(update={"sources": [source]})
    shutil.copy(DATA / "export.csv", folder)
    assert fetch_sources(engine, cfg)[0].new == 4
    assert fetch_sources(engine, cfg)[0].status == "not-modified"
    shutil.copy(DATA / "export.xlsx", folder)
    third = fetch_sources(engine, cfg)[0]
    assert (third.fetched, third.new) == (2, 2)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_import_prints_summary_and_names_missing_column(tmp_path: Path) -> None:
    ok = run_cli("import", str(DATA / "export.csv"), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "export.csv: ok, 4 fetched, 4 new, 0 updated"
    bad = run_cli("import", str(DATA / "missing-title.csv"), cwd=tmp_path)
    assert bad.returncode == 1
    assert len(bad.stderr.strip().splitlines()) == 1
    assert "missing-title.csv: required column 'Title' not found" in bad.stderr
