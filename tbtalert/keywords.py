"""Every sector's keywords compiled into one Aho-Corasick automaton.

Keywords, their plurals, exclusion phrases and negation cues ("except",
"sauf"...) all go into one automaton over folded text (see
:mod:`tbtalert.textnorm`), so a notification is scanned once whatever the
size of the taxonomy. A hit then passes three filters: a keyword inside a
longer keyword hit is dropped (the longest phrase wins), a keyword in the
same sentence as one of its sector's exclusion phrases is dropped, and a
keyword after a negation cue in the same sentence is dropped.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ahocorasick

from tbtalert.context import stop_phrases
from tbtalert.textnorm import (
    BOUNDARY,
    fold,
    has_diacritics,
    inflections,
    looks_vietnamese,
    normalize,
)

KEYWORD, BROAD, EXCLUDE, NEGATION = "keywords", "broad", "exclude", "negation"
EXCLUDE_NEAR, STOP = "exclude_near", "stop"
NEAR_WORDS = 4  # how many words an exclude_near phrase reaches on either side
LANGUAGES = ("en", "fr", "es", "vi")
FIELDS = ("title", "products", "description")
FIELD_MARK = "\x1d"  # joins the fields before normalizing; kept by normalize

NEGATION_CUES = (
    "except", "excluding", "with the exception of", "other than", "does not apply to",
    "do not apply to", "shall not apply to", "not applicable to", "does not cover", "not covered",
    "sauf", "à l'exception", "à l'exclusion", "hormis", "ne s'applique pas", "ne s'appliquent pas",
    "excepto", "salvo", "con excepción de", "excluyendo", "no se aplica", "no aplica",
    "ngoại trừ", "không áp dụng", "không bao gồm", "không chứa",
    "not containing", "without", "sans", "sin",
)  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """What one automaton pattern stands for in one sector."""

    sector: int
    kind: str
    language: str
    keyword: str  # as written in the taxonomy, shown in reasons
    exact: str | None  # the normalized spelling the text must have, if checked
    single: bool  # one word: checked exactly in Vietnamese texts


class Hit(NamedTuple):
    """A keyword found in a notification."""

    sector: int
    kind: str
    language: str
    keyword: str
    field: str
    start: int


@dataclass
class Scan:
    """The hits of one notification and the normalized text they were found in."""

    hits: list[Hit]
    text: str
    bounds: tuple[int, int]  # where the products and the description start in ``text``
    ignored: list[str] = field(default_factory=list)  # stop phrases found: names, not products

    def product_piece(self, start: int) -> str:
        """The product-list entry (between ``;``) around position ``start``."""
        left = self.text.rfind(BOUNDARY, 0, start) + 1
        right = self.text.find(BOUNDARY, start)
        return self.text[left : right if right >= 0 else len(self.text)]


def _patterns(keyword: str, language: str, kind: str) -> list[tuple[str, str]]:
    """(folded pattern, exact pattern) pairs for a keyword and its plurals."""
    wildcard = keyword.endswith("*")
    base = normalize(keyword.rstrip("*")).strip()
    if not base:
        return []
    forms = [base] if wildcard or kind in (NEGATION, STOP) else inflections(base, language)
    pairs = []
    for form in forms:
        exact = f" {form}" if wildcard else f" {form} "
        pairs.append((fold(exact), exact))
    return pairs


class KeywordIndex:
    """The compiled keyword rules of a taxonomy."""

    def __init__(self, sectors: Sequence[Mapping[str, Any]]) -> None:
        table: dict[str, list[Entry]] = {}
        for position, spec in enumerate(sectors):
            for kind in (KEYWORD, BROAD, EXCLUDE, EXCLUDE_NEAR):
                for language, words in (spec.get(kind) or {}).items():
                    for word in words:
                        self._add(table, position, kind, language, word)
        for cue in NEGATION_CUES:
            self._add(table, -1, NEGATION, "", cue)
        self.stop_reasons: dict[str, str] = {}
        for language, phrase, reason in stop_phrases():
            self._add(table, -1, STOP, language, phrase)
            self.stop_reasons[phrase] = reason
        self.automaton = ahocorasick.Automaton()
        for pattern, entries in table.items():
            # one entry per sector, kind and spelling: "latex" in en and fr is one hit
            unique = {(e.sector, e.kind, e.exact, e.single): e for e in reversed(entries)}
            kept = tuple(reversed(unique.values()))
            plain = all(
                e.exact is None and not e.single and e.kind in (KEYWORD, BROAD) for e in kept
            )
            self.automaton.add_word(pattern, (len(pattern), kept, plain))
        self.automaton.make_automaton()
        self.patterns = list(table)

    @staticmethod
    def _add(
        table: dict[str, list[Entry]], sector: int, kind: str, language: str, word: str
    ) -> None:
        single = " " not in normalize(word).strip()
        exact = single and (language == "vi" or has_diacritics(normalize(word)))
        for folded, spelled in _patterns(word, language, kind):
            entry = Entry(sector, kind, language, word, spelled if exact else None, single)
            table.setdefault(folded, []).append(entry)

    def scan(self, fields: Mapping[str, str], *, vietnamese: bool = False) -> Scan:
        """Find every keyword of every sector in the title, products and description."""
        raw_fields = [(fields.get(name) or "").replace(FIELD_MARK, " ") for name in FIELDS]
        text = normalize(f" {FIELD_MARK} ".join(raw_fields))
        first = text.find(FIELD_MARK)
        bounds = (first, text.find(FIELD_MARK, first + 1))
        text = text.replace(FIELD_MARK, BOUNDARY)
        folded = fold(text)
        vietnamese = vietnamese or looks_vietnamese(text)
        raw: list[tuple[int, int, Entry]] = []  # (start, -end, entry): sorts longest first
        excludes: list[tuple[int, int]] = []  # (sector, sentence start)
        near: list[tuple[int, int, int]] = []  # (sector, start, end) of exclude_near phrases
        negations: list[tuple[int, int]] = []
        for end, (length, entries, plain) in self.automaton.iter(folded):
            start = end - length + 1
            if plain:  # phrases: no spelling to check
                for entry in entries:
                    raw.append((start, -end, entry))
                continue
            for entry in entries:
                if entry.exact is not None:
                    if text[start : end + 1] != entry.exact:
                        continue
                elif vietnamese and entry.single and not text[start : end + 1].isascii():
                    continue  # "ham" is not "hàm": one word must be spelled exactly
                if entry.kind is NEGATION:
                    stop = text.find(BOUNDARY, end)
                    negations.append((end, stop if stop >= 0 else len(text)))
                elif entry.kind is EXCLUDE:
                    excludes.append((entry.sector, text.rfind(BOUNDARY, 0, start)))
                elif entry.kind is EXCLUDE_NEAR:
                    near.append((entry.sector, start, end))
                else:
                    raw.append((start, -end, entry))
        scan = Scan([], text, bounds)
        if raw:
            scan.hits = _filter(raw, set(excludes), near, negations, scan)
        return scan


def _filter(
    raw: list[tuple[int, int, Entry]],
    excluded: set[tuple[int, int]],
    near: list[tuple[int, int, int]],
    negations: list[tuple[int, int]],
    scan: Scan,
) -> list[Hit]:
    """Drop hits inside longer ones (stop phrases too), after a negation cue, or beside an exclusion."""
    raw.sort(key=_POSITION)
    hits: list[Hit] = []
    cover_start, cover_end = -1, 0
    text = scan.text
    title_end, products_end = scan.bounds
    for start, neg_end, entry in raw:
        if neg_end > cover_end or (neg_end == cover_end and start > cover_start):
            continue  # inside a longer phrase
        cover_start, cover_end = start, neg_end
        if entry.kind is STOP:
            scan.ignored.append(entry.keyword)
            continue
        if negations and any(lo <= start < hi for lo, hi in negations):
            continue
        if excluded and (entry.sector, text.rfind(BOUNDARY, 0, start)) in excluded:
            continue
        if near and _near(near, entry.sector, start, -neg_end, text):
            continue
        field = (
            "title" if start < title_end else "products" if start < products_end else "description"
        )
        hit = (entry.sector, entry.kind, entry.language, entry.keyword, field, start)
        hits.append(tuple.__new__(Hit, hit))
    return hits


_POSITION = operator.itemgetter(0, 1)


def _near(near: list[tuple[int, int, int]], sector: int, start: int, end: int, text: str) -> bool:
    """Whether an exclude_near phrase of ``sector`` is within NEAR_WORDS words of [start, end]."""
    for other, lo, hi in near:
        if other != sector:
            continue
        gap = text[hi:start] if hi <= start else text[end:lo] if lo >= end else ""
        if BOUNDARY not in gap and gap.count(" ") <= NEAR_WORDS + 1:
            return True
    return False
