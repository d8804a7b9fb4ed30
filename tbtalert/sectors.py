"""The sector taxonomy: read and check it, keep the database's copy in step, export it.

The taxonomy is YAML that officials edit (``tbtalert/data/sectors.yaml``
documents every key). :func:`check_sectors` reports every problem at once,
each with its place (file, line, sector, key), and raises TaxonomyError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import inspect, make_url, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, delete, select

from tbtalert.config import Settings
from tbtalert.db import make_engine
from tbtalert.errors import DatabaseError, TaxonomyError
from tbtalert.hscodes import normalize_hs, normalize_ics
from tbtalert.keywords import LANGUAGES
from tbtalert.models import Notification, Sector, SubscriberSector, Tag
from tbtalert.paths import data_file
from tbtalert.textnorm import normalize

NAMES = ("id", "name_vi", "name_en")
RULES = (
    "hs",
    "hs_exclude",
    "ics",
    "keywords",
    "broad",
    "exclude",
    "exclude_near",
    "general_chapters",
)
KEY_ORDER = NAMES + RULES
_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_CHAPTERS = re.compile(r"^(\d{2})-(\d{2})$")
# libyaml's safe loader is ten times faster than the pure-Python one (1.7 s for the shipped file)
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def taxonomy_path(settings: Settings) -> Path:
    """The taxonomy file in use: ``settings.sectors_file`` or the shipped one."""
    return settings.sectors_file or data_file("sectors.yaml")


def load_taxonomy(path: Path) -> list[dict[str, Any]]:
    """Read and check the sectors of a taxonomy YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"sectors file {path} does not exist") from None
    return parse_taxonomy(text, str(path))


def parse_taxonomy(text: str, source: str) -> list[dict[str, Any]]:
    """Parse and check taxonomy YAML; ``source`` names it in error messages."""
    try:
        data = yaml.load(text, Loader=_LOADER)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        raise TaxonomyError(f"{source}: not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sectors"), list):
        raise TaxonomyError(f"{source}: expected a top-level 'sectors:' list")
    problems = [f"{source}: unknown top-level key {k!r}" for k in data if k != "sectors"]
    lines = _line_index(root)
    try:
        sectors = check_sectors(data["sectors"], source=source, lines=lines)
    except TaxonomyError as err:
        problems += err.message.split("\n")
    if problems:
        raise TaxonomyError("\n".join(problems))
    return sectors


