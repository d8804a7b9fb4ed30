"""HS and ICS codes: normalize them, and find them in free text.

HS codes arrive at any level (chapter ``09``, heading ``0901``, subheading
``0901.11``, national lines to 10 digits), in lists and ranges, and often only
inside the products text ("HS 0901.11", "heading 4011", "HS Codes: 0801;
0802", "8501-8504", "partida 0901", "chapitre 44"). Codes named after
"except", "excluding", "sauf", "excepto"... in the same sentence are returned
apart, as excluded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_RANGE = 120
_PLAIN_CODE = re.compile(r"\s*\d[\d.]*\s*$")  # a longer range is widened to its chapters

_CUE = (
    r"(?<![\w.])(?:h\.?s\.?|s\.?h\.?|s\.?a\.?|ncm|hts|cn|tariff(?:\s+(?:lines?|headings?|codes?|items?|numbers?))?"
    r"|(?:sub-?)?headings?|chapters?|chapitres?|cap[ií]tulos?|(?:sub)?partidas?(?:\s+arancelarias?)?"
    r"|positions?(?:\s+tarifaires?)?|nomenclatures?|harmoni[sz]ed\s+(?:system|tariff\s+schedule)"
    r"|mã\s+(?:số\s+)?hs|chương|nhóm)"
)
_CHAPTER_CUE = re.compile(r"(?:chapters?|chapitres?|cap[ií]tulos?|chương)\b", re.IGNORECASE)
_FILLER = r"(?:\s*(?:codes?|c[oó]digos?|numbers?|nos?\.|n[°º]|:|\(|#|ex\b|of\b|de\b|du\b))*\s*"
_CODE = r"\d{2,10}(?:\.\d{1,4}){0,4}"
_RANGE = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bà\b|\ba\b|\bal\b|\bhasta\b|\bđến\b)\s*"
_SEP = r"(?:\s*(?:,|;|/|&|\band\b|\bor\b|\bet\b|\bou\b|\by\b|\bo\b|\bvà\b|\bex\b)\s*|\s+)"
_ITEM = rf"{_CODE}(?:{_RANGE}{_CODE})?"
_CUED = re.compile(rf"{_CUE}{_FILLER}((?:{_ITEM})(?:{_SEP}(?:{_ITEM}))*)", re.IGNORECASE)
_ITEMS = re.compile(rf"({_CODE})(?:{_RANGE}({_CODE}))?")
# In a product list: a code opening an entry ("0901 - Coffee"), a dotted code
# anywhere ("0901.11"), or codes in brackets ("Coffee (0901, 2101)").
_LEADING = re.compile(
    rf"(?:^|[;\n])\s*(\d{{4}}(?:\.\d{{1,4}}){{0,3}}(?:{_RANGE}\d{{4}}(?:\.\d{{1,4}}){{0,3}})?)(?=\s*[-–:(]|\s+[^\W\d])"
)
_DOTTED = re.compile(r"(?<![\w.])(\d{4}\.\d{2}(?:\.\d{2,4})?)(?![\w.]|\.\d)")
_BRACKETED = re.compile(
    r"\((\d{4,10}(?:\.\d{1,4}){0,3}(?:\s*[,;]\s*\d{4,10}(?:\.\d{1,4}){0,3})*)\)"
)
_NEGATION = re.compile(
    r"\b(?:except|excluding|excludes?|other than|not including|with the exception of|sauf|à l'exception"
    r"|hors|excepto|salvo|excluye|excluidos?|con excepción|ngoại trừ|trừ|không bao gồm)\b",
    re.IGNORECASE,
)
_EXCEPT = re.compile(
    rf"{_NEGATION.pattern}\s*(?:{_CUE})?{_FILLER}((?:{_ITEM})(?:{_SEP}(?:{_ITEM}))*)", re.IGNORECASE
)
_ICS_CUED = re.compile(
    r"(?<![\w.])ics(?:\s*(?:codes?|nos?\.|numbers?|:|\())*\s*"
    r"(\d{2}(?:\.\d{3}(?:\.\d{2})?)?(?:\s*(?:,|;|/|and|et|y|\s)\s*\d{2}(?:\.\d{3}(?:\.\d{2})?)?)*)",
    re.IGNORECASE,
)
_ICS = re.compile(r"^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$")


def normalize_hs(raw: str) -> str | None:
    """Digits of one HS code (``"0901.11"`` -> ``"090111"``), or None if it is not one."""
    digits = raw.replace(".", "").replace(" ", "").strip()
    if not digits.isdigit() or not 2 <= len(digits) <= 10 or len(digits) == 3:
        return None
    chapter = int(digits[:2])
    return digits if 1 <= chapter <= 97 and chapter != 77 else None


def normalize_ics(raw: str) -> str | None:
    """One ICS code as ``NN``, ``NN.NNN`` or ``NN.NNN.NN``, or None if it is not one."""
    code = raw.strip().rstrip(".")
    return code if _ICS.match(code) else None


def expand_range(first: str, last: str) -> list[str]:
    """The codes from ``first`` to ``last`` (normalized), widened to chapters when long."""
    if len(first) != len(last) or last < first:
        return [first, last]
    count = int(last) - int(first) + 1
    if count <= MAX_RANGE:
        return [str(n).zfill(len(first)) for n in range(int(first), int(last) + 1)]
    low, high = int(first[:2]), int(last[:2])
    return [str(n).zfill(2) for n in range(low, high + 1) if n != 77]


@dataclass
class FoundCodes:
    """Codes found in a text: named ones, and ones named as excluded."""

    codes: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def add(self, codes: Iterable[str], *, negated: bool) -> None:
        target = self.excluded if negated else self.codes
        for code in codes:
            if code not in target:
                target.append(code)


def _parse_items(text: str) -> list[str]:
    codes: list[str] = []
    for match in _ITEMS.finditer(text):
        first = normalize_hs(match[1])
        if first is None:
            continue
        last = normalize_hs(match[2]) if match[2] else None
        codes.extend(expand_range(first, last) if last else [first])
    return codes


def _negated(text: str, position: int) -> bool:
    """Whether an exclusion cue comes before ``position`` in the same sentence."""
    start = max(text.rfind(". ", 0, position), text.rfind(";", 0, position), 0)
    return _NEGATION.search(text, start, position) is not None


def hs_in_text(text: str, *, product_list: bool = False) -> FoundCodes:
    """HS codes named in ``text``: after a cue word, and in product lists also bare."""
    found = FoundCodes()
    if not text or not any(digit in text for digit in "0123456789"):
        return found
    patterns = [_CUED, _EXCEPT]
    if product_list:
        patterns += [_LEADING, _DOTTED, _BRACKETED]
    for pattern in patterns:
        for match in pattern.finditer(text):
            codes = _parse_items(match[1])
            if _CHAPTER_CUE.match(match[0]):
                codes = [c for c in codes if len(c) == 2]  # "Chapter 20, 2019 edition"
            found.add(codes, negated=_negated(text, match.start(1)))
    return found


def hs_from_field(values: Iterable[str] | str | None) -> list[str]:
    """Normalized HS codes of a notification's code field (a list, or text with lists and ranges)."""
    if not values:
        return []
    items = [values] if isinstance(values, str) else [str(v) for v in values]
    codes: list[str] = []
    for item in items:
        if _PLAIN_CODE.match(item):  # the usual "0901.11": no parsing needed
            plain = normalize_hs(item)
            found = [plain] if plain else []
        else:
            head = re.split(r"\s+[-–:]\s+|\s*[–:]\s*(?=\D)", item.strip(), maxsplit=1)[0]
            found = _parse_items(head)
        for code in found:
            if code not in codes:
                codes.append(code)
    return codes


def ics_in_text(text: str) -> list[str]:
    """ICS codes named after "ICS" in ``text``."""
    codes: list[str] = []
    if not text or "ics" not in text.lower():
        return codes
    for match in _ICS_CUED.finditer(text):
        for raw in re.findall(r"\d{2}(?:\.\d{3}(?:\.\d{2})?)?", match[1]):
            code = normalize_ics(raw)
            if code and code not in codes:
                codes.append(code)
    return codes


def ics_from_field(values: Iterable[str] | str | None) -> list[str]:
    """Normalized ICS codes of a notification's ICS field."""
    if not values:
        return []
    items = re.split(r"[,;\s]+", values) if isinstance(values, str) else [str(v) for v in values]
    codes: list[str] = []
    for item in items:
        code = normalize_ics(item.split(" ")[0] if item.strip() else "")
        if code and code not in codes:
            codes.append(code)
    return codes
