"""Tag notifications with the sectors whose products they cover, say why, and how sure.

Pure rules, no database (stored notifications are tagged by :mod:`tbtalert.tags`).
Evidence, strongest first: HS codes (given, or found in the products, title
or description text); words naming products in the title or product list;
broad words ("food") there; ICS codes (often coarse: 67.080 is every fruit
and vegetable). HS codes outrank words: when they tag a sector, another sector
is added only when the title or a product entry without its own code names
that sector's products. The description is always read, after the rest: when
no product word in the title or product list named a sector, it adds its
sectors (with low confidence) unless it repeats a sector found already (a
description that names the coded product again is talking about that
product; one that names something else shows the real subject behind a stray
code or a vague title).

Each sector gets a confidence: ``high`` from an HS code, ``medium`` from a
product word in the title or product list (or an ICS code), ``low`` from the
description only or from one generic word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple, get_args

from tbtalert.hscodes import hs_from_field, hs_in_text, ics_from_field, ics_in_text
from tbtalert.keywords import BROAD, Hit, KeywordIndex, Scan
from tbtalert.models import Confidence
from tbtalert.sectors import check_sectors
from tbtalert.textnorm import BOUNDARY, normalize

# A product entry that carries a code ("Coffee (HS 0901)", "Tea. Coffee. Cocoa (ICS code(s): 67.140)")
_HAS_CODE = re.compile(r"(?<!\w)\d{4}(?!\w)|\b(?:hs|ics)\b[^|]*\d")

# Ranks of evidence: the lowest is shown as the reason.
HS_RANK, ICS_RANK, WORD_RANK, DESCRIPTION_RANK, BROAD_RANK = range(5)
HIGH: Final = "high"
MEDIUM: Final = "medium"
LOW: Final = "low"
CONFIDENCE: dict[int, Confidence] = {
    HS_RANK: HIGH,
    ICS_RANK: MEDIUM,
    WORD_RANK: MEDIUM,
    DESCRIPTION_RANK: LOW,
    BROAD_RANK: LOW,
}
CONFIDENCES = get_args(Confidence)


class SectorMatch(NamedTuple):
    """One sector of a notification: the reason shown to people, the rule that fired, how sure."""

    sector_id: str
    reason: str
    rule: str
    confidence: Confidence = MEDIUM


class _Evidence(NamedTuple):
    rank: int
    reason: str
    rule: str


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, Iterable):
        return "; ".join(str(v) for v in value)
    return str(value)


class Matcher:
    """A taxonomy compiled once, applied to any number of notifications."""

    def __init__(self, sectors: Sequence[Mapping[str, Any]]) -> None:
        self.ids = [str(s["id"]) for s in sectors]
        self.keywords = KeywordIndex(sectors)
        self._hs: dict[str, list[int]] = {}
        self._hs_exclude: list[tuple[str, ...]] = []
        self._ics: dict[str, list[int]] = {}
        self._general: list[tuple[int, frozenset[str], str]] = []
        for position, spec in enumerate(sectors):
            for prefix in spec.get("hs") or ():
                self._hs.setdefault(_digits(prefix), []).append(position)
            self._hs_exclude.append(tuple(_digits(p) for p in spec.get("hs_exclude") or ()))
            for prefix in spec.get("ics") or ():
                self._ics.setdefault(str(prefix), []).append(position)
            if spec.get("general_chapters"):
                low, high = str(spec["general_chapters"]).split("-")
                chapters = frozenset(f"{n:02d}" for n in range(int(low), int(high) + 1))
                self._general.append((position, chapters, str(spec["general_chapters"])))
        self._hs_lengths = sorted({len(p) for p in self._hs}, reverse=True)
        self._hs_cache: dict[tuple[str, str], tuple[tuple[int, str, _Evidence], ...]] = {}
        self._field_cache: dict[str | tuple[str, ...], list[str]] = {}
        self._under = self._broader_index()

    @classmethod
    def from_sectors(cls, sectors: list[dict[str, Any]]) -> Matcher:
        """Check a taxonomy (raising TaxonomyError) and compile it."""
        return cls(check_sectors(sectors))

    def _broader_index(self) -> dict[str, list[tuple[int, str]]]:
        """For a code broader than some sectors' prefixes: those sectors and prefixes.

        A whole chapter tags the sectors under it only when they hold two
        headings of it or more (chapter 09 is coffee and spices; chapter 39,
        plastics, is not packaging because 3923 is in it).
        """
        headings: dict[str, set[str]] = {}
        for prefix in self._hs:
            if len(prefix) >= 4:
                headings.setdefault(prefix[:2], set()).add(prefix[:4])
        under: dict[str, list[tuple[int, str]]] = {}
        for prefix, positions in self._hs.items():
            for cut in range(2, len(prefix), 2):
                if cut == 2 and len(headings.get(prefix[:2], ())) < 2:
                    continue
                under.setdefault(prefix[:cut], []).extend((p, prefix) for p in positions)
        return under

    def tag(self, item: Mapping[str, Any]) -> list[SectorMatch]:
        """The sectors of one notification (keys: title, description, products, hs_codes, ics_codes, language)."""
        get = item.get
        fields = {"title": _text(get("title")), "products": _text(get("products"))}
        fields["description"] = _text(get("description"))
        evidence = self._hs_evidence(fields, get("hs_codes"))
        coded = bool(evidence)
        vietnamese = get("language") == "vi"
        heading = {"title": fields["title"], "products": fields["products"]}
        scan = self.keywords.scan(heading, vietnamese=vietnamese)
        words, _ = self._words(scan, coded, _coded_entries(fields["products"]))
        named = {p: e for p, e in words.items() if e.rank == WORD_RANK}
        if coded:
            for position, named_by in named.items():
                evidence.setdefault(position, named_by)
        else:
            broad = {p: e for p, e in words.items() if e.rank == BROAD_RANK}
            evidence.update(named or broad or self._ics_evidence(fields, get("ics_codes")))
        if named:
            return self._matches(evidence)  # the title or products name the products
        described: dict[int, _Evidence] = {}
        if fields["description"]:
            scan = self.keywords.scan({"description": fields["description"]}, vietnamese=vietnamese)
            described = self._words(scan, coded, [])[1]
        for position, coded_name in words.items():  # product entries that only name their code
            if coded_name.rank == DESCRIPTION_RANK and not evidence:
                described.setdefault(position, coded_name)
        if described and not described.keys() & evidence.keys():
            evidence.update(described)
        return self._matches(evidence)

    def _matches(self, evidence: dict[int, _Evidence]) -> list[SectorMatch]:
        return [
            SectorMatch(self.ids[p], e.reason, e.rule, CONFIDENCE[e.rank])
            for p, e in sorted(evidence.items())
        ]

    def _hs_evidence(self, fields: Mapping[str, str], given: Any) -> dict[int, _Evidence]:
        found: list[tuple[str, str]] = [(c, "") for c in self._given_codes(given)]
        excluded: set[str] = set()
        for name, text in fields.items() if _has_digits("".join(fields.values())) else ():
            codes = hs_in_text(text, product_list=name == "products")
            found += [(c, name) for c in codes.codes if all(c != f for f, _ in found)]
            excluded.update(codes.excluded)
        evidence: dict[int, _Evidence] = {}
        found = self._general_scope(found, evidence)
        for code, where in found:
            if code not in excluded:
                self._hs_code(code, where, excluded, evidence)
        return evidence

    def _given_codes(self, given: Any) -> list[str]:
        """The notification's HS field, normalized (cached: the same lists come again and again)."""
        if not given:
            return []
        key = given if isinstance(given, str) else tuple(map(str, given))
        codes = self._field_cache.get(key)
        if codes is None:
            if len(self._field_cache) > 100_000:
                self._field_cache.clear()
            codes = self._field_cache[key] = hs_from_field(given)
        return codes

    def _ics_evidence(self, fields: Mapping[str, str], given: Any) -> dict[int, _Evidence]:
        evidence: dict[int, _Evidence] = {}
        ics = ics_from_field(given)
        ics += [c for text in fields.values() for c in ics_in_text(text) if c not in ics]
        for code in ics:
            self._ics_code(code, evidence)
        return evidence

    def _general_scope(
        self, found: list[tuple[str, str]], evidence: dict[int, _Evidence]
    ) -> list[tuple[str, str]]:
        chapters = {code for code, _ in found if len(code) == 2}
        for position, scope, label in self._general:
            inside = chapters & scope
            if len(inside) >= 4:
                reason = f"HS chapters {min(inside)}-{max(inside)} ({len(inside)} chapters): the whole field"
                evidence[position] = _Evidence(HS_RANK, reason, f"general_chapters:{label}")
                found = [(c, w) for c, w in found if c not in inside]
        return found

    def _hs_code(
        self, code: str, where: str, excluded: set[str], out: dict[int, _Evidence]
    ) -> None:
        key = (code, where)
        found = self._hs_cache.get(key)
        if found is None:
            found = self._hs_cache[key] = self._code_sectors(code, where)
        for position, prefix, evidence in found:
            if excluded and any(prefix.startswith(x) for x in excluded):
                continue  # "HS 08 except 0801": not the sector under 0801
            _keep(out, position, evidence)

    def _code_sectors(self, code: str, where: str) -> tuple[tuple[int, str, _Evidence], ...]:
        """The sectors one HS code tags, with the prefix each came by (cached per code)."""
        suffix = f" (in {where})" if where else ""
        found: list[tuple[int, str, _Evidence]] = []
        for length in self._hs_lengths:
            positions = self._hs.get(code[:length]) if length <= len(code) else None
            allowed = [
                p
                for p in positions or ()
                if not any(code.startswith(x) for x in self._hs_exclude[p])
            ]
            for p in allowed:
                reason = f"HS {code} under {code[:length]}{suffix}"
                found.append((p, "", _Evidence(HS_RANK, reason, f"hs:{code[:length]}")))
            if allowed:
                break
        for p, prefix in self._under.get(code, ()):
            if not any(prefix.startswith(x) for x in self._hs_exclude[p]):
                reason = f"HS {code} covers {prefix}{suffix}"
                found.append((p, prefix, _Evidence(HS_RANK, reason, f"hs:{prefix}")))
        return tuple(found)

    def _ics_code(self, code: str, out: dict[int, _Evidence]) -> None:
        best = ""
        for prefix in self._ics:
            if (code == prefix or code.startswith(prefix + ".")) and len(prefix) > len(best):
                best = prefix
        for p in self._ics.get(best, ()) if best else ():
            _keep(out, p, _Evidence(ICS_RANK, f"ICS {code} under {best}", f"ics:{best}"))

    def _words(
        self, scan: Scan, coded: bool, coded_entries: list[str]
    ) -> tuple[dict[int, _Evidence], dict[int, _Evidence]]:
        """Word evidence from the title and products, and, apart, from the description."""
        best: dict[int, tuple[int, Hit]] = {}
        described: dict[int, _Evidence] = {}
        for hit in scan.hits:
            if hit.kind == BROAD:
                if hit.field == "description" or coded:
                    continue
                rank = BROAD_RANK
            elif hit.field == "description":
                if hit.sector not in described:
                    described[hit.sector] = _word_evidence(DESCRIPTION_RANK, hit)
                continue
            elif (
                hit.field == "products"
                and coded_entries
                and _names_a_code(scan.product_piece(hit.start), coded_entries)
            ):
                # a code's own name ("Tea. Coffee. Cocoa (ICS 67.140)"): the code decides
                if coded:
                    continue
                rank = DESCRIPTION_RANK
            else:
                rank = WORD_RANK
            current = best.get(hit.sector)
            if current is None or rank < current[0]:
                best[hit.sector] = (rank, hit)
        return {
            sector: _word_evidence(rank, hit) for sector, (rank, hit) in best.items()
        }, described


