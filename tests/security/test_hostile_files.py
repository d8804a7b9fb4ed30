"""Hostile or broken files an official might be given, through the real command line.

Each ends in one line on stderr and a non-zero exit, within 10 s of processor
time and 300 MB of memory, and leaves the database exactly as it was. (The
wall-clock bound is looser: the test machine is shared, and a command that
hangs is killed at ``HANG_SECONDS``.)
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from support.cli import run_tbtalert, tbtalert_env

LIMIT_SECONDS = 10
LIMIT_MB = 300
HANG_SECONDS = 120


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A folder with an initialised database and a few notifications and subscribers."""
    root = tmp_path_factory.mktemp("hostile")
    env = tbtalert_env(database_url=f"sqlite:///{root / 'tbtalert.db'}", subscribers_dir="")
    assert run_tbtalert("init", cwd=root, env=env).returncode == 0
    good = root / "good.csv"
    good.write_text(
        "Symbol,Title,Distribution date\nG/TBT/N/USA/1,Roasted coffee labels,2026-11-02\n",
        encoding="utf-8",
    )
    assert run_tbtalert("import", str(good), cwd=root, env=env).returncode == 0
    subs = root / "subs.yaml"
    subs.write_text(
        "subscribers:\n  - {email: an@coffee.example.com, sectors: [coffee]}\n", encoding="utf-8"
    )
    assert run_tbtalert("subscribers", "sync", str(subs), cwd=root, env=env).returncode == 0
    yield root, env


