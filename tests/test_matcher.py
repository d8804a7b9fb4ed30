"""The matcher on its own: keywords, codes, exclusions, evidence ranking, and the evaluation set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tbtalert.hscodes import hs_from_field, hs_in_text, ics_from_field, ics_in_text
from tbtalert.matcher import Matcher
from tbtalert.paths import data_file
from tbtalert.sectors import load_taxonomy
from tbtalert.textnorm import fold, normalize

EVAL = Path(__file__).parent / "data" / "eval" / "notifications.jsonl"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.from_sectors(load_taxonomy(data_file("sectors.yaml")))


def sectors(matcher: Matcher, **item: Any) -> list[str]:
    return [m.sector_id for m in matcher.tag(item)]


def tiny(**rules: Any) -> Matcher:
    """A one-sector taxonomy for edge cases."""
    return Matcher.from_sectors([{"id": "s", "name_vi": "S", "name_en": "S", **rules}])


# --- keywords: diacritics, word boundaries, plurals, phrases across punctuation


def test_vietnamese_phrase_matches_with_and_without_diacritics(matcher: Matcher) -> None:
    assert sectors(matcher, title="Quy chuẩn về cà phê rang xay") == ["coffee"]
    assert sectors(matcher, title="Quy chuan ve ca phe rang xay") == ["coffee"]
    assert sectors(matcher, title="CÀ PHÊ NHÂN XUẤT KHẨU") == ["coffee"]


def test_decomposed_unicode_is_the_same_text(matcher: Matcher) -> None:
    import unicodedata

    assert sectors(matcher, title=unicodedata.normalize("NFD", "Tiêu chuẩn cà phê")) == ["coffee"]


def test_short_vietnamese_words_must_be_spelled_exactly() -> None:
    m = tiny(keywords={"vi": ["sắn"]})
    assert sectors(m, title="Tinh bột sắn xuất khẩu") == ["s"]
    assert sectors(m, title="San pham sua") == []  # "san" is not "sắn"
    assert sectors(m, title="Sản phẩm sữa") == []  # nor is "sản"


def test_short_english_words_do_not_match_vietnamese_syllables(matcher: Matcher) -> None:
    # English "ham" (processed food) must not fire on Vietnamese "hàm lượng" (content)
    assert sectors(matcher, title="Xác định hàm lượng nước trong gạo", language="vi") == [
        "cereals_rice"
    ]


def test_one_word_with_diacritics_needs_them() -> None:
    m = tiny(keywords={"fr": ["thé"]})
    assert sectors(m, title="Le thé vert de Chine") == ["s"]
    assert sectors(m, title="The regulation on green beans") == []


def test_words_without_diacritics_match_accented_text() -> None:
    m = tiny(keywords={"fr": ["cafe"]})
    assert sectors(m, title="Café torréfié") == ["s"]


def test_whole_words_only() -> None:
    m = tiny(keywords={"en": ["tin", "rice"]})
    assert sectors(m, title="Continental price list; tinned goods") == []
    assert sectors(m, title="Rice and tin") == ["s"]


def test_plurals_are_found_from_the_singular() -> None:
    m = tiny(
        keywords={
            "en": ["strawberry", "tomato", "peach"],
            "es": ["limón", "nuez"],
            "fr": ["végétal"],
        }
    )
    for title in (
        "Fresh strawberries",
        "Canned tomatoes",
        "Peaches in syrup",
        "Limones frescos",
        "Nueces de macadamia",
        "Produits végétaux",
    ):
        assert sectors(m, title=title) == ["s"], title


def test_french_and_spanish_phrases_agree_in_number() -> None:
    m = tiny(keywords={"fr": ["pomme de terre"], "es": ["fruta fresca"]})
    assert sectors(m, title="Pommes de terre de conservation") == ["s"]
    assert sectors(m, title="Frutas frescas y hortalizas") == ["s"]


def test_phrases_match_across_punctuation_and_case() -> None:
    m = tiny(keywords={"en": ["fruit juice", "bird's nest"]})
    assert sectors(m, title="FRUIT-JUICE concentrates") == ["s"]
    assert sectors(m, title="Fruit\njuice") == ["s"]
    assert sectors(m, title="Edible birds nest") == []  # the apostrophe's s is part of the phrase
    assert sectors(m, title="Edible bird’s nest products") == ["s"]


def test_phrases_do_not_run_across_sentences() -> None:
    m = tiny(keywords={"en": ["fruit juice"]})
    assert sectors(m, description="Labels on fruit. Juice bars are exempt.") == []


def test_wildcard_keyword() -> None:
    m = tiny(keywords={"en": ["cosmetic*"]})
    assert sectors(m, title="Cosmeticians' products") == ["s"]
    assert sectors(m, title="Microcosmetic") == []


def test_longest_phrase_wins(matcher: Matcher) -> None:
    assert sectors(matcher, title="Safety of coffee tables") == ["wood_furniture"]
    assert sectors(matcher, title="Coconut milk beverages") == ["processed_food", "beverages"]
    assert sectors(matcher, title="Kẹo cao su xuất khẩu", language="vi") == ["sugar"]


# --- exclusions and negation


def test_exclusion_phrase_cancels_its_sector_in_the_same_sentence(matcher: Matcher) -> None:
    assert sectors(matcher, title="Maximum residue limits for pesticides in apples") == [
        "fruit_vegetables"
    ]
    assert sectors(matcher, title="Nutrition labelling: added sugar") == ["processed_food"]


def test_exclusion_does_not_reach_other_sentences() -> None:
    m = tiny(keywords={"en": ["sugar"]}, exclude={"en": ["added sugar"]})
    assert sectors(m, title="Declaration of added sugar") == []
    assert sectors(m, title="Declaration of added sugar, raw cane sugar") == []
    assert sectors(m, title="Declaration of added sugar; raw cane sugar") == ["s"]
    assert sectors(m, title="Declaration of added sugar. Raw cane sugar.") == ["s"]


def test_words_after_except_do_not_count(matcher: Matcher) -> None:
    assert sectors(matcher, title="Toys, except rubber balls") == ["toys_consumer"]
    assert sectors(matcher, title="Tous les jouets sauf les articles en caoutchouc") == [
        "toys_consumer"
    ]


def test_hs_exclude_prefixes(matcher: Matcher) -> None:
    assert sectors(matcher, hs_codes=["0801.32"]) == ["nuts"]  # not fruit: 0801 is excluded there
    assert sectors(matcher, hs_codes=["071410"]) == ["cassava"]
    assert sectors(matcher, hs_codes=["0714.20"]) == ["fruit_vegetables"]


# --- HS and ICS codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("HS 0901.11", ["090111"]),
        ("Tyres (heading 4011)", ["4011"]),
        ("HS Codes: 0801; 0802", ["0801", "0802"]),
        ("HS 8501-8504", ["8501", "8502", "8503", "8504"]),
        ("Chapters 84 and 85", ["84", "85"]),
        ("Partida arancelaria 0901.21.00", ["09012100"]),
        ("Position tarifaire SH 4407", ["4407"]),
        ("Mã HS 0901", ["0901"]),
        ("Regulation (EU) 2019/1793 of 2020", []),
    ],
)
def test_hs_codes_in_text(text: str, codes: list[str]) -> None:
    assert hs_in_text(text).codes == codes


def test_hs_codes_in_product_lists_and_exclusions() -> None:
    found = hs_in_text(
        "0901 - Coffee; Spices (0904.11, 0906); 2101.11.10 extracts", product_list=True
    )
    assert sorted(found.codes) == ["0901", "090411", "0906", "21011110"]
    assert hs_in_text("HS 08 except 0801 and 0802").excluded == ["0801", "0802"]
    assert hs_in_text("Chapter 20, 2019 edition, 120 pages").codes == ["20"]


def test_hs_field_and_ics() -> None:
    assert hs_from_field(["0901.11", "2101 - Extracts of coffee", "ex 0902", "0904-0906"]) == [
        "090111", "2101", "0902", "0904", "0905", "0906",
    ]  # fmt: skip
    assert hs_from_field("8501.10, 8502") == ["850110", "8502"]
    assert ics_from_field("67.140.20; 13.020") == ["67.140.20", "13.020"]
    assert ics_in_text("Products (ICS codes: 67.140.20, 67.040)") == ["67.140.20", "67.040"]


def test_hs_reasons_and_rules(matcher: Matcher) -> None:
    (match,) = matcher.tag({"title": "Roasted coffee", "hs_codes": ["0901.21"]})
    assert (match.sector_id, match.reason, match.rule) == (
        "coffee",
        "HS 090121 under 0901",
        "hs:0901",
    )
    (match,) = matcher.tag({"products": "Café vert (SH 0901.11)"})
    assert match.reason == "HS 090111 under 0901 (in products)"
    (match,) = matcher.tag({"title": "Projet de norme", "products": "café torréfié"})
    assert (match.reason, match.rule) == (
        "'café torréfié' in products",
        "keywords.fr:café torréfié",
    )


def test_broader_codes_cover_the_sectors_inside(matcher: Matcher) -> None:
    assert sectors(matcher, hs_codes=["08"]) == ["fruit_vegetables", "nuts"]
    assert sectors(matcher, hs_codes=["09"]) == ["coffee", "tea", "pepper_spices"]
    assert (
        sectors(matcher, hs_codes=["39"]) == []
    )  # one heading (3923) does not make plastics packaging
    reasons = {m.sector_id: m.reason for m in matcher.tag({"hs_codes": ["09"]})}
    assert reasons["coffee"] == "HS 09 covers 0901"


def test_many_food_chapters_are_food_in_general(matcher: Matcher) -> None:
    result = matcher.tag({"title": "General standard", "products": "HS codes 01-24"})
    assert [(m.sector_id, m.rule) for m in result] == [("processed_food", "general_chapters:01-24")]


def test_ics_codes_tag_when_nothing_better(matcher: Matcher) -> None:
    assert sectors(matcher, title="Draft standard", ics_codes=["67.140.20"]) == ["coffee"]
    # the title names cassava: the coarse ICS 67.080 (fruits, vegetables) is not used
    assert sectors(matcher, title="Cassava chips", ics_codes=["67.080.20"]) == ["cassava"]


# --- evidence ranking


def test_hs_evidence_outranks_a_stray_keyword(matcher: Matcher) -> None:
    item = {
        "title": "Technical regulation on passenger cars",
        "hs_codes": ["8703"],
        "description": "Tyres, seats and glass fitted to the car shall comply with the standards.",
    }
    assert sectors(matcher, **item) == ["vehicles"]


def test_hs_code_names_in_products_do_not_tag(matcher: Matcher) -> None:
    item = {
        "title": "Preserved fruit",
        "products": "2008 - Fruit, nuts and other edible parts of plants, whether or not containing added sugar or spirit",
    }
    assert sectors(matcher, **item) == ["fruit_vegetables"]


def test_title_that_clearly_names_products_adds_a_sector(matcher: Matcher) -> None:
    assert sectors(matcher, title="Coffee and pepper", hs_codes=["0901"]) == [
        "coffee",
        "pepper_spices",
    ]


def test_description_counts_only_when_nothing_else_does(matcher: Matcher) -> None:
    assert sectors(matcher, title="Notice", description="Applies to shrimp and tuna.") == [
        "seafood"
    ]
    assert sectors(
        matcher, title="Toy safety", description="Toys shall not release nickel or wood dust."
    ) == ["toys_consumer"]


def test_general_food_word_yields_to_named_products(matcher: Matcher) -> None:
    assert sectors(matcher, title="Food safety requirements for frozen shrimp") == ["seafood"]
    assert sectors(matcher, title="Food safety requirements") == ["processed_food"]
    assert sectors(matcher, title="Quy chuẩn an toàn thực phẩm", language="vi") == [
        "processed_food"
    ]


def test_nothing_to_tag(matcher: Matcher) -> None:
    assert matcher.tag({}) == []
    assert matcher.tag({"title": "Conformity assessment procedures", "hs_codes": "n/a"}) == []


# --- the evaluation set


def _records() -> list[dict[str, Any]]:
    lines = EVAL.read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if "expected" in r]


def test_evaluation_set_is_what_the_issue_asks_for() -> None:
    records = _records()
    assert len(records) >= 80
    assert sum(1 for r in records if not r["hs_codes"]) >= len(records) / 2
    languages = Counter(r["language"] for r in records)
    assert languages["fr"] >= 5 and languages["es"] >= 5 and languages["vi"] >= 10
    per_sector = Counter(s for r in records for s in r["expected"])
    ids = [s["id"] for s in load_taxonomy(data_file("sectors.yaml"))]
    # tea was added after the set's audit: two real records so far, three for the others
    assert all(per_sector[i] >= (2 if i == "tea" else 3) for i in ids), per_sector
    assert json.loads(EVAL.read_text(encoding="utf-8").splitlines()[0])["_comment"].startswith(
        "Labeling rule"
    )


def test_evaluation_f1_and_recall_per_sector(matcher: Matcher) -> None:
    tp = fp = fn = 0
    missed: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for record in _records():
        got = set(sectors(matcher, **record))
        expected = set(record["expected"])
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
        seen.update(expected)
        missed.update(expected - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.92, (precision, recall)
    worst = {s: 1 - missed[s] / seen[s] for s in seen}
    assert min(worst.values()) >= 0.80, worst


# --- text folding keeps positions, whatever the text


@given(st.text(max_size=200))
def test_folding_keeps_every_position(text: str) -> None:
    normalized = normalize(text)
    folded = fold(normalized)
    assert len(folded) == len(normalized)
    assert normalized.startswith(" ") and normalized.endswith(" ")
    assert "  " not in normalized


@given(st.text(alphabet="aàảãáạăằắặâầấậeèéêềếệđdioôơưuyýỳ ,.;-'", max_size=60))
def test_vietnamese_folds_to_ascii(text: str) -> None:
    assert fold(normalize(text)).isascii()
