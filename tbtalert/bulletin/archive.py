"""The bulletin archive: build a week's bulletin, publish it, list and read the files.

Each week has one :class:`~tbtalert.models.Bulletin` row (issue number,
status ``draft``/``published``, who published) and its files in
:class:`~tbtalert.models.BulletinFile` rows, so every web server on the
database serves the same files. Building a draft replaces its files.
Publishing freezes them: building a published week again needs ``force`` and
adds a revision, keeping the files of the earlier ones (in the database, and
on disk renamed ``bulletin-2026-W47.r1.pdf``).

A build reads the database in one short transaction, renders with no
transaction open (a PDF takes seconds), then stores the files in another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.orm import defer
from sqlmodel import Session, col, delete, select

from tbtalert.bulletin.content import BulletinContent, gather
from tbtalert.bulletin.render import FORMATS, LANGUAGES, Rendered, file_name, render_all
from tbtalert.bulletin.weeks import Week, last_complete_week
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.errors import BulletinError
from tbtalert.models import Bulletin, BulletinFile, utcnow
from tbtalert.scheduler import zone_of
from tbtalert.templating import make_environment


@dataclass
class BuildReport:
    """What a build made: the week's row as it is now, and each language's files."""

    week: Week
    number: int
    status: str
    revision: int
    contents: list[BulletinContent]
    rendered: list[Rendered]
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # earlier revisions' files, renamed


def default_week(settings: Settings, now: datetime | None = None) -> Week:
    """The last complete ISO week in the configured time zone."""
    return last_complete_week(now or utcnow(), zone_of(settings))


def find_bulletin(session: Session, week: Week) -> Bulletin | None:
    return session.exec(select(Bulletin).where(Bulletin.week == str(week))).first()


def _check_languages(languages: Sequence[str]) -> None:
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise BulletinError(
            f"unknown bulletin language {', '.join(unknown) or '(none)'}",
            hint=f"use {' or '.join(LANGUAGES)}",
        )


def _reserve(engine: Engine, week: Week, intro: str | None, force: bool) -> Bulletin:
    """The week's row, created with the next issue number if new; the intro saved if given."""
    with session_scope(engine) as session:
        row = find_bulletin(session, week)
        if row is not None and row.status == "published" and not force:
            raise BulletinError(
                f"the bulletin of {week} (no. {row.number}) is published and frozen",
                hint="build it again with --force: that makes a new revision "
                "and keeps the published files",
            )
        if row is None:
            last = session.exec(select(func.max(Bulletin.number))).one()
            row = Bulletin(week=str(week), number=(last or 0) + 1)
        if intro is not None:
            row.intro = intro
        session.add(row)
        session.flush()
        return row


def _store(
    engine: Engine,
    row_id: int,
    contents: list[BulletinContent],
    rendered: list[Rendered],
    new_revision: bool,
) -> Bulletin:
    with session_scope(engine) as session:
        row = session.get(Bulletin, row_id)
        assert row is not None
        if new_revision:
            row.revision += 1
        row.summary = row.summary | {c.language: c.summary() for c in contents}
        names = [name for r in rendered for name in r.files]
        session.exec(
            delete(BulletinFile).where(
                col(BulletinFile.bulletin_id) == row_id,
                col(BulletinFile.revision) == row.revision,
                col(BulletinFile.name).in_(names),
            )
        )
        for r in rendered:
            for name, data in r.files.items():
                fmt = name.rpartition(".")[2]
                session.add(
                    BulletinFile(
                        bulletin_id=row_id,
                        revision=row.revision,
                        language=r.language,
                        format=fmt,
                        name=name,
                        size=len(data),
                        content=data,
                    )
                )
        row.built_at = utcnow()
        session.add(row)
        session.flush()
        return row


