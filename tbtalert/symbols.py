"""WTO notification symbols: parse, normalize, and link follow-ups to their base.

``G/TBT/N/USA/1436/Rev.1/Add.2`` is addendum 2 to revision 1 of the United
States' TBT notification 1436. Symbols arrive with odd spacing and case
(``g/tbt/n/usa/1436/ rev. 1``); :func:`parse_symbol` accepts those and
:attr:`Symbol.text` gives the one normalized spelling used as identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from tbtalert.errors import SymbolError

SUFFIX_NAMES = {"ADD": "Add", "CORR": "Corr", "REV": "Rev", "SUPPL": "Suppl"}
DOC_TYPES = {"Add": "addendum", "Corr": "corrigendum", "Rev": "revision", "Suppl": "addendum"}

_SYMBOL = re.compile(
    r"""^G/(?P<area>TBT|SPS)/N/(?P<member>[A-Z]{2,5})/(?P<number>\d{1,6})
        (?P<suffixes>(?:/(?:ADD|CORR|REV|SUPPL)\.?\d{1,3})*)$""",
    re.VERBOSE,
)
_SUFFIX = re.compile(r"/(ADD|CORR|REV|SUPPL)\.?(\d{1,3})")
_FIND = re.compile(
    r"G\s*/\s*(?:TBT|SPS)\s*/\s*N\s*/\s*[A-Z]{2,5}\s*/\s*\d{1,6}"
    r"(?:\s*/\s*(?:ADD|CORR|REV|SUPPL)\s*\.?\s*\d{1,3})*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Symbol:
    """A parsed WTO notification symbol."""

    area: str
    member: str
    number: int
    suffixes: tuple[tuple[str, int], ...] = ()

    @property
    def base(self) -> str:
        """The original notification's symbol, without any suffix."""
        return f"G/{self.area}/N/{self.member}/{self.number}"

    @property
    def text(self) -> str:
        """The normalized symbol."""
        return self.base + "".join(f"/{name}.{n}" for name, n in self.suffixes)

    @property
    def parent(self) -> str | None:
        """The symbol this one follows up directly (one suffix less), if any."""
        if not self.suffixes:
            return None
        return Symbol(self.area, self.member, self.number, self.suffixes[:-1]).text

    @property
    def doc_type(self) -> str:
        """regular, addendum, corrigendum or revision, by the last suffix."""
        return DOC_TYPES[self.suffixes[-1][0]] if self.suffixes else "regular"

    @property
    def is_follow_up(self) -> bool:
        """Whether this is an addendum, corrigendum or revision."""
        return bool(self.suffixes)

    def __str__(self) -> str:
        return self.text


def parse_symbol(raw: str) -> Symbol:
    """Parse one symbol, tolerant of spacing and case; raise SymbolError otherwise."""
    if not isinstance(raw, str):
        raise SymbolError(f"not a symbol: {raw!r}")
    compact = re.sub(r"\s+", "", raw).upper().rstrip("/")
    match = _SYMBOL.match(compact)
    if match is None:
        shown = raw if len(raw) <= 80 else raw[:77] + "..."
        raise SymbolError(f"not a WTO notification symbol: {shown!r}")
    suffixes = tuple((SUFFIX_NAMES[name], int(n)) for name, n in _SUFFIX.findall(match["suffixes"]))
    return Symbol(match["area"], match["member"], int(match["number"]), suffixes)


def normalize_symbol(raw: str) -> str:
    """The normalized spelling of ``raw``; raise SymbolError if it is not a symbol."""
    return parse_symbol(raw).text


def find_symbols(text: str) -> list[Symbol]:
    """Every symbol found in free text, in order, without duplicates.

    Used for fields that join several symbols (one measure notified by several
    members) and for references to earlier notifications in descriptions.
    """
    seen: dict[str, Symbol] = {}
    for found in _FIND.findall(text or ""):
        sym = parse_symbol(found)
        seen.setdefault(sym.text, sym)
    return list(seen.values())


# "(@Symbol=...)" percent-encoded: a link holding "@" reads as user@host to some checkers
DOCUMENTS_ONLINE = (
    "https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?Query=(%40Symbol%3D{symbol})"
    "&Language=ENGLISH&Context=FomerScriptedSearch&languageUIChanged=true"
)


def documents_online_url(symbol: str) -> str:
    """The WTO Documents Online search for a notification symbol ("" for other identities)."""
    try:
        text = parse_symbol(symbol).text
    except SymbolError:
        return ""
    return DOCUMENTS_ONLINE.format(symbol=quote(text, safe="/"))


def notification_link(symbol: str, url: str) -> str:
    """Where a reader can open a notification: its own web link, else Documents Online.

    A national update without a web link falls back to its identity when that
    is a web address (feeds and list pages use the item's URL as identity).
    """
    if url.lower().startswith(("http://", "https://")):
        return url
    identity = symbol.partition(":")[2]
    if identity.lower().startswith(("http://", "https://")):
        return identity
    return documents_online_url(symbol)
