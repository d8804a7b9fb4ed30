"""Source kinds: one module per way notifications arrive, behind one protocol.

``get_kind(name)`` returns the kind that fetches and parses a configured
source; ``KINDS`` lists them all. See :mod:`tbtalert.sources.base`.
"""

from __future__ import annotations

from tbtalert.errors import ConfigError
from tbtalert.sources.base import FetchContext, Page, SourceKind, SourceState
from tbtalert.sources.eping import EpingKind
from tbtalert.sources.eping_bulk import EpingBulkKind
from tbtalert.sources.eping_export import EpingExportKind
from tbtalert.sources.feed import FeedKind
from tbtalert.sources.html_list import HtmlListKind
from tbtalert.sources.wto_document import WtoDocumentKind

KINDS: dict[str, SourceKind] = {
    kind.kind: kind
    for kind in (
        EpingBulkKind(),
        EpingKind(),
        EpingExportKind(),
        WtoDocumentKind(),
        FeedKind(),
        HtmlListKind(),
    )
}


def get_kind(name: str) -> SourceKind:
    """The source kind called ``name``; ConfigError listing the known ones otherwise."""
    try:
        return KINDS[name]
    except KeyError:
        raise ConfigError(
            f"unknown source kind {name!r}", hint=f"known kinds: {', '.join(sorted(KINDS))}"
        ) from None


__all__ = ["KINDS", "FetchContext", "Page", "SourceKind", "SourceState", "get_kind"]
