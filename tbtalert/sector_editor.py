"""Editing one sector's rules: preview what the change would tag, then save it with who and when.

The preview runs the stored taxonomy and the edited one over the last
``PREVIEW_DAYS`` days of notifications and lists the tags the change would
add and remove, writing nothing. Tags an official decided on are left out:
a decision outlives any rule. Saving checks the whole taxonomy as
``sectors import`` does, records a :class:`TaxonomyChange` and queues every
notification for re-tagging at the next match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from tbtalert.errors import TaxonomyError
from tbtalert.keywords import LANGUAGES
from tbtalert.matcher import Matcher
from tbtalert.models import Notification, Sector, Tag, TaxonomyChange, utcnow
from tbtalert.sectors import NAMES, check_sectors, stored_sectors
from tbtalert.tags import notification_item

PREVIEW_DAYS = 90
WORD_LISTS = {  # rule key: (Vietnamese, English) label in the editor
    "keywords": ("Từ khoá", "Keywords"),
    "exclude": ("Cụm từ loại trừ", "Exclusions"),
    "exclude_near": ("Từ loại trừ khi đứng gần (trong 4 từ)", "Words that cancel within 4 words"),
    "broad": ("Từ chung", "Broad words"),
}
CODE_LISTS = ("hs", "hs_exclude", "ics")


def spec_from_form(sector_id: str, form: dict[str, str]) -> dict[str, Any]:
    """A sector as the YAML file has it, from the editor's fields.

    Codes are separated by spaces, commas or semicolons; words and phrases
    are one per line. ``form`` keys: name_vi, name_en, hs, hs_exclude, ics,
    general_chapters, and ``<list>_<lang>`` for keywords, broad and exclude.
    """
    spec: dict[str, Any] = {"id": sector_id}
    for key in ("name_vi", "name_en"):
        spec[key] = form.get(key, "").strip()
    for key in CODE_LISTS:
        codes = [c for c in re.split(r"[\s,;]+", form.get(key, "")) if c]
        if codes:
            spec[key] = codes
    for key in WORD_LISTS:
        table = {}
        for lang in LANGUAGES:
            words = [w.strip() for w in form.get(f"{key}_{lang}", "").splitlines() if w.strip()]
            if words:
                table[lang] = words
        if table:
            spec[key] = table
    chapters = form.get("general_chapters", "").strip()
    if chapters:
        spec["general_chapters"] = chapters
    return spec


def form_from_spec(spec: dict[str, Any]) -> dict[str, str]:
    """The editor's fields for a stored sector (the inverse of :func:`spec_from_form`)."""
    form = {key: str(spec.get(key, "")) for key in ("name_vi", "name_en", "general_chapters")}
    for key in CODE_LISTS:
        form[key] = " ".join(spec.get(key) or [])
    for key in WORD_LISTS:
        for lang in LANGUAGES:
            form[f"{key}_{lang}"] = "\n".join((spec.get(key) or {}).get(lang, []))
    return form


def edited_taxonomy(session: Session, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored taxonomy with one sector replaced by ``spec``, checked (TaxonomyError)."""
    current = stored_sectors(session)
    if all(s["id"] != spec["id"] for s in current):
        raise TaxonomyError(f"no sector {spec['id']!r}", hint="see 'tbtalert sectors list'")
    return check_sectors(
        [spec if s["id"] == spec["id"] else s for s in current], source=f"sector {spec['id']}"
    )


@dataclass
class PreviewLine:
    """A tag the change would add or remove: on which notification, which sector, why."""

    notification: Notification
    sector_id: str
    reason: str


@dataclass
class Preview:
    """What an edited rule would change over the recent notifications."""

    scanned: int
    added: list[PreviewLine] = field(default_factory=list)
    removed: list[PreviewLine] = field(default_factory=list)


def preview_change(
    session: Session, spec: dict[str, Any], *, now: datetime | None = None
) -> Preview:
    """Tags the edited sector rule would add and remove over the last PREVIEW_DAYS days."""
    new = Matcher(edited_taxonomy(session, spec))
    old = Matcher(check_sectors(stored_sectors(session)))
    since = (now or utcnow()) - timedelta(days=PREVIEW_DAYS)
    recent = session.exec(
        select(Notification)
        .where(
            or_(
                col(Notification.distribution_date) >= since.date(),
                col(Notification.first_seen_at) >= since,
            )
        )
        .order_by(col(Notification.distribution_date).desc().nulls_last(), col(Notification.id))
    ).all()
    ids = [n.id for n in recent]
    decided = set(
        session.exec(
            select(Tag.notification_id, Tag.sector_id).where(
                col(Tag.notification_id).in_(ids), Tag.origin == "official"
            )
        ).all()
    )
    preview = Preview(scanned=len(recent))
    for notification in recent:
        item = notification_item(notification)
        before = {m.sector_id: m.reason for m in old.tag(item)}
        after = {m.sector_id: m.reason for m in new.tag(item)}
        for sector_id in sorted(after.keys() - before.keys()):
            if (notification.id, sector_id) not in decided:
                preview.added.append(PreviewLine(notification, sector_id, after[sector_id]))
        for sector_id in sorted(before.keys() - after.keys()):
            if (notification.id, sector_id) not in decided:
                preview.removed.append(PreviewLine(notification, sector_id, before[sector_id]))
    return preview


def save_sector(session: Session, spec: dict[str, Any], *, by: str) -> int:
    """Store the edited sector, record the change; return how many notifications re-tag."""
    checked = next(s for s in edited_taxonomy(session, spec) if s["id"] == spec["id"])
    row = session.get(Sector, spec["id"])
    assert row is not None
    before = {"name_vi": row.name_vi, "name_en": row.name_en, **(row.rules or {})}
    row.name_vi, row.name_en = checked["name_vi"], checked["name_en"]
    row.rules = {k: v for k, v in checked.items() if k not in NAMES}
    after = {"name_vi": row.name_vi, "name_en": row.name_en, **row.rules}
    session.add(row)
    session.add(TaxonomyChange(sector_id=row.id, changed_by=by, before=before, after=after))
    result = session.exec(update(Notification).values(matched_at=None))
    return int(result.rowcount or 0)


def changes(
    session: Session, sector_id: str | None = None, limit: int = 50
) -> list[TaxonomyChange]:
    """The latest recorded changes (of one sector, or all), newest first."""
    query = select(TaxonomyChange)
    if sector_id is not None:
        query = query.where(TaxonomyChange.sector_id == sector_id)
    order = (col(TaxonomyChange.at).desc(), col(TaxonomyChange.id).desc())
    return list(session.exec(query.order_by(*order).limit(limit)).all())
