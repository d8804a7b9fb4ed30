"""WTO symbol parsing: normalization, follow-up chains, garbage rejected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tbtalert.errors import SymbolError
from tbtalert.symbols import find_symbols, normalize_symbol, parse_symbol


def test_full_chain() -> None:
    sym = parse_symbol("G/TBT/N/USA/1436/Rev.1/Add.2")
    assert (sym.area, sym.member, sym.number) == ("TBT", "USA", 1436)
    assert sym.suffixes == (("Rev", 1), ("Add", 2))
    assert sym.base == "G/TBT/N/USA/1436"
    assert sym.parent == "G/TBT/N/USA/1436/Rev.1"
    assert sym.doc_type == "addendum"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" g/tbt/n/usa/1436 ", "G/TBT/N/USA/1436"),
        ("G/SPS/N/EU/640/Corr.1", "G/SPS/N/EU/640/Corr.1"),
        ("G / SPS / N / TPKM / 12 / add. 3", "G/SPS/N/TPKM/12/Add.3"),
        ("G/TBT/N/VNM/301/REV.2", "G/TBT/N/VNM/301/Rev.2"),
        ("G/TBT/N/BRA/1545/Add1", "G/TBT/N/BRA/1545/Add.1"),
    ],
)
def test_normalizes_spacing_and_case(raw: str, expected: str) -> None:
    assert normalize_symbol(raw) == expected


@pytest.mark.parametrize(
    ("raw", "doc_type"),
    [
        ("G/TBT/N/JPN/800", "regular"),
        ("G/TBT/N/JPN/800/Add.1", "addendum"),
        ("G/TBT/N/JPN/800/Corr.1", "corrigendum"),
        ("G/TBT/N/JPN/800/Rev.1", "revision"),
    ],
)
def test_doc_types(raw: str, doc_type: str) -> None:
    assert parse_symbol(raw).doc_type == doc_type


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "G/TBT/N/",
        "G/TBT/N/USA",
        "G/XYZ/N/USA/1",
        "G/TBT/N/USA/12/Foo.1",
        "<script>",
        "TBT 1436",
    ],
)
def test_rejects_garbage_with_clear_error(raw: str) -> None:
    with pytest.raises(SymbolError) as info:
        parse_symbol(raw)
    assert "not a WTO notification symbol" in str(info.value)
    assert "G/TBT/N/USA/1436" in info.value.hint


def test_finds_several_symbols_in_text() -> None:
    found = find_symbols("Notified by G/TBT/N/KEN/1234, g/tbt/n/uga/1500 and G/TBT/N/KEN/1234.")
    assert [s.text for s in found] == ["G/TBT/N/KEN/1234", "G/TBT/N/UGA/1500"]


suffix = st.tuples(st.sampled_from(["Add", "Corr", "Rev"]), st.integers(1, 99))


@given(
    area=st.sampled_from(["TBT", "SPS"]),
    member=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=5),
    number=st.integers(1, 99999),
    suffixes=st.lists(suffix, max_size=3),
)
def test_round_trip(area: str, member: str, number: int, suffixes: list[tuple[str, int]]) -> None:
    text = f"G/{area}/N/{member}/{number}" + "".join(f"/{k}.{n}" for k, n in suffixes)
    sym = parse_symbol(text.lower().replace("/", " / "))
    assert sym.text == text
    assert parse_symbol(sym.text) == sym
    assert sym.base == f"G/{area}/N/{member}/{number}"
