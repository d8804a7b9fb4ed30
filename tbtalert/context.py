"""Context rules that hold for every taxonomy: names and modifiers that hide product words.

A **stop phrase** is read as one unit that names no product: the product
words inside it do not count ("Saudi Food and Drug Authority" is an agency,
not a drug; "rubber-tyred" describes a vehicle, not rubber). Because the
longest phrase wins, a stop phrase silences every shorter keyword inside it.
Each group carries the reason an official reads in the docs and in
``tbtalert tag --explain``.
"""

from __future__ import annotations

from typing import NamedTuple


class StopGroup(NamedTuple):
    """Phrases per language that name no product, and why."""

    reason: str
    phrases: dict[str, tuple[str, ...]]


STOP_GROUPS: tuple[StopGroup, ...] = (
    StopGroup(
        "the name of an agency: the product words in it say who regulates, not what",
        {
            "en": (
                "food and drug administration", "food and drug authority", "food and drugs authority",
                "food and drug board", "food and drugs board", "drug administration",
                "medicines and healthcare products regulatory agency", "ministry of agriculture and fisheries",
                "ministry of fisheries", "department of agriculture and fisheries",
                "bureau of agriculture and fisheries standards", "ministry of agriculture, forestry and fisheries",
                "ministry of agriculture fisheries and forestry", "ministry of health and family welfare",
                "department of fisheries", "fisheries and oceans canada", "ministry of food and drug safety",
                "food safety and standards authority", "directorate general of drug administration",
            ),
            "fr": (
                "ministère de l'agriculture et de la pêche", "ministère de l'agriculture, de la pêche",
                "agence nationale de sécurité du médicament", "agence du médicament",
                "direction de la pharmacie et du médicament", "ministère des pêches",
            ),
            "es": (
                "ministerio de agricultura y pesca", "ministerio de agricultura, ganadería y pesca",
                "ministerio de agricultura, ganadería, acuacultura y pesca",
                "administración nacional de medicamentos, alimentos y tecnología médica",
                "instituto nacional de vigilancia de medicamentos y alimentos",
                "agencia española de medicamentos y productos sanitarios", "dirección general de medicamentos",
                "autoridad nacional de regulación sanitaria",
            ),
            "vi": ("cục quản lý dược", "bộ nông nghiệp và phát triển nông thôn", "cục thủy sản", "tổng cục thủy sản"),
        },
    ),
    StopGroup(
        "the name of a law: the product words in it name the law, not the products regulated",
        {
            "en": (
                "fisheries act", "fisheries management act", "food and drugs act", "food, drug, and cosmetic act",
                "food, drug and cosmetic act", "federal food, drug, and cosmetic act", "drugs and cosmetics act",
                "drug and cosmetic act", "fish inspection act", "seeds act", "fertilizers act",
            ),
            "fr": ("loi sur les aliments et drogues", "loi sur les pêches"),
            "es": ("ley de pesca", "ley general de pesca y acuicultura", "ley de medicamentos"),
            "vi": ("luật thủy sản", "luật dược"),
        },
    ),
    StopGroup(
        "a modifier: the word describes another product (a flavour, a fitting, a residue), not this one",
        {
            "en": (
                "fruit flavour", "fruit flavor", "fruit flavoured", "fruit-flavoured", "fruit flavored",
                "fruit-flavored", "rubber-tyred", "rubber tyred", "rubber-tired", "rubber tired",
                "rubber-tracked", "bitumen cement", "asphalt cement", "asphaltic cement", "cutback asphalt",
                "drug residue", "veterinary drug residue", "residues of veterinary drugs",
                "residues of veterinary medicinal products",
            ),
            "fr": ("arôme de fruit", "arôme fruité", "résidus de médicaments vétérinaires", "ciment bitumineux"),
            "es": ("sabor a fruta", "saborizado a fruta", "residuos de medicamentos veterinarios", "cemento asfáltico"),
            "vi": ("hương trái cây", "dư lượng thuốc thú y"),
        },
    ),
)  # fmt: skip


def stop_phrases() -> list[tuple[str, str, str]]:
    """(language, phrase, reason) for every stop phrase."""
    return [
        (language, phrase, group.reason)
        for group in STOP_GROUPS
        for language, phrases in group.phrases.items()
        for phrase in phrases
    ]
