"""The taxonomy file: strict checks with places, YAML round trip, import into the database."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine
from sqlmodel import select

from tbtalert.db import session_scope
from tbtalert.errors import TaxonomyError
from tbtalert.matcher import Matcher
from tbtalert.models import Notification, NotificationRecord
from tbtalert.paths import data_file
from tbtalert.sectors import (
    dump_taxonomy,
    import_sectors,
    load_taxonomy,
    parse_taxonomy,
    stored_sectors,
)


def test_shipped_taxonomy_is_valid_and_complete() -> None:
    sectors = load_taxonomy(data_file("sectors.yaml"))
    ids = [s["id"] for s in sectors]
    assert len(ids) == 25 and len(set(ids)) == 25
    assert ids[0] == "coffee" and ids[-1] == "packaging"
    for spec in sectors:
        assert spec["hs"], spec["id"]
        assert set(spec["keywords"]) == {"en", "fr", "es", "vi"}, spec["id"]


BAD = """\
sectors:
  - id: coffee
    name_vi: Cà phê
    name_en: Coffee
    hs: ["09x1", "0901", 901]
    ics: ["67.14"]
    keywords:
      en: [coffee]
      de: [Kaffee]
    colour: brown
  - id: coffee
    name_vi: Cà phê 2
    name_en: Coffee again
  - id: Bad-Id
    name_en: No Vietnamese name
    keywords:
      fr: ["caf*é"]
    general_chapters: "24-01"
extra: true
"""


def test_every_problem_is_reported_with_its_place() -> None:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(BAD, "my-sectors.yaml")
    lines = caught.value.problems
    expected = [
        "my-sectors.yaml: unknown top-level key 'extra'",
        "my-sectors.yaml:10: sectors[0] (coffee): unknown key 'colour'",
        "my-sectors.yaml:5: sectors[0] (coffee): hs[0] '09x1' is not an HS prefix",
        "my-sectors.yaml:5: sectors[0] (coffee): hs[2] 901 is not an HS prefix",
        "my-sectors.yaml:6: sectors[0] (coffee): ics[0] '67.14' is not an ICS code",
        "my-sectors.yaml:9: sectors[0] (coffee): keywords: unknown language 'de'",
        "my-sectors.yaml:11: sectors[1] (coffee): duplicate id 'coffee' (also sectors[0])",
        "my-sectors.yaml:14: sectors[2] (Bad-Id): 'name_vi' is required",
        "my-sectors.yaml:14: sectors[2] (Bad-Id): id 'Bad-Id': use lower-case letters",
        "my-sectors.yaml:17: sectors[2] (Bad-Id): keywords.fr[0] 'caf*é' is not a word or phrase",
        "my-sectors.yaml:18: sectors[2] (Bad-Id): general_chapters '24-01'",
    ]
    for wanted in expected:
        assert any(line.startswith(wanted) for line in lines), (wanted, lines)
    assert len(lines) == len(expected)


def test_not_yaml_or_wrong_shape() -> None:
    with pytest.raises(TaxonomyError, match="not valid YAML"):
        parse_taxonomy("sectors: [", "x.yaml")
    with pytest.raises(TaxonomyError, match="top-level 'sectors:' list"):
        parse_taxonomy("- id: coffee", "x.yaml")
    with pytest.raises(TaxonomyError, match="does not exist"):
        load_taxonomy(Path("/nonexistent/sectors.yaml"))


def test_matcher_refuses_a_bad_taxonomy() -> None:
    with pytest.raises(TaxonomyError, match="hs\\[0\\] '9' is not an HS prefix"):
        Matcher.from_sectors([{"id": "x", "name_vi": "X", "name_en": "X", "hs": ["9"]}])


def test_hs_prefixes_are_normalized() -> None:
    (spec,) = parse_taxonomy(
        'sectors: [{id: x, name_vi: X, name_en: X, hs: ["0901.11", "0901.11"], hs_exclude: ["09.01"]}]',
        "x",
    )
    assert spec["hs"] == ["090111"] and spec["hs_exclude"] == ["0901"]


def test_yaml_round_trip() -> None:
    sectors = load_taxonomy(data_file("sectors.yaml"))
    text = dump_taxonomy(sectors)
    assert text.startswith("# The default sector taxonomy.")  # the key documentation travels along
    assert "keywords:\n      en: [coffee, robusta" in text  # lists stay on one line, as written
    assert parse_taxonomy(text, "exported") == sectors
    assert yaml.safe_load(text)["sectors"][0]["name_vi"] == "Cà phê"


def test_import_updates_the_database_and_requeues(engine: Engine) -> None:
    from tbtalert.ingest import upsert_records
    from tbtalert.tags import match_notifications

    with session_scope(engine) as session:
        upsert_records(
            session,
            [NotificationRecord(symbol="G/TBT/N/VNM/1", area="TBT", member="VNM", title="Cocoa")],
            announce=True,
        )

    match_notifications(engine)
    text = data_file("sectors.yaml").read_text(encoding="utf-8") + (
        "  - id: cocoa\n    name_vi: Ca cao\n    name_en: Cocoa\n    hs: ['1801']\n"
        "    keywords:\n      en: [cocoa]\n      vi: [ca cao]\n"
    )
    with session_scope(engine) as session:
        summary = import_sectors(session, parse_taxonomy(text, "with-cocoa.yaml"))
    assert (summary.sectors, summary.new, summary.requeued) == (26, 1, 1)
    with session_scope(engine) as session:
        assert stored_sectors(session)[-1]["id"] == "cocoa"
        row = session.exec(select(Notification)).one()
        assert row.matched_at is None
