"""CSV cells that a spreadsheet would run as formulas are written as text, also by ``export``."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy.engine import Engine

from support.mailfactory import add_notification
from tbtalert.export import export_notifications
from tbtalert.spreadsheet import cell, neutralise, row


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_formula_start_gets_an_apostrophe(start: str) -> None:
    assert neutralise(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_other_cells_are_left_as_they_are() -> None:
    assert row(["G/TBT/N/EU/1", " =x", ["0901", "0902"], date(2026, 1, 2), None, 3]) == [
        "G/TBT/N/EU/1",
        " =x",
        "0901; 0902",
        "2026-01-02",
        "",
        "3",
    ]
    assert cell(["=a", "b"]) == "'=a; b"


def test_export_csv_neutralises_formula_cells(engine: Engine) -> None:
    add_notification(
        engine,
        "G/TBT/N/USA/1",
        title='=HYPERLINK("http://evil.example","click")',
        products="+cmd|' /C calc'!A0",
        description="@SUM(1+1)",
        agency="-2+3",
    )
    out = io.StringIO()
    export_notifications(engine, out, "csv")
    [item] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert item["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert item["products"] == "'+cmd|' /C calc'!A0"
    assert item["description"] == "'@SUM(1+1)" and item["agency"] == "'-2+3"
