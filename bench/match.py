"""Benchmark the matcher against the floor of a bare multi-pattern scan.

Generates N realistic notifications (titles, product lists and descriptions in
English, French, Spanish and Vietnamese, half with HS codes, some with codes
only in the text), tags them all with the full default taxonomy on one core,
and times, on the same texts with the same keyword set (every keyword,
plural and exclusion of the taxonomy):

  floor A  a bare pyahocorasick scan of texts already folded (lower-cased,
           diacritics stripped) before timing starts;
  floor B  the same scan including the folding of each text.

Times are CPU time of this process (time.process_time), so other work on a
shared machine does not inflate them; the program runs on one core.

Run: .venv/bin/python bench/match.py [--n 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

import ahocorasick

from tbtalert.matcher import Matcher
from tbtalert.paths import data_file
from tbtalert.sectors import load_taxonomy
from tbtalert.textnorm import fold, normalize

PRODUCTS = {
    "en": [
        "roasted coffee",
        "natural rubber",
        "cassava starch",
        "wooden furniture",
        "fresh mangoes",
        "cashew kernels",
        "black pepper",
        "ginseng extracts",
        "raw cane sugar",
        "frozen shrimp",
        "milk powder",
        "milled rice",
        "prepackaged foods",
        "bottled water",
        "nitrogen fertilizers",
        "cosmetic products",
        "medical devices",
        "cotton garments",
        "steel bars",
        "household appliances",
        "passenger cars",
        "ceramic tiles",
        "toys",
        "plastic packaging",
        "lithium batteries",
        "pesticide residues in apples",
        "honey",
        "tyres for trucks",
        "durian",
        "instant noodles",
    ],
    "fr": [
        "café vert",
        "caoutchouc naturel",
        "farine de manioc",
        "meubles en bois",
        "fruits et légumes",
        "noix de cajou",
        "poivre noir",
        "compléments alimentaires",
        "sucre de canne",
        "crevettes",
        "produits laitiers",
        "riz",
        "denrées alimentaires préemballées",
        "boissons alcoolisées",
        "engrais",
        "produits cosmétiques",
        "dispositifs médicaux",
        "vêtements",
        "acier inoxydable",
    ],
    "es": [
        "café tostado",
        "neumáticos",
        "harina de yuca",
        "muebles de madera",
        "frutas frescas",
        "nueces de macadamia",
        "pimienta",
        "plantas medicinales",
        "azúcar",
        "camarones",
        "productos lácteos",
        "arroz",
        "alimentos preenvasados",
        "bebidas",
        "fertilizantes",
        "productos cosméticos",
        "textiles",
        "acero",
        "aparatos eléctricos",
        "juguetes",
    ],
    "vi": [
        "cà phê nhân",
        "cao su thiên nhiên",
        "tinh bột sắn",
        "đồ gỗ nội thất",
        "sầu riêng",
        "hạt điều",
        "hồ tiêu",
        "sâm ngọc linh",
        "đường tinh luyện",
        "tôm đông lạnh",
        "sữa bột",
        "gạo trắng",
        "thực phẩm bao gói sẵn",
        "nước khoáng",
        "phân bón",
        "mỹ phẩm",
        "thiết bị y tế",
        "hàng dệt may",
        "thép xây dựng",
        "đồ chơi trẻ em",
    ],
}
TITLES = {
    "en": [
        "Draft technical regulation on {p}",
        "Maximum residue limits for {p}",
        "Labelling requirements for {p}",
        "Safety requirements for {p}; conformity assessment",
    ],
    "fr": [
        "Projet de règlement technique relatif aux {p}",
        "Projet d'arrêté fixant les exigences applicables aux {p}",
    ],
    "es": ["Proyecto de reglamento técnico para {p}", "Norma oficial sobre el etiquetado de {p}"],
    "vi": ["Quy chuẩn kỹ thuật quốc gia về {p}", "Tiêu chuẩn quốc gia: {p} — yêu cầu kỹ thuật"],
}
BOILERPLATE = {
    "en": "The draft regulation lays down requirements for composition, labelling, sampling and methods of analysis, and conformity assessment procedures for products placed on the market. Importers shall keep records for two years. This notification replaces the earlier draft, except for transitional provisions.",
    "fr": "Le projet fixe les exigences de composition, d'étiquetage et d'échantillonnage ainsi que les procédures d'évaluation de la conformité des produits mis sur le marché. Les importateurs tiennent un registre pendant deux ans.",
    "es": "El proyecto establece los requisitos de composición, etiquetado, muestreo y métodos de análisis, así como los procedimientos de evaluación de la conformidad de los productos comercializados.",
    "vi": "Quy chuẩn quy định các yêu cầu về chỉ tiêu chất lượng, ghi nhãn, lấy mẫu, phương pháp thử và thủ tục đánh giá sự phù hợp đối với sản phẩm lưu thông trên thị trường.",
}
HS = [
    "0901.11",
    "4001.22",
    "1108.14",
    "9403.60",
    "0804.50",
    "0801.32",
    "0904.11",
    "1211.20",
    "1701.14",
    "0306.17",
    "0402.10",
    "1006.30",
    "2106.90",
    "2201.10",
    "3102.10",
    "3304.99",
    "9018.90",
    "6109.10",
    "7214.20",
    "8516.71",
    "8703.23",
    "6907.21",
    "9503.00",
    "3923.21",
]


def make_items(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    items = []
    for i in range(n):
        lang = rng.choices(["en", "fr", "es", "vi"], weights=[6, 1, 1, 2])[0]
        products = rng.sample(PRODUCTS[lang], k=rng.randint(1, 3))
        item: dict[str, Any] = {
            "symbol": f"G/TBT/N/BEN/{i}",
            "language": lang,
            "title": rng.choice(TITLES[lang]).format(p=products[0]),
            "products": "; ".join(products),
            "description": BOILERPLATE[lang] + " " + rng.choice(PRODUCTS[lang]) + ".",
            "hs_codes": [],
        }
        roll = rng.random()
        if roll < 0.45:
            item["hs_codes"] = rng.sample(HS, k=rng.randint(1, 3))
        elif roll < 0.55:
            item["products"] += f" (HS {rng.choice(HS)})"
        items.append(item)
    return items


def text_of(item: dict[str, Any]) -> str:
    return " | ".join((item["title"], item["products"], item["description"]))


def run(n: int, seed: int) -> None:
    matcher = Matcher.from_sectors(load_taxonomy(data_file("sectors.yaml")))
    items = make_items(n, seed)
    floor = ahocorasick.Automaton()
    for pattern in matcher.keywords.patterns:
        floor.add_word(pattern, pattern)
    floor.make_automaton()

    started = time.process_time()
    tagged = sum(len(matcher.tag(item)) for item in items)
    full = time.process_time() - started

    folded = [fold(normalize(text_of(item))) for item in items]
    started = time.process_time()
    hits_a = sum(len(list(floor.iter(text))) for text in folded)
    floor_a = time.process_time() - started

    started = time.process_time()
    hits_b = sum(len(list(floor.iter(fold(normalize(text_of(item)))))) for item in items)
    floor_b = time.process_time() - started

    print(
        f"notifications: {n}   keyword patterns: {len(matcher.keywords.patterns)}   tags: {tagged}"
    )
    print(f"matcher        {full:7.2f} s   {n / full:10,.0f} notifications/s")
    print(
        f"floor A (scan) {floor_a:7.2f} s   {n / floor_a:10,.0f} notifications/s   ({hits_a} raw hits)"
    )
    print(
        f"floor B (fold+scan) {floor_b:7.2f} s   {n / floor_b:10,.0f} notifications/s   ({hits_b} raw hits)"
    )
    print(
        f"ratio matcher / floor A: {full / floor_a:.2f}x   matcher / floor B: {full / floor_b:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="notifications to tag")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    run(args.n, args.seed)


if __name__ == "__main__":
    main()
