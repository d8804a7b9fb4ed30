"""Sources an official switched off (or on again) from the web, on top of the configuration.

A source is fetched on schedule when the configuration enables it and no
official switched it off. Switching lives in the database, so every process
of a deployment sees it; naming the source explicitly (``tbtalert fetch
--source``, "run now") still fetches it.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.models import SourceSwitch, utcnow


def switched_off(session: Session) -> set[str]:
    """The names of the sources an official switched off."""
    return set(session.exec(select(SourceSwitch.name).where(SourceSwitch.enabled == False)).all())  # noqa: E712


def is_switched_off(engine: Engine, name: str) -> bool:
    """Whether an official switched this source off."""
    with Session(engine) as session:
        return name in switched_off(session)


def switch(session: Session, name: str, *, enabled: bool, by: str) -> SourceSwitch:
    """Switch a source on or off, recording who did it."""
    row = session.get(SourceSwitch, name) or SourceSwitch(name=name)
    row.enabled, row.changed_by, row.changed_at = enabled, by, utcnow()
    session.add(row)
    return row


def switches(session: Session) -> dict[str, SourceSwitch]:
    """Every recorded switch, by source name."""
    return {row.name: row for row in session.exec(select(SourceSwitch)).all()}
