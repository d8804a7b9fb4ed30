"""Every parser, fed anything: it returns, or raises one of the project's own errors, quickly.

Each property mixes arbitrary input with mutations of the recorded fixture
files, so the parsers are driven deep, not only refused at the first byte.
A hang fails through hypothesis' deadline (and pytest-timeout behind it).
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tbtalert.errors import TbtAlertError
from tbtalert.hscodes import hs_in_text, ics_in_text, normalize_hs, normalize_ics
from tbtalert.sectors import parse_taxonomy
from tbtalert.sources.base import date_or_text, hs_codes, ics_codes, parse_date, split_urls
from tbtalert.sources.eping import parse_page
from tbtalert.sources.eping_export import read_export
from tbtalert.sources.feed import parse_feed
from tbtalert.sources.html_list import parse_list
from tbtalert.sources.wto_document import parse_document
from tbtalert.subscribers import read_subscriber_file
from tbtalert.symbols import find_symbols, parse_symbol

DATA = Path(__file__).parent.parent / "data" / "sources"
# A deadline far above a parser's normal time (milliseconds), so that a shared,
# loaded test machine does not fail it, while a pathological input still does.
QUICK = settings(
    max_examples=150, deadline=10_000, suppress_health_check=[HealthCheck.too_slow], database=None
)
SLOW = settings(
    max_examples=40, deadline=20_000, suppress_health_check=[HealthCheck.too_slow], database=None
)

# JSON values of any shape, with keys ePing uses so items are parsed, not skipped
EPING_KEYS = [
    "documentSymbol",
    "symbol",
    "title",
    "titlePlain",
    "distributionDate",
    "commentDeadlineDate",
    "proposedEntryIntoForceDate",
    "hsCodes",
    "icsCodes",
    "notifyingMember",
    "area",
    "linkToNotification",
    "notifiedDocumentLink",
    "items",
    "totalCount",
    "id",
]
SYMBOLISH = st.sampled_from(
    ["G/TBT/N/USA/1436/Rev.1/Add.2", "g/sps/n/eu/640", "G/TBT/N/KOR/1320 ", "G/TBT/N/ＵＳＡ/1"]
)
TEXT = st.one_of(
    st.text(max_size=80),
    SYMBOLISH,
    st.sampled_from(
        ["60 days after notification", "31/02/2026", "9999-12-31", "0901.11", "HS 0801; 0802"]
    ),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(EPING_KEYS) | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=40,
)


def only_own_errors(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a parser; any error it raises must be one of tbtalert's."""
    try:
        return call(*args, **kwargs)
    except TbtAlertError:
        return None


def mutated(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    """``data`` with bytes replaced at a few places (keeps most of the structure)."""
    out = bytearray(data)
    for position, junk in cuts:
        at = position % max(len(out), 1)
        out[at : at + len(junk)] = junk
    return bytes(out)


CUTS = st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), max_size=4)


@QUICK
@given(st.text(max_size=120) | SYMBOLISH)
def test_symbols(text: str) -> None:
    only_own_errors(parse_symbol, text)
    for symbol in only_own_errors(find_symbols, text) or []:
        assert parse_symbol(symbol.text) == symbol


@QUICK
@given(TEXT | st.text(alphabet="0123456789/.- JanuaryDecembredías", max_size=30))
def test_dates(text: str) -> None:
    found = parse_date(text)
    assert found is None or isinstance(found, date)
    when, _ = date_or_text(text, reference=date(9999, 12, 30))
    assert when is None or isinstance(when, date)


@QUICK
@given(st.text(max_size=200) | st.text(alphabet="0123456789.;,- HSICSchapter to", max_size=120))
def test_hs_and_ics_codes(text: str) -> None:
    normalize_hs(text)
    normalize_ics(text)
    hs_in_text(text)
    hs_in_text(text, product_list=True)
    ics_in_text(text)
    hs_codes([text])
    ics_codes([text])
    split_urls(text)


@QUICK
@given(st.one_of(JSON.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200)))
def test_eping_json(data: bytes) -> None:
    only_own_errors(parse_page, data, "http://127.0.0.1/x")


