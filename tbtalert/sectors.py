"""The sector taxonomy: load it from YAML and keep the database's copy in step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from tbtalert.config import Settings
from tbtalert.errors import TaxonomyError
from tbtalert.models import Sector
from tbtalert.paths import data_file


def taxonomy_path(settings: Settings) -> Path:
    """The taxonomy file in use: ``settings.sectors_file`` or the shipped one."""
    return settings.sectors_file or data_file("sectors.yaml")


def load_taxonomy(path: Path) -> list[dict[str, Any]]:
    """Read the sectors of a taxonomy YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"sectors file {path} does not exist") from None
    except yaml.YAMLError as err:
        raise TaxonomyError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sectors"), list):
        raise TaxonomyError(f"{path}: expected a top-level 'sectors:' list")
    return list(data["sectors"])


def store_sectors(session: Session, sectors: list[dict[str, Any]]) -> int:
    """Insert or update every sector; return how many were new."""
    existing = {s.id: s for s in session.exec(select(Sector)).all()}
    new = 0
    for position, spec in enumerate(sectors):
        rules = {k: v for k, v in spec.items() if k not in ("id", "name_vi", "name_en")}
        row = existing.get(spec["id"])
        if row is None:
            row = Sector(id=spec["id"], name_vi=spec["name_vi"], name_en=spec["name_en"])
            new += 1
        row.name_vi, row.name_en = spec["name_vi"], spec["name_en"]
        row.position, row.rules = position, rules
        session.add(row)
    return new
