"""The text of an addendum: a "Reason for Addendum" checklist, not the numbered form.

An addendum (``G/TBT/N/PHL/288/Add.1``) says what happened to a notified
measure by ticking lines of a checklist, each with a date or the address of
a text::

    Reason for Addendum:
    [ ] Comment period changed - date:
    [X] Notified measure published - date: 8 June 2024
    [X] Text of final measure available from1:
    https://members.wto.org/crnattachments/2024/TBT/PHL/final_measure/24_03857_00
    _e.pdf

Addresses broken over two lines (as above) are joined again. See
``tests/data/realdata/phl_addendum_text.txt`` for a real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tbtalert.sources.base import one_line, parse_date

_REASONS = re.compile(r"^\s*Reasons? for addendum\s*:?", re.I | re.M)
_BOX = re.compile(r"^\s*\[\s*([xX✓✔■☒]?)\s*\]\s*(.*)$")
_LABEL_DATE = re.compile(r"^(.*?)\s*(?:-|–)?\s*date\s*:\s*(.*)$", re.I)
_URL = re.compile(r"https?://\S+(?:\n(?!https?://)[^\s:\[]+(?=\n|$))*")
_PLAIN_LABELS = re.compile(
    r"^\s*(Relevant symbol if measure re-notified|New deadline for comments[^:]*|Description|"
    r"Title)\s*:\s*(.*)$",
    re.I,
)
# checklist line -> the record field its date fills
_DATED = (
    (re.compile(r"comment period", re.I), "deadline"),
    (re.compile(r"adopted", re.I), "adoption"),
    (re.compile(r"enters? into force", re.I), "in_force"),
)


@dataclass
class Addendum:
    """What an addendum's text says."""

    title: str = ""
    description: str = ""
    reasons: list[str] = field(default_factory=list)  # the ticked lines, as written
    dates: dict[str, date] = field(default_factory=dict)  # deadline, adoption, in_force
    urls: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The ticked reasons in one line, for a record's description."""
        return "Reason for addendum: " + "; ".join(self.reasons) if self.reasons else ""


def _entries(body: str) -> list[tuple[bool, str, list[str]]]:
    """Checklist entries (ticked, first line, continuation lines) and labelled lines."""
    entries: list[tuple[bool, str, list[str]]] = []
    for line in body.splitlines():
        box = _BOX.match(line)
        if box:
            entries.append((bool(box[1]), box[2].strip(), []))
        elif _PLAIN_LABELS.match(line):
            entries.append((True, line.strip(), []))
        elif entries and line.strip():
            entries[-1][2].append(line.strip())
    return entries


def urls_in(text: str) -> list[str]:
    """Web addresses in ``text``, those broken over two lines joined again."""
    found: list[str] = []
    for match in _URL.finditer(text):
        url = match[0].replace("\n", "").rstrip(".,;)")
        if url not in found:
            found.append(url)
    return found


def _read_entry(result: Addendum, first: str, more: list[str]) -> None:
    label = _PLAIN_LABELS.match(first)
    if label:
        name, value = label[1].lower(), " ".join([label[2], *more]).strip()
        if name.startswith("new deadline") and (when := parse_date(value)):
            result.dates["deadline"] = when
        elif name == "description" and value.strip(" -_"):
            result.description = one_line(value.rstrip(" _"))
        return
    dated = _LABEL_DATE.match(first)
    # "Text of final measure available from1:" carries a footnote mark
    name = re.sub(r"(?<=[a-z])\d+$", "", (dated[1] if dated else first).rstrip(" :-–"))
    when = parse_date(dated[2]) if dated else None
    result.reasons.append(f"{name} ({dated[2].strip()})" if dated and dated[2].strip() else name)
    for pattern, key in _DATED:
        if when and pattern.search(name):
            result.dates[key] = when
    result.urls += [u for u in urls_in("\n".join([first, *more])) if u not in result.urls]


def parse_addendum(text: str) -> Addendum | None:
    """The ticked reasons, dates and addresses of an addendum's text; None when it has none."""
    found = _REASONS.search(text)
    if found is None:
        return None
    result = Addendum()
    title = re.search(
        r"^\s*Title\s*:\s*(.*?)\s*$(?=\s*^\s*Reasons? for addendum)", text, re.I | re.M | re.S
    )
    if title:
        result.title = one_line(title[1])
    for ticked, first, more in _entries(text[found.end() :]):
        if ticked:
            _read_entry(result, first, more)
    return result