def snapshot(root: Path) -> str:
    """A digest of every row of every table."""
    engine = create_engine(f"sqlite:///{root / 'tbtalert.db'}")
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for name in sorted(inspect(engine).get_table_names()):
            for row in conn.execute(text(f'SELECT * FROM "{name}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
    engine.dispose()
    return digest.hexdigest()


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    return "\n".join(lines) + "\nsubscribers: *j\nsectors: *j\n"


def deep_nesting(depth: int = 50_000) -> str:
    return "subscribers: " + "[" * depth + "]" * depth + "\n"


def many_entries(count: int = 200_000) -> str:
    return "subscribers:\n" + "".join(
        f"  - email: firm{i}@coffee.example.com\n    sectors: [coffee]\n" for i in range(count)
    )


def cell_xlsx(path: Path, cell: Iterable[bytes]) -> None:
    """A workbook whose sheet holds one inline cell made of the ``cell`` chunks.

    Written by streaming into the zip, so the test never holds the cell in
    memory (and openpyxl, which cuts cells to Excel's limit, never sees it).
    """
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Symbol", "Title"])
    sheet.append(["G/TBT/N/USA/2", "x"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, src.read(info))
                continue
            with out.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(
                    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                    b'<is><t>Symbol</t></is></c><c r="B1" t="inlineStr"><is><t>Title</t></is>'
                    b'</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>G/TBT/N/USA/2</t>'
                    b'</is></c><c r="B2" t="inlineStr"><is><t>'
                )
                for chunk in cell:
                    fh.write(chunk)
                fh.write(b"</t></is></c></row></sheetData></worksheet>")


def random_bytes(size: int = 20_000) -> bytes:
    return random.Random(17).randbytes(size)


def write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


CASES = {
    # name: (command, file name, content, words the one line must hold)
    "subscribers billion laughs": (
        "subscribers sync",
        "laughs.yaml",
        billion_laughs,
        "aliases",
    ),
    "sectors billion laughs": ("sectors import", "laughs-sectors.yaml", billion_laughs, "aliases"),
    "subscribers deep nesting": ("subscribers sync", "deep.yaml", deep_nesting, "YAML"),
    "sectors deep nesting": (
        "sectors import",
        "deep-sectors.yaml",
        lambda: "sectors:\n" + "  " * 0 + "- " * 40 + "x\n",
        "nested more than",
    ),
    "subscribers 200,000 entries": ("subscribers sync", "many.yaml", many_entries, "bytes"),
    "subscribers 200,000 compact entries": (
        "subscribers sync",
        "compact.yaml",
        lambda: (
            "subscribers:\n"
            + "".join(f"- {{email: f{i}@c.vn, sectors: [coffee]}}\n" for i in range(200_000))
        ),
        "more than 20,000 entries",
    ),
    "subscribers invalid UTF-8": (
        "subscribers sync",
        "latin1.yaml",
        lambda: "subscribers:\n  - {email: cà@phê.example.com, sectors: [coffee]}\n".encode(
            "latin-1"
        ),
        "not valid utf-8 at line 2",
    ),
    "sectors invalid UTF-8": (
        "sectors import",
        "latin1-sectors.yaml",
        lambda: "sectors:\n  - {id: coffee, name_vi: Cà phê, name_en: Coffee}\n".encode("latin-1"),
        "not valid utf-8 at line 2",
    ),
    "sectors NUL": ("sectors import", "nul.yaml", lambda: b"sectors:\n  - id: a\x00b\n", "NUL"),
    "subscribers random bytes": ("subscribers sync", "random.yaml", random_bytes, "utf-8"),
    "sectors random bytes": ("sectors import", "random-sectors.yaml", random_bytes, "utf-8"),
    "import csv invalid UTF-8": (
        "import",
        "latin1.csv",
        lambda: "Symbol,Title\nG/TBT/N/VNM/1,Cà phê rang\n".encode("latin-1"),
        "not valid utf-8 at line 2",
    ),
    "import csv NUL": (
        "import",
        "nul.csv",
        b"Symbol,Title\nG/TBT/N/VNM/1,Coffee\x00 roasted\n",
        "NUL character at line 2",
    ),
    "import csv 200 KB field": (
        "import",
        "field.csv",
        lambda: b'Symbol,Title\nG/TBT/N/VNM/1,"' + b"x" * 200_000 + b'"\n',
        "line 2",
    ),
    "import csv random bytes": ("import", "random.csv", random_bytes, "utf-8"),
    "import xlsx random bytes": ("import", "random.xlsx", random_bytes, "not a zip"),
    "import json random bytes": ("import", "random.json", random_bytes, "JSON"),
    "import json deep nesting": (
        "import",
        "deep.json",
        lambda: "[" * 200_000 + "]" * 200_000,
        "nested too deeply",
    ),
    "import feed random bytes": ("import", "random.xml", random_bytes, "feed"),
    "import feed entity expansion": (
        "import",
        "laughs.xml",
        lambda: (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            + "".join(
                f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(4)
            )
            + ']><rss version="2.0"><channel><title>t</title><item><title>&e;</title>'
            "<link>http://127.0.0.1/1</link></item></channel></rss>"
        ),
        "entities",
    ),
}


def assert_refused(root: Path, env: dict[str, str], command: str, path: Path, words: str) -> None:
    """``tbtalert COMMAND PATH`` ends in one line naming ``words``, within the bounds, changing nothing."""
    before = snapshot(root)
    result = run_tbtalert(*command.split(), str(path), cwd=root, env=env, timeout=HANG_SECONDS)
    assert result.returncode != 0, result.stdout
    [line] = result.stderr_lines  # one line, no traceback
    assert line.startswith("tbtalert: error:") and words.lower() in line.lower(), line
    assert len(result.stdout.splitlines()) <= 1, result.stdout
    assert result.peak_mb < LIMIT_MB, f"{result.peak_mb:.0f} MB"
    assert result.cpu_seconds < LIMIT_SECONDS, f"{result.cpu_seconds:.1f} s"
    assert snapshot(root) == before


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_ends_in_one_line(case: str, workspace: tuple[Path, dict[str, str]]) -> None:
    root, env = workspace
    command, name, content, words = CASES[case]
    path = write(root, name, content() if callable(content) else content)
    assert_refused(root, env, command, path, words)


def test_a_zip_bomb_workbook_with_a_629_mb_cell(
    workspace: tuple[Path, dict[str, str]],
) -> None:
    root, env = workspace
    path = root / "bomb.xlsx"
    megabyte = b"A" * (1 << 20)
    cell_xlsx(path, (megabyte for _ in range(629)))
    assert path.stat().st_size < 5_000_000  # it packs into a few MB
    assert_refused(root, env, "import", path, "a zip bomb, or a huge repeated cell")


def test_a_workbook_cell_longer_than_excel_allows(
    workspace: tuple[Path, dict[str, str]],
) -> None:
    """A long cell that packs poorly (no zip bomb) is still refused, by its length, before parsing."""
    root, env = workspace
    path = root / "long-cell.xlsx"
    cell_xlsx(path, [random_bytes(20_000).hex().encode()])
    assert_refused(root, env, "import", path, "holds more than 32,767 characters")


def test_files_over_the_size_cap_are_not_read(workspace: tuple[Path, dict[str, str]]) -> None:
    root, env = workspace
    path = write(root, "big.csv", "Symbol,Title\n" + "G/TBT/N/USA/9,Coffee\n" * 200)
    before = snapshot(root)
    capped = {**env, "TBTALERT_IMPORT_MAX_BYTES": "1000"}
    result = run_tbtalert("import", str(path), cwd=root, env=capped, timeout=HANG_SECONDS)
    assert result.returncode != 0
    [line] = result.stderr_lines
    assert "more than the 1,000 accepted" in line, line
    assert snapshot(root) == before


def test_rows_that_cannot_be_stored_are_counted_and_named(
    workspace: tuple[Path, dict[str, str]],
) -> None:
    root, env = workspace
    path = write(
        root,
        "mixed.csv",
        "Symbol,Title,Distribution date\n"
        "G/TBT/N/USA/21,Coffee labels,2026-11-02\n"
        "G/TBT/N/XX,Bad symbol,2026-11-02\n"
        "G/TBT/N/USA/22,Bad date,31/02/2026\n"
        "G/TBT/N/USA/23,Tea labels,2026-11-03\n",
    )
    before = snapshot(root)
    result = run_tbtalert("import", str(path), cwd=root, env=env, timeout=HANG_SECONDS)
    assert result.returncode != 0
    [line] = result.stderr_lines
    assert "2 of 4 row(s) cannot be stored, nothing imported" in line
    assert "row 3 (G/TBT/N/XX): symbol 'G/TBT/N/XX' is not a WTO notification symbol" in line
    assert "row 4 (G/TBT/N/USA/22): Distribution date '31/02/2026' is not a date" in line
    assert snapshot(root) == before

    kept = run_tbtalert("import", str(path), "--skip-bad-rows", cwd=root, env=env)
    assert kept.returncode == 0, kept.stderr
    assert "ok, 2 fetched, 2 new, 0 updated; 2 left out: row 3" in kept.stdout


def test_invalid_utf8_can_be_read_with_its_declared_encoding(
    workspace: tuple[Path, dict[str, str]],
) -> None:
    root, env = workspace
    path = write(
        root, "cp1258.csv", "Symbol,Title\nG/TBT/N/VNM/7,Cà phê rang xay\n".encode("cp1258")
    )
    result = run_tbtalert("import", str(path), "--encoding", "cp1258", cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    engine = create_engine(f"sqlite:///{root / 'tbtalert.db'}")
    with engine.connect() as conn:
        title = conn.execute(
            text("SELECT title FROM notification WHERE symbol = 'G/TBT/N/VNM/7'")
        ).scalar_one()
    engine.dispose()
    assert title == "Cà phê rang xay"


def test_no_file_is_left_open_or_half_written(workspace: tuple[Path, dict[str, str]]) -> None:
    """The cases above ran in one folder: nothing but the database and the inputs is in it."""
    root, _ = workspace
    assert not [p for p in os.listdir(root) if p.endswith(("-journal", ".tmp"))]
