"""Cells for CSV files that people open in a spreadsheet.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula, and some also after a leading tab or carriage return; notified text
is written by others, so such a cell could run a formula on an official's
computer ("CSV injection", OWASP). Such a cell gets a leading apostrophe,
which spreadsheets show as text and do not evaluate. Every CSV that tbtalert
writes goes through :func:`cell`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def neutralise(text: str) -> str:
    """``text`` as a cell no spreadsheet evaluates: a leading ``'`` before a formula start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    """A value as one safe CSV cell: lists joined by ``; ``, dates in ISO 8601, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, datetime | date):
        value = value.isoformat()
    return neutralise(str(value))


def row(values: list[Any]) -> list[str]:
    """Each value of a CSV row as a safe cell."""
    return [cell(v) for v in values]