def _write(
    out_dir: Path, rendered: list[Rendered], keep_as: int | None
) -> tuple[list[Path], list[Path]]:
    """Write the files; with ``keep_as``, first rename existing ones to ``<stem>.r<keep_as>.<ext>``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for r in rendered:
        for name, data in r.files.items():
            path = out_dir / name
            if keep_as is not None and path.exists():
                old = path.with_name(f"{path.stem}.r{keep_as}{path.suffix}")
                path.replace(old)
                kept.append(old)
            path.write_bytes(data)
            written.append(path)
    return written, kept


def build_bulletin(
    engine: Engine,
    settings: Settings,
    week: Week,
    *,
    languages: Sequence[str] = ("vi",),
    out_dir: Path | None = None,
    intro: str | None = None,
    force: bool = False,
    env: jinja2.Environment | None = None,
) -> BuildReport:
    """Build (or rebuild) the bulletin of ``week`` in ``languages``; store it, write it to ``out_dir``.

    ``intro`` replaces the stored introduction (None keeps it). A published
    week needs ``force`` and gets a new revision.
    """
    _check_languages(languages)
    zone = zone_of(settings)
    row = _reserve(engine, week, intro, force)
    assert row.id is not None
    with Session(engine) as session:
        contents = [
            gather(session, week, language=lang, zone=zone, number=row.number, intro=row.intro)
            for lang in languages
        ]
    env = env or make_environment(settings)
    rendered = [render_all(env, content) for content in contents]
    published = row.status == "published"
    row = _store(engine, row.id, contents, rendered, new_revision=published)
    written: list[Path] = []
    kept: list[Path] = []
    if out_dir is not None:
        written, kept = _write(out_dir, rendered, row.revision - 1 if published else None)
    return BuildReport(
        week, row.number, row.status, row.revision, contents, rendered, written, kept
    )


def publish_bulletin(engine: Engine, week: Week, *, by: str) -> tuple[Bulletin, bool]:
    """Freeze the week's bulletin as published by ``by``; (row, whether it changed now).

    Publishing a published week changes nothing.
    """
    with session_scope(engine) as session:
        row = find_bulletin(session, week)
        if row is None:
            raise BulletinError(
                f"no bulletin has been built for {week}",
                hint=f"build it first: tbtalert bulletin build --week {week}",
            )
        if row.status == "published":
            return row, False
        row.status, row.published_by, row.published_at = "published", by, utcnow()
        session.add(row)
        return row, True


AUTOMATIC = "tbtalert (bulletin_autopublish)"


def weekly_bulletin(engine: Engine, settings: Settings, now: datetime | None = None) -> Bulletin:
    """The main job's step on ``weekly_day``: the last complete week's bulletin, built and stored.

    A draft (or a week not built yet) is built again in both languages with
    the latest data, keeping its introduction; a published week is left as
    it is. With ``bulletin_autopublish`` the draft is published at once.
    """
    week = default_week(settings, now)
    with Session(engine) as session:
        row = find_bulletin(session, week)
    if row is None or row.status != "published":
        build_bulletin(engine, settings, week, languages=LANGUAGES, out_dir=settings.bulletin_dir)
        if settings.bulletin_autopublish:
            publish_bulletin(engine, week, by=AUTOMATIC)
    with Session(engine) as session:
        found = find_bulletin(session, week)
        assert found is not None
        return found


@dataclass
class ArchiveEntry:
    """A bulletin and the names of its current files (the latest revision of each)."""

    bulletin: Bulletin
    files: list[BulletinFile]

    def file(self, language: str, fmt: str) -> BulletinFile | None:
        name = file_name(Week.parse(self.bulletin.week), language, fmt)
        return next((f for f in self.files if f.name == name), None)

    @property
    def languages(self) -> list[str]:
        return [lang for lang in LANGUAGES if any(f.language == lang for f in self.files)]


def _current_files(session: Session, bulletin_ids: list[int]) -> dict[int, list[BulletinFile]]:
    """Each bulletin's files, the latest revision of each name, without their content."""
    rows = session.exec(
        select(BulletinFile)
        .options(defer(BulletinFile.content))  # type: ignore[arg-type]
        .where(col(BulletinFile.bulletin_id).in_(bulletin_ids))
        .order_by(col(BulletinFile.revision).desc())
    ).all()
    found: dict[int, dict[str, BulletinFile]] = {}
    for f in rows:
        found.setdefault(f.bulletin_id, {}).setdefault(f.name, f)
    order = {fmt: i for i, fmt in enumerate(FORMATS)}
    return {
        bid: sorted(files.values(), key=lambda f: (f.language != "vi", order.get(f.format, 9)))
        for bid, files in found.items()
    }


def list_bulletins(engine: Engine, *, published_only: bool = False) -> list[ArchiveEntry]:
    """The archive, newest week first."""
    with Session(engine) as session:
        query = select(Bulletin).order_by(col(Bulletin.week).desc())
        if published_only:
            query = query.where(Bulletin.status == "published")
        rows = list(session.exec(query).all())
        files = _current_files(session, [r.id for r in rows if r.id is not None])
        return [ArchiveEntry(r, files.get(r.id or 0, [])) for r in rows]


def read_file(
    engine: Engine,
    week: Week,
    name: str,
    *,
    revision: int | None = None,
    published_only: bool = True,
) -> BulletinFile | None:
    """One stored file of a week's bulletin (its latest revision unless one is named), or None."""
    with Session(engine) as session:
        row = find_bulletin(session, week)
        if row is None or row.id is None or (published_only and row.status != "published"):
            return None
        query = select(BulletinFile).where(
            BulletinFile.bulletin_id == row.id, BulletinFile.name == name
        )
        if revision is not None:
            query = query.where(BulletinFile.revision == revision)
        return session.exec(query.order_by(col(BulletinFile.revision).desc())).first()
