"""Where shipped files live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def shipped_templates_dir() -> Path:
    """The templates shipped with tbtalert: inside the wheel, or the checkout's ``templates/``."""
    inside = PACKAGE_DIR / "templates"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "templates"


def data_file(name: str) -> Path:
    """A file shipped in ``tbtalert/data`` (sector taxonomy, samples)."""
    return DATA_DIR / name


def resolve_location(url: str) -> str:
    """Turn ``package:NAME`` into the path of a shipped data file; leave others as they are."""
    if url.startswith("package:"):
        return str(data_file(url.removeprefix("package:")))
    return url
