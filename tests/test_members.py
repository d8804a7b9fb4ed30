"""Markets by code, name or alias: what people type becomes the code the data uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.members import (
    UnknownMarketError,
    member_name,
    members,
    normalize_markets,
    resolve_market,
)
from tbtalert.models import Subscriber
from tbtalert.subscribers import sync_subscribers
from tbtalert.symbols import parse_symbol


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("TWN", "TPKM"),
        ("Taiwan", "TPKM"),
        ("Đài Loan", "TPKM"),
        ("KSA", "SAU"),
        ("Saudi Arabia", "SAU"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("EU", "EU"),
        ("european union", "EU"),
        ("Liên minh châu Âu", "EU"),
        ("Hoa Kỳ", "USA"),
        ("hoa ky", "USA"),
        ("Mỹ", "USA"),
        ("usa", "USA"),
        ("Nhật Bản", "JPN"),
        ("Korea, Republic of", "KOR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Hong Kong, China", "HKG"),
    ],
)
def test_names_and_aliases_map_to_the_datas_codes(typed: str, code: str) -> None:
    assert resolve_market(typed) == code


def test_an_unknown_market_is_refused_with_the_closest_suggestions() -> None:
    with pytest.raises(UnknownMarketError) as err:
        normalize_markets(["JPN", "Germny"])
    assert err.value.text == "Germny"
    assert err.value.suggestions[0].code == "DEU"
    assert "did you mean DEU (Germany)" in str(err.value)


def test_every_member_has_both_names_and_a_code_symbols_accept() -> None:
    found = members()
    assert len([c for c in found if c != "GCC"]) == 166  # WTO members since 2024
    for code, member in found.items():
        assert member.vi and member.en, code
        assert parse_symbol(f"G/TBT/N/{code}/1").member == code
    assert member_name("VNM") == "Việt Nam"
    assert member_name("USA", "en") == "United States"
    assert member_name("XYZ", "vi", "Somewhere") == "Somewhere"


def test_a_subscriber_file_takes_markets_by_name(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "firms.yaml"
    path.write_text(
        "subscribers:\n"
        "  - email: xuatkhau@example.com\n"
        "    sectors: [coffee]\n"
        "    markets: [Hoa Kỳ, KSA, UK, Taiwan, EU]\n",
        encoding="utf-8",
    )
    [summary] = sync_subscribers(engine, path)
    assert summary.status == "ok", summary.errors
    with Session(engine) as session:
        row = session.exec(select(Subscriber)).one()
    assert row.markets == ["EU", "GBR", "SAU", "TPKM", "USA"]
