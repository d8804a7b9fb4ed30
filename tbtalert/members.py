"""WTO member codes and their names in Vietnamese and English (``data/members.yaml``)."""

from __future__ import annotations

from functools import cache

from tbtalert.paths import data_file
from tbtalert.yamlfile import load_text


@cache
def _names() -> dict[str, tuple[str, str]]:
    data = load_text(data_file("members.yaml").read_text(encoding="utf-8"))
    return {str(code): (str(vi), str(en)) for code, (vi, en) in data.items()}


def member_name(code: str, language: str = "vi", fallback: str = "") -> str:
    """The member's name in ``language`` (vi/en); ``fallback`` or the code when unknown."""
    names = _names().get(code.upper())
    if names is None:
        return fallback or code
    return names[0] if language == "vi" else names[1]
