"""The context rules of issue 16, one test per rule class.

Texts are phrases the issue quotes from real notifications ("Food and Drug
Administration", "Fisheries Act", "fruit drinks", "herbal and fruit
infusions", "rubber-tyred", "drug residues") set in titles of the shape
notifications have.
"""

from __future__ import annotations

from typing import Any

import pytest

from tbtalert.matcher import Matcher
from tbtalert.paths import data_file
from tbtalert.sectors import load_taxonomy


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_sectors(load_taxonomy(data_file("sectors.yaml")))


def tagged(matcher: Matcher, **item: Any) -> dict[str, str]:
    return {m.sector_id: m.confidence for m in matcher.tag(item)}


def test_agency_and_law_names_tag_nothing(matcher: Matcher) -> None:
    title = "Proposed rule of the Food and Drug Administration on the labelling of honey"
    assert tagged(matcher, title=title) == {"animal_products": "medium"}
    assert "seafood" not in tagged(
        matcher, title="Amendment to the Fisheries Act: fees for import permits of fertilizers"
    )
    assert "seafood" not in tagged(
        matcher,
        title="Ministerio de Agricultura y Pesca: requisitos para fertilizantes",
        language="es",
    )


def test_modifiers_change_the_product(matcher: Matcher) -> None:
    assert tagged(matcher, title="Fruit drinks — Specification") == {"beverages": "medium"}
    assert tagged(matcher, title="Herbal and fruit infusions — Specification") == {"tea": "medium"}
    assert "rubber" not in tagged(matcher, title="Rubber-tyred tractors — Safety requirements")
    assert "pharma_medical" not in tagged(matcher, title="Maximum levels of drug residues in honey")


def test_exclusion_within_a_window(matcher: Matcher) -> None:
    assert "fruit_vegetables" not in tagged(matcher, title="Yoghurt with strawberry fruit flavour")
    assert "nuts" not in tagged(matcher, title="Walnut timber for furniture")
    # far from the window, the word counts again
    far = "Strawberries, fresh; labelling of the country of origin and of any added flavour"
    assert "fruit_vegetables" in tagged(matcher, title=far)


def test_the_longer_phrase_wins(matcher: Matcher) -> None:
    assert tagged(matcher, title="Green tea — Specification") == {"tea": "medium"}
    assert "tea" not in tagged(matcher, title="Tea tree oil for cosmetic use")


def test_description_is_read_with_low_confidence(matcher: Matcher) -> None:
    item = {
        "title": "Draft standard",
        "products": "Seeders (HS 8432.30)",
        "description": "Specifies requirements for cassava planting material and stems.",
    }
    assert tagged(matcher, **item) == {"electrical_electronics": "high", "cassava": "low"}
    confirmed = dict(
        item, description="Seeders and planters: safety of the cassava seeder machine."
    )
    assert "cassava" not in tagged(matcher, **confirmed)  # it repeats the coded product


def test_weak_families(matcher: Matcher) -> None:
    assert "pharma_medical" in tagged(
        matcher, title="Registro de especialidades medicinales", language="es"
    )
    assert "pharma_medical" in tagged(matcher, title="Produits de santé: étiquetage", language="fr")
    assert "nuts" in tagged(matcher, title="Cashew butter — Specification")
    assert tagged(matcher, title="Food contact materials: plastics") == {"packaging": "medium"}


def test_confidence_per_evidence(matcher: Matcher) -> None:
    assert tagged(matcher, title="Tea", hs_codes=["0902.10"]) == {"tea": "high"}
    assert tagged(matcher, title="Food hygiene: general principles") == {"processed_food": "low"}
