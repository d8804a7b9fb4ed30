"""``tbtalert bulletin build|publish|list``: the weekly bulletin and its archive."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from tbtalert.bulletin.archive import (
    BuildReport,
    build_bulletin,
    default_week,
    list_bulletins,
    publish_bulletin,
)
from tbtalert.bulletin.mailing import send_bulletin_mail
from tbtalert.bulletin.render import LANGUAGES
from tbtalert.bulletin.weeks import Week
from tbtalert.cli.app import app, get_state
from tbtalert.errors import BulletinError

bulletin_app = typer.Typer(help="The weekly TBT bulletin: build, publish, list the archive.")
app.add_typer(bulletin_app, name="bulletin")

WeekOption = Annotated[
    str | None,
    typer.Option("--week", help="ISO week, e.g. 2026-W47 (default: the last complete week)."),
]


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(n // 1000, 1)} KB"


def _read_intro(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        raise BulletinError(
            f"cannot read the introduction {path}: {err}",
            hint="give a UTF-8 text file; a blank line separates paragraphs",
        ) from None


def _print_build(report: BuildReport) -> None:
    content = report.contents[0]
    in_sectors = content.figure("in_sectors").value
    typer.echo(
        f"bulletin {report.week} no. {report.number} ({report.status}, revision {report.revision}): "
        f"{len(content.items)} item(s), {in_sectors} in the province's sectors, "
        f"{len(content.sections)} sector section(s)"
    )
    paths = {path.name: path for path in report.written}
    for rendered in report.rendered:
        for name, data in rendered.files.items():
            detail = _size(len(data))
            if name.endswith(".pdf"):
                detail += f", {rendered.pages} page(s)"
            elif name.endswith(".csv"):
                detail += f", {len(content.items)} row(s)"
            typer.echo(f"  {paths.get(name, name)}  {detail}")
    for path in report.kept:
        typer.echo(f"  kept the earlier revision as {path}")
    if report.status == "draft":
        typer.echo(f"publish it with: tbtalert bulletin publish --week {report.week}")


@bulletin_app.command("build")
def build(
    ctx: typer.Context,
    week: WeekOption = None,
    language: Annotated[
        str, typer.Option("--language", help=f"Language: {' or '.join(LANGUAGES)}.")
    ] = "vi",
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the files (default: bulletin_dir).")
    ] = None,
    intro: Annotated[
        Path | None,
        typer.Option("--intro", help="Text file with the introduction (kept for rebuilds)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Rebuild a published week as a new revision (keeps the old)."),
    ] = False,
) -> None:
    """Build a week's bulletin: HTML, PDF and CSV, stored in the archive as a draft."""
    state = get_state(ctx)
    settings = state.settings()
    chosen = Week.parse(week) if week else default_week(settings)
    report = build_bulletin(
        state.engine(),
        settings,
        chosen,
        languages=(language,),
        out_dir=out or settings.bulletin_dir,
        intro=_read_intro(intro),
        force=force,
    )
    _print_build(report)


@bulletin_app.command("publish")
def publish(
    ctx: typer.Context,
    week: Annotated[str, typer.Option("--week", help="ISO week to publish, e.g. 2026-W47.")],
    by: Annotated[
        str | None, typer.Option("--by", help="Who publishes (default: your login name).")
    ] = None,
) -> None:
    """Publish (freeze) a week's bulletin: it appears at /bulletins and is mailed to subscribers."""
    state = get_state(ctx)
    row, changed = publish_bulletin(state.engine(), Week.parse(week), by=by or getpass.getuser())
    zone = ZoneInfo(state.settings().timezone)
    assert row.published_at is not None
    when = row.published_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    if changed:
        typer.echo(f"bulletin {row.week} no. {row.number} published by {row.published_by}")
        typer.echo(
            "the main job mails it within minutes to the subscribers who asked for it "
            "(now: tbtalert bulletin send)"
        )
    else:
        typer.echo(
            f"bulletin {row.week} no. {row.number} was already published "
            f"by {row.published_by} on {when}; nothing changed"
        )


@bulletin_app.command("send")
def send(ctx: typer.Context) -> None:
    """Mail published bulletins to the subscribers who asked for them, each once."""
    state = get_state(ctx)
    report = send_bulletin_mail(state.engine(), state.settings())
    typer.echo(
        f"bulletin mail: {report.queued} queued, {report.sent} sent, {report.deferred} deferred, "
        f"{report.failed} failed, {report.skipped} skipped"
    )


@bulletin_app.command("list")
def list_(ctx: typer.Context) -> None:
    """The archive: each week's number, status, who published it and its files."""
    state = get_state(ctx)
    zone = ZoneInfo(state.settings().timezone)
    entries = list_bulletins(state.engine())
    for entry in entries:
        row = entry.bulletin
        if row.published_at is not None:
            when = row.published_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
            status = f"published {when} by {row.published_by}"
        else:
            status = f"draft, built {row.built_at.astimezone(zone).strftime('%d/%m/%Y %H:%M')}"
        typer.echo(f"{row.week}  no. {row.number:<4} revision {row.revision}  {status}")
        typer.echo(f"    {', '.join(f.name for f in entry.files)}")
    typer.echo(f"{len(entries)} bulletin(s)")
