"""WTO members: notification codes, names in Vietnamese and English, and aliases.

``data/members.yaml`` lists every WTO member under the code notifications use
(ISO 3166 alpha-3, with the WTO's own ``EU`` and ``TPKM``), plus groups that
notify jointly. People name markets in many ways — ``KSA``, ``UK``, ``TWN``,
"Taiwan", "Hoa Kỳ", "european union" — so :func:`resolve_market` reads a code,
either name or an alias, folding case and diacritics, and
:func:`normalize_markets` refuses an unknown one with the closest suggestions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from tbtalert.errors import UnknownMarketError
from tbtalert.paths import data_file
from tbtalert.textnorm import fold, normalize
from tbtalert.yamlfile import load_text


@dataclass(frozen=True)
class Member:
    """A notifying member or group: its code and names."""

    code: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()

    def name(self, language: str = "vi") -> str:
        """The name in ``language`` (vi/en)."""
        return self.vi if language == "vi" else self.en


def _key(text: str) -> str:
    return " ".join(fold(normalize(text)).replace(",", " ").split())


@cache
def members() -> dict[str, Member]:
    """Every member and group by code, in the file's order."""
    data = load_text(data_file("members.yaml").read_text(encoding="utf-8"))
    found: dict[str, Member] = {}
    for section in ("members", "groups"):
        for code, entry in (data.get(section) or {}).items():
            found[str(code)] = Member(
                code=str(code),
                vi=str(entry["vi"]),
                en=str(entry["en"]),
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            )
    return found


@cache
def _index() -> dict[str, str]:
    """Every way of naming a member, folded, to its code."""
    index: dict[str, str] = {}
    for member in members().values():
        for text in (member.vi, member.en, *member.aliases):
            index.setdefault(_key(text), member.code)
    for member in members().values():  # codes win over names that look like codes
        index[_key(member.code)] = member.code
    return index


def member_name(code: str, language: str = "vi", fallback: str = "") -> str:
    """The member's name in ``language`` (vi/en); ``fallback`` or the code when unknown."""
    member = members().get(code.strip().upper())
    if member is None:
        return fallback or code
    return member.name(language)


def resolve_market(text: str) -> str | None:
    """The code of the member ``text`` names (code, name or alias), or None."""
    return _index().get(_key(text))


def suggest_markets(text: str, limit: int = 3) -> list[Member]:
    """The members whose names or codes are closest to ``text``."""
    index = _index()
    close = difflib.get_close_matches(_key(text), list(index), n=limit * 3, cutoff=0.6)
    codes = list(dict.fromkeys(index[c] for c in close))[:limit]
    return [members()[c] for c in codes]


def normalize_markets(values: list[str]) -> list[str]:
    """Member codes for what people typed, sorted; raise UnknownMarketError on the first unknown."""
    codes: set[str] = set()
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        code = resolve_market(text)
        if code is None:
            raise UnknownMarketError(text, suggest_markets(text))
        codes.add(code)
    return sorted(codes)


def names_member(names: list[str], code: str) -> bool:
    """Whether a list of country names (as a source wrote them) names the member ``code``.

    Each entry is read whole, then split at commas ("Viet Nam, Thailand"),
    so a name that holds a comma ("Korea, Republic of") is still found.
    """
    code = code.strip().upper()
    if not code:
        return False
    for name in names:
        if resolve_market(name) == code:
            return True
        if any(resolve_market(part) == code for part in name.split(",") if part.strip()):
            return True
    return False
