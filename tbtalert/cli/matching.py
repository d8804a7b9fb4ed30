"""Commands for sectors and tags: ``tag``, ``match``, ``sectors ...`` and ``tags ...``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from sqlmodel import Session, col, select

from tbtalert.cli.app import app, get_state
from tbtalert.db import session_scope
from tbtalert.decisions import Decision, add_official_tag, reject_tag
from tbtalert.errors import SymbolError, TagError, TbtAlertError
from tbtalert.matcher import Matcher
from tbtalert.models import Notification, Sector, Tag
from tbtalert.sectors import (
    database_taxonomy,
    dump_taxonomy,
    import_sectors,
    load_taxonomy,
    stored_sectors,
    taxonomy_path,
)
from tbtalert.symbols import normalize_symbol
from tbtalert.tags import match_notifications

sectors_app = typer.Typer(
    help="The sector taxonomy: list, export, import (YAML).", no_args_is_help=True
)
tags_app = typer.Typer(
    help="Officials' decisions on a notification's sectors.", no_args_is_help=True
)
app.add_typer(sectors_app, name="sectors")
app.add_typer(tags_app, name="tags")


class BadLines(TbtAlertError):
    """Some input lines of ``tbtalert tag`` were not JSON objects."""

    hint = "each line must be one JSON object with title, products, description, hs_codes..."


@app.command()
def tag(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="JSON lines file, or - for standard input.")] = "-",
    sectors: Annotated[
        Path | None,
        typer.Option("--sectors", help="Taxonomy YAML to use (default: the configured one)."),
    ] = None,
) -> None:
    """Tag JSON lines (nothing is stored): each line comes back with "sectors", "reasons" and "confidence".

    The taxonomy is --sectors when given, else the database's when it has
    one (with officials' edits), else the configured file.
    """
    settings = get_state(ctx).settings()
    taxonomy = load_taxonomy(sectors) if sectors else database_taxonomy(settings)
    matcher = Matcher.from_sectors(taxonomy or load_taxonomy(taxonomy_path(settings)))
    if path == "-":
        bad = _tag_lines(matcher, sys.stdin, sys.stdout)
    else:
        try:
            with open(path, encoding="utf-8") as lines:
                bad = _tag_lines(matcher, lines, sys.stdout)
        except OSError as err:
            raise BadLines(f"cannot read {path}: {err.strerror}", hint="check the path") from None
    if bad:
        raise BadLines(f"{len(bad)} bad line(s): " + "; ".join(bad[:5]))


def _tag_lines(matcher: Matcher, lines: TextIO, out: TextIO) -> list[str]:
    bad: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            item, problem = None, f"line {number}: not valid JSON ({err.msg} at column {err.colno})"
        else:
            problem = f"line {number}: not a JSON object"
        if not isinstance(item, dict):
            print(f"tbtalert: {problem}", file=sys.stderr)
            bad.append(problem)
            continue
        matches = matcher.tag(item)
        item["sectors"] = [m.sector_id for m in matches]
        item["reasons"] = {m.sector_id: m.reason for m in matches}
        item["confidence"] = {m.sector_id: m.confidence for m in matches}
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return bad


@app.command()
def match(
    ctx: typer.Context,
    all_: Annotated[
        bool, typer.Option("--all", help="Re-tag every notification, not only new or changed ones.")
    ] = False,
) -> None:
    """Tag stored notifications (officials' decisions are kept)."""
    state = get_state(ctx)
    summary = match_notifications(state.engine(), state.settings(), rematch_all=all_)
    typer.echo(f"matched {summary.notifications} notification(s): {summary.tags} automatic tag(s)")


@sectors_app.command("list")
def sectors_list(ctx: typer.Context) -> None:
    """Show the sectors in the database with the size of their rules."""
    with session_scope(get_state(ctx).engine()) as session:
        counts = _tag_counts(session)
        for spec in stored_sectors(session):
            words = sum(len(v) for v in (spec.get("keywords") or {}).values())
            typer.echo(
                f"{spec['id']:<24} {spec['name_vi']} / {spec['name_en']}  "
                f"[hs {len(spec.get('hs') or [])}, ics {len(spec.get('ics') or [])}, "
                f"keywords {words}, tagged {counts.get(spec['id'], 0)}]"
            )


def _tag_counts(session: Session) -> dict[str, int]:
    rows = session.exec(select(Tag.sector_id).where(Tag.status == "active")).all()
    counts: dict[str, int] = {}
    for sector_id in rows:
        counts[sector_id] = counts.get(sector_id, 0) + 1
    return counts


@sectors_app.command("export")
def sectors_export(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Write the database's taxonomy as YAML (edit it, then 'sectors import' it)."""
    with session_scope(get_state(ctx).engine()) as session:
        text = dump_taxonomy(stored_sectors(session))
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")


@sectors_app.command("import")
def sectors_import(
    ctx: typer.Context, path: Annotated[Path, typer.Argument(help="Taxonomy YAML file.")]
) -> None:
    """Check a taxonomy file and make it the database's; every notification is re-tagged at the next match."""
    sectors = load_taxonomy(path)
    with session_scope(get_state(ctx).engine()) as session:
        summary = import_sectors(session, sectors)
    removed = f", removed {', '.join(summary.removed)}" if summary.removed else ""
    typer.echo(f"imported {summary.sectors} sectors from {path} ({summary.new} new{removed})")
    typer.echo(f"{summary.requeued} notification(s) will be re-tagged by the next 'tbtalert match'")


def _notification(session: Session, symbol: str) -> Notification:
    try:
        key = normalize_symbol(symbol)
    except SymbolError:
        key = symbol.strip()
    found = session.exec(select(Notification).where(Notification.symbol == key)).first()
    if found is None:
        raise TagError(
            f"no stored notification {key!r}",
            hint="check the symbol; 'tbtalert fetch' or 'import' it first",
        )
    return found


@tags_app.command("add")
def tags_add(
    ctx: typer.Context,
    symbol: Annotated[str, typer.Argument(help="Notification symbol, e.g. G/TBT/N/USA/1436.")],
    sector: Annotated[str, typer.Argument(help="Sector id (see 'tbtalert sectors list').")],
    by: Annotated[str, typer.Option("--by", help="Your name, stored with the decision.")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why, shown to officials and in mail.")
    ] = "",
) -> None:
    """Add a sector to a notification; re-matching never removes it."""
    with session_scope(get_state(ctx).engine()) as session:
        notification = _notification(session, symbol)
        assert notification.id is not None
        done = add_official_tag(session, notification.id, sector, by=by, reason=reason)
        typer.echo(f"{notification.symbol}: {sector} added by {by}{_reached(done)}")


@tags_app.command("reject")
def tags_reject(
    ctx: typer.Context,
    symbol: Annotated[str, typer.Argument(help="Notification symbol.")],
    sector: Annotated[str, typer.Argument(help="Sector id to take off.")],
    by: Annotated[str, typer.Option("--by", help="Your name, stored with the decision.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the tag is wrong.")] = "",
) -> None:
    """Take a sector off a notification; re-matching never puts it back."""
    with session_scope(get_state(ctx).engine()) as session:
        notification = _notification(session, symbol)
        assert notification.id is not None
        done = reject_tag(session, notification.id, sector, by=by, reason=reason)
        typer.echo(f"{notification.symbol}: {sector} rejected by {by}{_reached(done)}")


def _reached(decision: Decision) -> str:
    """`` (and G/.../Add.1, ...)`` when the decision reached follow-ups."""
    return f" (and {', '.join(decision.follow_ups)})" if decision.follow_ups else ""


@tags_app.command("show")
def tags_show(
    ctx: typer.Context, symbol: Annotated[str, typer.Argument(help="Notification symbol.")]
) -> None:
    """Show a notification's sectors: each with its origin, status, reason and who decided."""
    with session_scope(get_state(ctx).engine()) as session:
        notification = _notification(session, symbol)
        names = {s.id: s.name_vi for s in session.exec(select(Sector)).all()}
        tags = session.exec(
            select(Tag).where(Tag.notification_id == notification.id).order_by(col(Tag.sector_id))
        ).all()
        typer.echo(f"{notification.symbol}  {notification.title[:100]}")
        if not tags:
            typer.echo(
                "  no sectors"
                + ("" if notification.matched_at else " (not matched yet: run 'tbtalert match')")
            )
        for t in tags:
            typer.echo(f"  {_tag_line(t, names)}")


def _tag_line(tag: Tag, names: dict[str, Any]) -> str:
    decided = f" — {tag.decided_by}, {tag.decided_at:%Y-%m-%d %H:%M} UTC" if tag.decided_at else ""
    return (
        f"{tag.sector_id:<22} {tag.status:<8} {tag.origin:<9} {tag.confidence:<6} "
        f"{tag.reason}{decided}  ({names.get(tag.sector_id, '?')})"
    )