@QUICK
@given(st.lists(st.dictionaries(st.sampled_from(EPING_KEYS), JSON, max_size=8), max_size=4))
def test_eping_json_items(items: list[dict[str, Any]]) -> None:
    data = json.dumps({"items": items, "totalCount": len(items)}).encode()
    only_own_errors(parse_page, data, "http://127.0.0.1/x")


CSV = (DATA / "eping-export" / "export.csv").read_bytes()


@QUICK
@given(st.one_of(CUTS.map(lambda c: mutated(CSV, c)), st.binary(max_size=300)))
def test_csv_rows(data: bytes) -> None:
    only_own_errors(read_export, data, "x.csv", fmt="csv")


CELLS = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.dates(), TEXT)


@SLOW
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=6))
def test_xlsx_rows(rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Symbol", "Title", "Distribution date", "Final date for comments", "Products"])
    try:
        for row in rows:
            sheet.append(row)
    except IllegalCharacterError:
        return  # openpyxl cannot write control characters: no such file exists
    out = io.BytesIO()
    book.save(out)
    only_own_errors(read_export, out.getvalue(), "x.xlsx", fmt="xlsx")


XLSX = (DATA / "eping-export" / "export.xlsx").read_bytes()


@SLOW
@given(CUTS)
def test_damaged_xlsx(cuts: list[tuple[int, bytes]]) -> None:
    only_own_errors(read_export, mutated(XLSX, cuts), "x.xlsx", fmt="xlsx")


RSS = (DATA / "feed" / "rss.xml").read_bytes()


@QUICK
@given(
    st.one_of(CUTS.map(lambda c: mutated(RSS, c)), st.binary(max_size=200), TEXT.map(str.encode))
)
def test_feeds(data: bytes) -> None:
    for lenient in (False, True):
        only_own_errors(parse_feed, data, "http://127.0.0.1/f", jurisdiction="VNM", lenient=lenient)


HTML = (DATA / "html-list" / "tcvn-list.html").read_bytes()
SELECTORS = {"item": "table.ds-tieuchuan tr.dong", "title": "td.ten a", "date": "td.ngay"}


@QUICK
@given(st.one_of(CUTS.map(lambda c: mutated(HTML, c)), st.binary(max_size=200)))
def test_html_lists(data: bytes) -> None:
    only_own_errors(parse_list, data, "http://127.0.0.1/l", SELECTORS, jurisdiction="VNM")


DOCUMENT = (DATA / "wto-document" / "G_TBT_N_USA_2201.html").read_bytes()


@SLOW
@given(st.one_of(CUTS.map(lambda c: mutated(DOCUMENT, c)), st.binary(max_size=200)))
def test_wto_documents(data: bytes) -> None:
    only_own_errors(parse_document, data, "http://127.0.0.1/d")


ENTRY = st.dictionaries(
    st.sampled_from(["email", "name", "sectors", "markets", "areas", "frequency", "language"])
    | st.text(max_size=6),
    JSON,
    max_size=7,
)


@QUICK
@given(
    st.one_of(
        st.lists(ENTRY, max_size=4).map(lambda e: yaml.safe_dump({"subscribers": e})),
        JSON.map(yaml.safe_dump),
        st.text(max_size=200),
    )
)
def test_subscriber_files(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("subs") / "s.yaml"
    path.write_text(text, encoding="utf-8")
    only_own_errors(read_subscriber_file, path, {"coffee", "rubber"})


SECTOR = st.dictionaries(
    st.sampled_from(
        ["id", "name_vi", "name_en", "hs", "ics", "keywords", "exclude", "general_chapters"]
    )
    | st.text(max_size=6),
    JSON,
    max_size=8,
)


@QUICK
@given(
    st.one_of(
        st.lists(SECTOR, max_size=3).map(lambda s: yaml.safe_dump({"sectors": s})),
        JSON.map(yaml.safe_dump),
        st.text(max_size=200),
    )
)
def test_sector_files(text: str) -> None:
    only_own_errors(parse_taxonomy, text, "sectors.yaml")