def _line_index(root: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """Line numbers of sectors, their keys and list items: (i,), (i, key), (i, key, j)."""
    lines: dict[tuple[Any, ...], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value != "sectors" or not isinstance(value, yaml.SequenceNode):
            continue
        for i, sector in enumerate(value.value):
            lines[(i,)] = sector.start_mark.line + 1
            if not isinstance(sector, yaml.MappingNode):
                continue
            for k, v in sector.value:
                lines[(i, k.value)] = k.start_mark.line + 1
                items = v.value if isinstance(v, yaml.SequenceNode) else []
                for j, item in enumerate(items):
                    lines[(i, k.value, j)] = item.start_mark.line + 1
                for lang, _words in v.value if isinstance(v, yaml.MappingNode) else []:
                    lines[(i, k.value, lang.value)] = lang.start_mark.line + 1
    return lines


class _Problems:
    def __init__(self, source: str, lines: dict[tuple[Any, ...], int]) -> None:
        self.source, self.lines = source, lines
        self.items: list[str] = []

    def add(self, where: tuple[Any, ...], label: str, message: str) -> None:
        line = next(
            (self.lines[where[:n]] for n in range(len(where), 0, -1) if where[:n] in self.lines),
            None,
        )
        place = f"{self.source}:{line}" if line else self.source
        self.items.append(f"{place}: {label}: {message}")


def check_sectors(
    sectors: Any, *, source: str = "taxonomy", lines: dict[tuple[Any, ...], int] | None = None
) -> list[dict[str, Any]]:
    """Check every sector; return them with HS prefixes normalized, or raise TaxonomyError."""
    problems = _Problems(source, lines or {})
    if not isinstance(sectors, list):
        raise TaxonomyError(f"{source}: 'sectors' must be a list")
    seen: dict[str, int] = {}
    checked: list[dict[str, Any]] = []
    for i, spec in enumerate(sectors):
        if not isinstance(spec, dict):
            problems.add(
                (i,), f"sectors[{i}]", "each sector must be a mapping with id, name_vi, name_en"
            )
            continue
        label = f"sectors[{i}] ({spec.get('id', '?')})"
        sector_id = spec.get("id")
        if isinstance(sector_id, str) and sector_id in seen:
            problems.add(
                (i, "id"), label, f"duplicate id {sector_id!r} (also sectors[{seen[sector_id]}])"
            )
        elif isinstance(sector_id, str):
            seen[sector_id] = i
        checked.append(_check_sector(spec, i, label, problems))
    if problems.items:
        raise TaxonomyError("\n".join(problems.items))
    return checked


def _check_sector(spec: dict[str, Any], i: int, label: str, problems: _Problems) -> dict[str, Any]:
    for key in spec:
        if key not in KEY_ORDER:
            problems.add((i, key), label, f"unknown key {key!r} (known: {', '.join(KEY_ORDER)})")
    for key in NAMES:
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            problems.add((i, key), label, f"{key!r} is required and must be text")
    if isinstance(spec.get("id"), str) and not _ID.match(spec["id"]):
        problems.add((i, "id"), label, f"id {spec['id']!r}: use lower-case letters, digits and _")
    out = {k: spec[k] for k in KEY_ORDER if k in spec}
    for key in ("hs", "hs_exclude"):
        out[key] = _codes(
            spec,
            key,
            i,
            label,
            problems,
            _hs_prefix,
            "an HS prefix (2-10 digits, dots allowed, in quotes)",
        )
    out["ics"] = _codes(
        spec, "ics", i, label, problems, normalize_ics, "an ICS code (NN, NN.NNN or NN.NNN.NN)"
    )
    for key in ("keywords", "broad", "exclude", "exclude_near"):
        out[key] = _words(spec, key, i, label, problems)
    chapters = spec.get("general_chapters")
    if chapters is not None:
        match = _CHAPTERS.match(str(chapters))
        if not match or not 1 <= int(match[1]) <= int(match[2]) <= 97:
            problems.add(
                (i, "general_chapters"),
                label,
                f'general_chapters {chapters!r}: write a chapter range such as "01-24"',
            )
    return {k: v for k, v in out.items() if v not in (None, [], {})}


def _hs_prefix(raw: str) -> str | None:
    if not re.fullmatch(r"\d[\d.]*\d", raw.strip()):
        return None
    return normalize_hs(raw)


def _codes(
    spec: dict[str, Any], key: str, i: int, label: str, problems: _Problems, norm: Any, what: str
) -> list[str]:
    values = spec.get(key)
    if values is None:
        return []
    if not isinstance(values, list):
        problems.add((i, key), label, f"{key} must be a list")
        return []
    codes: list[str] = []
    for j, value in enumerate(values):
        code = norm(value) if isinstance(value, str) else None
        if code is None:
            problems.add((i, key, j), label, f"{key}[{j}] {value!r} is not {what}")
        elif code not in codes:
            codes.append(code)
    return codes


def _words(
    spec: dict[str, Any], key: str, i: int, label: str, problems: _Problems
) -> dict[str, list[str]]:
    table = spec.get(key)
    if table is None:
        return {}
    if not isinstance(table, dict):
        problems.add(
            (i, key), label, f"{key} must map languages ({', '.join(LANGUAGES)}) to lists of words"
        )
        return {}
    out: dict[str, list[str]] = {}
    for lang, words in table.items():
        if lang not in LANGUAGES:
            problems.add(
                (i, key, lang),
                label,
                f"{key}: unknown language {lang!r} (known: {', '.join(LANGUAGES)})",
            )
            continue
        if not isinstance(words, list):
            problems.add((i, key, lang), label, f"{key}.{lang} must be a list")
            continue
        for j, word in enumerate(words):
            bad = (
                not isinstance(word, str)
                or not normalize(word.rstrip("*")).strip()
                or "*" in word.rstrip("*")
            )
            if bad:
                problems.add(
                    (i, key, lang),
                    label,
                    f"{key}.{lang}[{j}] {word!r} is not a word or phrase (a '*' may only end it)",
                )
        out[lang] = [str(w) for w in words if isinstance(w, str)]
    return out


def store_sectors(session: Session, sectors: list[dict[str, Any]]) -> int:
    """Insert or update every sector; return how many were new."""
    existing = {s.id: s for s in session.exec(select(Sector)).all()}
    new = 0
    for position, spec in enumerate(sectors):
        rules = {k: v for k, v in spec.items() if k not in NAMES}
        row = existing.get(spec["id"])
        if row is None:
            row = Sector(id=spec["id"], name_vi=spec["name_vi"], name_en=spec["name_en"])
            new += 1
        row.name_vi, row.name_en = spec["name_vi"], spec["name_en"]
        row.position, row.rules = position, rules
        session.add(row)
    return new


def stored_sectors(session: Session) -> list[dict[str, Any]]:
    """The database's taxonomy, in order, in the shape of the YAML file."""
    rows = session.exec(select(Sector).order_by(col(Sector.position), col(Sector.id))).all()
    return [
        {"id": r.id, "name_vi": r.name_vi, "name_en": r.name_en, **(r.rules or {})} for r in rows
    ]


def database_taxonomy(settings: Settings) -> list[dict[str, Any]]:
    """The configured database's taxonomy, or [] when there is no database or no sector yet.

    Creates nothing: a SQLite file that does not exist is not made.
    """
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return []
    engine = make_engine(settings.database_url)
    try:
        if not inspect(engine).has_table("sector"):
            return []
        with Session(engine) as session:
            return stored_sectors(session)
    except OperationalError as err:
        raise DatabaseError(f"cannot read the sectors from {url!r}: {err.orig}") from None
    finally:
        engine.dispose()


@dataclass
class ImportSummary:
    """What a taxonomy import changed."""

    sectors: int
    new: int
    removed: list[str]
    requeued: int


def import_sectors(session: Session, sectors: list[dict[str, Any]]) -> ImportSummary:
    """Replace the stored taxonomy with checked ``sectors`` and queue every notification for re-matching.

    A sector left out of the file is removed with its automatic tags, unless a
    subscriber follows it or an official decided on it: then nothing changes
    and TaxonomyError names it.
    """
    ids = {s["id"] for s in sectors}
    missing = [r.id for r in session.exec(select(Sector)).all() if r.id not in ids]
    problems = []
    for sector_id in missing:
        followed = session.exec(
            select(SubscriberSector).where(SubscriberSector.sector_id == sector_id)
        ).first()
        decided = session.exec(
            select(Tag).where(Tag.sector_id == sector_id, Tag.origin == "official")
        ).first()
        if followed or decided:
            who = "subscribers follow it" if followed else "officials' tags refer to it"
            problems.append(
                f"sector {sector_id!r} is missing from the file but {who}; keep it in the file"
            )
    if problems:
        raise TaxonomyError("\n".join(problems))
    for sector_id in missing:
        session.exec(delete(Tag).where(col(Tag.sector_id) == sector_id))
        row = session.get(Sector, sector_id)
        session.delete(row)
    session.flush()
    new = store_sectors(session, sectors)
    result = session.exec(update(Notification).values(matched_at=None))
    return ImportSummary(len(sectors), new, missing, int(result.rowcount or 0))


class _FlowListDumper(yaml.SafeDumper):
    """Lists of words and codes on one line, sectors indented, as in the shipped file."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    if data and all(isinstance(x, str) and re.fullmatch(r"[\d.]+", x) for x in data):
        codes = [yaml.ScalarNode("tag:yaml.org,2002:str", x, style='"') for x in data]
        return yaml.SequenceNode("tag:yaml.org,2002:seq", codes, flow_style=True)
    flow = all(isinstance(x, str) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_FlowListDumper.add_representer(list, _represent_list)


def dump_taxonomy(sectors: list[dict[str, Any]]) -> str:
    """The taxonomy as YAML, with the shipped file's explanation of the keys on top."""
    header = []
    for line in data_file("sectors.yaml").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    ordered = [{k: s[k] for k in KEY_ORDER if k in s} for s in sectors]
    body = yaml.dump(
        {"sectors": ordered},
        Dumper=_FlowListDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return "\n".join(header) + "\n" + body
