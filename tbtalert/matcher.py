"""Tag notifications with the sectors whose products they cover, and say why.

Evidence, strongest first: HS codes (given, or found in the products, title
or description text); words naming products in the title or product list;
broad words ("food") there; ICS codes (often coarse: 67.080 is every fruit
and vegetable); words in the description. HS codes outrank words: when they
tag a sector, another sector is added only when the title or a product entry
without its own code names that sector's products. Each weaker kind counts
only when every stronger kind found nothing. Officials' decisions (origin ``official``) are
stored beside the automatic tags and never rewritten by re-matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tbtalert.db import session_scope
from tbtalert.errors import TagError
from tbtalert.hscodes import hs_from_field, hs_in_text, ics_from_field, ics_in_text
from tbtalert.keywords import BROAD, Hit, KeywordIndex, Scan
from tbtalert.models import Notification, Sector, Tag, utcnow
from tbtalert.sectors import check_sectors, stored_sectors

# A product entry that carries a code ("Coffee (HS 0901)", "Tea. Coffee. Cocoa (ICS code(s): 67.140)")
_HAS_CODE = re.compile(r"(?<!\w)\d{4}(?!\w)|\b(?:hs|ics)\b[^|]*\d")

# Ranks of evidence: the lowest is shown as the reason.
HS_RANK, ICS_RANK, WORD_RANK, DESCRIPTION_RANK, BROAD_RANK = range(5)


class SectorMatch(NamedTuple):
    """One sector of a notification: the reason shown to people, and the rule that fired."""

    sector_id: str
    reason: str
    rule: str


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
        evidence = self._hs_evidence(fields, item.get("hs_codes"))
        coded = bool(evidence)
        vietnamese = get("language") == "vi"
        # The description is read only when nothing stronger decided: most
        # notifications are settled by their codes, title or products.
        scan = self.keywords.scan(
            {"title": fields["title"], "products": fields["products"]}, vietnamese=vietnamese
        )
        words = self._words(scan, coded)
        named = {p: e for p, e in words.items() if e.rank == WORD_RANK}
        if coded:
            for position, named_by in named.items():
                evidence.setdefault(position, named_by)
            return self._matches(evidence)
        broad = {p: e for p, e in words.items() if e.rank == BROAD_RANK}
        found = named or broad or self._ics_evidence(fields, get("ics_codes"))
        if not found:
            found = {p: e for p, e in words.items() if e.rank == DESCRIPTION_RANK}
            if fields["description"]:
                scan = self.keywords.scan(
                    {"description": fields["description"]}, vietnamese=vietnamese
                )
                for position, more in self._words(scan, coded).items():
                    found.setdefault(position, more)
        evidence.update(found)
        return self._matches(evidence)

    def _matches(self, evidence: dict[int, _Evidence]) -> list[SectorMatch]:
        return [
            SectorMatch(self.ids[p], evidence[p].reason, evidence[p].rule) for p in sorted(evidence)
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

    def _words(self, scan: Scan, coded: bool) -> dict[int, _Evidence]:
        best: dict[int, tuple[int, Hit]] = {}
        for hit in scan.hits:
            if hit.kind == BROAD:
                if hit.field == "description" or coded:
                    continue
                rank = BROAD_RANK
            elif hit.field == "description":
                rank = DESCRIPTION_RANK
            elif hit.field == "products" and _HAS_CODE.search(scan.product_piece(hit.start)):
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
            sector: _Evidence(
                rank, f"'{hit.keyword}' in {hit.field}", f"{hit.kind}.{hit.language}:{hit.keyword}"
            )
            for sector, (rank, hit) in best.items()
        }


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


@dataclass
class MatchSummary:
    """What one matching run did."""

    notifications: int
    tags: int


def match_notifications(engine: Engine, *, rematch_all: bool = False) -> MatchSummary:
    """Tag stored notifications not matched yet (or all): rewrite automatic and inherited tags.

    Officials' decisions stay as they are. Originals are matched before their
    follow-ups, so an addendum without evidence of its own inherits its base's
    active tags. Work is committed in batches.
    """
    with session_scope(engine) as session:
        matcher = Matcher.from_sectors(stored_sectors(session))
        query = select(Notification.id)
        if not rematch_all:
            query = query.where(col(Notification.matched_at).is_(None))
        order = (col(Notification.base_id).is_not(None), col(Notification.id))
        ids = [i for i in session.exec(query.order_by(*order)).all() if i is not None]
    summary = MatchSummary(0, 0)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with session_scope(engine) as session:
            rows = session.exec(select(Notification).where(col(Notification.id).in_(batch))).all()
            tags: dict[int, dict[str, Tag]] = {nid: {} for nid in batch}
            for tag in session.exec(select(Tag).where(col(Tag.notification_id).in_(batch))).all():
                tags[tag.notification_id][tag.sector_id] = tag
            place: dict[int | None, int] = {nid: k for k, nid in enumerate(batch)}
            for notification in sorted(rows, key=lambda n: place[n.id]):
                summary.tags += _retag(session, matcher, notification, tags)
                summary.notifications += 1
    return summary


BATCH = 500


def _retag(
    session: Session, matcher: Matcher, notification: Notification, tags: dict[int, dict[str, Tag]]
) -> int:
    """Rewrite one notification's automatic tags; return how many automatic ones it has.

    ``tags`` holds the batch's tags by notification and sector, kept up to
    date here, so a follow-up sees its base's new tags without a query.
    """
    assert notification.id is not None
    wanted = {
        m.sector_id: (m.reason, m.rule, "auto")
        for m in matcher.tag(notification_item(notification))
    }
    if not wanted and notification.base_id is not None:
        wanted = _inherited(session, notification.base_id, tags)
    existing = tags[notification.id]
    for sector_id, tag in list(existing.items()):
        if tag.origin != "official" and sector_id not in wanted:
            session.delete(tag)
            del existing[sector_id]
    written = 0
    for sector_id, (reason, rule, origin) in wanted.items():
        tag = existing.get(sector_id) or Tag(notification_id=notification.id, sector_id=sector_id)
        if tag.origin == "official":
            continue
        tag.reason, tag.rule, tag.origin, tag.status = reason, rule, origin, "active"
        existing[sector_id] = tag
        session.add(tag)
        written += 1
    notification.matched_at = utcnow()
    session.add(notification)
    return written


def _inherited(
    session: Session, base_id: int, tags: dict[int, dict[str, Tag]]
) -> dict[str, tuple[str, str, str]]:
    """The base notification's active tags, as a follow-up's inherited ones."""
    base = session.get(Notification, base_id)
    if base is None:
        return {}
    if base_id in tags:
        base_tags = list(tags[base_id].values())
    else:
        base_tags = list(session.exec(select(Tag).where(Tag.notification_id == base_id)).all())
    return {
        tag.sector_id: (f"inherited from {base.symbol}: {tag.reason}", "inherited", "inherited")
        for tag in base_tags
        if tag.status == "active"
    }


def notification_item(notification: Notification) -> dict[str, Any]:
    """The fields the matcher reads, from a stored notification."""
    return {
        "symbol": notification.symbol,
        "area": notification.area,
        "member": notification.member,
        "title": notification.title,
        "description": notification.description,
        "products": notification.products,
        "hs_codes": notification.hs_codes,
        "ics_codes": notification.ics_codes,
        "language": notification.language,
    }


def add_official_tag(
    session: Session, notification_id: int, sector_id: str, *, by: str, reason: str = ""
) -> None:
    """Put a sector on a notification by an official's decision; re-matching keeps it."""
    _decide(session, notification_id, sector_id, "active", by, reason or f"added by {by}")


