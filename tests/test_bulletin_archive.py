"""The bulletin archive: build, publish, rebuild with --force, list; the command line; /bulletins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import Engine

from support.bulletinweek import WEEK, seed_weeks
from tbtalert.bulletin.archive import build_bulletin, list_bulletins, publish_bulletin, read_file
from tbtalert.bulletin.weeks import Week
from tbtalert.config import Settings
from tbtalert.errors import BulletinError

W10 = Week.parse(WEEK)


def test_build_publish_and_rebuild(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_bulletin(engine, settings, W10, out_dir=out, intro="Kính gửi quý doanh nghiệp.")
    assert (first.number, first.status, first.revision) == (1, "draft", 1)
    assert sorted(p.name for p in first.written) == [
        "bulletin-2026-W10.csv",
        "bulletin-2026-W10.html",
        "bulletin-2026-W10.pdf",
    ]
    assert "Kính gửi quý doanh nghiệp." in (out / "bulletin-2026-W10.html").read_text("utf-8")

    # A draft is rebuilt in place: same number, same revision, the intro kept.
    seed_weeks(engine)
    again = build_bulletin(engine, settings, W10, out_dir=out)
    assert (again.number, again.revision, len(again.contents[0].items)) == (1, 1, 8)
    assert "Kính gửi quý doanh nghiệp." in (out / "bulletin-2026-W10.html").read_text("utf-8")
    assert build_bulletin(engine, settings, W10.shift(1)).number == 2

    row, changed = publish_bulletin(engine, W10, by="Nguyễn Thị Lan")
    assert changed and row.status == "published" and row.published_by == "Nguyễn Thị Lan"
    assert publish_bulletin(engine, W10, by="someone else")[1] is False
    published_pdf = (out / "bulletin-2026-W10.pdf").read_bytes()

    with pytest.raises(BulletinError, match="is published and frozen"):
        build_bulletin(engine, settings, W10, out_dir=out)
    forced = build_bulletin(engine, settings, W10, out_dir=out, intro="Bản sửa.", force=True)
    assert (forced.status, forced.revision, forced.number) == ("published", 2, 1)
    assert (out / "bulletin-2026-W10.r1.pdf").read_bytes() == published_pdf
    old = read_file(engine, W10, "bulletin-2026-W10.pdf", revision=1)
    assert old is not None and old.content == published_pdf
    current = read_file(engine, W10, "bulletin-2026-W10.html")
    assert (
        current is not None
        and current.revision == 2
        and b"B\xe1\xba\xa3n s\xe1\xbb\xada." in current.content
    )

    archive = list_bulletins(engine)
    assert [(e.bulletin.week, e.bulletin.status) for e in archive] == [
        ("2026-W11", "draft"),
        ("2026-W10", "published"),
    ]
    assert [e.bulletin.week for e in list_bulletins(engine, published_only=True)] == ["2026-W10"]
    assert read_file(engine, W10.shift(1), "bulletin-2026-W11.pdf") is None  # drafts are not public


def test_publishing_an_unbuilt_week_says_how(engine: Engine) -> None:
    with pytest.raises(BulletinError) as err:
        publish_bulletin(engine, W10, by="x")
    assert "tbtalert bulletin build --week 2026-W10" in err.value.one_line()


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "TBTALERT_SUBSCRIBERS_DIR": "", "TBTALERT_SOURCES": "[]"},
    )


def test_command_line(tmp_path: Path) -> None:
    (tmp_path / "intro.txt").write_text("Đoạn một.\n\nĐoạn hai.\n", "utf-8")
    done = cli(tmp_path, "bulletin", "build", "--week", "2026-W10", "--intro", "intro.txt")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "bulletin 2026-W10 no. 1 (draft, revision 1): 0 item(s), "
        "0 in the province's sectors, 0 sector section(s)"
    )
    assert lines[1].startswith("  bulletins/bulletin-2026-W10.html  ")
    assert lines[2].startswith("  bulletins/bulletin-2026-W10.pdf  ") and "page(s)" in lines[2]
    assert lines[3] == "  bulletins/bulletin-2026-W10.csv  1 KB, 0 row(s)"
    assert lines[4] == "publish it with: tbtalert bulletin publish --week 2026-W10"
    html = (tmp_path / "bulletins" / "bulletin-2026-W10.html").read_text("utf-8")
    assert "<p>Đoạn một.</p>" in html and "<p>Đoạn hai.</p>" in html

    english = cli(tmp_path, "bulletin", "build", "--week", "2026-W10", "--language", "en")
    assert english.returncode == 0 and "bulletin-2026-W10-en.pdf" in english.stdout

    done = cli(tmp_path, "bulletin", "publish", "--week", "2026-W10", "--by", "Nguyễn Thị Lan")
    assert done.stdout.splitlines() == [
        "bulletin 2026-W10 no. 1 published by Nguyễn Thị Lan",
        "the main job mails it within minutes to the subscribers who asked for it "
        "(now: tbtalert bulletin send)",
    ]
    refused = cli(tmp_path, "bulletin", "build", "--week", "2026-W10")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith(
        "tbtalert: error: the bulletin of 2026-W10 (no. 1) is published"
    )
    listed = cli(tmp_path, "bulletin", "list").stdout.splitlines()
    assert listed[0].startswith("2026-W10  no. 1    revision 1  published ")
    assert listed[0].endswith(" by Nguyễn Thị Lan")
    assert listed[1].split(", ")[0].strip() == "bulletin-2026-W10.html"
    assert listed[-1] == "1 bulletin(s)"
    bad = cli(tmp_path, "bulletin", "build", "--week", "2026-W99")
    assert bad.returncode == 1 and "'2026-W99' is not an ISO week" in bad.stderr


def test_public_archive(web_site: tuple[Settings, Engine, str]) -> None:
    settings, engine, base = web_site
    assert "Chưa có bản tin nào" in requests.get(f"{base}/bulletins", timeout=30).text
    build_bulletin(engine, settings, W10, languages=("vi", "en"))
    assert requests.get(f"{base}/bulletins/2026-W10", timeout=30).status_code == 404  # a draft
    publish_bulletin(engine, W10, by="Nguyễn Thị Lan")

    listing = requests.get(f"{base}/bulletins", timeout=30)
    assert listing.status_code == 200
    assert 'href="/bulletins/2026-W10/bulletin-2026-W10.pdf"' in listing.text
    assert 'href="/bulletins/2026-W10?lang=en"' in listing.text

    page = requests.get(f"{base}/bulletins/2026-W10", timeout=30)
    assert page.status_code == 200 and "<h1>Bản tin TBT</h1>" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    english = requests.get(f"{base}/bulletins/2026-W10", params={"lang": "en"}, timeout=30)
    assert "<h1>TBT Bulletin</h1>" in english.text

    pdf = requests.get(f"{base}/bulletins/2026-W10/bulletin-2026-W10.pdf", timeout=30)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="bulletin-2026-W10.pdf"'
    csv = requests.get(f"{base}/bulletins/2026-W10/bulletin-2026-W10-en.csv", timeout=30)
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbfweek,symbol")

    build_bulletin(engine, settings, W10, force=True)
    old = requests.get(f"{base}/bulletins/2026-W10/r1/bulletin-2026-W10.pdf", timeout=30)
    assert old.status_code == 200 and old.content == pdf.content
    for missing in ("/bulletins/2026-W11", "/bulletins/not-a-week", "/bulletins/2026-W10/x.pdf"):
        assert requests.get(base + missing, timeout=30).status_code == 404