def _word_evidence(rank: int, hit: Hit) -> _Evidence:
    reason = f"'{hit.keyword}' in {hit.field}"
    return _Evidence(rank, reason, f"{hit.kind}.{hit.language}:{hit.keyword}")


def _coded_entries(products: str) -> list[str]:
    """The product entries (between ``;``) that carry a code, normalized without sentence marks."""
    if not _has_digits(products):
        return []
    entries = (" ".join(normalize(e).replace(BOUNDARY, " ").split()) for e in products.split(";"))
    return [f" {e} " for e in entries if _HAS_CODE.search(e)]


def _names_a_code(piece: str, coded_entries: list[str]) -> bool:
    """Whether a products piece lies in an entry that carries a code ("Tea. Coffee. Cocoa (ICS 67.140)")."""
    piece = " " + " ".join(piece.split()) + " "
    return any(piece in entry for entry in coded_entries)


def _keep(out: dict[int, _Evidence], position: int, evidence: _Evidence) -> None:
    """Keep the strongest evidence per sector (the first one among equals)."""
    current = out.get(position)
    if current is None or evidence.rank < current.rank:
        out[position] = evidence


def _has_digits(text: str) -> bool:
    """Whether ``text`` has an ASCII digit (ten substring scans beat one regex)."""
    return any(digit in text for digit in "0123456789")


def _digits(prefix: object) -> str:
    return str(prefix).replace(".", "").replace(" ", "")