def reject_tag(
    session: Session, notification_id: int, sector_id: str, *, by: str, reason: str = ""
) -> None:
    """Take a sector off a notification by an official's decision; re-matching keeps it off."""
    _decide(session, notification_id, sector_id, "rejected", by, reason or f"rejected by {by}")


def _decide(
    session: Session, notification_id: int, sector_id: str, status: str, by: str, reason: str
) -> None:
    if not by.strip():
        raise TagError("an official's decision needs the official's name (--by)")
    notification = session.get(Notification, notification_id)
    if notification is None:
        raise TagError(f"no notification with id {notification_id}")
    if session.get(Sector, sector_id) is None:
        raise TagError(f"unknown sector {sector_id!r}", hint="see 'tbtalert sectors list'")
    tag = session.exec(
        select(Tag).where(Tag.notification_id == notification_id, Tag.sector_id == sector_id)
    ).first() or Tag(notification_id=notification_id, sector_id=sector_id)
    tag.origin, tag.status, tag.reason, tag.rule = "official", status, reason, "official"
    tag.decided_by, tag.decided_at = by.strip(), utcnow()
    session.add(tag)
    # follow-ups that inherited from this notification inherit again
    session.exec(
        update(Notification)
        .where(col(Notification.base_id) == notification_id)
        .values(matched_at=None)
    )
    session.flush()
