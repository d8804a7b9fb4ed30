"""``tbtalert subscribers ...``, ``send`` and ``remind``: who gets mail, and sending it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session, col, select

from tbtalert.cli.app import app, get_state
from tbtalert.db import session_scope
from tbtalert.errors import MailError, SubscriberFileError
from tbtalert.mail.runs import SendReport, send, send_reminders
from tbtalert.models import Subscriber
from tbtalert.subscribers import (
    add_subscriber,
    change_subscriber,
    prune_missing_files,
    remove_subscriber,
    sector_ids_of,
    sync_subscribers,
)

subscribers_app = typer.Typer(help="Load, list, add, change and remove subscribers.")
app.add_typer(subscribers_app, name="subscribers")


def _csv(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


def _named(path: Path, problem: str) -> str:
    """``path: problem``, unless the problem already starts with the path."""
    return problem if problem.startswith((str(path), str(path.resolve()))) else f"{path}: {problem}"


@subscribers_app.command("sync")
def sync(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A subscriber YAML file or a folder of them.")],
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="Also stop mail to entries whose file is gone from the folder."
        ),
    ] = False,
) -> None:
    """Load subscriber files; a bad file is rejected whole, with entry and reason.

    Exporters' own choices made on the web are kept; each difference with
    the file is listed as a conflict.
    """
    engine = get_state(ctx).engine()
    summaries = sync_subscribers(engine, path)
    rejected: list[str] = []
    for s in summaries:
        if s.status == "ok":
            typer.echo(
                f"{s.path}: {s.added} added, {s.changed} changed, "
                f"{s.removed} removed, {s.unchanged} unchanged"
                + (f", {len(s.conflicts)} conflict(s)" if s.conflicts else "")
            )
            for conflict in s.conflicts:
                typer.echo(f"  - {conflict}")
        elif len(s.errors) == 1:
            rejected.append(_named(s.path, s.errors[0]))
            typer.echo(f"{s.path}: REJECTED, nothing imported from this file: {s.errors[0]}")
        else:
            rejected.append(f"{_named(s.path, s.errors[0])} (and {len(s.errors) - 1} more)")
            typer.echo(f"{s.path}: REJECTED, nothing imported from this file:")
            for problem in s.errors:
                typer.echo(f"  - {problem}")
    if prune and path.is_dir():
        gone = prune_missing_files(engine, path)
        typer.echo(f"pruned: {len(gone)} subscriber(s) whose file is gone from {path}")
        for email in gone:
            typer.echo(f"  - {email}")
    if rejected:
        others = "; the others were loaded" if len(rejected) < len(summaries) else ""
        raise SubscriberFileError(
            f"{len(rejected)} of {len(summaries)} file(s) rejected{others}: "
            + "; ".join(r[:300] for r in rejected)
        )


@subscribers_app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[
        bool, typer.Option("--all", help="Also unsubscribed, bounced and removed.")
    ] = False,
) -> None:
    """List subscribers: address, status, language, frequency, sectors, markets."""
    with Session(get_state(ctx).engine()) as session:
        query = select(Subscriber).order_by(col(Subscriber.email))
        if not all_:
            query = query.where(col(Subscriber.status).in_(("active", "pending")))
        rows = session.exec(query).all()
        for row in rows:
            assert row.id is not None
            sectors = ",".join(sector_ids_of(session, row.id))
            markets = ",".join(row.markets) or "all markets"
            typer.echo(
                f"{row.email:<40} {row.status:<12} {row.language} {row.frequency:<9} "
                f"{sectors} [{markets}]"
            )
    typer.echo(f"{len(rows)} subscriber(s)")


SectorsOpt = Annotated[str | None, typer.Option(help="Sector ids, comma-separated.")]
MarketsOpt = Annotated[str | None, typer.Option(help="Member codes (EU,USA...); '' for all.")]
AreasOpt = Annotated[str | None, typer.Option(help="TBT,SPS,NAT; '' for all.")]
FrequencyOpt = Annotated[str | None, typer.Option(help="immediate, daily or weekly.")]
LanguageOpt = Annotated[str | None, typer.Option(help="vi or en.")]
BulletinOpt = Annotated[
    bool | None, typer.Option("--bulletin/--no-bulletin", help="Also the weekly TBT bulletin.")
]
AffectedFirstOpt = Annotated[
    bool | None,
    typer.Option(
        "--affected-first/--no-affected-first",
        help="List first what names affected_country (Viet Nam) as affected.",
    ),
]


@subscribers_app.command("add")
def add(
    ctx: typer.Context,
    email: str,
    sectors: SectorsOpt = None,
    name: Annotated[str | None, typer.Option()] = None,
    company: Annotated[str | None, typer.Option()] = None,
    language: LanguageOpt = None,
    markets: MarketsOpt = None,
    areas: AreasOpt = None,
    frequency: FrequencyOpt = None,
    heartbeat: Annotated[bool | None, typer.Option("--heartbeat/--no-heartbeat")] = None,
    bulletin: BulletinOpt = None,
    affected_first: AffectedFirstOpt = None,
) -> None:
    """Add one subscriber (active at once: an official vouches for the address)."""
    data = {
        "email": email,
        "sectors": _csv(sectors),
        "name": name,
        "company": company,
        "language": language,
        "markets": _csv(markets),
        "areas": _csv(areas),
        "frequency": frequency,
        "heartbeat": heartbeat,
        "bulletin": bulletin,
        "affected_first": affected_first,
    }
    with session_scope(get_state(ctx).engine()) as session:
        row = add_subscriber(session, data)
    typer.echo(f"added {row.email} ({row.frequency}, {row.language})")


@subscribers_app.command("change")
def change(
    ctx: typer.Context,
    email: str,
    sectors: SectorsOpt = None,
    name: Annotated[str | None, typer.Option()] = None,
    company: Annotated[str | None, typer.Option()] = None,
    language: LanguageOpt = None,
    markets: MarketsOpt = None,
    areas: AreasOpt = None,
    frequency: FrequencyOpt = None,
    heartbeat: Annotated[bool | None, typer.Option("--heartbeat/--no-heartbeat")] = None,
    bulletin: BulletinOpt = None,
    affected_first: AffectedFirstOpt = None,
) -> None:
    """Change some fields of a subscriber; the others stay as they are."""
    changes = {
        "sectors": _csv(sectors),
        "name": name,
        "company": company,
        "language": language,
        "markets": _csv(markets),
        "areas": _csv(areas),
        "frequency": frequency,
        "heartbeat": heartbeat,
        "bulletin": bulletin,
        "affected_first": affected_first,
    }
    with session_scope(get_state(ctx).engine()) as session:
        row = change_subscriber(session, email, changes)
    typer.echo(f"changed {row.email}")


@subscribers_app.command("remove")
def remove(ctx: typer.Context, email: str) -> None:
    """Stop mailing an address; its history is kept."""
    with session_scope(get_state(ctx).engine()) as session:
        row = remove_subscriber(session, email)
    typer.echo(f"removed {row.email} (status {row.status})")


def _print_report(report: SendReport) -> None:
    typer.echo(
        f"{report.frequency}: {report.queued} queued, {report.messages} message(s) sent "
        f"covering {report.sent} item(s), {report.deferred} deferred, {report.failed} failed "
        f"({report.bounced} address(es) bounced), {report.skipped} skipped"
        + (
            f", {report.recovered} message(s) recovered from an interrupted run"
            * bool(report.recovered)
        )
    )


@app.command("send")
def send_command(
    ctx: typer.Context,
    frequency: Annotated[str, typer.Option(help="immediate, daily or weekly.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print who would get what; send and record nothing.")
    ] = False,
) -> None:
    """Queue and send the mail due for subscribers of one frequency."""
    state = get_state(ctx)
    report = send(state.engine(), state.settings(), frequency, dry_run=dry_run)
    if not dry_run:
        _print_report(report)
        if report.failed or report.deferred:
            raise MailError(f"{report.failed + report.deferred} item(s) not delivered; see above")
        return
    for planned in report.planned:
        typer.echo(f"{planned.email}: {planned.subject}")
        for symbol in planned.symbols:
            typer.echo(f"    {symbol}")
    typer.echo(
        f"dry run: {report.messages} message(s) would be sent, "
        f"{report.queued} new item(s) would be queued; nothing sent or recorded"
    )


@app.command()
def remind(ctx: typer.Context) -> None:
    """Send deadline reminders for items still open for comment (once per item)."""
    state = get_state(ctx)
    report = send_reminders(state.engine(), state.settings())
    _print_report(report)
